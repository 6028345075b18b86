import { didYouMean, suggestion } from "../../src/engine/definition/didYouMean";

const STEPS = ["ask-age", "check-minor", "refer-senniaf", "closing", "closed"];

describe("didYouMean", () => {
  it.each([
    ["check-minr", "check-minor"], // a letter left out
    ["check-minnor", "check-minor"], // a letter too many
    ["check-mimor", "check-minor"], // a letter wrong
    ["ask-aeg", "ask-age"], // two letters swapped: the commonest typo
    ["uacs", "uasc"], // a swap in a short id
    ["closng", "closing"],
    ["refer-seniaf", "refer-senniaf"],
  ])("suggests %s → %s", (typo, meant) => {
    expect(didYouMean(typo, typo.length <= 4 ? ["uasc", "pep-window"] : STEPS)).toBe(meant);
  });

  it("suggests nothing when no candidate is close", () => {
    expect(didYouMean("welcome", STEPS)).toBeUndefined();
    expect(didYouMean("x", [])).toBeUndefined();
  });

  it("allows one edit per three letters, and at least one", () => {
    expect(didYouMean("ab", ["ax"])).toBe("ax");
    expect(didYouMean("ab", ["xy"])).toBeUndefined();
    // "closd" is one edit from both "closed" and "close…": the nearest wins, the first on a tie.
    expect(didYouMean("closd", STEPS)).toBe("closed");
    expect(didYouMean("abcdef", ["abcxyz"])).toBeUndefined();
    expect(didYouMean("abcdef", ["abcdxy"])).toBe("abcdxy");
  });

  it("returns an exact match (distance 0)", () => {
    expect(didYouMean("closing", STEPS)).toBe("closing");
  });

  it("formats a message suffix, or nothing", () => {
    expect(suggestion("closng", STEPS)).toBe(' Did you mean "closing"?');
    expect(suggestion("zzzzzz", STEPS)).toBe("");
  });
});
