import { useCallback, useEffect, useRef, useState } from "react";
import type { CaseSession, CaseView } from "../../engine/index";
import { routeHref } from "../shared/useRoute";
import { CaseActions } from "./CaseActions";
import { CaseNoticeBanner } from "./CaseNoticeBanner";
import { CaseStatusBar } from "./CaseStatusBar";
import { describeRefusal } from "./describeRefusal";
import { InstructionBanner } from "./InstructionBanner";
import { InterviewLanguagePicker } from "./InterviewLanguagePicker";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { isTranslationReviewed } from "./interviewLanguages";
import { NotesPanel } from "./NotesPanel";
import { PausedPanel } from "./PausedPanel";
import { PendingList } from "./PendingList";
import { SaveIndicator } from "./SaveIndicator";
import { StepCard, type StepInput } from "./StepCard";
import { useAfterPaint } from "./useAfterPaint";
import type { CaseHandle } from "./useCaseSession";

/**
 * The case as the officer works it: one step at a time, with the standing instructions above it, progress, flags
 * and deadlines in view (as a public surface shows them), and the case's other actions (pause, a standing
 * instruction, the people travelling with the person) one tap away.
 */
export function CaseScreen({
  handle,
  session,
  view,
  publicView,
}: {
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
  publicView: CaseView;
}) {
  const { t, text, locale } = useCaseI18n();
  const [selected, setSelected] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [undone, setUndone] = useState<string[]>();
  const step = view.current.find((c) => c.path === selected) ?? view.current[0];
  const language = view.language ?? locale;
  // The case's other actions and its notes (below the step) come a frame after the step itself.
  const painted = useAfterPaint();
  // The step a note names is the one on screen when it is saved: read then, so that the notes need not render again
  // for each answer.
  const stepPath = useRef<string>(undefined);
  stepPath.current = step?.path;
  const stepOf = useCallback(() => stepPath.current, []);

  const submit = async (input: StepInput) => {
    // Cleared with the answer's own render: what went wrong before must not show beside the next step, and nothing
    // is left to render once the write is done (unless it fails).
    setUndone(undefined);
    setProblem(undefined);
    const result = await handle.send(input);
    if (!result.ok) setProblem(describeRefusal(result.code, t));
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
      <InstructionBanner instructions={view.instructions} />
      <CaseNoticeBanner notice={handle.notice} onDismiss={handle.dismissNotice} />
      <CaseStatusBar view={publicView} />
      <SaveIndicator tracker={handle.saves} />
      {view.status === "active" && view.progress.done === 0 && view.relationships.length === 0 ? (
        <p className="notice notice-info group-offer">
          {t("group.offer")}{" "}
          <a href={routeHref({ area: "case", caseId: view.caseId, view: "group" })}>{t("group.add")}</a>
        </p>
      ) : null}
      {undone && undone.length > 0 ? (
        <p className="notice notice-info" role="status">
          {t("case.wentBack", { count: undone.length })}
        </p>
      ) : null}
      {view.status === "active" && view.current.length > 1 ? (
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
      {view.status === "active" && step?.say ? (
        <InterviewLanguagePicker handle={handle} session={session} view={view} />
      ) : null}
      {view.status === "paused" ? (
        <PausedPanel view={view} handle={handle} />
      ) : view.status === "active" && step ? (
        <StepCard
          step={step}
          stepKey={`${step.path}:${view.progress.done}`}
          onSubmit={submit}
          onBack={view.canGoBack ? back : undefined}
          busy={handle.busy}
          problem={problem}
          instructions={view.instructions}
          retry={handle.unsaved as StepInput | undefined}
          interview={{ language, reviewed: isTranslationReviewed(session.compiled, step.path, language) }}
        />
      ) : (
        <CaseEndPanel view={view} onBack={view.canGoBack && view.status !== "closed" ? back : undefined} />
      )}
      {painted ? <CaseActions handle={handle} session={session} view={view} /> : null}
      {painted ? <NotesPanel view={view} handle={handle} stepOf={stepOf} /> : null}
    </div>
  );
}

/** What the officer sees when no step waits: the outcome, what keeps the case open, the slips, the way to close it. */
function CaseEndPanel({ view, onBack }: { view: CaseView; onBack?: () => void }) {
  const { t } = useCaseI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const slips = view.referrals.filter((r) => !r.hidden && (r.status === "made" || r.status === "superseded"));
  return (
    <section className="step-card" aria-labelledby="case-end-title">
      <h2 id="case-end-title" tabIndex={-1} className="step-title" ref={heading}>
        {view.status === "closed"
          ? t("case.closedTitle")
          : view.status === "stuck"
            ? t("case.stuckTitle")
            : view.status === "pending"
              ? t("case.pendingTitle")
              : t("case.finishedTitle")}
      </h2>
      {view.outcome ? <p>{t("case.outcome", { outcome: t(`outcome.${view.outcome}` as "outcome.closed") })}</p> : null}
      {view.status === "stuck" ? <p>{t("case.stuckHelp")}</p> : null}
      {view.status === "pending" ? <PendingList view={view} /> : null}
      <WithdrawChecks view={view} />
      {slips.length > 0 ? (
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

/**
 * Referrals handed over before a correction whose corrected answers no longer lead to them: the officer checks
 * with each service whether to withdraw it (nothing is withdrawn by itself, nor silently relabelled).
 */
function WithdrawChecks({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const toCheck = view.referrals.filter((r) => !r.hidden && r.review === "withdraw");
  if (toCheck.length === 0) return null;
  return (
    <ul className="notice notice-warning">
      {toCheck.map((r) => (
        <li key={r.service}>{t("referral.withdrawCheck", { service: text(r.serviceName) })}</li>
      ))}
    </ul>
  );
}

/** A link to the printable slip of each referral made (one per service), as the viewer may see them. */
export function ReferralLinks({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  return (
    <ul className="link-list">
      {view.referrals
        .filter((r) => !r.hidden && (r.status === "made" || r.status === "superseded"))
        .map((r) => (
          <li key={r.service}>
            <a href={routeHref({ area: "case", caseId: view.caseId, view: "slip", service: r.service })}>
              {t("case.slipFor", { service: text(r.serviceName) })}
            </a>
          </li>
        ))}
    </ul>
  );
}
