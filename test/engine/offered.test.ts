import {
  type CatalogIndex,
  compileSop,
  emptyCatalog,
  lintSop,
  type SopDefinition,
  viewCase,
} from "../../src/engine/index";
import { at, CaseDriver } from "./caseDriver";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

function catalog(): CatalogIndex {
  const c = emptyCatalog();
  c.services.set("tracing", {
    id: "tracing",
    name: t("Tracing"),
    agency: "RC",
    accepts: [],
    kind: "tracing",
    confidentiality: "restricted",
  });
  c.services.set("consulate-ve", {
    id: "consulate-ve",
    name: t("Consulate"),
    agency: "VE",
    accepts: [],
    kind: "consulate",
    confidentiality: "public",
  });
  c.flags.set("no-consular-contact", {
    id: "no-consular-contact",
    label: t("No consular contact"),
    sensitivity: "restricted",
    priority: 1,
    instruction: t("Never contact a consulate"),
    forbids: [{ kind: "consulate" }],
  });
  return c;
}

const referral = (service: string, next: string) => ({
  kind: "referral" as const,
  title: t(`Refer to ${service}`),
  service,
  urgency: "routine" as const,
  reason: t(`Needs ${service}`),
  next,
});

/** A first offer, then a second procedure's offer skipped when the first was made or declined. */
function twoOffers(service: string, before: SopDefinition["steps"] = {}): SopDefinition {
  return makeSop(
    "two-offers",
    {
      ...before,
      first: referral(service, "already"),
      already: {
        kind: "decision",
        next: [{ when: `"${service}" in offered`, to: "done" }, { to: "second" }],
      },
      second: referral(service, "done"),
      done: step.end(),
    },
    { start: Object.keys(before)[0] ?? "first" },
  );
}

const compile = (sop: SopDefinition) => compileSop(sop, makeLibrary([sop], catalog()));

describe("the CEL list `offered`", () => {
  it("holds a service once the person accepted it, and skips the second offer", () => {
    const d = new CaseDriver(compile(twoOffers("tracing")));
    d.refer("first", true);
    expect(d.session.context.offeredServices).toEqual(["tracing"]);
    expect(d.session.context.referredServices).toEqual(["tracing"]);
    expect(d.current).toEqual([]);
    expect(d.session.context.visited).not.toContain("second");
  });

  it("holds a service the person declined, which `referrals` does not, and skips the second offer", () => {
    const d = new CaseDriver(compile(twoOffers("tracing")));
    d.refer("first", false);
    expect(d.session.context.offeredServices).toEqual(["tracing"]);
    expect(d.session.context.referredServices).toEqual([]);
    expect(d.session.context.visited).not.toContain("second");
    expect(viewCase(d.session, new Date(at(3))).referrals[0]).toMatchObject({ status: "declined" });
  });

  it("leaves out a referral recorded as not needed, so the later offer is still made", () => {
    const d = new CaseDriver(compile(twoOffers("tracing")));
    expect(d.send({ type: "REFERRED", step: "first", consent: false, notNeeded: "The aunt was found." })).toMatchObject(
      { ok: true },
    );
    expect(d.session.context.offeredServices).toEqual([]);
    expect(d.current).toEqual(["second"]);
  });

  it("leaves out a referral a standing instruction forbids", () => {
    const sop = twoOffers("consulate-ve", {
      fear: step.yesNo("fear", "first", { effects: [{ raise: "no-consular-contact", when: "fear" }] }),
    });
    const d = new CaseDriver(compile(sop));
    d.answer("fear", true);
    d.refer("first", false);
    expect(viewCase(d.session, new Date(at(3))).referrals[0]).toMatchObject({ status: "forbidden" });
    expect(d.session.context.offeredServices).toEqual([]);
    expect(d.current).toEqual(["second"]);
  });

  it("takes a declined service out when a later step records it as not needed", () => {
    const sop = makeSop("later", {
      first: referral("tracing", "second"),
      second: referral("tracing", "done"),
      done: step.end(),
    });
    const d = new CaseDriver(compile(sop));
    d.refer("first", false);
    expect(d.session.context.offeredServices).toEqual(["tracing"]);
    d.send({ type: "REFERRED", step: "second", consent: false, notNeeded: "Found." });
    expect(d.session.context.offeredServices).toEqual([]);
  });

  it("follows a correction of the referral and going back over it", () => {
    const d = new CaseDriver(compile(twoOffers("tracing")));
    d.refer("first", true);
    expect(d.correct("first", false)).toMatchObject({ ok: true });
    expect(d.session.context.offeredServices).toEqual(["tracing"]);
    expect(d.back()).toMatchObject({ ok: true });
    expect(d.session.context.offeredServices).toEqual([]);
    expect(d.current).toEqual(["first"]);
  });

  it("keeps a declined service offered when a handover made before the correction is kept as superseded", () => {
    const d = new CaseDriver(compile(twoOffers("tracing")));
    d.refer("first", true);
    expect(d.send({ type: "REFERRAL_UPDATED", service: "tracing", status: "handed-over" })).toMatchObject({ ok: true });
    expect(d.correct("first", false)).toMatchObject({ ok: true });
    expect(viewCase(d.session, new Date(at(5))).referrals[0]).toMatchObject({ status: "superseded" });
    expect(d.session.context.offeredServices).toEqual(["tracing"]);
  });

  it("type-checks and lints like `referrals`: an unknown service is an error", () => {
    const good = twoOffers("tracing");
    expect(lintSop(good, makeLibrary([good], catalog())).filter((i) => i.severity === "error")).toEqual([]);
    const bad = makeSop("bad", {
      first: referral("tracing", "already"),
      already: { kind: "decision", next: [{ when: '"tracin" in offered', to: "done" }, { to: "done" }] },
      done: step.end(),
    });
    const issues = lintSop(bad, makeLibrary([bad], catalog()));
    expect(issues.map((i) => `${i.severity} ${i.code} ${i.pointer}`)).toContain(
      "error unknown-service /steps/already/next/0/when",
    );
    const typed = makeSop("typed", {
      first: referral("tracing", "already"),
      already: { kind: "decision", next: [{ when: "offered == 1", to: "done" }, { to: "done" }] },
      done: step.end(),
    });
    expect(lintSop(typed, makeLibrary([typed], catalog())).map((i) => i.code)).toContain("expression-type");
  });
});
