import { buildSlip, compileSop, type SopDefinition } from "../../src/engine/index";
import { at, CaseDriver } from "./caseDriver";
import { makeLibrary, makeSop, step, supportCatalog, t } from "./sopBuilder";

const catalog = supportCatalog;

/**
 * A question on danger, a referral to support that shares it and the household, then the age and a second referral
 * step to support that shares the age only.
 */
function twoSteps(): SopDefinition {
  return makeSop("declined-shares", {
    "ask-danger": step.yesNo("danger", "first"),
    first: {
      kind: "referral",
      title: t("Refer to support"),
      service: "support",
      urgency: "routine",
      reason: t("In danger"),
      shares: ["danger"],
      sharesHousehold: true,
      next: "ask-age",
    },
    "ask-age": step.number("age", "second"),
    second: {
      kind: "referral",
      title: t("Support by age"),
      service: "support",
      urgency: "urgent",
      reason: t("Age"),
      shares: ["age"],
      next: "done",
    },
    done: step.end(),
  });
}

const compiled = compileSop(twoSteps(), makeLibrary([twoSteps()], catalog()));
const household = [{ relation: "partner", age: 30 }, { self: true }];

/** Danger yes, the first step decided by `first`, age 40, a yes to the second step. */
function run(first: { consent: boolean; notNeeded?: string }) {
  const d = new CaseDriver(compiled);
  d.answer("ask-danger", true);
  d.send({ type: "REFERRED", step: "first", ...first });
  d.answer("ask-age", 40);
  d.refer("second", true);
  return d;
}

const slipOf = (d: CaseDriver) => buildSlip(d.session, "support", new Date(at(d.minute)), household)!;
const shared = (d: CaseDriver) => slipOf(d).answers.map((a) => [a.step, a.value]);

describe("a slip carries only what steps whose referral was made share", () => {
  it("leaves off the answers and household of a step the person said no to, when a later step makes the referral", () => {
    const d = run({ consent: false });
    const record = d.session.context.referralByService.get("support")!;
    expect(record).toMatchObject({ status: "made", shares: [{ scope: "", variable: "age" }], sharesHousehold: false });
    const slip = slipOf(d);
    expect(shared(d)).toEqual([["ask-age", 40]]);
    expect(slip.household).toBeUndefined();
    // Both reasons stay: the officer still sees why it was first offered.
    expect(record.reasons.map((r) => r.step)).toEqual(["first", "second"]);
  });

  it("leaves them off after a 'not needed' too", () => {
    const d = run({ consent: false, notNeeded: "A relative came to help." });
    expect(shared(d)).toEqual([["ask-age", 40]]);
    expect(slipOf(d).household).toBeUndefined();
  });

  it("carries both steps' answers and the household when the person agreed to both", () => {
    const d = run({ consent: true });
    expect(shared(d)).toEqual([
      ["ask-danger", true],
      ["ask-age", 40],
    ]);
    expect(slipOf(d).household).toEqual(household);
  });

  it("follows a correction of the consent: a no corrected to a yes before the hand-over puts the answer on", () => {
    const d = run({ consent: false });
    expect(d.correct("first", true)).toMatchObject({ ok: true });
    expect(shared(d)).toEqual([
      ["ask-danger", true],
      ["ask-age", 40],
    ]);
    // And back to a no: off again.
    expect(d.correct("first", false)).toMatchObject({ ok: true });
    expect(shared(d)).toEqual([["ask-age", 40]]);
  });

  it("shows the corrected answer of a step the person agreed to, corrected before the hand-over", () => {
    const d = run({ consent: true });
    expect(d.correct("ask-danger", false)).toMatchObject({ ok: true });
    expect(shared(d)).toEqual([
      ["ask-danger", false],
      ["ask-age", 40],
    ]);
  });

  it("keeps what was handed over when a correction turns the yes into a no afterwards", () => {
    const d = run({ consent: true });
    expect(d.send({ type: "REFERRAL_UPDATED", service: "support", status: "handed-over" })).toMatchObject({
      ok: true,
    });
    expect(d.correct("first", false)).toMatchObject({ ok: true });
    // The slip handed over carried the answer: the record of what was passed on keeps it.
    const record = d.session.context.referralByService.get("support")!;
    expect(record.shares).toContainEqual({ scope: "", variable: "danger" });
    expect(record.sharesHousehold).toBe(true);
    expect(shared(d)).toContainEqual(["ask-danger", true]);
  });
});

describe("a slip says nothing of a step the person said no to", () => {
  /** The first step (immediate) is declined, the second (routine) made. */
  function urgentThenRoutine(firstConsent: boolean) {
    const sop = twoSteps();
    (sop.steps.first as { urgency: string }).urgency = "immediate";
    (sop.steps.second as { urgency: string }).urgency = "routine";
    const d = new CaseDriver(compileSop(sop, makeLibrary([sop], catalog())));
    d.answer("ask-danger", true);
    d.refer("first", firstConsent);
    d.answer("ask-age", 40);
    d.refer("second", true);
    return d;
  }

  it("not its reason, nor its urgency: the service is asked to act for the reason agreed, as fast as that asks", () => {
    const d = urgentThenRoutine(false);
    const record = d.session.context.referralByService.get("support")!;
    expect(record.status).toBe("made");
    expect(record.urgency).toBe("routine");
    const slip = slipOf(d);
    expect(slip.reasons.map((r) => r.text.en)).toEqual(["Age"]);
    // The officers still see both, and which one the person said no to.
    expect(record.reasons.map((r) => [r.step, r.notMade ?? false])).toEqual([
      ["first", true],
      ["second", false],
    ]);
  });

  it("while both reasons and the most urgent go on the slip when both steps made it", () => {
    const d = urgentThenRoutine(true);
    expect(d.session.context.referralByService.get("support")!.urgency).toBe("immediate");
    expect(slipOf(d).reasons.map((r) => r.text.en)).toEqual(["In danger", "Age"]);
  });
});
