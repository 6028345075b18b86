import fc from "fast-check";
import { checkSop, enumeratePaths, modelSop, replay, type SopDefinition, type Step } from "../../src/engine/index";
import { runs } from "../engine/propertyRuns";
import { makeSop, t } from "../engine/sopBuilder";
import { compileWithFixtureCatalog } from "./analysisFixtures";

type Kind = "yes-no" | "one-of" | "number";
const FLAGS = ["uasc", "medical", "pep-window"];
const SERVICES = ["senniaf", "support", "minsa"];

interface Plan {
  kinds: Kind[];
  thresholds: number[];
  /** Per question: a condition on it (or on it and an earlier one) that sends the case to a referral. */
  routes: { on: boolean; negate: boolean; withPrevious: boolean; service: number; consent: boolean }[];
  effects: { flag: number; negate: boolean }[];
  invariant: { question: number; negate: boolean; expect: number };
}

const plan: fc.Arbitrary<Plan> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    kinds: fc.array(fc.constantFrom<Kind>("yes-no", "one-of", "number"), { minLength: n, maxLength: n }),
    thresholds: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: n, maxLength: n }),
    routes: fc.array(
      fc.record({
        on: fc.boolean(),
        negate: fc.boolean(),
        withPrevious: fc.boolean(),
        service: fc.nat(2),
        consent: fc.boolean(),
      }),
      { minLength: n, maxLength: n },
    ),
    effects: fc.array(fc.record({ flag: fc.nat(2), negate: fc.boolean() }), { minLength: n, maxLength: n }),
    invariant: fc.record({ question: fc.nat(n - 1), negate: fc.boolean(), expect: fc.nat(3) }),
  }),
);

/** A condition on question i's variable, as a route or an effect would write it. */
function condition(p: Plan, i: number, negate: boolean): string {
  const v = `v${i}`;
  // A parenthesised left operand ("(v + 1) <= t") once broke how atoms were cut out of an expression.
  const base =
    p.kinds[i] === "yes-no" ? v : p.kinds[i] === "one-of" ? `${v} == "a"` : `(${v} + 1) <= ${p.thresholds[i]}`;
  return negate ? `!(${base})` : base;
}

/** Builds a schema-shaped SOP from a plan: questions in a row, each maybe routing to a referral, then a decision. */
function build(p: Plan): SopDefinition {
  const steps: Record<string, Step> = {};
  const n = p.kinds.length;
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `q${i + 1}` : "final";
    const route = p.routes[i];
    const when =
      route.withPrevious && i > 0
        ? `${condition(p, i, route.negate)} && ${condition(p, i - 1, false)}`
        : condition(p, i, route.negate);
    const answer =
      p.kinds[i] === "yes-no"
        ? { type: "yes-no" as const }
        : p.kinds[i] === "one-of"
          ? { type: "one-of" as const, options: ["a", "b", "c"].map((value) => ({ value, label: t(value) })) }
          : { type: "number" as const, min: 0, max: 100 };
    steps[`q${i}`] = {
      kind: "question",
      title: t(`Question ${i}`),
      say: t(`Question ${i}?`),
      variable: `v${i}`,
      answer,
      effects: [{ raise: FLAGS[p.effects[i].flag], when: condition(p, i, p.effects[i].negate) }],
      next: route.on ? [{ when, to: `r${i}` }, { to: next }] : next,
    } as Step;
    if (route.on)
      steps[`r${i}`] = {
        kind: "referral",
        title: t(`Referral ${i}`),
        service: SERVICES[route.service],
        urgency: "urgent",
        reason: t("Because"),
        requiresConsent: route.consent,
        next,
      };
  }
  steps.final = {
    kind: "decision",
    next: [{ when: `"${FLAGS[0]}" in flags`, to: "end-referred" }, { to: "end-closed" }],
  };
  steps["end-referred"] = { kind: "end", outcome: "referred" };
  steps["end-closed"] = { kind: "end", outcome: "closed" };
  const expects = [{ flag: FLAGS[0] }, { referral: SERVICES[0] }, { outcome: ["referred"] }, { avoids: "final" }];
  return makeSop("generated", steps, {
    start: "q0",
    invariants: [
      {
        id: "generated-promise",
        text: t("A generated promise"),
        when: condition(p, p.invariant.question, p.invariant.negate),
        expect: [expects[p.invariant.expect]] as never,
      },
    ],
  });
}

describe("the symbolic analysis means exactly what a case does", () => {
  it("every listed path, replayed as a case from its answers, ends as the analysis claims", () => {
    fc.assert(
      fc.property(plan, (p) => {
        const compiled = compileWithFixtureCatalog(build(p));
        const list = enumeratePaths(modelSop(compiled, { purpose: "results" }), { limit: 10_000 });
        expect(list.truncated).toBe(false);
        expect(list.paths.length).toBeGreaterThan(0);
        for (const path of list.paths) {
          const { session, refused } = replay(compiled, path.actions);
          expect(refused).toBeUndefined();
          expect(session.finished).toBe(path.status === "finished");
          const context = session.context;
          expect(context.outcomes.get("")).toBe(path.outcome);
          expect([...context.flags].sort()).toEqual([...path.flags].sort());
          expect(context.referrals.map((r) => `${r.service}:${r.status}`)).toEqual(
            path.referrals.map((r) => `${r.service}:${r.status}`),
          );
          expect(context.violations.map((v) => v.invariant)).toEqual(path.violations.map((v) => v.invariant));
          expect(context.visited).toEqual(path.steps);
        }
        // Distinct paths really are distinct: no two share their steps and results.
        expect(new Set(list.paths.map((x) => x.signature)).size).toBe(list.paths.length);
      }),
      { numRuns: runs(40), seed: 20_240_301 },
    );
  });

  it("finds every result a brute-force run over all answers finds", () => {
    fc.assert(
      fc.property(plan, (p) => {
        const compiled = compileWithFixtureCatalog(build(p));
        const list = enumeratePaths(modelSop(compiled, { purpose: "results" }), { limit: 10_000 });
        const claimed = new Set(list.paths.map((x) => resultKey(x.outcome, x.flags, x.referrals)));
        for (const context of bruteForce(compiled, p)) {
          const key = resultKey(context.outcomes.get(""), context.flags, context.referrals);
          expect(claimed.has(key)).toBe(true);
        }
      }),
      { numRuns: runs(15), seed: 20_240_302 },
    );
  });

  it("proves an invariant exactly when no brute-force case breaks it, and its counterexample breaks it", () => {
    fc.assert(
      fc.property(plan, (p) => {
        const compiled = compileWithFixtureCatalog(build(p));
        const report = checkSop(compiled);
        const verdict = report.verdicts[0];
        const broken = bruteForce(compiled, p).some((c) => c.violations.some((v) => v.invariant === verdict.invariant));
        expect(verdict.status).toBe(broken ? "violated" : "proven");
        if (verdict.counterexample) {
          const { session } = replay(compiled, verdict.counterexample.actions);
          expect(session.context.violations.map((v) => v.invariant)).toContain(verdict.invariant);
        }
      }),
      { numRuns: runs(25), seed: 20_240_303 },
    );
  }, 120_000);
});

function resultKey(
  outcome: string | undefined,
  flags: readonly string[],
  referrals: readonly { service: string; status: string }[],
) {
  return JSON.stringify([outcome, [...flags].sort(), referrals.map((r) => `${r.service}:${r.status}`)]);
}

/** Every case over concrete answers: every value 0..100 that matters for numbers, every option, both booleans. */
function bruteForce(compiled: ReturnType<typeof compileWithFixtureCatalog>, p: Plan) {
  const values = (k: Kind) =>
    k === "yes-no"
      ? [true, false]
      : k === "one-of"
        ? ["a", "b", "c"]
        : [
            0,
            1,
            33,
            50,
            67,
            99,
            100,
            ...p.thresholds,
            ...p.thresholds.map((x) => x - 1),
            ...p.thresholds.map((x) => x - 2),
          ].filter((v) => v >= 0 && v <= 100);
  const combos: unknown[][] = p.kinds.reduce<unknown[][]>(
    (acc, k) => acc.flatMap((c) => values(k).map((v) => [...c, v])),
    [[]],
  );
  const out = [];
  for (const combo of combos.slice(0, 400))
    for (const consent of [true, false]) out.push(play(compiled, combo, consent).context);
  return out;
}

/** Plays a case answering question i with combo[i] and every referral with `consent`, whatever order it asks in. */
function play(compiled: ReturnType<typeof compileWithFixtureCatalog>, combo: unknown[], consent: boolean) {
  const taken: { step: string; answer?: unknown }[] = [];
  let { session } = replay(compiled, taken);
  for (let guard = 0; !session.finished && guard < 20; guard++) {
    const at = session.activeSteps()[0];
    if (!at) break;
    taken.push(at.startsWith("q") ? { step: at, answer: combo[Number(at.slice(1))] } : { step: at, answer: consent });
    session = replay(compiled, taken).session;
  }
  return session;
}
