import { type CaseView, PUBLIC_SURFACE, redactView, type Text } from "../engine/index";
import type { CaseSummary, SummaryStep } from "./CaseSummary";

/**
 * Given the engine's view of a case (`viewCase`) and the number of events in its log, returns the summary the
 * queue reads. The queue, search and every list are public surfaces, whoever looks: the summary keeps public facts
 * only (hidden flags as a count and their neutral labels, a hidden deadline as its time alone, no step of a
 * procedure above public), so search never matches what a list may not show. A pure function; it keeps no reference
 * into the view. Fields that have no value are left out, so that a summary read back from storage equals the one
 * written.
 *
 * @example
 * const summary = summarizeCase(viewCase(session, clock()), session.events.length);
 */
export function summarizeCase(full: CaseView, eventCount: number): CaseSummary {
  const view = redactView(full, PUBLIC_SURFACE);
  const current = view.current
    .filter((step) => step.level === "public")
    .map((step): SummaryStep => (step.title ? { path: step.path, title: { ...step.title } } : { path: step.path }));
  const priorities = view.flags.map((flag) => flag.priority);
  const hidden = view.flags.filter((flag) => flag.hidden);
  const labels: Text[] = [];
  let unlabelled = 0;
  for (const flag of hidden)
    if (!flag.publicLabel) unlabelled++;
    else if (!labels.some((l) => sameText(l, flag.publicLabel!))) labels.push({ ...flag.publicLabel });
  const first = view.deadlines.reduce<CaseView["deadlines"][number] | undefined>(
    (soonest, d) => (!soonest || Date.parse(d.dueAt) < Date.parse(soonest.dueAt) ? d : soonest),
    undefined,
  );
  const referrals = [...new Set(view.referrals.filter((r) => r.status === "made" && !r.hidden).map((r) => r.service))];
  return {
    caseId: view.caseId,
    sop: { id: view.sop.id, version: view.sop.version, hash: view.sop.hash },
    ...(view.site !== undefined ? { site: view.site } : {}),
    ...(view.group !== undefined ? { group: view.group } : {}),
    openedAt: view.openedAt,
    updatedAt: view.updatedAt,
    status: view.status,
    current,
    flags: view.flags.filter((flag) => !flag.hidden).map((flag) => flag.id),
    ...(hidden.length ? { hiddenFlags: { labels, unlabelled } } : {}),
    ...(priorities.length ? { priority: Math.min(...priorities) } : {}),
    ...(first
      ? {
          nextDeadline: first.hidden
            ? { id: "", dueAt: first.dueAt }
            : { id: first.id, dueAt: first.dueAt, kind: first.kind, label: { ...first.label } },
        }
      : {}),
    ...(view.outcome !== undefined ? { outcome: view.outcome } : {}),
    referrals,
    eventCount,
  };
}

function sameText(a: Text, b: Text): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
