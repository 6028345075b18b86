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
});
