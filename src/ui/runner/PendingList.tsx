import type { CaseView } from "../../engine/index";
import { formatCountdown } from "../shared/formatCountdown";
import { useCaseI18n } from "./i18n/useCaseI18n";

/**
 * What keeps a case open once its steps are done: the follow-ups not recorded and the referrals not handed over.
 * The referrals the viewer may not name are one line with their number, not one line each.
 */
export function PendingList({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const followUps = view.followUps.filter((f) => f.open);
  const handovers = view.referrals.filter((r) => r.awaitingHandover && !r.hidden);
  const hiddenHandovers = view.referrals.filter((r) => r.awaitingHandover && r.hidden).length;
  return (
    <div className="pending">
      <p>{t("pending.summary", { followUps: view.pending.followUps, handovers: view.pending.handovers })}</p>
      <ul>
        {followUps.map((f, i) => (
          <li key={f.id || i} className={f.overdue ? "deadline-overdue" : undefined}>
            {f.hidden ? t("followUp.hidden") : t("pending.followUp", { label: text(f.label) })}:{" "}
            {formatCountdown(f.hoursLeft, t)}
          </li>
        ))}
        {handovers.map((r) => (
          <li key={r.service}>{t("pending.handover", { service: text(r.serviceName) })}</li>
        ))}
        {hiddenHandovers > 0 ? <li>{t("referral.hiddenHandover", { count: hiddenHandovers })}</li> : null}
      </ul>
    </div>
  );
}
