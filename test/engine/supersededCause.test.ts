import { PUBLIC_SURFACE, redactView, viewCase } from "../../src/engine/index";
import { at } from "./caseDriver";
import { handedOver } from "./handoverCase";
import { t } from "./sopBuilder";

describe("a referral superseded after its handover says what happened as data, not as a sentence", () => {
  it("names the corrected step and the kind of cause, and the view adds the step's title from the SOP", () => {
    const d = handedOver();
    d.correct("hurt", false);
    const [referral] = viewCase(d.session, new Date(at(10))).referrals;
    expect(referral.status).toBe("superseded");
    expect(referral.supersededBy).toEqual({ cause: "corrected", step: "hurt" });
    expect(referral.note).toBeUndefined();
    expect(referral.supersededStep).toEqual({ title: t("hurt"), level: "public" });
  });

  it("names the step gone back over", () => {
    const d = handedOver();
    expect(d.back()).toMatchObject({ ok: true, dropped: ["notify"] });
    const [referral] = viewCase(d.session, new Date(at(10))).referrals;
    expect(referral).toMatchObject({ status: "superseded", supersededBy: { cause: "went-back", step: "notify" } });
    expect(referral.note).toBeUndefined();
  });

  it("forgets the cause once the corrected path makes the referral again", () => {
    const d = handedOver();
    d.correct("with-parent", false);
    d.answer("who-cares", true);
    d.answer("hurt", true);
    d.refer("notify", false);
    const [referral] = viewCase(d.session, new Date(at(10))).referrals;
    expect(referral.status).toBe("made");
    expect(referral.supersededBy).toBeUndefined();
    expect(referral.supersededStep).toBeUndefined();
  });

  it("hides the cause with the referral from a viewer who may not see it", () => {
    const d = handedOver();
    d.correct("hurt", false);
    const [referral] = redactView(viewCase(d.session, new Date(at(10))), PUBLIC_SURFACE).referrals;
    expect(referral.hidden).toBe(true);
    expect(referral.supersededBy).toBeUndefined();
    expect(referral.supersededStep).toBeUndefined();
  });
});
