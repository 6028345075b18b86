import { useEffect, useRef, useState } from "react";
import { buildSlip, type CaseSession, type CaseView, canSee } from "../../engine/index";
import { useClock } from "../shared/ClockProvider";
import { routeHref } from "../shared/useRoute";
import { useViewer } from "../shared/useViewer";
import { describeRefusal } from "./describeRefusal";
import { describeSupersession } from "./describeSupersession";
import { formatAnswer } from "./formatAnswer";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { redactSlip } from "./redactSlip";
import type { CaseHandle } from "./useCaseSession";
import { useGroup } from "./useGroup";

/**
 * The printable slip for one service (one per service, whatever the number of steps that referred to it): the most
 * urgent of its reasons, every reason, the standing instructions that concern the service, the data the referral
 * shares, the household's composition when the service needs it, and a footer with the slip's real level. It carries
 * only what the service may receive (`buildSlip`) and, on screen and in print, what the viewer may see.
 */
export function ReferralSlip({
  handle,
  session,
  view,
  service,
}: {
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
  service: string;
}) {
  const i18n = useCaseI18n();
  const { t, text, formatDateTime } = i18n;
  const clock = useClock();
  const { sees } = useViewer();
  const group = useGroup(view);
  const [problem, setProblem] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const referral = view.referrals.find((r) => r.service === service && !r.hidden);
  const back = routeHref({ area: "case", caseId: view.caseId, view: "summary" });
  const built =
    referral && (referral.status === "made" || referral.status === "superseded")
      ? buildSlip(session, service, clock.now(), group.household)
      : undefined;
  if (!built || !referral || !canSee(sees, built.referral.level))
    return (
      <section className="slip-missing">
        <h1 ref={heading} tabIndex={-1}>
          {built ? t("slip.aboveViewer") : t("slip.missing")}
        </h1>
        <a className="button button-secondary" href={back}>
          {t("slip.back")}
        </a>
      </section>
    );
  const slip = redactSlip(built, sees);
  const site = view.site ? session.compiled.catalog.sites.get(view.site) : undefined;
  const handedOver = referral.delivery.find((d) => d.status === "handed-over");
  const acknowledged = referral.delivery.find((d) => d.status === "acknowledged");
  const record = async (status: "handed-over" | "acknowledged") => {
    const result = await handle.send({ type: "REFERRAL_UPDATED", service, status });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };
  return (
    <article className="slip" aria-labelledby="slip-title">
      <div className="slip-actions no-print">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("slip.print")}
        </button>
        {referral.awaitingHandover && view.status !== "closed" ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => record("handed-over")}
            disabled={handle.busy}
          >
            {t("referral.markHandedOver")}
          </button>
        ) : null}
        {referral.status === "made" && handedOver && !acknowledged && view.status !== "closed" ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => record("acknowledged")}
            disabled={handle.busy}
          >
            {t("referral.markAcknowledged")}
          </button>
        ) : null}
        <a className="button button-secondary" href={back}>
          {t("slip.back")}
        </a>
        {problem ? (
          <p className="problem" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <header className="slip-header">
        <p className="slip-kind">{t("slip.kind")}</p>
        <h1 id="slip-title" ref={heading} tabIndex={-1}>
          {text(slip.service.name)}
        </h1>
        {slip.service.agency ? <p className="slip-agency">{slip.service.agency}</p> : null}
      </header>
      {referral.status === "superseded" ? (
        <p className="notice notice-warning">
          {t(
            referral.review === "pending"
              ? "slip.supersededPending"
              : referral.review === "withdraw"
                ? "slip.supersededWithdraw"
                : "slip.superseded",
            { note: describeSupersession(referral, i18n) ?? "" },
          )}
        </p>
      ) : null}
      {slip.instructions.length > 0 ? (
        <section className="instructions" aria-labelledby="slip-instructions">
          <h2 id="slip-instructions" className="instructions-title">
            {t("instruction.title")}
          </h2>
          <ul>
            {slip.instructions.map((instruction) => (
              <li key={text(instruction.label)} className="instruction">
                {text(instruction.label) === text(instruction.text) ? (
                  text(instruction.text)
                ) : (
                  <>
                    <strong>{text(instruction.label)}:</strong> {text(instruction.text)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <dl className="slip-facts">
        <dt>{t("slip.case")}</dt>
        <dd>{view.caseId}</dd>
        <dt>{t("slip.urgency")}</dt>
        <dd>
          <span className={`badge badge-${referral.urgency}`}>{t(`urgency.${referral.urgency}`)}</span>
          {referral.dueAt ? ` · ${t("referral.dueBy", { at: formatDateTime(referral.dueAt) })}` : ""}
        </dd>
        <dt>{t("slip.reasons", { count: slip.reasons.length })}</dt>
        <dd>
          {slip.reasons.length === 0 ? (
            "—"
          ) : (
            <ul className="slip-reasons">
              {slip.reasons.map((reason) => (
                <li key={text(reason.text)}>
                  {text(reason.text)} ({t(`urgency.${reason.urgency}` as "urgency.routine")})
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("slip.date")}</dt>
        <dd>{formatDateTime(referral.at)}</dd>
        <dt>{t("slip.site")}</dt>
        <dd>{site ? text(site.name) : "—"}</dd>
        <dt>{t("slip.officer")}</dt>
        <dd>{referral.by}</dd>
        <dt>{t("slip.consent")}</dt>
        <dd>{referral.consent ? t("slip.consentGiven") : t("slip.consentNotNeeded")}</dd>
        {slip.service.hours ? (
          <>
            <dt>{t("slip.hours")}</dt>
            <dd>{text(slip.service.hours)}</dd>
          </>
        ) : null}
        {slip.service.contact ? (
          <>
            <dt>{t("slip.contact")}</dt>
            <dd>{slip.service.contact}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="slip-data-title">
        <h2 id="slip-data-title">{t("slip.data")}</h2>
        {slip.answers.length === 0 ? (
          <p>{t("slip.noData")}</p>
        ) : (
          <dl className="slip-data">
            {slip.answers.map((item) => (
              <div key={item.step} className="slip-data-row">
                <dt>{text(item.title) || t("answer.untitled")}</dt>
                <dd>{formatAnswer(session.compiled.steps.get(item.step)?.step, item.value, i18n)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {slip.household ? (
        <section aria-labelledby="slip-household-title">
          <h2 id="slip-household-title">{t("slip.household")}</h2>
          <ul className="slip-household">
            {slip.household.map((member, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: members have no name, on purpose; their order is fixed.
              <li key={i}>
                {member.self
                  ? t("household.self")
                  : member.relation
                    ? t(`relation.${member.relation}` as "relation.parent")
                    : t("household.member")}
                {" · "}
                {member.age !== undefined ? t("household.age", { age: member.age }) : t("household.ageUnknown")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {slip.withheld + slip.aboveViewer > 0 ? (
        <p className="note">
          {slip.withheld > 0 ? t("slip.withheld", { count: slip.withheld }) : ""}
          {slip.withheld > 0 && slip.aboveViewer > 0 ? " " : ""}
          {slip.aboveViewer > 0 ? t("slip.aboveViewerCount", { count: slip.aboveViewer }) : ""}
        </p>
      ) : null}
      <p className="slip-confidential">{t("slip.footer", { level: t(`level.${slip.level}`) })}</p>
      <div className="slip-signatures">
        <p>{t("slip.signOfficer")}</p>
        <p>{t("slip.signService")}</p>
      </div>
    </article>
  );
}
