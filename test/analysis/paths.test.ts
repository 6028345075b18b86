import { answerSpacesOf, enumeratePaths, modelSop, replay } from "../../src/engine/index";
import { analysisFixture } from "./analysisFixtures";

const pathsOf = (id: string, limit?: number) =>
  enumeratePaths(modelSop(analysisFixture(id), { purpose: "results" }), { limit });

describe("paths over the answer space", () => {
  it("splits each question's answers by what its conditions compare with, both sides of every threshold", () => {
    const spaces = answerSpacesOf(analysisFixture("branching"));
    const age = spaces.space("branching", "age")!;
    expect(age.classes.map((c) => age.candidates[c.representative].json)).toEqual([17, 18]);
    const travelling = spaces.space("branching", "travelling_with")!;
    // Alone and relative are alike: every condition compares with "parent" only.
    expect(travelling.classes.map((c) => c.members.map((m) => travelling.candidates[m].json))).toEqual([
      ["alone", "relative"],
      ["parent"],
    ]);
  });

  it("finds the paths counted by hand in the fixture's notes (branching: 1 + 3)", () => {
    const list = pathsOf("branching");
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
  });

  it("counts the other fixtures' paths: distinct steps, routes and results (which invariants break is check's job)", () => {
    expect(pathsOf("violations").total).toBe(3);
    expect(pathsOf("past-deadline").total).toBe(2);
    expect(pathsOf("callee").total).toBe(2);
    expect(pathsOf("caller").total).toBe(2);
    expect(pathsOf("parallel").total).toBe(3);
    expect(pathsOf("loop").total).toBe(2);
    expect(pathsOf("endless").total).toBe(0);
  });

  it("runs procedures inside the case: the caller's paths go through the callee's steps", () => {
    const adult = pathsOf("caller").paths.find((p) => p.steps.includes("run-callee"))!;
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

  it("works parallel tracks one after another, and reports what the tracks produce", () => {
    const injured = pathsOf("parallel").paths.filter((p) => p.flags.includes("medical"));
    expect(injured.map((p) => p.referrals.map((r) => r.status)).sort()).toEqual([["declined"], ["made"]]);
    expect(injured[0].actions[0]).toEqual({ step: "ask-injured", answer: true });
  });

  it("lists a loop's paths going round it once, and a case that never ends as no path", () => {
    expect(
      pathsOf("loop")
        .paths.map((p) => p.actions.length)
        .sort(),
    ).toEqual([1, 3]);
  });

  it("lists at most the limit, still counts every path, and every path listed plays as a case", () => {
    const list = pathsOf("branching", 2);
    expect(list.paths).toHaveLength(2);
    expect(list.truncated).toBe(true);
    expect(list.total).toBe(4);
    for (const path of list.paths) {
      const { session, refused } = replay(analysisFixture("branching"), path.actions);
      expect(refused).toBeUndefined();
      expect(session.finished).toBe(true);
    }
  });
});
