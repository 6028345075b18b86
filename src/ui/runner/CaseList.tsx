import { useRef } from "react";
import type { CaseSummary } from "../../store/index";
import { formatCountdown } from "../shared/formatCountdown";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getQueueCatalog, listShippedSops } from "../shared/shippedLibrary";
import { routeHref } from "../shared/useRoute";
import { useFixedRows } from "./useFixedRows";

const ROW_HEIGHT = 132;
const HOUR = 3_600_000;

/**
 * The queue's cases as a virtualised list: only the rows in view (and a few around them) are in the page, so ten
 * thousand cases scroll as fast as ten. Each row is one link that opens the case. The queue is a public surface,
 * whoever looks: rows show what the stored summaries hold (public facts only), a hidden flag or deadline by its
 * neutral label, and the standing instructions of the public flags.
 */
export function CaseList({ cases, now, labelledBy }: { cases: readonly CaseSummary[]; now: Date; labelledBy: string }) {
  const { t, text } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  // Without layout (first paint, tests) a phone-sized window is assumed, so that the first rows show at once.
  const rows = useFixedRows(scroller, cases.length, ROW_HEIGHT, 6, 640);
  const catalog = getQueueCatalog();
  const titles = new Map(listShippedSops().map((s) => [s.id, s.title]));
  return (
    <div ref={scroller} className="case-list">
      <ul aria-labelledby={labelledBy} style={{ height: cases.length * ROW_HEIGHT, position: "relative" }}>
        {cases.slice(rows.first, rows.last).map((summary, i) => {
          const index = rows.first + i;
          const flags = summary.flags
            .map((id) => catalog.flags.get(id))
            .filter((f) => f !== undefined && f.sensitivity === "public");
          const instructions = flags.filter((f) => f!.instruction).map((f) => text(f!.label));
          const chips = [
            ...flags.filter((f) => !f!.instruction).map((f) => text(f!.label)),
            ...(summary.hiddenFlags?.labels ?? []).map((label) => text(label)),
            ...(summary.hiddenFlags?.unlabelled ? [t("queue.hiddenFlag")] : []),
          ];
          const deadline = summary.nextDeadline;
          const step = summary.current[0];
          return (
            <li
              key={summary.caseId}
              className="case-row"
              aria-setsize={cases.length}
              aria-posinset={index + 1}
              style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
            >
              <a href={routeHref({ area: "case", caseId: summary.caseId, view: "step" })} className="case-link">
                <span className="case-row-top">
                  <span className="case-row-code">{summary.caseId}</span>
                  <span className={`badge badge-status-${summary.status}`}>{t(`status.${summary.status}`)}</span>
                </span>
                <span className="case-row-step">
                  {text(titles.get(summary.sop.id)) || t("queue.procedure")}
                  {step?.title ? ` · ${text(step.title)}` : ""}
                </span>
                {deadline ? (
                  <span
                    className={
                      Date.parse(deadline.dueAt) < now.getTime() ? "case-row-deadline overdue" : "case-row-deadline"
                    }
                  >
                    <strong>{formatCountdown((Date.parse(deadline.dueAt) - now.getTime()) / HOUR, t)}</strong> ·{" "}
                    {!deadline.label
                      ? t("queue.hiddenDeadline")
                      : deadline.kind === "referral"
                        ? t("deadline.handover", { service: text(deadline.label) })
                        : text(deadline.label)}
                  </span>
                ) : null}
                {instructions.length > 0 ? (
                  <span className="case-row-instructions">
                    {t("queue.instructions")}: {instructions.join(" · ")}
                  </span>
                ) : null}
                {chips.length > 0 ? <span className="case-row-flags">{chips.join(" · ")}</span> : null}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
