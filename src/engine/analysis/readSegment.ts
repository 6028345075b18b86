import type { CaseSession } from "../case/CaseSession";
import type { CompiledSop } from "../compile/CompiledSop";
import type { ReferralStatus } from "../compile/caseContext";

/** Where the case's lists stood before an action, so that what the action added can be read off. */
export interface Counters {
  visited: number;
  trace: number;
  referrals: number;
  violations: number;
}

/** A referral made or declined along a path. */
export interface PathReferral {
  step: string;
  service: string;
  urgency: "immediate" | "urgent" | "routine";
  status: ReferralStatus;
}

/** A deadline set along a path: when it falls due, counted from the moment it was set and from its `from`. */
export interface PathDeadline {
  id: string;
  step: string;
  /** Hours from the moment the deadline was set to when it falls due; negative when it is already past. */
  hoursLeftWhenSet: number;
  /** Hours from its `from` to when it falls due (the `within`). */
  window: number;
}

/** An invariant broken when a procedure ended on this path. */
export interface PathViolation {
  scope: string;
  sop: string;
  invariant: string;
  expectation: Record<string, unknown>;
}

/**
 * What one action did to a case: the steps it entered, the routes taken, flags raised and cleared, referrals,
 * deadlines set, invariants broken and procedures ended, plus questions skipped because their answer was passed in.
 * Independent of clock time, so a scenario's actions and the analysis's give the same segments.
 */
export interface Segment {
  steps: string[];
  routes: { step: string; index: number }[];
  /** Flags raised and cleared, in order, with the step whose effect did it. */
  flagOps: { flag: string; raise: boolean; step: string }[];
  referrals: PathReferral[];
  deadlines: PathDeadline[];
  violations: PathViolation[];
  ends: { step: string; outcome: string }[];
  skips: { step: string; variable: string }[];
}

const HOUR = 3_600_000;

/** The counters of a session now. */
export function countersOf(session: CaseSession): Counters {
  const c = session.context;
  return {
    visited: c.visited.length,
    trace: c.trace.length,
    referrals: c.referrals.length,
    violations: c.violations.length,
  };
}

/** What the session's case did since `before`. */
export function readSegment(_compiled: CompiledSop, session: CaseSession, before: Counters): Segment {
  const context = session.context;
  const segment: Segment = {
    steps: context.visited.slice(before.visited),
    routes: [],
    flagOps: [],
    referrals: [],
    deadlines: [],
    violations: context.violations
      .slice(before.violations)
      .map((v) => ({ scope: v.scope, sop: v.sop, invariant: v.invariant, expectation: v.expectation })),
    ends: [],
    skips: [],
  };
  for (const entry of context.trace.slice(before.trace)) {
    if (entry.kind === "route") segment.routes.push({ step: entry.step, index: entry.index });
    else if (entry.kind === "flag") segment.flagOps.push({ flag: entry.flag, raise: entry.raise, step: entry.step });
    else if (entry.kind === "deadline") {
      const due = Date.parse(entry.dueAt);
      segment.deadlines.push({
        id: entry.deadline,
        step: entry.step,
        hoursLeftWhenSet: round((due - Date.parse(entry.at)) / HOUR),
        window: round((due - Date.parse(entry.from)) / HOUR),
      });
    } else if (entry.kind === "referral")
      segment.referrals.push({
        step: entry.step,
        service: entry.service,
        urgency: entry.urgency,
        status: entry.status,
      });
    else if (entry.kind === "end") segment.ends.push({ step: entry.step, outcome: entry.outcome });
    else if (entry.kind === "skip") segment.skips.push({ step: entry.step, variable: entry.variable });
  }
  return segment;
}

/**
 * The segment as text: two segments with the same text are the same stretch of path. Deadlines count by which
 * deadline is set where, not by how long is left: that depends on the exact answer, not on the path.
 */
export function labelOf(segment: Segment): string {
  return JSON.stringify([
    segment.steps,
    segment.routes.map((r) => `${r.step}#${r.index}`),
    segment.flagOps.map((o) => `${o.raise ? "+" : "-"}${o.flag}`),
    segment.referrals.map((r) => [r.step, r.status]),
    segment.deadlines.map((d) => [d.id, d.step]),
    segment.violations.map((v) => [v.scope, v.invariant, JSON.stringify(v.expectation)]),
    segment.ends.map((e) => [e.step, e.outcome]),
  ]);
}

function round(hours: number): number {
  return Math.round(hours * 1000) / 1000;
}
