import { type ReactNode, useId, useState } from "react";
import type { Issue, ScenarioAction } from "../../../engine/index";
import { ProblemAlert, type ShownProblem } from "../../shared/ProblemAlert";
import type { Consequences, ScenarioVerdict } from "../checks/runAnalysis";
import { setAt } from "../draft/editText";
import type { Draft } from "../draft/useDraft";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { describePublishFailure } from "./describePublishFailure";
import { nextVersions, publishRefusals, type Refusal } from "./publishRefusals";
import type { ConsequencesState } from "./useConsequences";

/**
 * Before publishing: every scenario played on the draft, every invariant checked, the path-level diff against the
 * published version in sentences; then the new version number and change note, and the publish button, refused
 * with its reasons while anything is wrong.
 */
export function PublishPanel({
  draft,
  consequences,
  current,
  issues,
  checking,
  published,
  showPath,
  publish,
}: {
  draft: Draft;
  consequences: ConsequencesState;
  /** Whether the consequences shown were computed for the draft's current behaviour. */
  current: boolean;
  issues: Issue[];
  checking: boolean;
  published?: string;
  showPath(actions: ScenarioAction[]): void;
  publish(note: string): Promise<void>;
}) {
  const { t, text } = useEditorI18n();
  const id = useId();
  const [note, setNote] = useState("");
  const [publishing, setPublishing] = useState(false);
  const [withCallers, setWithCallers] = useState(false);
  const [failure, setFailure] = useState<ShownProblem>();
  const version = draft.parsed.ok && typeof draft.parsed.value.version === "string" ? draft.parsed.value.version : "";
  // While a run goes on, what it has found so far; after it, its result.
  const result = consequences.running ? consequences.progress?.partial : consequences.result;
  const refusals = publishRefusals({
    parsed: draft.parsed.ok,
    checking,
    issues,
    consequences: consequences.result,
    consequencesCurrent: current && !consequences.running,
    version,
    published,
    note,
  });
  const progress = consequences.progress;
  return (
    <section className="publish" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("publish.consequences")}</h2>
      <p>{t("publish.consequencesHelp")}</p>
      <div className="field-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => consequences.run({ callers: withCallers })}
          disabled={consequences.running || !draft.parsed.ok}
        >
          {t(result ? "publish.rerun" : "publish.run")}
        </button>
        {consequences.running ? (
          <button type="button" className="button button-secondary" onClick={consequences.cancel}>
            {t("publish.cancel")}
          </button>
        ) : null}
      </div>
      <p className="field-check field-check-long">
        <input
          id={`${id}-callers`}
          type="checkbox"
          checked={withCallers}
          onChange={(e) => setWithCallers(e.target.checked)}
          disabled={consequences.running}
        />
        <label htmlFor={`${id}-callers`}>{t("publish.withCallers")}</label>
      </p>
      {consequences.running ? (
        <div role="status" className="consequence-progress">
          <label htmlFor={`${id}-progress`}>
            {progress
              ? t(`publish.phase.${progress.phase}`, { done: progress.done, total: progress.total })
              : t("publish.starting")}
          </label>
          <progress
            id={`${id}-progress`}
            max={4}
            value={progress ? ["scenarios", "invariants", "diff", "callers"].indexOf(progress.phase) : 0}
          />
        </div>
      ) : null}
      {consequences.error ? (
        <ProblemAlert problem={{ text: t("publish.analysisFailed"), detail: consequences.error }} />
      ) : null}
      {result ? (
        <div className={current || consequences.running ? undefined : "problems-stale"}>
          {current || consequences.running ? null : <p className="notice notice-warning">{t("publish.stale")}</p>}
          <h3>{t("publish.scenarios", { count: result.scenarios.length })}</h3>
          <div data-testid="scenario-results">
            <ul className="consequence-list">
              {result.scenarios
                .filter((s) => s.status !== "passed")
                .map((s) => (
                  <ScenarioLine key={s.file} verdict={s} />
                ))}
            </ul>
            <details>
              <summary>
                {t("publish.passing", { count: result.scenarios.filter((s) => s.status === "passed").length })}
              </summary>
              <ul className="consequence-list">
                {result.scenarios
                  .filter((s) => s.status === "passed")
                  .map((s) => (
                    <ScenarioLine key={s.file} verdict={s} />
                  ))}
              </ul>
            </details>
          </div>
          <h3>{t("publish.invariants", { count: result.check?.verdicts.length ?? 0 })}</h3>
          {result.check ? (
            <ul className="consequence-list" data-testid="invariant-results">
              {result.check.verdicts.map((v) => (
                <li key={`${v.sop}:${v.invariant}`} className={`consequence consequence-${v.status}`}>
                  <span
                    className={`badge ${v.status === "violated" ? "badge-error" : v.status === "unproven" ? "badge-warning" : "badge-status-finished"}`}
                  >
                    {t(`publish.invariant.${v.status}`)}
                  </span>{" "}
                  {text(v.text)}
                  {v.counterexample ? (
                    <CounterexampleAnswers answers={v.counterexample.answers}>
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        onClick={() => showPath(v.counterexample!.actions)}
                      >
                        {t("publish.showPath")}
                      </button>
                    </CounterexampleAnswers>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("publish.notCompiled")}</p>
          )}
          <CallerResults result={result} />
          <h3>{t("publish.diff", { count: result.diff?.entries.length ?? 0 })}</h3>
          {consequences.running ? (
            <p>{t("publish.phase.diff")}</p>
          ) : result.diff ? (
            <ul className="consequence-list" data-testid="diff-results">
              {result.diff.entries.slice(0, DIFF_SHOWN).map((entry, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: entries in the order the diff gives.
                <li key={i} className="diff-sentence">
                  {entry.sentence}
                </li>
              ))}
              {result.diff.entries.length > DIFF_SHOWN ? (
                <li>
                  <details>
                    <summary>{t("publish.moreDiff", { count: result.diff.entries.length - DIFF_SHOWN })}</summary>
                    <ul>
                      {result.diff.entries.slice(DIFF_SHOWN).map((entry, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: entries in the order the diff gives.
                        <li key={i} className="diff-sentence">
                          {entry.sentence}
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ) : null}
              {result.diff.complete ? null : <li>{t("publish.diffIncomplete")}</li>}
            </ul>
          ) : (
            <p>{t("publish.noPublished")}</p>
          )}
        </div>
      ) : null}

      <h2>{t("publish.title")}</h2>
      <form
        className="publish-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (refusals.length) return;
          setPublishing(true);
          setFailure(undefined);
          try {
            await publish(note);
          } catch (error) {
            setFailure(describePublishFailure(error, t));
          } finally {
            setPublishing(false);
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-version`}>{t("publish.version", { published: published ?? "—" })}</label>
          <div className="field-row">
            <input
              id={`${id}-version`}
              className="field-input"
              value={version}
              onChange={(e) => draft.change(setAt(draft.text, ["version"], e.target.value), "/version")}
              disabled={!draft.parsed.ok}
            />
            {nextVersions(published).map((v) => (
              <button
                key={v}
                type="button"
                className="button button-small button-secondary"
                onClick={() => draft.change(setAt(draft.text, ["version"], v))}
              >
                {v}
              </button>
            ))}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("publish.note")}</label>
          <textarea
            id={`${id}-note`}
            className="field-input"
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {refusals.length ? (
          <div className="notice notice-warning" data-testid="publish-refusals">
            <h3>{t("publish.refused")}</h3>
            <ul>
              {refusals.map((r) => (
                <li key={r.code}>{describeRefusal(r, t)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <button
          type="submit"
          className="button button-primary"
          aria-disabled={refusals.length > 0 || publishing}
          disabled={publishing}
        >
          {t("publish.button", { version })}
        </button>
        {failure ? <ProblemAlert problem={failure} /> : null}
      </form>
    </section>
  );
}

const DIFF_SHOWN = 5;

function ScenarioLine({ verdict }: { verdict: ScenarioVerdict }) {
  const { t, text } = useEditorI18n();
  return (
    <li className={`consequence consequence-${verdict.status}`}>
      <span
        className={`badge ${verdict.status === "failed" ? "badge-error" : verdict.status === "changed" ? "badge-warning" : "badge-status-finished"}`}
      >
        {t(`publish.scenario.${verdict.status}`)}
      </span>{" "}
      {text(verdict.title)}
      {verdict.status === "failed" && verdict.differences.length ? (
        <p className="problem-detail" lang="en">
          {verdict.differences[0]}
        </p>
      ) : null}
    </li>
  );
}

function describeRefusal(refusal: Refusal, t: ReturnType<typeof useEditorI18n>["t"]): string {
  switch (refusal.code) {
    case "errors":
    case "scenarios-failing":
    case "invariants-violated":
    case "invariants-unproven":
    case "caller-invariants-violated":
      return t(`refusal.${refusal.code}`, { count: refusal.count });
    case "bad-version":
    case "behaviour-changed-same-version":
      return t(`refusal.${refusal.code}`, { version: refusal.version });
    case "version-not-newer":
      return t("refusal.version-not-newer", { version: refusal.version, published: refusal.published });
    default:
      return t(`refusal.${refusal.code}`);
  }
}

/**
 * The SOPs that run the edited one: each with how many of its invariants hold, and every one the draft breaks
 * there, with the case that breaks it. When they were not checked, a note says who will.
 */
function CallerResults({ result }: { result: Consequences }) {
  const { t, text } = useEditorI18n();
  const runBy = result.runBy ?? [];
  if (runBy.length === 0) return null;
  if (!result.callers) return <p className="notice">{t("publish.callersNotRun")}</p>;
  return (
    <>
      <h3>{t("publish.callers", { count: runBy.length })}</h3>
      <ul className="consequence-list" data-testid="caller-results">
        {result.callers.map((caller) => {
          const count = (status: string) => caller.check.verdicts.filter((v) => v.status === status).length;
          return (
            <li key={caller.sop} className="consequence">
              <strong>{text(caller.title)}</strong>:{" "}
              {t("publish.callerCounts", {
                proven: count("proven"),
                violated: count("violated"),
                unproven: count("unproven"),
              })}
              {caller.stopped ? <p className="notice notice-warning">{t("publish.callerStopped")}</p> : null}
              <ul>
                {caller.check.verdicts
                  .filter((v) => v.status === "violated")
                  .map((v) => (
                    <li key={`${v.sop}:${v.invariant}`} className="consequence consequence-violated">
                      <span className="badge badge-error">{t("publish.invariant.violated")}</span> {text(v.text)}
                      {v.counterexample ? <CounterexampleAnswers answers={v.counterexample.answers} /> : null}
                    </li>
                  ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The answers of a case that breaks a promise, in path order, and what the caller adds below them. */
function CounterexampleAnswers({
  answers,
  children,
}: {
  answers: { title: string; text: string }[];
  children?: ReactNode;
}) {
  const { t } = useEditorI18n();
  return (
    <div className="counterexample">
      <p>{t("publish.counterexample")}</p>
      <ol>
        {answers.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: answers in path order.
          <li key={i}>{`${a.title}: ${a.text}`}</li>
        ))}
      </ol>
      {children}
    </div>
  );
}
