import { useEffect, useId, useRef, useState } from "react";
import { useTrainerText } from "../i18n/trainerMessages";
import { resultsCsv } from "./resultsCsv";
import { openTrainingResults, type TrainingResult } from "./trainingResults";

/** Every practice result on the device (and those a station copied here), by session, with a CSV download. */
export function ResultsScreen() {
  const { tr, text, locale, formatDateTime } = useTrainerText();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [results, setResults] = useState<TrainingResult[]>();
  const [problem, setProblem] = useState<string>();
  const [session, setSession] = useState("");
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    let live = true;
    openTrainingResults()
      .then((store) => store.list())
      .then(
        (list) => live && setResults(list),
        (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      live = false;
    };
  }, []);

  const sessions = [...new Set((results ?? []).map((r) => r.session))].sort();
  const shown = (results ?? []).filter((r) => !session || r.session === session);
  const download = () => {
    const blob = new Blob([resultsCsv(shown, locale)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `senda-training${session ? `-${session.replace(/[^\p{L}\p{N}_-]+/gu, "-")}` : ""}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="trainer-results" aria-labelledby="results-title">
      <h1 id="results-title" ref={heading} tabIndex={-1}>
        {tr("results.title")}
      </h1>
      <p>{tr("results.intro")}</p>
      {problem ? (
        <p className="problem" role="alert">
          {tr("results.failed", { reason: problem })}
        </p>
      ) : null}
      {sessions.length > 1 ? (
        <div className="field">
          <label htmlFor={`${id}-session`}>{tr("results.session")}</label>
          <select id={`${id}-session`} value={session} onChange={(e) => setSession(e.target.value)}>
            <option value="">{tr("library.any")}</option>
            {sessions.map((s) => (
              <option key={s} value={s}>
                {s || "—"}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {results && shown.length === 0 ? <p>{tr("results.empty")}</p> : null}
      {shown.length > 0 ? (
        <>
          <div className="step-actions">
            <button type="button" className="button button-primary" onClick={download}>
              {tr("results.download")}
            </button>
          </div>
          <ol className="results-list">
            {[...shown].reverse().map((r) => (
              <li key={r._id} className="result-card">
                <p className="result-head">
                  <strong>{r.trainee}</strong> · {tr("results.score")}: <strong>{r.percent} %</strong>
                </p>
                <p className="note">
                  {formatDateTime(r.at)}
                  {r.session ? ` · ${tr("results.session")}: ${r.session}` : ""}
                </p>
                <p>
                  {text(r.scenarioTitle)} · {r.unscripted ? tr("results.unscripted") : tr("results.scripted")}
                </p>
                {r.misses.length ? (
                  <details>
                    <summary>{tr("score.misses", { count: r.misses.length })}</summary>
                    <ul className="results-misses">
                      {r.misses.map((m) => (
                        <li key={`${m.kind}:${m.subject}`}>{text(m.text)}</li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
