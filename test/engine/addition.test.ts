import { compileSop, describeTrace, type SopDefinition, viewCase } from "../../src/engine/index";
import { at, CaseDriver } from "./caseDriver";
import { makeLibrary, makeSop, step, supportCatalog, t } from "./sopBuilder";

const catalog = supportCatalog;

/**
 * A routine referral to support, a question, then a second, urgent referral step to the same service that shares the
 * answer: reached after the first was made, it is an addition.
 */
function twoSteps(second: Record<string, unknown> = {}): SopDefinition {
  return makeSop("addition", {
    first: {
      kind: "referral",
      title: t("Refer to support"),
      say: { es: "¿Quiere apoyo?", en: "Do you want support?" },
      service: "support",
      urgency: "routine",
      reason: t("Needs support"),
      next: "ask-household",
    },
    "ask-household": step.number("household", "second"),
    second: {
      kind: "referral",
      title: t("Support for the household"),
      say: { es: "¿Quiere apoyo para su familia?", en: "Do you want support for your family?" },
      service: "support",
      urgency: "urgent",
      reason: t("A household of several"),
      shares: ["household"],
      next: "done",
      ...second,
    },
    done: step.end(),
  });
}

const compile = (sop: SopDefinition) => compileSop(sop, makeLibrary([sop], catalog()));

function reachSecond(firstConsent: boolean) {
  const d = new CaseDriver(compile(twoSteps()));
  d.refer("first", firstConsent, 1);
  d.answer("ask-household", 4, 1);
  return d;
}

describe("a referral step reached when its service is already made is an addition", () => {
  it("shows the step as an addition: the person is not offered the referral again", () => {
    const d = reachSecond(true);
    const [shown] = viewCase(d.session, new Date(at(3))).current;
    expect(shown).toMatchObject({ kind: "referral", addition: true, mergesInto: "made" });
    // Not the step's own offer: the question whether to add to the referral, in the interview languages.
    expect(shown.say?.en).toMatch(/already putting you in touch/);
    expect(shown.say?.en).not.toBe("Do you want support for your family?");
    for (const language of ["es", "en", "ht", "fr", "pt"]) expect(shown.say?.[language]).toBeTruthy();
  });

  it("merges the urgency, the earlier due time, the reason and the shares when the person agrees to add", () => {
    const d = reachSecond(true);
    const before = viewCase(d.session, new Date(at(3))).referrals[0];
    expect(before).toMatchObject({ urgency: "routine", shares: [] });
    d.refer("second", true, 1);
    const view = viewCase(d.session, new Date(at(4)));
    expect(view.referrals).toHaveLength(1);
    const after = view.referrals[0];
    expect(after).toMatchObject({ status: "made", urgency: "urgent" });
    expect(after.reasons.map((r) => r.step)).toEqual(["first", "second"]);
    expect(after.shares).toEqual([{ scope: "", variable: "household" }]);
    expect(Date.parse(after.dueAt!)).toBeLessThan(Date.parse(before.dueAt!));
    const entry = d.session.context.trace.findLast((e) => e.kind === "referral");
    expect(entry).toMatchObject({ step: "second", merged: true, addition: "added" });
    expect(describeTrace(entry!, d.session.compiled, "en")).toMatch(/^Added to the referral to Support already made/);
    expect(d.session.context.answers.get("second")).toMatchObject({ value: true, addition: true });
  });

  it("leaves the referral made and unchanged when the person does not want to add", () => {
    const d = reachSecond(true);
    const before = structuredClone(d.session.context.referralByService.get("support")!);
    d.refer("second", false, 1);
    const record = d.session.context.referralByService.get("support")!;
    expect(record).toEqual(before);
    expect(record.status).toBe("made");
    expect(d.session.context.referredServices).toEqual(["support"]);
    expect(d.session.context.offeredServices).toEqual(["support"]);
    const view = viewCase(d.session, new Date(at(4)));
    expect(view.referrals[0]).toMatchObject({ status: "made", urgency: "routine", shares: [] });
    expect(view.status).not.toBe("active");
    const entry = d.session.context.trace.findLast((e) => e.kind === "referral");
    expect(entry).toMatchObject({ step: "second", merged: true, addition: "not-added" });
    expect(describeTrace(entry!, d.session.compiled, "es")).toMatch(/^No se añadió a la referencia/);
  });

  it("offers the referral normally after a no: a declined service is not an addition", () => {
    const d = reachSecond(false);
    const [shown] = viewCase(d.session, new Date(at(3))).current;
    expect(shown.addition).toBeUndefined();
    expect(shown.mergesInto).toBe("declined");
    expect(shown.say?.en).toBe("Do you want support for your family?");
    d.refer("second", true, 1);
    expect(d.session.context.referralByService.get("support")).toMatchObject({ status: "made", urgency: "urgent" });
    const entry = d.session.context.trace.findLast((e) => e.kind === "referral");
    expect(entry).toMatchObject({ step: "second", status: "made", merged: true });
    expect(entry).not.toHaveProperty("addition");
  });

  it("still takes 'not needed' on an addition: the need went away before the handover", () => {
    const d = reachSecond(true);
    d.send({ type: "REFERRED", step: "second", consent: false, notNeeded: "The family found support." });
    expect(d.session.context.referralByService.get("support")).toMatchObject({ status: "not-needed" });
    expect(d.session.context.answers.get("second")).not.toHaveProperty("addition");
  });

  it("asks nothing for a mandatory notification already made: it merges, and is not an addition to ask", () => {
    const d = new CaseDriver(compile(twoSteps({ requiresConsent: false })));
    d.refer("first", true, 1);
    d.answer("ask-household", 2, 1);
    const [shown] = viewCase(d.session, new Date(at(3))).current;
    expect(shown.addition).toBeUndefined();
    expect(shown.say?.en).toBe("Do you want support for your family?");
    d.refer("second", false, 1);
    expect(d.session.context.referralByService.get("support")).toMatchObject({ status: "made", urgency: "urgent" });
  });
});
