import { diffSops } from "../../src/engine/index";
import { analysisFixture, branchingV2 } from "./analysisFixtures";

describe("path-level diff between two versions", () => {
  it("describes who is treated differently, in a sentence a policy officer reads", () => {
    const result = diffSops(analysisFixture("branching"), branchingV2());
    expect(result.complete).toBe(true);
    expect(result.before).toBe("1.0.0");
    expect(result.after).toBe("1.1.0");
    expect(result.entries.map((e) => e.sentence)).toEqual([
      'Age: 16–17 years; Travelling with: Alone or Relative: before, outcome referred, referral to SENNIAF (immediate), flag "Unaccompanied child"; now, outcome closed/referred (and more, depending on later answers).',
    ]);
    expect(result.entries[0].changes).toEqual(["outcome", "referrals", "flags"]);
  });

  it("says the same in Spanish", () => {
    const result = diffSops(analysisFixture("branching"), branchingV2(), { locale: "es" });
    expect(result.entries.map((e) => e.sentence)).toEqual([
      'Edad: 16–17 años; Con quién viaja: Solo o Familiar: antes, resultado referred, derivación a SENNIAF (immediate), alerta "NNA no acompañado"; ahora, resultado closed/referred (y más, según respuestas posteriores).',
    ]);
  });

  it("finds no difference between a version and itself, or the other way round for the same people", () => {
    expect(diffSops(analysisFixture("branching"), analysisFixture("branching")).entries).toEqual([]);
    const back = diffSops(branchingV2(), analysisFixture("branching"));
    expect(back.entries.map((e) => e.sentence)).toEqual([
      'Age: 16–17 years; Travelling with: Alone or Relative: before, outcome closed/referred (and more, depending on later answers); now, outcome referred, referral to SENNIAF (immediate), flag "Unaccompanied child".',
    ]);
  });

  it("compares declines too when asked, and then more runs", () => {
    const accept = diffSops(analysisFixture("branching"), branchingV2());
    const declines = diffSops(analysisFixture("branching"), branchingV2(), { declines: true });
    expect(declines.compared).toBeGreaterThan(accept.compared);
    expect(declines.entries.map((e) => e.who.map((w) => w.text))).toContainEqual(["16–17 years", "Alone or Relative"]);
  });
});
