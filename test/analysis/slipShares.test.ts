import {
  type CheckReport,
  checkSop,
  compileSop,
  describeExpectation,
  type Expectation,
  type Invariant,
  lintSop,
  replay,
  type SopDefinition,
  type Step,
} from "../../src/engine/index";
import { makeSop, step, t } from "../engine/sopBuilder";
import { compileWithFixtureCatalog, loadAnalysisFixtures } from "./analysisFixtures";

/** A referral step to the fixture's "support" service that shares `shares` on its slip. */
const refer = (shares: string[], next: string, extra: object = {}): Step =>
  ({
    kind: "referral",
    title: t("Refer to support"),
    service: "support",
    urgency: "routine",
    reason: t("Needs support"),
    ...(shares.length ? { shares } : {}),
    next,
    ...extra,
  }) as Step;

const SLIP: Expectation = { slip: "support", shares: ["weeks", "danger"] };
const invariant: Invariant = {
  id: "slip-carries",
  text: t("The slip carries weeks and danger signs"),
  expect: [SLIP],
};

/** Weeks and danger signs asked, then one of two referral steps to support, by the danger signs. */
function branching(routineShares: string[]): SopDefinition {
  return makeSop(
    "slip-branching",
    {
      "ask-weeks": step.number("weeks", "ask-danger"),
      "ask-danger": step.yesNo("danger", "route"),
      route: { kind: "decision", next: [{ when: "danger", to: "refer-urgent" }, { to: "refer-routine" }] },
      "refer-urgent": refer(["weeks", "danger"], "done", { urgency: "urgent" }),
      "refer-routine": refer(routineShares, "done"),
      done: step.end(),
    },
    { invariants: [invariant] },
  );
}

/** A first referral to support sharing `first`, then a second step to it sharing `second`. */
function twoSteps(first: string[], second: string[]): SopDefinition {
  return makeSop(
    "slip-two-steps",
    {
      "ask-weeks": step.number("weeks", "ask-danger"),
      "ask-danger": step.yesNo("danger", "first"),
      first: refer(first, "second"),
      second: refer(second, "done", { urgency: "urgent" }),
      done: step.end(),
    },
    { invariants: [invariant] },
  );
}

const status = (report: CheckReport) => report.verdicts.map((v) => `${v.invariant} ${v.status}`);

describe("a `slip` expectation: the slip of a referral made shares what the service needs", () => {
  it("is proven when every referral step to the service shares the answers", () => {
    const report = checkSop(compileWithFixtureCatalog(branching(["weeks", "danger"])));
    expect(report.complete).toBe(true);
    expect(status(report)).toEqual(["slip-carries proven"]);
  });

  it("is violated through the step that leaves an answer off, with a counterexample the runtime confirms", () => {
    const compiled = compileWithFixtureCatalog(branching(["weeks"]));
    const report = checkSop(compiled);
    const verdict = report.verdicts[0];
    expect(verdict.status).toBe("violated");
    const example = verdict.counterexample!;
    expect(example.expectation).toEqual(SLIP);
    expect(example.actions.map((a) => a.step)).toEqual(["ask-weeks", "ask-danger", "refer-routine"]);
    expect(example.actions.find((a) => a.step === "ask-danger")?.answer).toBe(false);
    expect(example.actions.find((a) => a.step === "refer-routine")?.answer).toBe(true);
    const { session, refused } = replay(compiled, example.actions);
    expect(refused).toBeUndefined();
    expect(session.finished).toBe(true);
    expect(session.context.violations.map((v) => v.invariant)).toEqual(["slip-carries"]);
  });

  it("holds at run time where no referral was made, and where the step that shares them made it", () => {
    const compiled = compileWithFixtureCatalog(branching(["weeks"]));
    const declined = replay(compiled, [
      { step: "ask-weeks", answer: 20 },
      { step: "ask-danger", answer: false },
      { step: "refer-routine", answer: false },
    ]);
    expect(declined.session.finished).toBe(true);
    expect(declined.session.context.violations).toEqual([]);
    const urgent = replay(compiled, [
      { step: "ask-weeks", answer: 30 },
      { step: "ask-danger", answer: true },
      { step: "refer-urgent", answer: true },
    ]);
    expect(urgent.session.finished).toBe(true);
    expect(urgent.session.context.violations).toEqual([]);
  });

  it("counts what merged into the referral: a later step's shares count unless the person does not add them", () => {
    // The second step shares them: after a yes to the first, "do not add" leaves the slip without them.
    const compiled = compileWithFixtureCatalog(twoSteps([], ["weeks", "danger"]));
    const report = checkSop(compiled);
    expect(status(report)).toEqual(["slip-carries violated"]);
    const actions = report.verdicts[0].counterexample!.actions;
    expect(actions.filter((a) => a.step === "first" || a.step === "second")).toEqual([
      { step: "first", answer: true },
      { step: "second", answer: false },
    ]);
    expect(replay(compiled, actions).session.context.violations.map((v) => v.invariant)).toEqual(["slip-carries"]);
    // A no to the first and a yes to the second: the second step's answers are on the slip.
    const added = replay(compiled, [
      { step: "ask-weeks", answer: 12 },
      { step: "ask-danger", answer: false },
      { step: "first", answer: false },
      { step: "second", answer: true },
    ]);
    expect(added.session.context.violations).toEqual([]);
    // The first step shares them: after a yes to it, whatever the second one does, the slip carries them.
    const first = compileWithFixtureCatalog(twoSteps(["weeks", "danger"], []));
    const madeFirst = replay(first, [
      { step: "ask-weeks", answer: 12 },
      { step: "ask-danger", answer: true },
      { step: "first", answer: true },
      { step: "second", answer: false },
    ]);
    expect(madeFirst.session.finished).toBe(true);
    expect(madeFirst.session.context.violations).toEqual([]);
  });

  it("never counts the shares of a step the person said no to, even when a later step makes the referral", () => {
    // The first step shares weeks and danger signs; the person says no to it, then yes to the second, which shares
    // nothing. The old merge kept the first step's answers and called the slip complete: they were refused.
    const compiled = compileWithFixtureCatalog(twoSteps(["weeks", "danger"], []));
    const report = checkSop(compiled);
    expect(report.complete).toBe(true);
    expect(status(report)).toEqual(["slip-carries violated"]);
    const actions = report.verdicts[0].counterexample!.actions;
    expect(actions.filter((a) => a.step === "first" || a.step === "second")).toEqual([
      { step: "first", answer: false },
      { step: "second", answer: true },
    ]);
    const { session, refused } = replay(compiled, actions);
    expect(refused).toBeUndefined();
    expect(session.finished).toBe(true);
    expect(session.context.violations.map((v) => v.invariant)).toEqual(["slip-carries"]);
    expect(session.context.referralByService.get("support")).toMatchObject({ status: "made", shares: [] });
    // Both steps share them: proven, a no to one and a yes to the other included.
    expect(status(checkSop(compileWithFixtureCatalog(twoSteps(["weeks", "danger"], ["weeks", "danger"]))))).toEqual([
      "slip-carries proven",
    ]);
    // Only the refused step's own answers drop: the second step's share stays, the first's does not come back.
    const partial = compileWithFixtureCatalog(twoSteps(["danger"], ["weeks"]));
    const verdict = checkSop(partial).verdicts[0];
    expect(verdict.status).toBe("violated");
    const again = replay(partial, verdict.counterexample!.actions);
    expect(again.session.context.violations.map((v) => v.invariant)).toEqual(["slip-carries"]);
    expect(again.session.context.referralByService.get("support")?.shares).not.toContainEqual({
      scope: "",
      variable: "danger",
    });
  });

  it("counts the shares of a mandatory notification made without consent, not those of one a flag forbids", () => {
    // A mandatory notification is made without asking: its answers go on the slip.
    const mandatory = (sop: SopDefinition) => {
      (sop.steps.first as Extract<Step, { kind: "referral" }>).requiresConsent = false;
      return sop;
    };
    const compiled = compileWithFixtureCatalog(mandatory(twoSteps(["weeks", "danger"], [])));
    expect(status(checkSop(compiled))).toEqual(["slip-carries proven"]);
    const noConsent = replay(compiled, [
      { step: "ask-weeks", answer: 12 },
      { step: "ask-danger", answer: true },
      { step: "first", answer: false },
      { step: "second", answer: true },
    ]);
    expect(noConsent.session.context.violations).toEqual([]);
    expect(noConsent.session.context.referralByService.get("support")?.shares).toHaveLength(2);

    // A standing instruction forbids notifying support without consent while the child is under 18: the notification
    // is forbidden, not made, and its answers stay off the slip of the referral made later with consent.
    const { library } = loadAnalysisFixtures();
    const flags = new Map(library.catalog.flags);
    flags.set("uasc", { ...flags.get("uasc")!, forbids: [{ service: "support", withoutConsent: true }] });
    const sop = mandatory(twoSteps(["weeks", "danger"], []));
    sop.steps["ask-danger"] = step.yesNo("danger", "mark");
    sop.steps.mark = {
      kind: "instruction",
      title: t("Mark"),
      effects: [{ raise: "uasc", when: "weeks < 18" }],
      next: "first",
    };
    const forbidding = compileSop(sop, { sops: library.sops, catalog: { ...library.catalog, flags } });
    const report = checkSop(forbidding);
    expect(status(report)).toEqual(["slip-carries violated"]);
    const actions = report.verdicts[0].counterexample!.actions;
    expect(Number(actions.find((a) => a.step === "ask-weeks")?.answer)).toBeLessThan(18);
    const forbidden = replay(forbidding, actions);
    expect(forbidden.refused).toBeUndefined();
    expect(forbidden.session.context.trace.filter((e) => e.kind === "referral").map((e) => e.status)).toEqual([
      "forbidden",
      "made",
    ]);
    expect(forbidden.session.context.violations.map((v) => v.invariant)).toEqual(["slip-carries"]);
  });

  it("checks that the slip states a standing instruction while its flag is raised, as the catalog allows", () => {
    const { library } = loadAnalysisFixtures();
    /** The fixture catalog, with "uasc" given a standing instruction that concerns `concerns`. */
    const compile = (concerns: string[] | undefined) => {
      const flags = new Map(library.catalog.flags);
      flags.set("uasc", {
        ...flags.get("uasc")!,
        instruction: t("Trace the family through the child-protection authority only"),
        ...(concerns ? { concerns } : {}),
      });
      const sop = makeSop(
        "slip-instruction",
        {
          "ask-weeks": step.number("weeks", "ask-danger"),
          "ask-danger": step.yesNo("danger", "mark", {}),
          mark: {
            kind: "instruction",
            title: t("Mark"),
            effects: [{ raise: "uasc", when: "weeks < 18" }],
            next: "refer",
          },
          refer: refer(["weeks", "danger"], "done"),
          done: step.end(),
        },
        {
          invariants: [
            { ...invariant, expect: [{ slip: "support", shares: ["weeks", "danger"], instructions: ["uasc"] }] },
          ],
        },
      );
      return compileSop(sop, { sops: library.sops, catalog: { ...library.catalog, flags } });
    };
    // Concerning every service: on the slip whenever raised.
    expect(status(checkSop(compile(undefined)))).toEqual(["slip-carries proven"]);
    // Concerning other kinds of service only: a slip to support, made with the flag raised, leaves it off.
    const other = compile(["health"]);
    const report = checkSop(other);
    expect(status(report)).toEqual(["slip-carries violated"]);
    const actions = report.verdicts[0].counterexample!.actions;
    expect(Number(actions.find((a) => a.step === "ask-weeks")?.answer)).toBeLessThan(18);
    expect(actions.find((a) => a.step === "refer")?.answer).toBe(true);
    expect(replay(other, actions).session.context.violations.map((v) => v.invariant)).toEqual(["slip-carries"]);
    // Not raised: nothing to state.
    const older = replay(other, [
      { step: "ask-weeks", answer: 30 },
      { step: "ask-danger", answer: false },
      { step: "mark" },
      { step: "refer", answer: true },
    ]);
    expect(older.session.finished).toBe(true);
    expect(older.session.context.violations).toEqual([]);
    expect(describeExpectation(other, { slip: "support", shares: ["weeks"], instructions: ["uasc"] }, "en")).toBe(
      'the slip for a referral made to Support sharing "weeks" and stating the instruction of "Unaccompanied child" while raised',
    );
  });

  it("words the expectation in both languages", () => {
    const compiled = compileWithFixtureCatalog(branching(["weeks"]));
    expect(describeExpectation(compiled, SLIP, "en")).toBe(
      'the slip for a referral made to Support sharing "weeks", "danger"',
    );
    expect(describeExpectation(compiled, SLIP, "es")).toBe(
      'que la hoja de derivación a Apoyo, si se hace, comparta "weeks", "danger"',
    );
  });

  it("is refused by lint, with a suggestion, for an unknown service or flag, or a variable no question declares", () => {
    const { library } = loadAnalysisFixtures();
    const sop = branching(["weeks", "danger"]);
    sop.invariants = [
      { ...invariant, expect: [{ slip: "suport", shares: ["weeks", "dangr"], instructions: ["uacs"] }] },
    ];
    const issues = lintSop(sop, library).filter((i) => i.severity === "error");
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["unknown-service", "/invariants/0/expect/0/slip"],
      ["unknown-flag", "/invariants/0/expect/0/instructions/0"],
      ["unknown-variable", "/invariants/0/expect/0/shares/1"],
    ]);
    expect(issues[0].message).toMatch(/"support"/);
    expect(issues[1].message).toMatch(/"uasc"/);
    expect(issues[2].message).toMatch(/expects the slip to share "dangr", which no question.*"danger"/);
  });

  it("merges nothing of a notification forbidden once the referral is made: not its urgency either", () => {
    // Support is notified (routine) before the flag is raised; the urgent notification after it is forbidden, so
    // the referral stays routine, at run time and in the check.
    const { library } = loadAnalysisFixtures();
    const flags = new Map(library.catalog.flags);
    flags.set("uasc", { ...flags.get("uasc")!, forbids: [{ service: "support" }] });
    const sop = makeSop(
      "forbidden-urgency",
      {
        "ask-weeks": step.number("weeks", "first"),
        first: refer([], "mark", { requiresConsent: false }),
        mark: {
          kind: "instruction",
          title: t("Mark"),
          effects: [{ raise: "uasc", when: "weeks < 18" }],
          next: "second",
        },
        second: refer([], "done", { requiresConsent: false, urgency: "immediate" }),
        done: step.end(),
      },
      {
        invariants: [
          {
            id: "immediate",
            text: t("Support is notified as immediate"),
            when: "weeks < 18",
            expect: [{ referral: "support", urgency: "immediate" }],
          },
        ],
      },
    );
    const compiled = compileSop(sop, { sops: library.sops, catalog: { ...library.catalog, flags } });
    const report = checkSop(compiled);
    expect(status(report)).toEqual(["immediate violated"]);
    const { session } = replay(compiled, report.verdicts[0].counterexample!.actions);
    expect(session.context.referralByService.get("support")).toMatchObject({ status: "made", urgency: "routine" });
    expect(session.context.violations.map((v) => v.invariant)).toEqual(["immediate"]);
  });
});

describe("the urgency of a referral made after a no", () => {
  /** An immediate step to support the person may decline, then a routine one. */
  const sop = (expect: Expectation): SopDefinition =>
    makeSop(
      "urgency-after-a-no",
      {
        "ask-danger": step.yesNo("danger", "first"),
        first: refer([], "second", { urgency: "immediate" }),
        second: refer([], "done"),
        done: step.end(),
      },
      { invariants: [{ id: "as-urgent", text: t("As urgent"), expect: [expect] }] },
    );

  it("is that of the steps that made it, in the check as at run time", () => {
    // Said no to the immediate step, yes to the routine one: the referral is routine.
    const immediate = sop({ referral: "support", urgency: "immediate" });
    const compiled = compileWithFixtureCatalog(immediate);
    const verdict = checkSop(compiled).verdicts[0];
    expect(verdict.status).toBe("violated");
    const actions = verdict.counterexample!.actions;
    expect(actions.find((a) => a.step === "first")?.answer).toBe(false);
    expect(replay(compiled, actions).session.context.referralByService.get("support")?.urgency).toBe("routine");
  });
});
