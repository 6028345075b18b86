import type { CaseView } from "../../engine/index";
import { formatCountdown } from "../shared/formatCountdown";
import { FlagChips, flagChips } from "./FlagChips";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { deadlineLines } from "./neutralLabels";

/**
 * Progress, the flags raised so far and the deadlines counting down, always in view above the step. It is the case
 * header, a public surface whoever looks: give it the public view (`redactView(view, PUBLIC_SURFACE)`), so that a
 * fact above public shows as a neutral label, never by its category.
 */
export function CaseStatusBar({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const { done, remaining } = view.progress;
  const total = done + remaining;
  const chips = flagChips(view, t, text);
  return (
    <div className="status-bar">
      <div className="progress">
        <p id="progress-label" className="progress-label">
          {remaining > 0 ? t("case.progress", { done, remaining }) : t("case.progressDone", { done })}
        </p>
        <progress aria-labelledby="progress-label" max={Math.max(total, 1)} value={done} />
      </div>
      {chips.flags.length + chips.neutral.length > 0 ? (
        <section aria-label={t("case.flags")} className="flags">
          <FlagChips view={view} />
        </section>
      ) : null}
      {view.deadlines.length > 0 ? (
        <section aria-label={t("case.deadlines")} className="deadlines">
          <DeadlineList deadlines={view.deadlines} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * The deadlines counting down, in time order, each one the viewer may see by its label and the hidden ones as one
 * neutral line.
 */
export function DeadlineList({ deadlines, className }: { deadlines: CaseView["deadlines"]; className?: string }) {
  const { t, text } = useCaseI18n();
  return (
    <ul className={className}>
      {deadlineLines(deadlines).map(({ deadline, hidden }) => (
        <li
          key={hidden ? "hidden" : deadline.id}
          className={deadline.overdue ? "deadline deadline-overdue" : "deadline"}
        >
          <strong>
            {hidden
              ? t("deadline.hidden", { count: hidden })
              : // A referral's time is for handing it over, not the window of care it leads to (a PEP referral
                // "overdue" must never read as the PEP window gone).
                deadline.kind === "referral"
                ? t("deadline.handover", { service: text(deadline.label) })
                : text(deadline.label)}
          </strong>
          : {formatCountdown(deadline.hoursLeft, t)}
        </li>
      ))}
    </ul>
  );
}
