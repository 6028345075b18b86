import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { CaseSummary } from "../../store/index";
import { formatCountdown } from "../shared/formatCountdown";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getDeadlineLabel, getQueueCatalog, listShippedSops } from "../shared/shippedLibrary";
import { routeHref } from "../shared/useRoute";

const ROW_HEIGHT = 112;
const HOUR = 3_600_000;

/**
 * The queue's cases as a virtualised list: only the rows in view (and a few around them) are in the page, so ten
 * thousand cases scroll as fast as ten. Each row is one link that opens the case.
 */
export function CaseList({ cases, now, labelledBy }: { cases: readonly CaseSummary[]; now: Date; labelledBy: string }) {
  const { t, text } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cases.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // Without layout (first paint, tests) assume a phone-sized window so that the first rows show at once.
    initialRect: { width: 360, height: 640 },
  });
  const catalog = getQueueCatalog();
  const titles = new Map(listShippedSops().map((s) => [s.id, s.title]));
  return (
    <div ref={scroller} className="case-list">
      <ul aria-labelledby={labelledBy} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const summary = cases[item.index];
          const flags = summary.flags
            .map((id) => catalog.flags.get(id))
            .filter((f) => f !== undefined && f.sensitivity !== "confidential");
          const deadline = summary.nextDeadline;
          const step = summary.current[0];
          return (
            <li
              key={summary.caseId}
              className="case-row"
              aria-setsize={cases.length}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <a href={routeHref({ area: "case", caseId: summary.caseId, view: "step" })} className="case-link">
                <span className="case-row-top">
                  <span className="case-row-code">{summary.caseId}</span>
                  <span className={`badge badge-status-${summary.status}`}>{t(`status.${summary.status}`)}</span>
                </span>
                <span className="case-row-step">
                  {text(titles.get(summary.sop.id)) || summary.sop.id}
                  {step?.title ? ` · ${text(step.title)}` : ""}
                </span>
                {deadline ? (
                  <span
                    className={
                      Date.parse(deadline.dueAt) < now.getTime() ? "case-row-deadline overdue" : "case-row-deadline"
                    }
                  >
                    <strong>{formatCountdown((Date.parse(deadline.dueAt) - now.getTime()) / HOUR, t)}</strong> ·{" "}
                    {text(getDeadlineLabel(deadline.id)) || deadline.id}
                  </span>
                ) : null}
                {flags.length > 0 ? (
                  <span className="case-row-flags">{flags.map((f) => text(f!.label)).join(" · ")}</span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
