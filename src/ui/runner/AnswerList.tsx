import { useState } from "react";
import type { AnswerValue, AnswerView, CaseSession, CaseView } from "../../engine/index";
import { CorrectionForm } from "./CorrectionForm";
import { describeRefusal } from "./describeRefusal";
import { formatAnswer } from "./formatAnswer";
import { useCaseI18n } from "./i18n/useCaseI18n";
import type { CaseHandle } from "./useCaseSession";

const CORRECTABLE = new Set(["question", "checklist", "referral"]);

/**
 * The case's answers as the viewer may see them. A public answer shows; one above public shows only when revealed
 * on purpose (who revealed it is recorded on the case); one above the viewer's role shows a neutral line, with no
 * button. Each answer can be corrected (it was wrong), and a question the SOP declares updatable can take new
 * information (the earlier answer stays true for its time, and is shown as such). Buttons name what they act on.
 */
export function AnswerList({
  handle,
  session,
  view,
  onCorrect,
  problem,
  clearProblem,
}: {
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
  onCorrect(step: string, value: AnswerValue, reason: string): Promise<boolean>;
  problem?: string;
  clearProblem(): void;
}) {
  const { t } = useCaseI18n();
  const answers = view.answers.filter((a) => a.hidden || CORRECTABLE.has(a.kind));
  return (
    <>
      {answers.length === 0 ? <p>{t("summary.noAnswers")}</p> : null}
      <ul className="answer-list">
        {runsOfAnswers(answers).map((run) =>
          !("answer" in run) ? (
            <li key={`hidden-${run.at}`} className="answer-item answer-hidden">
              <p className="answer-value masked">{t("answer.hidden", { count: run.hidden })}</p>
            </li>
          ) : (
            <AnswerItem
              key={run.answer.step}
              answer={run.answer}
              handle={handle}
              session={session}
              view={view}
              onCorrect={onCorrect}
              problem={problem}
              clearProblem={clearProblem}
            />
          ),
        )}
      </ul>
    </>
  );
}

/** The answers as the list shows them: each visible one, and each run of hidden ones as one neutral line. */
function runsOfAnswers(
  answers: readonly AnswerView[],
): ({ answer: AnswerView; hidden?: undefined } | { hidden: number; at: string })[] {
  const runs: ({ answer: AnswerView; hidden?: undefined } | { hidden: number; at: string })[] = [];
  for (const answer of answers) {
    const last = runs[runs.length - 1];
    if (!answer.hidden) runs.push({ answer });
    else if (last?.hidden) last.hidden++;
    else runs.push({ hidden: 1, at: answer.at });
  }
  return runs;
}

function AnswerItem({
  answer,
  handle,
  session,
  view,
  onCorrect,
  problem,
  clearProblem,
}: {
  answer: AnswerView;
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
  onCorrect(step: string, value: AnswerValue, reason: string): Promise<boolean>;
  problem?: string;
  clearProblem(): void;
}) {
  const i18n = useCaseI18n();
  const { t, text, formatDateTime } = i18n;
  const [revealed, setRevealed] = useState(false);
  const [editing, setEditing] = useState<"correct" | "update">();
  const [revealProblem, setRevealProblem] = useState<string>();
  const step = session.compiled.steps.get(answer.step)?.step;
  const title = text(answer.title) || t("answer.untitled");
  const titleId = `answer-${answer.step.replace(/[^a-z0-9-]/gi, "-")}`;
  const guarded = answer.level !== "public";
  const masked = guarded && !revealed;
  const open = view.status !== "closed" && view.status !== "paused";
  const updatable = step?.kind === "question" && session.compiled.updatable.has(answer.step);

  const reveal = async () => {
    if (revealed) return setRevealed(false);
    const result = await handle.send({ type: "ANSWER_REVEALED", step: answer.step });
    if (result.ok) {
      setRevealed(true);
      setRevealProblem(undefined);
    } else setRevealProblem(t("answer.revealFailed"));
  };
  const submit = async (value: AnswerValue, reason: string) => {
    const ok = await onCorrect(answer.step, value, reason);
    if (ok) setEditing(undefined);
  };
  const [updateProblem, setUpdateProblem] = useState<string>();
  const submitUpdate = async (value: AnswerValue, reason: string) => {
    const result = await handle.send({ type: "INFORMATION_UPDATED", step: answer.step, value, reason });
    setUpdateProblem(result.ok ? undefined : describeRefusal(result.code, t));
    if (result.ok) setEditing(undefined);
  };

  return (
    <li className="answer-item">
      <h3 id={titleId} className="answer-title">
        {title}
      </h3>
      <p className="answer-value">
        {masked ? (
          <span className="masked">{t("answer.masked")}</span>
        ) : (
          formatAnswer(step, answer.value, i18n, answer.addition)
        )}
      </p>
      <p className="answer-meta">
        {formatDateTime(answer.at)} · {answer.by}
      </p>
      {answer.history?.length && !masked ? (
        <ul className="answer-history" aria-label={t("answer.historyLabel", { title })}>
          {answer.history.map((u) => (
            <li key={u.at}>
              {t("answer.earlier", {
                value: formatAnswer(step, u.before, i18n),
                until: formatDateTime(u.at),
                by: u.by,
                reason: u.reason,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="answer-actions no-print">
        {guarded ? (
          <button
            aria-label={`${masked ? t("summary.reveal") : t("summary.hide")}: ${title}`}
            type="button"
            className="button button-small"
            aria-pressed={!masked}
            onClick={reveal}
            disabled={handle.busy}
          >
            {masked ? t("summary.reveal") : t("summary.hide")}
          </button>
        ) : null}
        {open && step ? (
          <button
            aria-label={`${t("summary.correct")}: ${title}`}
            type="button"
            className="button button-small"
            aria-expanded={editing === "correct"}
            onClick={() => {
              clearProblem();
              setEditing(editing === "correct" ? undefined : "correct");
            }}
          >
            {t("summary.correct")}
          </button>
        ) : null}
        {open && updatable ? (
          <button
            aria-label={`${t("update.open")}: ${title}`}
            type="button"
            className="button button-small"
            aria-expanded={editing === "update"}
            onClick={() => {
              setUpdateProblem(undefined);
              setEditing(editing === "update" ? undefined : "update");
            }}
          >
            {t("update.open")}
          </button>
        ) : null}
      </div>
      {revealProblem ? (
        <p className="problem" role="alert">
          {revealProblem}
        </p>
      ) : null}
      {editing === "correct" && step ? (
        <CorrectionForm
          step={step}
          value={answer.value}
          addition={answer.addition === true}
          labelledBy={titleId}
          busy={handle.busy}
          problem={problem}
          onSubmit={(value, reason) => void submit(value, reason)}
          onCancel={() => setEditing(undefined)}
        />
      ) : null}
      {editing === "update" && step ? (
        <>
          <p className="note">{t("update.help")}</p>
          <CorrectionForm
            step={step}
            value={answer.value}
            labelledBy={titleId}
            busy={handle.busy}
            problem={updateProblem}
            mode="update"
            onSubmit={(value, reason) => void submitUpdate(value, reason)}
            onCancel={() => setEditing(undefined)}
          />
        </>
      ) : null}
    </li>
  );
}
