import { useEffect, useRef, useState } from "react";
import type { CaseView } from "../../engine/index";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getShippedCatalog } from "../shared/shippedCatalog";
import { routeHref } from "../shared/useRoute";
import { CaseNoticeBanner } from "./CaseNoticeBanner";
import { CaseStatusBar } from "./CaseStatusBar";
import { describeRefusal } from "./describeRefusal";
import { NotesPanel } from "./NotesPanel";
import { StepCard, type StepInput } from "./StepCard";
import type { CaseHandle } from "./useCaseSession";

/** The case as the officer works it: one step at a time, with progress, flags and deadlines in view. */
export function CaseScreen({ handle, view }: { handle: CaseHandle; view: CaseView }) {
  const { t, text } = useI18n();
  const [selected, setSelected] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [undone, setUndone] = useState<string[]>();
  const step = view.current.find((c) => c.path === selected) ?? view.current[0];

  const submit = async (input: StepInput) => {
    const result = await handle.send(input);
    setUndone(undefined);
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };
  const back = async () => {
    const result = await handle.send({ type: "WENT_BACK" });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
    setUndone(result.ok ? result.dropped : undefined);
  };

  return (
    <div className="case-screen">
      <header className="case-header">
        <h1 className="case-code">
          <span className="visually-hidden">{t("case.code")} </span>
          {view.caseId}
        </h1>
        <p className="case-sop">{text(view.sop.title)}</p>
        <a className="button button-link" href={routeHref({ area: "case", caseId: view.caseId, view: "summary" })}>
          {t("case.openSummary")}
        </a>
      </header>
      <CaseNoticeBanner notice={handle.notice} onDismiss={handle.dismissNotice} />
      <CaseStatusBar view={view} />
      {undone && undone.length > 0 ? (
        <p className="notice notice-info" role="status">
          {t("case.wentBack", { count: undone.length })}
        </p>
      ) : null}
      {view.current.length > 1 ? (
        <nav aria-label={t("case.parallelSteps")} className="tracks">
          {view.current.map((c) => (
            <button
              key={c.path}
              type="button"
              className="button button-track"
              aria-pressed={c.path === step?.path}
              onClick={() => setSelected(c.path)}
            >
              {text(c.procedure)}: {text(c.title)}
            </button>
          ))}
        </nav>
      ) : null}
      {view.status === "active" && step ? (
        <StepCard
          key={`${step.path}:${view.progress.done}`}
          step={step}
          onSubmit={submit}
          onBack={view.canGoBack ? back : undefined}
          busy={handle.busy}
          problem={problem}
        />
      ) : (
        <CaseEndPanel view={view} onBack={view.canGoBack && view.status !== "closed" ? back : undefined} />
      )}
      <NotesPanel view={view} handle={handle} step={step?.path} />
    </div>
  );
}

/** What the officer sees when no step waits: the outcome, the referral slips, and the way to close the case. */
function CaseEndPanel({ view, onBack }: { view: CaseView; onBack?: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const made = view.referrals.filter((r) => r.status === "made");
  return (
    <section className="step-card" aria-labelledby="case-end-title">
      <h2 id="case-end-title" tabIndex={-1} className="step-title" ref={heading}>
        {view.status === "closed"
          ? t("case.closedTitle")
          : view.status === "stuck"
            ? t("case.stuckTitle")
            : t("case.finishedTitle")}
      </h2>
      {view.outcome ? <p>{t("case.outcome", { outcome: t(`outcome.${view.outcome}` as "outcome.closed") })}</p> : null}
      {view.status === "stuck" ? <p>{t("case.stuckHelp")}</p> : null}
      {made.length > 0 ? (
        <>
          <h3>{t("case.referralSlips")}</h3>
          <ReferralLinks view={view} />
        </>
      ) : null}
      <div className="step-actions">
        {onBack ? (
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t("step.back")}
          </button>
        ) : null}
        <a className="button button-primary" href={routeHref({ area: "case", caseId: view.caseId, view: "summary" })}>
          {view.status === "closed" ? t("case.openSummary") : t("case.summaryAndClose")}
        </a>
      </div>
    </section>
  );
}

/** A link to the printable slip of each referral made. */
export function ReferralLinks({ view }: { view: CaseView }) {
  const { t, text } = useI18n();
  const services = getShippedCatalog().services;
  return (
    <ul className="link-list">
      {view.referrals
        .filter((r) => r.status === "made")
        .map((r) => (
          <li key={r.step}>
            <a href={routeHref({ area: "case", caseId: view.caseId, view: "slip", step: r.step })}>
              {t("case.slipFor", { service: text(services.get(r.service)?.name) || r.service })}
            </a>
          </li>
        ))}
    </ul>
  );
}
