import { useState } from "react";
import type { CaseView, InstructionView, ReferralView } from "../../engine/index";
import { formatCountdown } from "../shared/formatCountdown";
import { routeHref } from "../shared/useRoute";
import { describeRefusal } from "./describeRefusal";
import { describeSupersession } from "./describeSupersession";
import { useCaseI18n } from "./i18n/useCaseI18n";
import type { CaseHandle } from "./useCaseSession";

/**
 * The case's referrals, one per service: the most urgent of its reasons, every reason, its status in words (made,
 * declined by the person, not needed and why, forbidden by a standing instruction, handed over before a correction
 * and whether the corrected path still leads to it), its handover
 * time and delivery, the actions that record the handover, and its slip. A referral the viewer may not see shows a
 * neutral line only.
 */
export function ReferralList({ view, handle }: { view: CaseView; handle?: CaseHandle }) {
  const { t } = useCaseI18n();
  if (view.referrals.length === 0) return <p>{t("summary.noReferrals")}</p>;
  return (
    <ul className="referral-list">
      {view.referrals.map((referral, i) => (
        <li key={referral.service || i} className="referral-item">
          {referral.hidden ? (
            <HiddenReferral referral={referral} />
          ) : (
            <ReferralItem referral={referral} view={view} handle={handle} />
          )}
        </li>
      ))}
    </ul>
  );
}

function HiddenReferral({ referral }: { referral: ReferralView }) {
  const { t } = useCaseI18n();
  return (
    <p className="referral-line">
      {t("referral.hidden")} · {t(statusKey(referral))}
    </p>
  );
}

function ReferralItem({ referral, view, handle }: { referral: ReferralView; view: CaseView; handle?: CaseHandle }) {
  const i18n = useCaseI18n();
  const { t, text, formatDateTime } = i18n;
  const [problem, setProblem] = useState<string>();
  const name = text(referral.serviceName);
  const note = referral.status === "superseded" ? describeSupersession(referral, i18n) : referral.note;
  const handedOver = referral.delivery.find((d) => d.status === "handed-over");
  const acknowledged = referral.delivery.find((d) => d.status === "acknowledged");
  const closed = view.status === "closed";
  const record = async (status: "handed-over" | "acknowledged") => {
    if (!handle) return;
    const result = await handle.send({ type: "REFERRAL_UPDATED", service: referral.service, status });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };
  const due = view.deadlines.find((d) => d.kind === "referral" && d.id === `referral:${referral.service}`)?.hoursLeft;
  return (
    <>
      <p className="referral-line">
        <strong>{name}</strong> · {t(`urgency.${referral.urgency}`)} · {t(statusKey(referral))}
      </p>
      {referral.reasons.length > 0 ? (
        <ul className="referral-reasons" aria-label={t("referral.reasons", { service: name })}>
          {referral.reasons.map((reason) => (
            <li key={`${reason.step}:${reason.at}`}>
              {text(reason.reason)} ({t(`urgency.${reason.urgency}`)}
              {reason.mandatory ? `, ${t("referral.mandatoryShort")}` : ""}
              {reason.notMade && referral.status === "made" ? `, ${t("referral.reasonNotOnSlip")}` : ""})
            </li>
          ))}
        </ul>
      ) : null}
      {note ? <p className="note">{t(noteKey(referral), { note })}</p> : null}
      {referral.forbiddenBy?.length ? (
        <ForbiddenBy flags={referral.forbiddenBy} instructions={view.instructions} />
      ) : null}
      {referral.awaitingHandover && referral.dueAt ? (
        <p className={due !== undefined && due < 0 ? "referral-due deadline-overdue" : "referral-due"}>
          {t("referral.dueBy", { at: formatDateTime(referral.dueAt) })}
          {due !== undefined ? ` (${formatCountdown(due, t)})` : ""}
        </p>
      ) : null}
      {handedOver ? (
        <p className="referral-delivery">
          {t("referral.handedOverAt", { at: formatDateTime(handedOver.at), by: handedOver.by })}
        </p>
      ) : null}
      {acknowledged ? (
        <p className="referral-delivery">
          {t("referral.acknowledgedAt", { at: formatDateTime(acknowledged.at), by: acknowledged.by })}
        </p>
      ) : null}
      <div className="answer-actions no-print">
        {referral.status === "made" || referral.status === "superseded" ? (
          <a
            className="button button-small"
            href={routeHref({ area: "case", caseId: view.caseId, view: "slip", service: referral.service })}
          >
            {t("case.slipFor", { service: name })}
          </a>
        ) : null}
        {handle && !closed && referral.awaitingHandover ? (
          <button
            aria-label={`${t("referral.markHandedOver")}: ${name}`}
            type="button"
            className="button button-small"
            disabled={handle.busy}
            onClick={() => record("handed-over")}
          >
            {t("referral.markHandedOver")}
          </button>
        ) : null}
        {handle && !closed && referral.status === "made" && handedOver && !acknowledged ? (
          <button
            aria-label={`${t("referral.markAcknowledged")}: ${name}`}
            type="button"
            className="button button-small"
            disabled={handle.busy}
            onClick={() => record("acknowledged")}
          >
            {t("referral.markAcknowledged")}
          </button>
        ) : null}
      </div>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}

/**
 * A referral's status in words. One handed over before a correction says whether the corrected path may still
 * reach it or has ended without it (then the officer checks a withdrawal), never only "superseded".
 */
export function statusKey(referral: Pick<ReferralView, "status" | "review">) {
  if (referral.review === "pending") return "referralStatus.supersededPending" as const;
  if (referral.review === "withdraw") return "referralStatus.supersededWithdraw" as const;
  return `referralStatus.${referral.status}` as const;
}

function noteKey(referral: Pick<ReferralView, "status" | "review">) {
  switch (referral.status) {
    case "not-needed":
      return "referral.notNeededWhy" as const;
    case "superseded":
      return referral.review === "pending"
        ? ("referral.supersededPendingWhy" as const)
        : referral.review === "withdraw"
          ? ("referral.supersededWithdrawWhy" as const)
          : ("referral.supersededWhy" as const);
    default:
      return "referral.noteWhy" as const;
  }
}

/** The standing instructions that kept a referral from being made, in their words when the viewer may read them. */
export function ForbiddenBy({ flags, instructions }: { flags: string[]; instructions: readonly InstructionView[] }) {
  const { t, text } = useCaseI18n();
  return (
    <ul className="forbidden-by">
      {flags.map((flag) => {
        const instruction = instructions.find((i) => i.flag === flag && !i.hidden);
        return (
          <li key={flag}>
            {instruction
              ? t("referral.forbiddenByWords", { label: text(instruction.label), words: text(instruction.instruction) })
              : t("instruction.hiddenForbids")}
          </li>
        );
      })}
    </ul>
  );
}
