import { loadLibrary, type SourceFile } from "../../../src/engine/index";
import { callersOf, checkCallers } from "../../../src/ui/editor/checks/callerChecks";
import { publishRefusals } from "../../../src/ui/editor/publish/publishRefusals";
import { readFixture } from "../../engine/readFixture";

/** The analysis fixtures, with a promise in the caller that the callee's children's route can break. */
function fixtureFiles(calleeChildAge = 18): SourceFile[] {
  return readFixture("analysis").map((file) => {
    if (file.path.endsWith("caller.sop.json")) {
      const sop = JSON.parse(file.text);
      sop.invariants = [
        {
          id: "adults-not-flagged-as-children",
          text: { es: "Un adulto no se marca como niño", en: "An adult is not flagged as a child" },
          when: "age >= 18",
          expect: [{ noFlag: "uasc" }],
        },
      ];
      return { ...file, text: JSON.stringify(sop) };
    }
    if (file.path.endsWith("callee.sop.json") && calleeChildAge !== 18) {
      const sop = JSON.parse(file.text);
      sop.steps["ask-age"].next[0].when = `age < ${calleeChildAge}`;
      return { ...file, text: JSON.stringify(sop) };
    }
    return file;
  });
}

const options = { locale: "en", budgetMs: 60_000, now: () => performance.now() };
const verdictOf = (library: ReturnType<typeof loadLibrary>) =>
  checkCallers(library, "callee", options)[0].check.verdicts.find(
    (v) => v.invariant === "adults-not-flagged-as-children",
  );

describe("the editor's check of the SOPs that run the edited one", () => {
  it("finds the SOPs that run a procedure, and none for an SOP no one runs", () => {
    const library = loadLibrary(fixtureFiles());
    expect(callersOf(library, "callee")).toEqual(["caller"]);
    expect(callersOf(library, "caller")).toEqual([]);
  });

  it("catches a procedure edit that keeps the procedure's own promises but breaks its caller's", () => {
    expect(verdictOf(loadLibrary(fixtureFiles()))?.status).toBe("proven");
    const edited = loadLibrary(fixtureFiles(19));
    // The callee's own promise (a child is referred) still holds: only the caller's check sees the 18-year-old.
    const [caller] = checkCallers(edited, "callee", options);
    const broken = caller.check.verdicts.find((v) => v.invariant === "adults-not-flagged-as-children");
    expect(broken?.status).toBe("violated");
    expect(broken?.counterexample?.actions[0]).toEqual({ step: "ask-age", answer: 18 });
    const refusals = publishRefusals({
      parsed: true,
      checking: false,
      issues: [],
      consequences: { scenarios: [], notes: [], callers: [caller] },
      consequencesCurrent: true,
      version: "1.1.0",
      published: "1.0.0",
      note: "Children up to 18",
    });
    expect(refusals).toContainEqual({ code: "caller-invariants-violated", count: 1 });
  });

  it("says when the time given ran out, leaving what is not settled unproven", () => {
    const [caller] = checkCallers(loadLibrary(fixtureFiles()), "callee", { ...options, budgetMs: -1 });
    expect(caller.stopped).toBe(true);
    expect(caller.check.verdicts.every((v) => v.status !== "violated")).toBe(true);
  });
});
