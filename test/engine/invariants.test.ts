import { compileSop, lintSop, type SopDefinition, viewCase } from "../../src/engine/index";
import { at, CaseDriver } from "./caseDriver";
import { loadTestLibrary } from "./readFixture";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

const { catalog } = loadTestLibrary().library;

const promises = makeSop(
  "promises",
  {
    refer: step.yesNo("refer", [{ when: "refer", to: "ref" }, { to: "after" }]),
    ref: {
      kind: "referral",
      title: t("Refer"),
      service: "senniaf",
      urgency: "urgent",
      reason: t("Because"),
      next: "after",
    },
    after: { kind: "instruction", title: t("After"), effects: [{ raise: "uasc", when: "refer" }], next: "done" },
    done: step.end("closed"),
  },
  {
    invariants: [
      {
        id: "referred",
        text: t("Referred"),
        when: "refer",
        expect: [
          { referral: "senniaf" },
          { offered: "senniaf" },
          { flag: "uasc" },
          { visits: "ref" },
          { outcome: ["closed"] },
          { holds: '"uasc" in flags && size(referrals) > 0' },
        ],
      },
      {
        id: "left-alone",
        text: t("Left alone"),
        when: "!refer",
        expect: [{ noReferral: "senniaf" }, { noFlag: "uasc" }, { avoids: "ref" }],
      },
    ],
  },
);

function run(sop: SopDefinition, others: SopDefinition[], play: (d: CaseDriver) => void) {
  const library = makeLibrary([...others, sop], catalog);
  expect(lintSop(sop, library)).toEqual([]);
  const d = new CaseDriver(compileSop(sop, library));
  play(d);
  return viewCase(d.session, new Date(at(60)));
}

describe("invariants, checked when a procedure ends", () => {
  it("hold on a path that keeps every promise", () => {
    const view = run(promises, [], (d) => {
      d.answer("refer", true);
      d.refer("ref", true);
      d.ack("after");
    });
    expect(view).toMatchObject({ status: "pending", violations: [] });
  });

  it("name each expectation a path breaks, and only those", () => {
    const view = run(promises, [], (d) => {
      d.answer("refer", true);
      d.refer("ref", false);
      d.ack("after");
    });
    // Declined: offered, but not referred.
    expect(view.violations.map((v) => [v.invariant, v.expectation])).toEqual([
      ["referred", { referral: "senniaf" }],
      ["referred", { holds: '"uasc" in flags && size(referrals) > 0' }],
    ]);
  });

  it("are skipped when their condition does not hold", () => {
    const view = run(promises, [], (d) => {
      d.answer("refer", false);
      d.ack("after");
    });
    expect(view.violations).toEqual([]);
  });

  it("count absent flags and referrals only for what the procedure itself did", () => {
    const callee = makeSop(
      "callee",
      {
        raise: step.yesNo("raise", "done", { effects: [{ raise: "uasc", when: "raise" }] }),
        done: step.end(),
      },
      { invariants: [{ id: "no-uasc", text: t("No flag"), expect: [{ noFlag: "uasc" }] }] },
    );
    const caller = makeSop("caller", {
      first: step.yesNo("flag", "run", { level: "restricted", effects: [{ raise: "uasc", when: "flag" }] }),
      run: { kind: "procedure", title: t("Run"), sop: "callee", next: "done" },
      done: step.end(),
    });
    const callerRaised = run(caller, [callee], (d) => {
      d.answer("first", true);
      d.answer("run/raise", false);
    });
    expect(callerRaised.violations).toEqual([]);
    const calleeRaised = run(caller, [callee], (d) => {
      d.answer("first", false);
      d.answer("run/raise", true);
    });
    expect(calleeRaised.violations).toEqual([
      expect.objectContaining({ scope: "run", sop: "callee", invariant: "no-uasc", expectation: { noFlag: "uasc" } }),
    ]);
  });

  it("check what a slip shares by the answers of the procedure that made the referral", () => {
    const referral = (shares: string[]) => ({
      kind: "referral" as const,
      title: t("Refer"),
      service: "senniaf",
      urgency: "urgent" as const,
      reason: t("Because"),
      shares,
      next: "done",
    });
    const callee = (shares: string[]) =>
      makeSop(
        "callee",
        {
          weeks: step.number("weeks", [{ when: "weeks > 0", to: "ref" }, { to: "done" }]),
          ref: referral(shares),
          done: step.end(),
        },
        { invariants: [{ id: "slip", text: t("Slip"), expect: [{ slip: "senniaf", shares: ["weeks"] }] }] },
      );
    const caller = makeSop("caller", {
      weeks: step.number("weeks", "ref", { level: "restricted" }),
      ref: { ...referral(["weeks"]), next: "run" },
      run: { kind: "procedure", title: t("Run"), sop: "callee", next: "done" },
      done: step.end(),
    });
    const play = (calleeShares: string[], calleeWeeks: number) =>
      run(caller, [callee(calleeShares)], (d) => {
        d.answer("weeks", 10);
        d.refer("ref", true);
        d.answer("run/weeks", calleeWeeks);
        if (calleeWeeks > 0) d.refer("run/ref", true);
      }).violations;
    // The caller made the referral and the procedure did not: the procedure's promise has nothing to check.
    expect(play([], 0)).toEqual([]);
    // The procedure added its reason and its own answer: kept.
    expect(play(["weeks"], 4)).toEqual([]);
    // The procedure added its reason without its answer: the caller's "weeks" is another answer, so it is broken.
    expect(play([], 4)).toEqual([
      expect.objectContaining({ scope: "run", invariant: "slip", expectation: { slip: "senniaf", shares: ["weeks"] } }),
    ]);
  });
});
