import type { CaseView } from "../engine/index";
import type { CaseSummary, SummaryStep } from "./CaseSummary";

/**
 * Given the engine's view of a case (`viewCase`) and the number of events in its log, returns the summary the
 * queue reads. A pure function; it keeps no reference into the view. Fields that have no value are left out, so
 * that a summary read back from storage equals the one written.
 *
 * @example
 * const summary = summarizeCase(viewCase(session, clock()), session.events.length);
 */
export function summarizeCase(view: CaseView, eventCount: number): CaseSummary {
  const current = view.current.map((step): SummaryStep => {
    return step.title ? { path: step.path, title: { ...step.title } } : { path: step.path };
  });
  const priorities = view.flags.map((flag) => flag.priority);
  const first = view.deadlines.reduce<CaseView["deadlines"][number] | undefined>(
    (soonest, d) => (!soonest || Date.parse(d.dueAt) < Date.parse(soonest.dueAt) ? d : soonest),
    undefined,
  );
  const referrals = [...new Set(view.referrals.filter((r) => r.status === "made").map((r) => r.service))];
  return {
    caseId: view.caseId,
    sop: { id: view.sop.id, version: view.sop.version, hash: view.sop.hash },
    ...(view.site !== undefined ? { site: view.site } : {}),
    ...(view.group !== undefined ? { group: view.group } : {}),
    openedAt: view.openedAt,
    updatedAt: view.updatedAt,
    status: view.status,
    current,
    flags: view.flags.map((flag) => flag.id),
    ...(priorities.length ? { priority: Math.min(...priorities) } : {}),
    ...(first ? { nextDeadline: { id: first.id, dueAt: first.dueAt } } : {}),
    ...(view.outcome !== undefined ? { outcome: view.outcome } : {}),
    referrals,
    eventCount,
  };
}
