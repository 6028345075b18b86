import fc from "fast-check";
import { enumeratePaths, exploreSop, replayActions, type SopDefinition, type Step } from "../../src/engine/index";
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

describe("every enumerated path, replayed as a case from its answers, ends as the analysis claims", () => {
  it("holds for generated SOPs of questions, routes, referrals, flags and an invariant", () => {
    fc.assert(
      fc.property(plan, (p) => {
        const compiled = compileWithFixtureCatalog(build(p));
        const exploration = exploreSop(compiled);
        expect(exploration.complete).toBe(true);
        const list = enumeratePaths(exploration, { limit: 10_000 });
        expect(list.truncated).toBe(false);
        expect(list.paths.length).toBeGreaterThan(0);
        for (const path of list.paths) {
          const { session, refused } = replayActions(compiled, path.actions);
          expect(refused).toBeUndefined();
          expect(session.finished).toBe(path.status === "finished");
          const context = session.context;
          expect(context.outcomes.get("")).toBe(path.outcome);
          expect([...context.flags].sort()).toEqual([...path.flags].sort());
          const decisions = context.trace.flatMap((e) => (e.kind === "referral" ? [`${e.step}:${e.status}`] : []));
          expect(decisions).toEqual(path.referrals.map((r) => `${r.step}:${r.status}`));
          // One record per service, made when any of its steps made it.
          expect(context.referrals.map((r) => `${r.service}:${r.status}`)).toEqual(
            [...new Set(path.referrals.map((r) => r.service))].map(
              (service) =>
                `${service}:${path.referrals.some((r) => r.service === service && r.status === "made") ? "made" : path.referrals.findLast((r) => r.service === service)?.status}`,
            ),
          );
          expect(context.violations.map((v) => v.invariant)).toEqual(path.violations.map((v) => v.invariant));
          expect(context.visited).toEqual(path.steps);
        }
        // Distinct paths really are distinct: no two share their steps and results.
        const signatures = new Set(list.paths.map((x) => x.signature));
        expect(signatures.size).toBe(list.paths.length);
      }),
      { numRuns: runs(40) },
    );
  });

  it("finds every referral and flag a brute-force run over all answers finds", () => {
    fc.assert(
      fc.property(plan, (p) => {
        const compiled = compileWithFixtureCatalog(build(p));
        const list = enumeratePaths(exploreSop(compiled), { limit: 10_000 });
        const claimed = new Set(
          list.paths.map((x) =>
            JSON.stringify([x.outcome, [...x.flags].sort(), [...new Set(x.referrals.map((r) => r.service))]]),
          ),
        );
        // Brute force: every value 0..100 for numbers, every option, both booleans, both consents.
        const values = (k: Kind) =>
          k === "yes-no"
            ? [true, false]
            : k === "one-of"
              ? ["a", "b", "c"]
              : [0, 1, 33, 50, 67, 99, 100, ...p.thresholds, ...p.thresholds.map((x) => x - 1)];
        const combos: unknown[][] = p.kinds.reduce<unknown[][]>(
          (acc, k) => acc.flatMap((c) => values(k).map((v) => [...c, v])),
          [[]],
        );
        for (const combo of combos.slice(0, 400))
          for (const consent of [true, false]) {
            const context = play(compiled, combo, consent).context;
            const key = JSON.stringify([
              context.outcomes.get(""),
              [...context.flags].sort(),
              context.referrals.map((r) => r.service),
            ]);
            expect(claimed.has(key)).toBe(true);
          }
      }),
      { numRuns: runs(15) },
    );
  });
});

/** Plays a case answering question i with combo[i] and every referral with `consent`, whatever order it asks in. */
function play(compiled: ReturnType<typeof compileWithFixtureCatalog>, combo: unknown[], consent: boolean) {
  const taken: { step: string; answer?: unknown }[] = [];
  let { session } = replayActions(compiled, taken);
  for (let guard = 0; !session.finished && guard < 20; guard++) {
    const at = session.activeSteps()[0];
    if (!at) break;
    taken.push(at.startsWith("q") ? { step: at, answer: combo[Number(at.slice(1))] } : { step: at, answer: consent });
    session = replayActions(compiled, taken).session;
  }
  return session;
}
