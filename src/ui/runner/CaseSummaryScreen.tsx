import { useEffect, useRef, useState } from "react";
import { type AnswerValue, type CaseSession, type CaseView, redactView, viewCase } from "../../engine/index";
import { useClock } from "../shared/ClockProvider";
import { routeHref } from "../shared/useRoute";
import { useViewer } from "../shared/useViewer";
import { AnswerList } from "./AnswerList";
import { CaseActions } from "./CaseActions";
import { CaseNoticeBanner } from "./CaseNoticeBanner";
import { DeadlineList } from "./CaseStatusBar";
import { CloseCaseForm } from "./CloseCaseForm";
import { type CorrectionReport, CorrectionReportView, compareViews } from "./CorrectionReport";
import { describeRefusal } from "./describeRefusal";
import { FlagChips, flagChips } from "./FlagChips";
import { FollowUpList } from "./FollowUpList";
import { InstructionBanner } from "./InstructionBanner";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { describeLanguage } from "./interviewLanguages";
import { NotesPanel } from "./NotesPanel";
import { PendingList } from "./PendingList";
import { ReferralList } from "./ReferralList";
import type { CaseHandle } from "./useCaseSession";

/**
 * Everything about the case on one page, as the viewer's role may see it: standing instructions, flags, deadlines,
 * referrals (one per service, with their handover), follow-ups, the answers (guarded ones shown only when revealed
 * on purpose; each correctable, and updatable ones open to new information), notes, and closing the case. Printable.
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
  const { t, text, formatDateTime, locale } = useCaseI18n();
  const clock = useClock();
  const { sees } = useViewer();
  const heading = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<string>();
  const [report, setReport] = useState<CorrectionReport>();
  useEffect(() => heading.current?.focus(), []);

  const site = view.site ? session.compiled.catalog.sites.get(view.site) : undefined;
  const closed = view.status === "closed";

  const correct = async (step: string, value: AnswerValue, reason: string) => {
    const before = view;
    const result = await handle.send({ type: "CORRECTED", step, value, ...(reason ? { reason } : {}) });
    if (!result.ok) {
      setProblem(describeRefusal(result.code, t));
      return false;
    }
    setProblem(undefined);
    setReport({
      step,
      dropped: result.dropped,
      ...compareViews(before, redactView(viewCase(session, clock.now()), sees)),
    });
    return true;
  };
  const resume = async () => {
    const result = await handle.send({ type: "CASE_RESUMED" });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };

  return (
    <div className="summary-screen">
      <header className="case-header">
        <h1 ref={heading} tabIndex={-1}>
          {t("summary.title", { code: view.caseId })}
        </h1>
        {/* The version the case is pinned to, for support staff and tests; officers read the procedure's title only. */}
        <p className="case-sop" data-sop={view.sop.id} data-sop-version={view.sop.version}>
          {text(view.sop.title)}
        </p>
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
      <InstructionBanner instructions={view.instructions} />
      <CaseNoticeBanner notice={handle.notice} onDismiss={handle.dismissNotice} />
      {report ? (
        <CorrectionReportView report={report} session={session} onDismiss={() => setReport(undefined)} />
      ) : null}
      <dl className="facts">
        <dt>{t("summary.status")}</dt>
        <dd>
          {t(`status.${view.status}`)}
          {view.status === "paused" && view.pause ? ` · ${view.pause.reason}` : ""}
        </dd>
        {view.outcome ? (
          <>
            <dt>{t("summary.outcome")}</dt>
            <dd>{t(`outcome.${view.outcome}` as "outcome.closed")}</dd>
          </>
        ) : null}
        <dt>{t("summary.opened")}</dt>
        <dd>{formatDateTime(view.openedAt)}</dd>
        <dt>{t("summary.site")}</dt>
        <dd>{site ? text(site.name) : "—"}</dd>
        <dt>{t("summary.procedure")}</dt>
        <dd>{text(view.sop.title)}</dd>
        <dt>{t("summary.language")}</dt>
        <dd>{describeLanguage(view.language ?? locale, locale)}</dd>
      </dl>
      {view.status === "paused" ? (
        <button type="button" className="button button-primary no-print" onClick={resume} disabled={handle.busy}>
          {t("pause.resume")}
        </button>
      ) : null}
      {problem && !report ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {view.status === "pending" ? <PendingList view={view} /> : null}
      <FlagsAndDeadlines view={view} />
      <section aria-labelledby="summary-referrals">
        <h2 id="summary-referrals">{t("summary.referrals")}</h2>
        <ReferralList view={view} handle={handle} />
      </section>
      <section aria-labelledby="summary-follow-ups">
        <h2 id="summary-follow-ups">{t("followUp.title")}</h2>
        <FollowUpList view={view} session={session} handle={handle} />
      </section>
      <section aria-labelledby="summary-answers">
        <h2 id="summary-answers">{t("summary.answers")}</h2>
        <AnswerList
          handle={handle}
          session={session}
          view={view}
          onCorrect={correct}
          problem={problem}
          clearProblem={() => setProblem(undefined)}
        />
      </section>
      <CaseActions handle={handle} session={session} view={view} />
      <div className="no-print">
        <NotesPanel view={view} handle={handle} />
        {closed ? (
          <p className="notice notice-info">
            {t("summary.closedBy", { reason: t(`closeReason.${session.closure?.reason ?? "other"}`) })}
          </p>
        ) : (
          <CloseCaseForm handle={handle} status={view.status} />
        )}
      </div>
    </div>
  );
}

/** The flags and deadlines as the viewer may see them; the others as neutral lines that never name the category. */
export function FlagsAndDeadlines({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const chips = flagChips(view, t, text);
  // Every flag that carries a standing instruction is in the banner above: say so rather than leave a bare heading.
  const none = chips.flags.length === 0 && chips.neutral.length === 0;
  return (
    <section aria-labelledby="summary-flags" className="flags">
      <h2 id="summary-flags">{t("case.flags")}</h2>
      {none ? <p>{t(view.flags.length === 0 ? "summary.noFlags" : "summary.flagsInBanner")}</p> : null}
      <FlagChips view={view} />
      {view.deadlines.length > 0 ? (
        <>
          <h3>{t("case.deadlines")}</h3>
          <DeadlineList deadlines={view.deadlines} className="deadline-list" />
        </>
      ) : null}
    </section>
  );
}
