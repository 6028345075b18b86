import type { CaseView } from "../../engine/index";
import { formatCountdown } from "../shared/formatCountdown";
import { useI18n } from "../shared/i18n/I18nProvider";

/** Progress, the flags raised so far and the deadlines counting down, always in view above the step. */
export function CaseStatusBar({ view }: { view: CaseView }) {
  const { t, text } = useI18n();
  const { done, remaining } = view.progress;
  const total = done + remaining;
  const flags = [...view.flags].sort((a, b) => a.priority - b.priority);
  return (
    <div className="status-bar">
      <div className="progress">
        <p id="progress-label" className="progress-label">
          {remaining > 0 ? t("case.progress", { done, remaining }) : t("case.progressDone", { done })}
        </p>
        <progress aria-labelledby="progress-label" max={Math.max(total, 1)} value={done} />
      </div>
      {flags.length > 0 ? (
        <section aria-label={t("case.flags")} className="flags">
          <ul className="chips">
            {flags.map((flag) => (
              <li key={flag.id} className={`chip chip-priority-${Math.min(flag.priority, 3)}`}>
                {text(flag.label)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.deadlines.length > 0 ? (
        <section aria-label={t("case.deadlines")} className="deadlines">
          <ul>
            {view.deadlines.map((deadline) => (
              <li key={deadline.id} className={deadline.overdue ? "deadline deadline-overdue" : "deadline"}>
                <strong>{text(deadline.label)}</strong>: {formatCountdown(deadline.hoursLeft, t)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
