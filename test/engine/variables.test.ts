import { celTypeOf, DURATION, describeType, TIMESTAMP } from "../../src/engine/expression/variables";
import { declaredVariables } from "../../src/engine/index";
import { makeSop, step, t } from "./sopBuilder";

describe("declaredVariables", () => {
  it("collects each question's and named checklist's variable with its CEL type, in step order", () => {
    const sop = makeSop("s", {
      age: step.number("age", "docs"),
      docs: {
        kind: "checklist",
        title: t("Docs"),
        variable: "docs",
        items: [{ id: "passport", text: t("Passport") }],
        next: "plain",
      },
      plain: { kind: "checklist", title: t("Plain"), items: [{ id: "x", text: t("X") }], next: "alone" },
      alone: step.yesNo("alone", "done"),
      done: step.end(),
    });
    const { variables, conflicts } = declaredVariables(sop);
    expect([...variables.values()].map((v) => [v.name, v.type, v.step])).toEqual([
      ["age", "int", "age"],
      ["docs", "list<string>", "docs"],
      ["alone", "bool", "alone"],
    ]);
    expect(conflicts).toEqual([]);
  });

  it("keeps the first declaration of a name and returns the others as conflicts", () => {
    const sop = makeSop("s", { a: step.number("x", "b"), b: step.yesNo("x", "done"), done: step.end() });
    const { variables, conflicts } = declaredVariables(sop);
    expect(variables.get("x")).toMatchObject({ step: "a", type: "int" });
    expect(conflicts).toEqual([expect.objectContaining({ name: "x", step: "b", type: "bool" })]);
  });
});

describe("celTypeOf and describeType", () => {
  it.each([
    [{ type: "yes-no" }, "bool", "yes/no"],
    [{ type: "consent", covers: ["gbv"] }, "bool", "yes/no"],
    [{ type: "one-of", options: [] }, "string", "text"],
    [{ type: "text" }, "string", "text"],
    [{ type: "several-of", options: [] }, "list<string>", "list of texts"],
    [{ type: "number" }, "int", "whole number"],
    [{ type: "number", integer: false }, "double", "number"],
    [{ type: "date" }, TIMESTAMP, "moment in time"],
    [{ type: "datetime" }, TIMESTAMP, "moment in time"],
    [{ type: "duration", unit: "hours" }, DURATION, "duration"],
  ] as const)("gives %j the CEL type %s (a %s)", (answer, type, words) => {
    expect(celTypeOf(answer as never)).toBe(type);
    expect(describeType(type)).toBe(words);
  });

  it("leaves an unknown type as it is", () => {
    expect(describeType("map<string, int>")).toBe("map<string, int>");
  });
});
