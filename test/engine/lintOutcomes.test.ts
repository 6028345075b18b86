import { describe, expect, it } from "vitest";
import { emptyCatalog, lintSop, type Step } from "../../src/engine/index";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

const codes = (issues: { code: string; pointer: string; message: string }[]) =>
  issues.filter((i) => i.code === "outcome-mislabelled").map((i) => i.message);

function catalog() {
  const index = emptyCatalog();
  for (const [id, kind] of [
    ["camp", "accommodation"],
    ["clinic", "health"],
    ["registry", "registration"],
  ])
    index.services.set(id, { id, name: t(id), agency: "X", accepts: [], kind, confidentiality: "public" });
  return index;
}

const refer = (service: string, next: string): Step => ({
  kind: "referral",
  title: t(service),
  service,
  urgency: "routine",
  reason: t("Need"),
  next,
});

/** An SOP that may refer to the camp, then to the clinic, then ends by the given outcome route. */
const withOutcome = (when: string, extra: Record<string, Step> = {}) =>
  makeSop("outcomes", {
    ask: step.yesNo("needs_bed", [{ when: "needs_bed", to: "camp" }, { to: "sick" }]),
    camp: refer("camp", "sick"),
    sick: step.yesNo("sick", [{ when: "sick", to: "clinic" }, { to: "outcome" }]),
    clinic: refer("clinic", "outcome"),
    outcome: { kind: "decision", title: t("Outcome"), next: [{ when, to: "referred" }, { to: "closed" }] },
    referred: step.end("referred"),
    closed: step.end("closed"),
    ...extra,
  });

describe("the outcome a case ends with", () => {
  it("counts every service referred before the outcome, so a dropped one is named", () => {
    const short = withOutcome('"camp" in referrals');
    const found = codes(lintSop(short, makeLibrary([short], catalog())));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('only "clinic" was referred');
    const whole = withOutcome('"camp" in referrals || "clinic" in referrals');
    expect(codes(lintSop(whole, makeLibrary([whole], catalog())))).toEqual([]);
    const any = withOutcome("size(referrals) > 0");
    expect(codes(lintSop(any, makeLibrary([any], catalog())))).toEqual([]);
  });

  it("names a route that ends referred with no referral made", () => {
    const always = withOutcome('!("camp" in referrals) || "clinic" in referrals');
    const found = codes(lintSop(always, makeLibrary([always], catalog())));
    expect(found.some((m) => m.includes("no referral was made"))).toBe(true);
  });

  it("counts the services of a procedure run before the outcome, and not registration", () => {
    const child = makeSop("child", { go: refer("clinic", "done"), done: step.end("referred") });
    const parent = makeSop("parent", {
      register: refer("registry", "run"),
      run: { kind: "procedure", title: t("Child"), sop: "child", next: "outcome" },
      outcome: {
        kind: "decision",
        title: t("Outcome"),
        next: [{ when: '"camp" in referrals', to: "referred" }, { to: "closed" }],
      },
      referred: step.end("referred"),
      closed: step.end("closed"),
    });
    const found = codes(lintSop(parent, makeLibrary([parent, child], catalog())));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('"clinic"');
  });

  it("leaves a decision that reads more than what was referred to the analysis", () => {
    const mixed = withOutcome('"camp" in referrals && sick');
    expect(codes(lintSop(mixed, makeLibrary([mixed], catalog())))).toEqual([]);
  });
});
