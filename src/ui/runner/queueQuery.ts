import type { CaseStatus, SummaryQuery } from "../../store/index";

/** The queue's filters as the officer sets them. */
export interface QueueFilters {
  text: string;
  /** A flag id, or "" for any. */
  flag: string;
  status: "open" | CaseStatus | "all";
  deadline: "any" | "overdue" | "6" | "24" | "72";
  sort: "urgency" | "recent";
}

/** What the queue shows first: every case not closed, the most urgent first. */
export const DEFAULT_FILTERS: QueueFilters = { text: "", flag: "", status: "open", deadline: "any", sort: "urgency" };

const OPEN: readonly CaseStatus[] = ["active", "stuck", "paused", "pending", "finished"];

/** The store query for a set of filters, with deadlines counted from `now`. */
export function toSummaryQuery(filters: QueueFilters, now: Date): SummaryQuery {
  const query: SummaryQuery = { sort: filters.sort, now };
  const text = filters.text.trim();
  if (text) query.text = text;
  if (filters.flag) query.flag = filters.flag;
  if (filters.status === "open") query.status = OPEN;
  else if (filters.status !== "all") query.status = filters.status;
  if (filters.deadline === "overdue") query.dueWithinHours = 0;
  else if (filters.deadline !== "any") query.dueWithinHours = Number(filters.deadline);
  return query;
}
