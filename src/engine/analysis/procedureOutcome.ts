import type { CaseSession } from "../case/CaseSession";
import type { CompiledSop } from "../compile/CompiledSop";
import type { StepAction } from "../definition/types";
import { type Counters, labelOf, readSegment, type Segment } from "./readSegment";
import { isWithin } from "./StateKeys";

/**
 * What a run of the procedure running as `scope` produced, from its entry (`entry` counters) until now: the flags
 * it raised or cleared (net), its referrals, deadlines, broken invariants and ends, and the consents its consent
 * questions recorded. Made of the procedure's own effects only, so it does not depend on what the caller did before.
 */
export function procedureResults(
  compiled: CompiledSop,
  session: CaseSession,
  scope: string,
  entry: Counters,
  actionsInside: readonly StepAction[],
): ProcedureResults {
  const inside = (path: string) => path.startsWith(`${scope}/`);
  const segment = readSegment(compiled, session, entry);
  const flags = new Map<string, "+" | "-">();
  for (const op of segment.flagOps) if (inside(op.step)) flags.set(op.flag, op.raise ? "+" : "-");
  const consents = new Map<string, boolean>();
  for (const action of actionsInside) {
    const step = compiled.steps.get(action.step)?.step;
    if (step?.kind === "question" && step.answer.type === "consent")
      for (const category of step.answer.covers) consents.set(category, session.context.consents.has(category));
  }
  return {
    flags,
    referrals: segment.referrals.filter((r) => inside(r.step)),
    deadlines: segment.deadlines.filter((d) => inside(d.step)).map((d) => ({ id: d.id, step: d.step })),
    violations: segment.violations.filter((v) => v.scope === scope || inside(v.scope)),
    ends: segment.ends.filter((e) => inside(e.step)),
    consents,
  };
}

/** See `procedureResults`. */
export interface ProcedureResults {
  flags: Map<string, "+" | "-">;
  referrals: Segment["referrals"];
  deadlines: { id: string; step: string }[];
  violations: Segment["violations"];
  ends: Segment["ends"];
  consents: Map<string, boolean>;
}

/** The results as comparable text. */
export function resultsKey(results: ProcedureResults): string {
  return JSON.stringify([
    [...results.flags].sort(),
    results.referrals.map((r) => [r.step, r.status]),
    results.deadlines.map((d) => [d.id, d.step]),
    results.violations.map((v) => [v.scope, v.invariant, JSON.stringify(v.expectation)]),
    results.ends.map((e) => [e.step, e.outcome]),
    [...results.consents].sort(),
  ]);
}

/**
 * The label of a whole run of a procedure on a path: the caller's own stretch of path, plus what the run produced.
 * Runs along different steps inside the procedure with the same results are the same stretch of the caller's path;
 * `senda paths` on the procedure itself lists its inside paths.
 */
export function runLabel(segment: Segment, scope: string, results: ProcedureResults): string {
  const outside = (path: string) => !isWithin(path, scope) || path === scope;
  const own: Segment = {
    ...segment,
    steps: segment.steps.filter(outside),
    routes: segment.routes.filter((r) => outside(r.step)),
    flagOps: segment.flagOps.filter((o) => outside(o.step)),
    referrals: segment.referrals.filter((r) => outside(r.step)),
    deadlines: segment.deadlines.filter((d) => outside(d.step)),
    violations: segment.violations.filter((v) => !isWithin(v.scope, scope)),
    ends: segment.ends.filter((e) => outside(e.step)),
  };
  return JSON.stringify([labelOf(own), resultsKey(results)]);
}
