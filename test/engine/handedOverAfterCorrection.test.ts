import { replayCase, viewCase } from "../../src/engine/index";
import { at } from "./caseDriver";
import { handedOver } from "./handoverCase";

describe("a referral handed over before a correction", () => {
  it("keeps its urgency and reasons while the corrected path has not reached it again, and is not called superseded", () => {
    const d = handedOver();
    // The child is not with a parent after all: one question more now comes before "hurt", so the notification
    // step is ahead again.
    expect(d.correct("with-parent", false)).toMatchObject({ ok: true, dropped: ["hurt", "notify"] });
    const [referral] = viewCase(d.session, new Date(at(10))).referrals;
    expect(referral).toMatchObject({
      service: "senniaf",
      urgency: "immediate",
      mandatory: true,
      reasons: [expect.objectContaining({ step: "notify", urgency: "immediate" })],
      delivery: [expect.objectContaining({ status: "handed-over" })],
      review: "pending",
      awaitingHandover: false,
    });
  });

  it("is made again, immediate and already handed over, when the corrected path still needs it", () => {
    const d = handedOver();
    d.correct("with-parent", false);
    d.answer("who-cares", true);
    d.answer("hurt", true);
    expect(d.refer("notify", false)).toMatchObject({ ok: true });
    const view = viewCase(d.session, new Date(at(10)));
    expect(view.referrals).toEqual([
      expect.objectContaining({
        status: "made",
        urgency: "immediate",
        awaitingHandover: false,
        delivery: [expect.objectContaining({ status: "handed-over" })],
      }),
    ]);
    expect(view.referrals[0].review).toBeUndefined();
    // The step that made it again gives its reason once, not once for each time it was made.
    expect(view.referrals[0].reasons.map((r) => r.step)).toEqual(["notify"]);
    expect(view.pending.handovers).toBe(0);
  });

  it("asks the officer to check a withdrawal, keeping its urgency, once the corrected path ends without it", () => {
    const d = handedOver();
    expect(d.correct("hurt", false)).toMatchObject({ ok: true, dropped: ["notify"] });
    const view = viewCase(d.session, new Date(at(10)));
    expect(view.referrals[0]).toMatchObject({
      status: "superseded",
      urgency: "immediate",
      supersededBy: { cause: "corrected", step: "hurt" },
      review: "withdraw",
    });
    // Replaying the log gives the same record.
    const replay = replayCase(d.session.compiled, d.session.events);
    expect(replay.ok && viewCase(replay.session, new Date(at(10))).referrals).toEqual(view.referrals);
  });
});
