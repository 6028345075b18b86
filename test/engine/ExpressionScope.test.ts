import { celDuration, fromCelValue, toCelValue, wholeYears } from "../../src/engine/expression/ExpressionScope";
import { DURATION, TIMESTAMP } from "../../src/engine/expression/variables";
import { ExpressionScope, type VariableDeclaration } from "../../src/engine/index";

const declare = (name: string, type: VariableDeclaration["type"]): [string, VariableDeclaration] => [
  name,
  { name, type, step: `ask-${name}` },
];
const scope = new ExpressionScope(
  new Map([
    declare("age", "int"),
    declare("weeks", "double"),
    declare("alone", "bool"),
    declare("travelling_with", "string"),
    declare("needs", "list<string>"),
    declare("dob", TIMESTAMP),
    declare("since_incident", DURATION),
  ]),
);
const NOW = new Date("2024-03-01T08:00:00Z");
const builtIns = { now: NOW, flags: ["uasc"], referrals: ["senniaf"], outcome: "" };

describe("ExpressionScope.check", () => {
  it.each([
    ["age < 18", "bool"],
    ["weeks >= 28.0", "bool"],
    ["age", "int"],
    ["weeks", "double"],
    ["travelling_with", "string"],
    ["needs", "list<string>"],
    ["now - since_incident", TIMESTAMP],
    ["since_incident", DURATION],
    ["yearsBetween(dob, now)", "int"],
    ["hoursBetween(dob, now)", "double"],
    ["daysBetween(dob, now)", "double"],
    ['"uasc" in flags && size(referrals) > 0 && outcome == "referred"', "bool"],
  ])("types %s as %s", (expression, type) => {
    expect(scope.check(expression)).toEqual({ ok: true, type });
  });

  it("tells a syntax error from a type error", () => {
    expect(scope.check("age <")).toMatchObject({ ok: false, kind: "syntax" });
    expect(scope.check('age < "18"')).toMatchObject({
      ok: false,
      kind: "type",
      message: "no such overload: int < string",
    });
    expect(scope.check("alone + 1")).toMatchObject({ ok: false, kind: "type" });
  });

  it("names an unknown variable", () => {
    expect(scope.check("agee < 18")).toEqual({
      ok: false,
      kind: "type",
      message: "Unknown variable: agee",
      unknownVariable: "agee",
    });
  });

  it("requires the expected result type, in words policy staff use", () => {
    expect(scope.check("age", "bool")).toEqual({
      ok: false,
      kind: "type",
      message: "it gives a whole number where a yes/no is needed",
    });
    expect(scope.check("dob", TIMESTAMP)).toEqual({ ok: true, type: TIMESTAMP });
    expect(scope.check("since_incident", TIMESTAMP)).toMatchObject({
      ok: false,
      message: "it gives a duration where a moment in time is needed",
    });
  });

  it("refuses expressions too large to be a condition", () => {
    const huge = Array.from({ length: 1500 }, () => "age < 18").join(" && ");
    expect(scope.check(huge).ok).toBe(false);
  });
});

describe("ExpressionScope.evaluate and test", () => {
  const answered = {
    ...builtIns,
    age: 15n,
    weeks: 30.5,
    alone: true,
    travelling_with: "alone",
    needs: ["food"],
    dob: toCelValue(TIMESTAMP, "2010-03-01"),
    since_incident: toCelValue(DURATION, 36, 3600),
  };

  it("evaluates with CEL integers as BigInt", () => {
    expect(scope.evaluate("age", answered)).toBe(15n);
    expect(scope.test("age < 18 && alone", answered)).toBe(true);
    expect(scope.test('age < 18 && travelling_with == "alone"', answered)).toBe(true);
    expect(scope.test("weeks >= 28.0", answered)).toBe(true);
    // A plain JS number is not a CEL int: answers go through toCelValue first.
    expect(scope.test("age < 18", { ...answered, age: 15 })).toBe(false);
  });

  it("counts time back from now by a duration: now - since_incident", () => {
    const moment = scope.evaluate("now - since_incident", answered) as Date;
    expect(moment.toISOString()).toBe("2024-02-28T20:00:00.000Z");
    expect(scope.test('since_incident < duration("72h")', answered)).toBe(true);
    expect(scope.test('since_incident < duration("36h")', answered)).toBe(false);
    expect(scope.evaluate("hoursBetween(now - since_incident, now)", answered)).toBe(36);
  });

  it("reads flags and referrals as lists", () => {
    expect(scope.test('"uasc" in flags', answered)).toBe(true);
    expect(scope.test('"senniaf" in referrals && !("onpar" in referrals)', answered)).toBe(true);
  });

  it("treats a condition over an unanswered variable as not met, never throwing", () => {
    expect(scope.evaluate("age < 18", builtIns)).toBeUndefined();
    expect(scope.test("age < 18", builtIns)).toBe(false);
    expect(scope.test("!(age < 18)", builtIns)).toBe(false);
    expect(scope.test("alone || age < 18", { ...builtIns, alone: true })).toBe(true);
    expect(scope.test("not valid (((", builtIns)).toBe(false);
    expect(scope.test("1 / 0 == 1", builtIns)).toBe(false);
  });

  it("is true only for the boolean true", () => {
    expect(scope.test("age", answered)).toBe(false);
    expect(scope.test("travelling_with", answered)).toBe(false);
  });

  it("names the variables an expression mentions, not the words in its strings", () => {
    expect(scope.mentionedVariables('age < 18 && travelling_with == "age" && now > dob')).toEqual([
      "age",
      "travelling_with",
      "now",
      "dob",
    ]);
    expect(scope.mentionedVariables("'alone' in flags")).toEqual(["flags"]);
  });
});

describe("yearsBetween, hoursBetween, daysBetween", () => {
  const years = (from: string, to: string) =>
    scope.evaluate("yearsBetween(dob, now)", { ...builtIns, dob: new Date(from), now: new Date(to) });

  it("counts whole years as an age: a year more on the birthday, not the day before", () => {
    expect(years("2006-03-01", "2024-02-29T23:59:59Z")).toBe(17n);
    expect(years("2006-03-01", "2024-03-01T00:00:00Z")).toBe(18n);
    expect(years("2006-03-02", "2024-03-01T08:00:00Z")).toBe(17n);
    expect(years("2024-03-01", "2024-03-01T08:00:00Z")).toBe(0n);
  });

  it("counts a 29 February birthday as reached on 1 March in other years", () => {
    expect(years("2008-02-29", "2026-02-28T12:00:00Z")).toBe(17n);
    expect(years("2008-02-29", "2026-03-01T00:00:00Z")).toBe(18n);
    expect(years("2008-02-29", "2024-02-29T00:00:00Z")).toBe(16n);
    expect(wholeYears(new Date("2008-02-29"), new Date("2024-02-28"))).toBe(15);
  });

  it("gives a negative age for a date of birth in the future", () => {
    expect(years("2025-01-01", "2024-03-01T08:00:00Z")).toBe(-1n);
  });

  it("gives hours and days as doubles, across a leap day", () => {
    const between = (expression: string, from: string, to: string) =>
      scope.evaluate(expression, { ...builtIns, dob: new Date(from), now: new Date(to) });
    expect(between("hoursBetween(dob, now)", "2024-02-28T08:00:00Z", "2024-03-01T20:00:00Z")).toBe(60);
    expect(between("daysBetween(dob, now)", "2024-02-28T00:00:00Z", "2024-03-01T00:00:00Z")).toBe(2);
    expect(between("daysBetween(dob, now)", "2023-02-28T00:00:00Z", "2023-03-01T12:00:00Z")).toBe(1.5);
    expect(between("hoursBetween(dob, now)", "2024-03-01T10:00:00Z", "2024-03-01T08:30:00Z")).toBe(-1.5);
  });
});

describe("CEL values", () => {
  it("converts stored answers into CEL values of their declared type", () => {
    expect(toCelValue("int", 15)).toBe(15n);
    expect(toCelValue("int", 15.9)).toBe(15n);
    expect(toCelValue("double", 28)).toBe(28);
    expect(toCelValue(TIMESTAMP, "2024-03-01")).toEqual(new Date("2024-03-01T00:00:00Z"));
    expect(toCelValue("string", "alone")).toBe("alone");
    expect(toCelValue("list<string>", ["a"])).toEqual(["a"]);
    expect(fromCelValue(toCelValue(DURATION, 90, 60))).toBe("1.5h");
    expect(fromCelValue(toCelValue(DURATION, 2, 86_400))).toBe("48h");
  });

  it("converts CEL values back into plain JSON", () => {
    expect(fromCelValue(15n)).toBe(15);
    expect(fromCelValue(new Date("2024-03-01T00:00:00Z"))).toBe("2024-03-01T00:00:00.000Z");
    expect(fromCelValue(celDuration(36 * 3600))).toBe("36h");
    expect(fromCelValue(["a"])).toEqual(["a"]);
    expect(fromCelValue(true)).toBe(true);
  });

  it("makes durations that CEL compares and subtracts like its own", () => {
    const local = new ExpressionScope(new Map([declare("d", DURATION)]));
    const a = { ...builtIns, d: celDuration(90 * 60) };
    expect(local.test('d == duration("90m")', a)).toBe(true);
    expect(local.test('d > duration("1h") && d < duration("2h")', a)).toBe(true);
    expect((local.evaluate("now - d", a) as Date).toISOString()).toBe("2024-03-01T06:30:00.000Z");
  });
});
