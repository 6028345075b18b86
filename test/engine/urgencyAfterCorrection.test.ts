import { replayCase, type SopDefinition, viewCase } from "../../src/engine/index";
import { at, CaseDriver } from "./caseDriver";
import { compileHandover, handoverSop } from "./handoverCase";
import { step, t } from "./sopBuilder";

// The handover SOP with a second, routine way to child protection: a child no relative cares for is referred
// routinely before the officer asks whether the child was hurt (which refers at once).
const twoWays: SopDefinition = {
  ...handoverSop,
  steps: {
    ...handoverSop.steps,
    "who-cares": step.yesNo("relative_cares", [{ when: "relative_cares", to: "hurt" }, { to: "refer-routine" }]),
    "refer-routine": {
      kind: "referral",
      title: t("Refer to child protection"),
      service: "senniaf",
      urgency: "routine",
      reason: t("No relative cares for the child"),
      requiresConsent: false,
      next: "hurt",
    },
  },
};

const handedOverAt = (d: CaseDriver) => d.session.context.referralByService.get("senniaf")?.dueAt;

describe("a referral handed over, then made again at another step after a correction", () => {
  it("keeps its urgency and earliest due time when the corrected path makes it again later, at a routine step", () => {
    const d = new CaseDriver(compileHandover(twoWays));
    d.answer("with-parent", true);
    d.answer("hurt", true);
    d.refer("notify", false);
    const due = handedOverAt(d);
    expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" })).toMatchObject({ ok: true });
    // Not with a parent after all, and no relative cares: the routine step now makes the referral again.
    d.correct("with-parent", false);
    d.answer("who-cares", false);
    expect(d.refer("refer-routine", false)).toMatchObject({ ok: true });
    const [referral] = viewCase(d.session, new Date(at(10))).referrals;
    expect(referral).toMatchObject({ status: "made", urgency: "immediate", dueAt: due, awaitingHandover: false });
    expect(referral.reasons.map((r) => r.step)).toEqual(["notify", "refer-routine"]);
  });

  it("keeps its urgency and earliest due time when the corrected path made it at a routine step before the handover", () => {
    const d = new CaseDriver(compileHandover(twoWays));
    d.answer("with-parent", false);
    d.answer("who-cares", false);
    d.refer("refer-routine", false);
    d.answer("hurt", true);
    d.refer("notify", false);
    const due = handedOverAt(d);
    expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" })).toMatchObject({ ok: true });
    // The child was not hurt after all: the corrected path holds only the routine step, made before the handover.
    expect(d.correct("hurt", false)).toMatchObject({ ok: true, dropped: ["notify"] });
    const [referral] = viewCase(d.session, new Date(at(10))).referrals;
    expect(referral).toMatchObject({ status: "made", urgency: "immediate", dueAt: due, awaitingHandover: false });
    expect(referral.reasons.map((r) => r.step).sort()).toEqual(["notify", "refer-routine"]);
    // Made again at the immediate step, its reason is given once.
    expect(d.correct("hurt", true)).toMatchObject({ ok: true });
    expect(d.refer("notify", false)).toMatchObject({ ok: true });
    const again = viewCase(d.session, new Date(at(20))).referrals[0];
    expect(again).toMatchObject({ urgency: "immediate", dueAt: due });
    expect(again.reasons.map((r) => r.step).sort()).toEqual(["notify", "refer-routine"]);
    // Replaying the log gives the same record.
    const replay = replayCase(d.session.compiled, d.session.events);
    expect(replay.ok && viewCase(replay.session, new Date(at(20))).referrals).toEqual(
      viewCase(d.session, new Date(at(20))).referrals,
    );
  });
});
