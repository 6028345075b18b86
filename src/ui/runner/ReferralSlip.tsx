import { useEffect, useRef } from "react";
import { buildSlip, type CaseSession, type CaseView } from "../../engine/index";
import { useClock } from "../shared/ClockProvider";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getShippedCatalog } from "../shared/shippedCatalog";
import { routeHref } from "../shared/useRoute";
import { formatAnswer } from "./formatAnswer";

/**
 * The printable slip for one referral: the service, the urgency and reason, the case code, and only the data the
 * referral shares with that service. Printing it gives a clean page (the rest of the app is hidden in print).
 */
export function ReferralSlip({ session, view, step }: { session: CaseSession; view: CaseView; step: string }) {
  const i18n = useI18n();
  const { t, text, formatDateTime } = i18n;
  const clock = useClock();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const referral = view.referrals.find((r) => r.step === step);
  const back = routeHref({ area: "case", caseId: view.caseId, view: "summary" });
  if (referral?.status !== "made")
    return (
      <section className="slip-missing">
        <h1 ref={heading} tabIndex={-1}>
          {t("slip.missing")}
        </h1>
        <a className="button button-secondary" href={back}>
          {t("slip.back")}
        </a>
      </section>
    );
  const catalog = getShippedCatalog();
  const service = catalog.services.get(referral.service);
  const site = view.site ? catalog.sites.get(view.site) : undefined;
  const slip = buildSlip(session, referral.service, clock.now());
  const shared = slip?.answers ?? [];
  return (
    <article className="slip" aria-labelledby="slip-title">
      <div className="slip-actions no-print">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          {t("slip.print")}
        </button>
        <a className="button button-secondary" href={back}>
          {t("slip.back")}
        </a>
      </div>
      <header className="slip-header">
        <p className="slip-kind">{t("slip.kind")}</p>
        <h1 id="slip-title" ref={heading} tabIndex={-1}>
          {text(service?.name) || referral.service}
        </h1>
        {service?.agency ? <p className="slip-agency">{service.agency}</p> : null}
      </header>
      <dl className="slip-facts">
        <dt>{t("slip.case")}</dt>
        <dd>{view.caseId}</dd>
        <dt>{t("slip.urgency")}</dt>
        <dd>
          <span className={`badge badge-${referral.urgency}`}>{t(`urgency.${referral.urgency}`)}</span>
        </dd>
        <dt>{t("slip.reason")}</dt>
        <dd>{text(referral.reason)}</dd>
        <dt>{t("slip.date")}</dt>
        <dd>{formatDateTime(referral.at)}</dd>
        <dt>{t("slip.site")}</dt>
        <dd>{site ? text(site.name) : (view.site ?? "—")}</dd>
        <dt>{t("slip.officer")}</dt>
        <dd>{referral.by}</dd>
        <dt>{t("slip.consent")}</dt>
        <dd>{referral.consent ? t("slip.consentGiven") : t("slip.consentNotNeeded")}</dd>
        {service?.hours ? (
          <>
            <dt>{t("slip.hours")}</dt>
            <dd>{text(service.hours)}</dd>
          </>
        ) : null}
        {service?.contact ? (
          <>
            <dt>{t("slip.contact")}</dt>
            <dd>{service.contact}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="slip-data-title">
        <h2 id="slip-data-title">{t("slip.data")}</h2>
        {shared.length === 0 ? (
          <p>{t("slip.noData")}</p>
        ) : (
          <dl className="slip-data">
            {shared.map((item) => (
              <div key={item.step} className="slip-data-row">
                <dt>{text(item.title)}</dt>
                <dd>{formatAnswer(session.compiled.steps.get(item.step)?.step, item.value, i18n)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <p className="slip-confidential">
        {t("slip.confidentiality", { level: t(`level.${service?.confidentiality ?? "restricted"}`) })}
      </p>
      <div className="slip-signatures">
        <p>{t("slip.signOfficer")}</p>
        <p>{t("slip.signService")}</p>
      </div>
    </article>
  );
}
