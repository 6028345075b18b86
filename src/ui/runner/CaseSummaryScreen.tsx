import { useEffect, useRef, useState } from "react";
import { type AnswerValue, type CaseSession, type CaseView, viewCase } from "../../engine/index";
import { useClock } from "../shared/ClockProvider";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getShippedCatalog } from "../shared/shippedCatalog";
import { routeHref } from "../shared/useRoute";
import { CaseNoticeBanner } from "./CaseNoticeBanner";
import { ReferralLinks } from "./CaseScreen";
import { CaseStatusBar } from "./CaseStatusBar";
import { CloseCaseForm } from "./CloseCaseForm";
import { CorrectionForm } from "./CorrectionForm";
import { type CorrectionReport, CorrectionReportView, compareViews } from "./CorrectionReport";
import { describeRefusal } from "./describeRefusal";
import { formatAnswer } from "./formatAnswer";
import { NotesPanel } from "./NotesPanel";
import type { CaseHandle } from "./useCaseSession";

const CORRECTABLE = new Set(["question", "checklist", "referral"]);

/**
 * Everything about the case on one page: flags, deadlines, referrals with their slips, the answers (sensitive ones
 * masked until revealed on purpose, each correctable), notes, and closing the case. Printable.
 */
export function CaseSummaryScreen({
  handle,
  session,
  view,
}: {
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
}) {
  const i18n = useI18n();
  const { t, text, formatDateTime } = i18n;
  const clock = useClock();
  const heading = useRef<HTMLHeadingElement>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [report, setReport] = useState<CorrectionReport>();
  useEffect(() => heading.current?.focus(), []);

  const catalog = getShippedCatalog();
  const site = view.site ? catalog.sites.get(view.site) : undefined;
  const closed = view.status === "closed";
  const answers = view.answers.filter((a) => CORRECTABLE.has(a.kind));

  const correct = async (step: string, value: AnswerValue, reason: string) => {
    const before = view;
    const result = await handle.send({ type: "CORRECTED", step, value, ...(reason ? { reason } : {}) });
    if (!result.ok) return setProblem(describeRefusal(result.code, t));
    setProblem(undefined);
    setEditing(undefined);
    setReport({ step, dropped: result.dropped, ...compareViews(before, viewCase(session, clock.now())) });
  };

  const toggle = (step: string) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (next.has(step)) next.delete(step);
      else next.add(step);
      return next;
    });

  return (
    <div className="summary-screen">
      <header className="case-header">
        <h1 ref={heading} tabIndex={-1}>
          {t("summary.title", { code: view.caseId })}
        </h1>
        <p className="case-sop">{text(view.sop.title)}</p>
        <div className="step-actions no-print">
          {view.status === "active" ? (
            <a className="button button-primary" href={routeHref({ area: "case", caseId: view.caseId, view: "step" })}>
              {t("summary.continue")}
            </a>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t("summary.print")}
          </button>
        </div>
      </header>
      <CaseNoticeBanner notice={handle.notice} onDismiss={handle.dismissNotice} />
      {report ? (
        <CorrectionReportView report={report} session={session} onDismiss={() => setReport(undefined)} />
      ) : null}
      <dl className="facts">
        <dt>{t("summary.status")}</dt>
        <dd>{t(`status.${view.status}`)}</dd>
        {view.outcome ? (
          <>
            <dt>{t("summary.outcome")}</dt>
            <dd>{t(`outcome.${view.outcome}` as "outcome.closed")}</dd>
          </>
        ) : null}
        <dt>{t("summary.opened")}</dt>
        <dd>{formatDateTime(view.openedAt)}</dd>
        <dt>{t("summary.site")}</dt>
        <dd>{site ? text(site.name) : (view.site ?? "—")}</dd>
        <dt>{t("summary.sopVersion")}</dt>
        <dd>
          {view.sop.id} {view.sop.version}
        </dd>
      </dl>
      <CaseStatusBar view={view} />
      <section aria-labelledby="summary-referrals">
        <h2 id="summary-referrals">{t("summary.referrals")}</h2>
        {view.referrals.length === 0 ? (
          <p>{t("summary.noReferrals")}</p>
        ) : (
          <>
            <ul className="referral-list">
              {view.referrals.map((r) => (
                <li key={r.step}>
                  <strong>{text(catalog.services.get(r.service)?.name) || r.service}</strong> ·{" "}
                  {t(`urgency.${r.urgency}`)} · {r.status === "made" ? t("summary.made") : t("summary.declined")}
                </li>
              ))}
            </ul>
            <div className="no-print">
              <ReferralLinks view={view} />
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="summary-answers">
        <h2 id="summary-answers">{t("summary.answers")}</h2>
        {answers.length === 0 ? <p>{t("summary.noAnswers")}</p> : null}
        <ul className="answer-list">
          {answers.map((answer) => {
            const step = session.compiled.steps.get(answer.step)?.step;
            const titleId = `answer-${answer.step.replace(/[^a-z0-9-]/gi, "-")}`;
            const masked = answer.sensitive !== undefined && !revealed.has(answer.step);
            return (
              <li key={answer.step} className="answer-item">
                <h3 id={titleId} className="answer-title">
                  {text(answer.title) || answer.step}
                </h3>
                <p className="answer-value">
                  {masked ? (
                    <span className="masked">
                      {t("summary.masked", { category: t(`sensitivity.${answer.sensitive}` as "sensitivity.health") })}
                    </span>
                  ) : (
                    formatAnswer(step, answer.value, i18n)
                  )}
                </p>
                <p className="answer-meta">
                  {formatDateTime(answer.at)} · {answer.by}
                </p>
                <div className="answer-actions no-print">
                  {answer.sensitive !== undefined ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-pressed={!masked}
                      aria-describedby={titleId}
                      onClick={() => toggle(answer.step)}
                    >
                      {masked ? t("summary.reveal") : t("summary.hide")}
                    </button>
                  ) : null}
                  {!closed && step ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={editing === answer.step}
                      aria-describedby={titleId}
                      onClick={() => {
                        setProblem(undefined);
                        setEditing(editing === answer.step ? undefined : answer.step);
                      }}
                    >
                      {t("summary.correct")}
                    </button>
                  ) : null}
                </div>
                {editing === answer.step && step ? (
                  <CorrectionForm
                    step={step}
                    value={answer.value}
                    labelledBy={titleId}
                    busy={handle.busy}
                    problem={problem}
                    onSubmit={(value, reason) => void correct(answer.step, value, reason)}
                    onCancel={() => setEditing(undefined)}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
      <div className="no-print">
        <NotesPanel view={view} handle={handle} />
        {closed ? (
          <p className="notice notice-info">
            {t("summary.closedBy", { reason: t(`closeReason.${session.closure?.reason ?? "other"}`) })}
          </p>
        ) : (
          <CloseCaseForm handle={handle} finished={view.status === "finished"} />
        )}
      </div>
    </div>
  );
}
