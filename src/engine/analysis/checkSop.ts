import { pickText } from "../case/viewCase";
import type { CompiledSop } from "../compile/CompiledSop";
import type { ScenarioAction, Text } from "../definition/types";
import { describeActions } from "./answers/describeAnswer";
import type { AnswerText } from "./answers/types";
import { type Exploration, exploreSop } from "./exploreSop";
import { findStructuralIssues, type StructuralIssue } from "./findStructuralIssues";
import type { PathViolation } from "./readSegment";
import { replayActions } from "./replayActions";

/** The verdict on one invariant: proven on every path, violated on some (with a counterexample), or not settled. */
export interface InvariantVerdict {
  /** The SOP that states the invariant (the SOP checked, or one it runs as a procedure). */
  sop: string;
  invariant: string;
  text: Text;
  /** Where it is checked: "" for the SOP itself, else the procedure step that runs it. */
  scopes: string[];
  status: "proven" | "violated" | "unproven";
  /** Why an invariant is unproven, or that it holds only because its procedure never ends. */
  note?: string;
  counterexample?: Counterexample;
}

/** A path that breaks an invariant: the answers an officer would give, and what the invariant demanded. */
export interface Counterexample {
  scope: string;
  expectation: Record<string, unknown>;
  actions: ScenarioAction[];
  answers: AnswerText[];
  /** What the case produced on that path, replayed through the runtime. */
  outcome?: string;
  flags: string[];
  referrals: { service: string; urgency: string; status: string }[];
}

/** Everything `checkSop` found about one SOP. */
export interface CheckReport {
  sop: string;
  version: string;
  /** True when every state was explored, so that each verdict is final. */
  complete: boolean;
  verdicts: InvariantVerdict[];
  issues: StructuralIssue[];
  stats: { runs: number; states: number; budget: number };
}

/** How hard to look. */
export interface CheckOptions {
  /** Distinct case states per exploration run (default 20,000). */
  budget?: number;
  locale?: string;
}

/**
 * Checks every invariant of an SOP, and of the SOPs it runs, on every path over the answer space, and the structure
 * of its paths (every path ends; no sensitive question without consent; no deadline already past; no answer, route
 * or step that no path can use). An invariant is proven when every path was explored and none breaks it, violated
 * with the first path found that breaks it, or unproven when the budget ran out first. When the whole SOP is too
 * large, each invariant is tried again on its own, keeping track of only what it reads.
 *
 * @example
 * const report = checkSop(compiled);
 * report.verdicts.filter((v) => v.status === "violated")[0]?.counterexample?.actions;
 */
export function checkSop(compiled: CompiledSop, options: CheckOptions = {}): CheckReport {
  const budget = options.budget ?? 20_000;
  const locale = options.locale ?? "en";
  const verdicts = new Map<string, InvariantVerdict>();
  for (const scope of compiled.scopes.values())
    for (const invariant of scope.sop.invariants ?? []) {
      const key = `${scope.sop.id}:${invariant.id}`;
      const known = verdicts.get(key);
      if (known) known.scopes.push(scope.path);
      else
        verdicts.set(key, {
          sop: scope.sop.id,
          invariant: invariant.id,
          text: invariant.text,
          scopes: [scope.path],
          status: "unproven",
        });
    }
  const stats = { runs: 0, states: 0, budget };
  const run = (focus?: string[]) => {
    const exploration = exploreSop(compiled, { budget, procedureOutcomes: "caller", focus });
    stats.runs++;
    stats.states += exploration.stats.states;
    return exploration;
  };
  const settle = (exploration: Exploration, keys: string[]) => {
    for (const finding of exploration.violations) {
      const verdict = verdicts.get(`${finding.what.sop}:${finding.what.invariant}`);
      if (!verdict || !keys.includes(`${verdict.sop}:${verdict.invariant}`) || verdict.status === "violated") continue;
      verdict.status = "violated";
      const shortest = shortestPathTo(exploration, finding.what) ?? finding.actions;
      verdict.counterexample = counterexample(compiled, exploration, shortest, finding.what, locale);
    }
    if (!exploration.complete) return;
    for (const key of keys) {
      const verdict = verdicts.get(key)!;
      if (verdict.status === "violated") continue;
      verdict.status = "proven";
      const reached = verdict.scopes.some((scope) => (scope === "" ? true : exploration.reached.steps.has(scope)));
      if (!reached) verdict.note = "the procedure that states it never runs on any path, so it never has to hold";
    }
  };

  const all = [...verdicts.keys()];
  const first = run();
  settle(first, all);
  let structural = first;
  if (!first.complete) {
    const routesOnly = run([]);
    if (routesOnly.complete) {
      structural = routesOnly;
      for (const key of all) {
        if (verdicts.get(key)!.status !== "unproven") continue;
        const focused = run([key]);
        settle(focused, [key]);
        if (!focused.complete)
          verdicts.get(key)!.note =
            `tried on its own: ${focused.stats.states} states explored within the budget, ${focused.unexplored.length} left unexplored`;
      }
    } else
      for (const verdict of verdicts.values())
        if (verdict.status === "unproven")
          verdict.note = `the SOP has more than ${budget} distinct case states even with no invariant tracked; ${routesOnly.stats.states} explored`;
  }
  return {
    sop: compiled.id,
    version: compiled.version,
    complete: structural.complete && [...verdicts.values()].every((v) => v.status !== "unproven"),
    verdicts: [...verdicts.values()],
    issues: findStructuralIssues(structural, locale),
    stats,
  };
}

/**
 * The fewest actions that lead along explored states to a stretch of path breaking the same expectation: the
 * depth-first exploration meets violations late, and a short counterexample is easier to read and replay.
 */
function shortestPathTo(exploration: Exploration, violation: PathViolation): ScenarioAction[] | undefined {
  const same = (v: PathViolation) =>
    v.scope === violation.scope &&
    v.invariant === violation.invariant &&
    JSON.stringify(v.expectation) === JSON.stringify(violation.expectation);
  const { nodes, edges } = exploration;
  const best = new Map<number, ScenarioAction[]>([[exploration.root, []]]);
  const queue = [exploration.root];
  // Breadth first by states; each step adds one action (a procedure run adds its own), close enough to shortest.
  while (queue.length) {
    const id = queue.shift()!;
    const here = best.get(id)!;
    for (const e of nodes[id].out) {
      const edge = edges[e];
      const actions = [...here, ...edge.choices[0].actions];
      if (edge.segment.violations.some(same)) return actions;
      if (!best.has(edge.to)) {
        best.set(edge.to, actions);
        queue.push(edge.to);
      }
    }
  }
  return undefined;
}

function counterexample(
  compiled: CompiledSop,
  exploration: Exploration,
  actions: ScenarioAction[],
  violation: { scope: string; expectation: Record<string, unknown> },
  locale: string,
): Counterexample {
  const { session } = replayActions(compiled, actions);
  const context = session.context;
  return {
    scope: violation.scope,
    expectation: violation.expectation,
    actions,
    answers: describeActions(compiled, exploration.spaces, actions, locale),
    outcome: context.outcomes.get(""),
    flags: [...context.flags],
    referrals: context.referrals.map((r) => ({ service: r.service, urgency: r.urgency, status: r.status })),
  };
}

/** An invariant's expectation in words: "a referral to SENNIAF", "no visit to …". */
export function describeExpectation(
  compiled: CompiledSop,
  expectation: Record<string, unknown>,
  locale: string,
): string {
  const service = (id: unknown) => pickText(compiled.catalog.services.get(String(id))?.name, locale) || String(id);
  const flag = (id: unknown) => pickText(compiled.catalog.flags.get(String(id))?.label, locale) || String(id);
  const es = locale === "es";
  if ("referral" in expectation) return `${es ? "una derivación a" : "a referral to"} ${service(expectation.referral)}`;
  if ("noReferral" in expectation)
    return `${es ? "ninguna derivación a" : "no referral to"} ${service(expectation.noReferral)}`;
  if ("flag" in expectation) return `${es ? "la alerta" : "the flag"} "${flag(expectation.flag)}"`;
  if ("noFlag" in expectation) return `${es ? "sin la alerta" : "no flag"} "${flag(expectation.noFlag)}"`;
  if ("visits" in expectation) return `${es ? "pasar por el paso" : "a visit to step"} "${expectation.visits}"`;
  if ("avoids" in expectation) return `${es ? "no pasar por el paso" : "no visit to step"} "${expectation.avoids}"`;
  if ("outcome" in expectation)
    return `${es ? "un resultado" : "an outcome of"} ${(expectation.outcome as string[]).join(es ? " o " : " or ")}`;
  return `${es ? "que se cumpla" : "that"} ${String(expectation.holds)}${es ? "" : " holds"}`;
}
