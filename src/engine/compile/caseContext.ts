import type { Text } from "../definition/types";
import type { Activation } from "../expression/ExpressionScope";

/** A referral the case produced. */
export interface ReferralRecord {
  /** The referral step's path. */
  step: string;
  service: string;
  urgency: "immediate" | "urgent" | "routine";
  reason: Text;
  /** `made` when the person consented or no consent was needed; `declined` otherwise. */
  status: "made" | "declined";
  consent: boolean;
  at: string;
  by: string;
  /** The variables (of the referring procedure) the receiving service may see on the slip. */
  shares: string[];
}

/** A running deadline, fixed when its step was completed. */
export interface DeadlineRecord {
  id: string;
  label: Text;
  step: string;
  /** ISO times: what it counts from, and when it falls due. */
  from: string;
  dueAt: string;
}

/** One entry of the decision trace: why the case went where it went. */
export interface TraceEntry {
  at: string;
  step: string;
  kind: "route" | "effect" | "skip" | "input" | "end" | "invariant";
  /** The CEL expression that decided, if any. */
  expression?: string;
  /** The values of the variables the expression mentions, as plain JSON. */
  values?: Record<string, unknown>;
  result?: unknown;
  /** For a route: the step taken. For an effect: what it did ("raise uasc"). */
  detail?: string;
}

/** A policy promise broken on this case's path, found when a procedure ended. */
export interface InvariantViolation {
  scope: string;
  sop: string;
  invariant: string;
  text: Text;
  /** The expectation that failed, as JSON. */
  expectation: Record<string, unknown>;
}

/** A raw answer as recorded, for views, summaries and slips. */
export interface AnswerRecord {
  step: string;
  value: unknown;
  at: string;
  by: string;
  /** True when the answer came in from a calling procedure instead of being asked. */
  passedIn?: boolean;
}

/**
 * The mutable state of one case inside the machine. It is mutated in place by the named actions, so an answer
 * costs the same whatever came before it; a case's history lives in its event log, never in old snapshots.
 */
export interface CaseContext {
  /** The time and author of the event being processed (set by the case session before each event). */
  now: Date;
  nowIso: string;
  by: string;
  /** Per procedure scope: the CEL activation of its answered variables. */
  scopes: Map<string, Activation>;
  /** Per procedure scope: the variables its caller passed in with `with`; their questions are not asked. */
  passedIn: Map<string, Set<string>>;
  answers: Map<string, AnswerRecord>;
  flags: string[];
  /** The scope (procedure path) that last raised each flag. */
  flagRaisedBy: Map<string, string>;
  /** Per scope: the ids of its steps visited so far, in order (the CEL `visited` list). */
  visitedByScope: Map<string, string[]>;
  referrals: ReferralRecord[];
  /** Services referred to (made), as a CEL list. */
  referredServices: string[];
  deadlines: Map<string, DeadlineRecord>;
  consents: Set<string>;
  visited: string[];
  visitedSet: Set<string>;
  trace: TraceEntry[];
  outcomes: Map<string, string>;
  violations: InvariantViolation[];
}

export function createCaseContext(): CaseContext {
  return {
    now: new Date(0),
    nowIso: new Date(0).toISOString(),
    by: "",
    scopes: new Map([["", {}]]),
    passedIn: new Map(),
    answers: new Map(),
    flags: [],
    flagRaisedBy: new Map(),
    visitedByScope: new Map(),
    referrals: [],
    referredServices: [],
    deadlines: new Map(),
    consents: new Set(),
    visited: [],
    visitedSet: new Set(),
    trace: [],
    outcomes: new Map(),
    violations: [],
  };
}
