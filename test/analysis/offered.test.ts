import { type CheckReport, checkSop, type SopDefinition } from "../../src/engine/index";
import { makeSop, t } from "../engine/sopBuilder";
import { compileWithFixtureCatalog } from "./analysisFixtures";

/** A first offer of support, then a later one guarded on `list` (`offered` or `referrals`). */
function guarded(list: "offered" | "referrals"): SopDefinition {
  const referral = (next: string) => ({
    kind: "referral" as const,
    title: t("Refer to support"),
    service: "support",
    urgency: "routine" as const,
    reason: t("Needs support"),
    next,
  });
  return makeSop(
    `guard-${list}`,
    {
      first: referral("already"),
      already: { kind: "decision", next: [{ when: `"support" in ${list}`, to: "done" }, { to: "second" }] },
      second: referral("done"),
      done: { kind: "end", outcome: "closed", title: t("Done") },
    },
    {
      invariants: [{ id: "offered-once", text: t("Support is offered once"), expect: [{ avoids: "second" }] }],
    },
  );
}

const status = (report: CheckReport) => report.verdicts.map((v) => `${v.invariant} ${v.status}`);
const kinds = (report: CheckReport) => report.issues.map((i) => `${i.kind} ${i.step}`);

describe("the analysis reads `offered` as the runtime does", () => {
  it("proves that a guard on `offered` skips the second offer after a yes and after a no", () => {
    const report = checkSop(compileWithFixtureCatalog(guarded("offered")));
    expect(report.complete).toBe(true);
    expect(status(report)).toEqual(["offered-once proven"]);
    // The second offer is never reached, so there is no second offer to warn about.
    expect(kinds(report)).not.toContain("double-referral second");
    expect(kinds(report)).toContain("unreachable-step second");
  });

  it("finds the second offer after a no when the guard reads `referrals` only", () => {
    const report = checkSop(compileWithFixtureCatalog(guarded("referrals")));
    const verdict = report.verdicts[0];
    expect(verdict.status).toBe("violated");
    expect(verdict.counterexample?.actions).toEqual([
      { step: "first", answer: false },
      { step: "second", answer: true },
    ]);
    expect(kinds(report)).toContain("double-referral second");
  });

  it("counts a second ask after a no only where the person is asked again without a stated reason", () => {
    const second = (extra: object): SopDefinition =>
      makeSop("after-a-no", {
        first: {
          kind: "referral",
          title: t("Refer to support"),
          service: "support",
          urgency: "routine",
          reason: t("Needs support"),
          next: "second",
        },
        second: {
          kind: "referral",
          title: t("Support again"),
          service: "support",
          urgency: "urgent",
          reason: t("A new need"),
          next: "done",
          ...extra,
        },
        done: { kind: "end", outcome: "closed", title: t("Done") },
      });
    const warning = (extra: object) => {
      const issue = checkSop(compileWithFixtureCatalog(second(extra))).issues.find((i) => i.kind === "double-referral");
      return issue?.actions?.[0];
    };
    // Offered again with nothing said after a no: a second offer.
    expect(warning({})).toEqual({ step: "first", answer: false });
    // A mandatory notification or a stated reason may follow a no; after a yes, the step is an addition.
    expect(warning({ requiresConsent: false })).toBeUndefined();
    expect(warning({ offerAgain: t("The person now asks for it") })).toBeUndefined();
  });

  it("counts a step reached with its service already made as an addition, not a second offer", () => {
    // The first referral is made on every path (a mandatory notification): the second step is always an addition.
    const sop = makeSop(
      "addition",
      {
        first: {
          kind: "referral",
          title: t("Notify support"),
          service: "support",
          urgency: "routine",
          reason: t("Needs support"),
          requiresConsent: false,
          next: "second",
        },
        second: {
          kind: "referral",
          title: t("Support, urgently"),
          service: "support",
          urgency: "urgent",
          reason: t("A new need"),
          next: "done",
        },
        done: { kind: "end", outcome: "closed", title: t("Done") },
      },
      {
        invariants: [
          // "Do not add" leaves the referral routine: an urgent referral is not promised.
          { id: "urgent", text: t("Support is urgent"), expect: [{ referral: "support", urgency: "urgent" }] },
          { id: "made", text: t("Support is made"), expect: [{ referral: "support" }] },
        ],
      },
    );
    const report = checkSop(compileWithFixtureCatalog(sop));
    expect(kinds(report)).not.toContain("double-referral second");
    expect(status(report)).toEqual(["urgent violated", "made proven"]);
    expect(report.verdicts[0].counterexample?.actions).toEqual([
      { step: "first", answer: true },
      { step: "second", answer: false },
    ]);
  });
});
