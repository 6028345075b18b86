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
 * same transaction. It is derived data: replaying the log through the engine gives it again. The queue and search are
 * public surfaces, so a summary holds public facts only (see `summarizeCase`).
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
  /** The public steps waiting for the officer (several in parallel tracks); empty once the case is done. */
  current: SummaryStep[];
  /** The ids of the public flags raised, as the engine lists them. */
  flags: string[];
  /**
   * The flags raised above public, as a public surface may show them: the neutral labels (the catalog's
   * `publicLabel`, each once) of those that have one, and how many have none. Absent when there is none.
   */
  hiddenFlags?: { labels: Text[]; unlabelled: number };
  /** The priority of the most urgent flag raised, hidden ones included (0 is the most urgent); absent when none. */
  priority?: number;
  /**
   * The deadline that falls due first, of any kind (an SOP's deadline, a referral's handover, a follow-up), overdue
   * ones included. Above public, its id is "" and it has no label.
   */
  nextDeadline?: { id: string; dueAt: string; kind?: "deadline" | "referral" | "follow-up"; label?: Text };
  outcome?: string;
  /** The public services the case was referred to (referrals made, not declined), each once. */
  referrals: string[];
  /** How many events the case's log holds, from every device, whatever their level. */
  eventCount: number;
  /** The last handover of the case to another desk or role (a HANDED_OVER event), for the receiving queue. */
  handedTo?: { role: string; desk?: string; by: string; at: string; dueAt?: string; note?: string };
  /**
   * Set when the summary leaves out facts above the public level (a public digest): flags, referrals, steps or a
   * deadline this device's role may not see.
   */
  withheld?: true;
}
