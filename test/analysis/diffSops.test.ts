import { diffSops } from "../../src/engine/index";
import { analysisFixture, branchingV2 } from "./analysisFixtures";

describe("diff between two versions, kind of person by kind of person", () => {
  it("describes who is treated differently, in sentences a policy officer reads", () => {
    const result = diffSops(analysisFixture("branching"), branchingV2());
    expect(result.complete).toBe(true);
    expect(result.before).toBe("1.0.0");
    expect(result.after).toBe("1.1.0");
    expect(result.entries.map((e) => e.sentence)).toEqual([
      "Age: 16–17 years; Travelling with: Alone or Relative; Help: no: before, outcome referred; now, outcome closed.",
      "Age: 16–17 years; Travelling with: Alone or Relative; Help: yes: before, none; now, referral to Support (routine).",
      'Age: 16–17 years; Travelling with: Alone or Relative: before, flag "Unaccompanied child", referral to SENNIAF (immediate); now, none.',
    ]);
    expect(result.entries[2].changes).toEqual(["flag uasc", "referral senniaf"]);
  });

  it("says the same in Spanish", () => {
    const result = diffSops(analysisFixture("branching"), branchingV2(), { locale: "es" });
    expect(result.entries.at(-1)?.sentence).toBe(
      'Edad: 16–17 años; Con quién viaja: Solo o Familiar: antes, alerta "NNA no acompañado", derivación a SENNIAF (immediate); ahora, nada de eso.',
    );
  });

  it("finds no difference between a version and itself, and the mirror image the other way round", () => {
    expect(diffSops(analysisFixture("branching"), analysisFixture("branching")).entries).toEqual([]);
    const back = diffSops(branchingV2(), analysisFixture("branching"));
    expect(back.entries.at(-1)?.sentence).toBe(
      'Age: 16–17 years; Travelling with: Alone or Relative: before, none; now, flag "Unaccompanied child", referral to SENNIAF (immediate).',
    );
  });

  it("compares people who decline referrals too when asked", () => {
    const declines = diffSops(analysisFixture("branching"), branchingV2(), { declines: true });
    expect(declines.complete).toBe(true);
    expect(
      declines.entries.some((e) => e.who.some((w) => w.text === "declines the referral" || /Help/.test(w.title))),
    ).toBe(true);
  });
});
