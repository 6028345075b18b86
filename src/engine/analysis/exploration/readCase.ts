import type { CaseSession } from "../../case/CaseSession";
import type { CompiledSop } from "../../compile/CompiledSop";
import { hashJson } from "../../compile/hashBundle";
import type { CaseResults, PathReferral } from "./types";

/**
 * What a case did, read from its session's typed records: the steps it entered, the routes it took, and what it
 * produced (flags, referrals made or declined, deadlines, invariants broken, the outcome). The one reading of a case
 * that paths, coverage and diffs share, so a scenario's path and the analysis's are described alike.
 */
export function readCase(_compiled: CompiledSop, session: CaseSession): CaseResults {
  const context = session.context;
  const routes: { step: string; index: number }[] = [];
  for (const entry of context.trace) if (entry.kind === "route") routes.push({ step: entry.step, index: entry.index });
  const referrals: PathReferral[] = context.referrals.map((r) => ({
    step: r.step,
    service: r.service,
    urgency: r.urgency,
    status: r.status,
  }));
  const hour = 3_600_000;
  return {
    finished: session.finished,
    steps: [...context.visited],
    routes,
    flags: [...context.flags].sort(),
    referrals,
    deadlines: [...context.deadlines.values()].map((d) => ({
      id: d.id,
      step: d.step,
      window: Math.round(((Date.parse(d.dueAt) - Date.parse(d.from)) / hour) * 1000) / 1000,
    })),
    outcome: context.outcomes.get(""),
    violations: context.violations.map((v) => ({
      scope: v.scope,
      sop: v.sop,
      invariant: v.invariant,
      expectation: v.expectation,
    })),
  };
}

/** Identifies a path: equal for any two runs along the same steps and routes with the same results. */
export function pathSignature(results: CaseResults, status: string, where?: string): string {
  return hashJson([
    results.steps,
    results.routes.map((r) => `${r.step}#${r.index}`),
    results.flags,
    results.referrals.map((r) => [r.step, r.status]),
    results.deadlines.map((d) => [d.id, d.step]),
    results.outcome ?? "",
    status,
    status === "finished" ? "" : (where ?? ""),
  ]);
}
