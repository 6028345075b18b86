import type { Text } from "../engine/index";

/**
 * Where a case stands: working (`active`), `paused`, its steps done but follow-ups or handovers open (`pending`),
 * every procedure ended (`finished`), closed by an officer, or `stuck`.
 */
export type CaseStatus = "active" | "paused" | "pending" | "finished" | "closed" | "stuck";

/** The statuses in the order the queue shows them. */
export const CASE_STATUSES: readonly CaseStatus[] = ["active", "stuck", "paused", "pending", "finished", "closed"];

/** A step the case waits at, as the queue shows it. */
export interface SummaryStep {
  /** The step's path (`procedure-step/step` inside a sub-procedure). */
  path: string;
  title?: Text;
}

/**
 * The small per-case projection the queue, search and filters read, kept beside the event log and written in the
 * same transaction. It is derived data: replaying the log through the engine gives it again.
 */
export interface CaseSummary {
  caseId: string;
  /** The SOP version the case was opened with. */
  sop: { id: string; version: string; hash: string };
  site?: string;
  /** Links the cases of people who arrived together. */
  group?: string;
  openedAt: string;
  /** The time of the last event. */
  updatedAt: string;
  status: CaseStatus;
  /** The steps waiting for the officer (several in parallel tracks); empty once the case is done. */
  current: SummaryStep[];
  /** The ids of the flags raised, as the engine lists them. */
  flags: string[];
  /** The priority of the most urgent flag raised (0 is the most urgent); absent when no flag is raised. */
  priority?: number;
  /** The deadline that falls due first (overdue ones included). */
  nextDeadline?: { id: string; dueAt: string };
  outcome?: string;
  /** The services the case was referred to (referrals made, not declined), each once. */
  referrals: string[];
  /** How many events the case's log holds: the sequence number of the next event. */
  eventCount: number;
}
