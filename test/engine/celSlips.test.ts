import { findCelSlip } from "../../src/engine/definition/lint/celSlips";
import { ExpressionScope } from "../../src/engine/index";

const scope = new ExpressionScope(
  new Map([
    ["age", { name: "age", type: "int", step: "ask-age" }],
    ["alone", { name: "alone", type: "bool", step: "ask-alone" }],
    ["with", { name: "with", type: "string", step: "ask-with" }],
  ] as const),
);
const isValid = (expression: string) => {
  const result = scope.check(expression);
  return result.ok && result.type === "bool";
};

describe("slips in a CEL condition", () => {
  it.each([
    ["age >= 18 AND alone", "and", "age >= 18 && alone"],
    ["age < 18 and alone", "and", "age < 18 && alone"],
    ["alone OR age < 18", "or", "alone || age < 18"],
    ["NOT alone", "not", "!alone"],
    ["age = 18", "single-equals", "age == 18"],
    ["age <> 18", "not-equals", "age != 18"],
    ["with == \u201calone\u201d", "curly-quote", 'with == "alone"'],
    ['age < "18"', "number-in-quotes", "age < 18"],
    ['"18" > age', "number-in-quotes", "18 > age"],
    ['age = "18" AND with = "alone"', "and", 'age == 18 && with == "alone"'],
  ])("%s is a slip (%s) for %s", (written, slip, meant) => {
    expect(findCelSlip(written, isValid)).toEqual({ slip, written: meant });
  });

  it("leaves the text inside quotes alone", () => {
    expect(findCelSlip('with == "A AND B" AND alone', () => true)).toEqual({
      slip: "and",
      written: 'with == "A AND B" && alone',
    });
  });

  it("offers nothing when the rewritten condition would still be wrong, or there is no slip", () => {
    expect(findCelSlip("agee = 18", isValid)).toBeUndefined();
    expect(findCelSlip("age <", isValid)).toBeUndefined();
    expect(findCelSlip("age < 18", isValid)).toBeUndefined();
  });
});
