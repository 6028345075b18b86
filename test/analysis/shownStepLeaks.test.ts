import { findShownStepLeaks } from "../../src/engine/analysis/checks/findShownStepLeaks";
import { modelSop, type SopDefinition } from "../../src/engine/index";
import { makeSop, step, t } from "../engine/sopBuilder";
import { compileWithFixtureCatalog } from "./analysisFixtures";

// The prototype of a surface leak over the history of steps shown (issue 9): not part of `senda check` yet.
describe("a step shown in the history that tells a more sensitive answer (prototype)", () => {
  const build = (separateLevel?: "confidential"): SopDefinition =>
    makeSop("control", {
      "observe-control": {
        ...step.yesNo("controlled", "done", { level: "confidential" }),
        next: [{ when: "controlled", to: "separate-person" }, { to: "ask-address" }],
      } as SopDefinition["steps"][string],
      "separate-person": {
        kind: "instruction",
        title: t("Talk with the person alone"),
        ...(separateLevel ? { level: separateLevel } : {}),
        next: "ask-address",
      },
      "ask-address": step.yesNo("has_address", "done"),
      done: step.end(),
    });

  it("reports a step only the confidential answer leads to, when it is left below that answer's level", () => {
    const issues = findShownStepLeaks(modelSop(compileWithFixtureCatalog(build()), { purpose: "check" }));
    expect(issues.map((i) => `${i.kind} ${i.step}`)).toEqual(["surface-leak separate-person"]);
    expect(issues[0].message).toMatch(/only some answers to "observe-control" \(confidential\)/);
    expect(issues[0].actions).toEqual([{ step: "observe-control", answer: true }]);
  });

  it("says nothing once the step has that level, nor of a step every answer reaches", () => {
    const compiled = compileWithFixtureCatalog(build("confidential"));
    expect(findShownStepLeaks(modelSop(compiled, { purpose: "check" }))).toEqual([]);
  });

  it("leaves out a step that paths without the question reach too, unless asked to keep it", () => {
    const sop = build();
    const steps = {
      "ask-companion": {
        ...step.yesNo("has_companion", "done"),
        next: [{ when: "has_companion", to: "observe-control" }, { to: "separate-person" }],
      } as SopDefinition["steps"][string],
      ...sop.steps,
    };
    const model = modelSop(compileWithFixtureCatalog({ ...sop, start: "ask-companion", steps }), { purpose: "check" });
    expect(findShownStepLeaks(model)).toEqual([]);
    const all = findShownStepLeaks(model, undefined, "en", undefined, undefined, false);
    expect(all.map((i) => i.step)).toEqual(["separate-person"]);
  });
});
