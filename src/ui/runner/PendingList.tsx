import type { CaseView } from "../../engine/index";
import { formatCountdown } from "../shared/formatCountdown";
import { useCaseI18n } from "./i18n/useCaseI18n";

/** What keeps a case open once its steps are done: the follow-ups not recorded and the referrals not handed over. */
export function PendingList({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const followUps = view.followUps.filter((f) => f.open);
  const handovers = view.referrals.filter((r) => r.awaitingHandover);
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
        {handovers.map((r, i) => (
          <li key={r.service || i}>
            {r.hidden ? t("referral.hiddenHandover") : t("pending.handover", { service: text(r.serviceName) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
