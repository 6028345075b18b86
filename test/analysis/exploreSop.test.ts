import { enumeratePaths, exploreSop, replayActions } from "../../src/engine/index";
import { analysisFixture } from "./analysisFixtures";

const pathsOf = (id: string) => {
  const exploration = exploreSop(analysisFixture(id));
  return { exploration, list: enumeratePaths(exploration) };
};

describe("path enumeration over the answer space", () => {
  it("splits each question's answers by what its conditions compare with, both sides of every threshold", () => {
    const { exploration } = pathsOf("branching");
    const age = exploration.spaces.space("branching", "age")!;
    expect(age.classes.map((c) => age.candidates[c.representative].json)).toEqual([17, 18]);
    const travelling = exploration.spaces.space("branching", "travelling_with")!;
    // Alone and relative are alike: every condition compares with "parent" only.
    expect(travelling.classes.map((c) => c.members.map((m) => travelling.candidates[m].json))).toEqual([
      ["alone", "relative"],
      ["parent"],
    ]);
  });

  it("finds the paths counted by hand in the fixture's notes (branching: 1 + 3)", () => {
    const { exploration, list } = pathsOf("branching");
    expect(exploration.complete).toBe(true);
    expect(list.total).toBe(4);
    expect(list.countExact).toBe(true);
    const ends = list.paths.map((p) => `${p.outcome}:${p.referrals.map((r) => `${r.service}/${r.status}`).join(",")}`);
    expect(ends.sort()).toEqual([
      "closed:",
      "referred:senniaf/made",
      "referred:support/declined",
      "referred:support/made",
    ]);
    const child = list.paths.find((p) => p.flags.includes("uasc"))!;
    expect(child.actions).toEqual([
      { step: "ask-age", answer: 17 },
      { step: "ask-with", answer: "alone" },
      { step: "refer-senniaf", answer: true },
    ]);
    // The three "asked about help" paths each stand for three kinds of person: child with parent, adult, adult.
    for (const p of list.paths.filter((p) => p.steps.includes("ask-help"))) expect(p.combinations).toBe(3);
  });

  it("counts the other fixtures' paths as their notes do", () => {
    expect(pathsOf("violations").list.total).toBe(7);
    expect(pathsOf("past-deadline").list.total).toBe(2);
    expect(pathsOf("callee").list.total).toBe(2);
    expect(pathsOf("caller").list.total).toBe(2);
    expect(pathsOf("parallel").list.total).toBe(3);
    expect(pathsOf("loop").list.total).toBe(2);
    expect(pathsOf("endless").list.total).toBe(0);
  });

  it("runs procedures inside the case: the caller's paths go through the callee's steps", () => {
    const { list } = pathsOf("caller");
    const adult = list.paths.find((p) => p.steps.includes("run-callee"))!;
    expect(adult.steps).toEqual([
      "ask-age",
      "run-callee",
      "run-callee/ask-age",
      "run-callee/adult",
      "run-callee/end-closed",
      "end-after",
    ]);
    // The age is passed in: the callee does not ask it again.
    expect(adult.actions.map((a) => a.step)).toEqual(["ask-age", "run-callee/adult"]);
  });

  it("works parallel tracks first waiting step first, and reports what the tracks produce", () => {
    const { list } = pathsOf("parallel");
    const injured = list.paths.filter((p) => p.flags.includes("medical"));
    expect(injured.map((p) => p.referrals.map((r) => r.status))).toEqual([["made"], ["declined"]]);
    expect(injured[0].actions[0]).toEqual({ step: "ask-injured", answer: true });
  });

  it("reports a loop once and lists the paths without going round it again", () => {
    const { exploration, list } = pathsOf("loop");
    expect(exploration.loops).toHaveLength(1);
    expect(list.paths.map((p) => p.actions.length)).toEqual([1, 3]);
  });

  it("says exactly what it left unexplored when the budget runs out, never silently less", () => {
    const exploration = exploreSop(analysisFixture("branching"), { budget: 3 });
    expect(exploration.complete).toBe(false);
    expect(exploration.unexplored.length).toBeGreaterThan(0);
    for (const u of exploration.unexplored) {
      const { session, refused } = replayActions(analysisFixture("branching"), u.actions);
      expect(refused).toBeUndefined();
      expect(session.activeSteps()).toContain(u.what.step);
    }
    const list = enumeratePaths(exploration);
    expect(list.paths.some((p) => p.status === "unexplored")).toBe(true);
  });

  it("lists at most the limit, and still counts every path", () => {
    const list = enumeratePaths(exploreSop(analysisFixture("branching")), { limit: 2 });
    expect(list.paths).toHaveLength(2);
    expect(list.truncated).toBe(true);
    expect(list.total).toBe(4);
  });
});
