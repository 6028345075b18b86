import { useEffect, useMemo, useState } from "react";
import {
  actionToEvent,
  type CaseSession,
  type CompiledSop,
  openCase,
  SCENARIO_EPOCH,
  type Scenario,
  type ScenarioResult,
  viewCase,
} from "../../engine/index";
import { CaseStatusBar } from "../runner/CaseStatusBar";
import { formatAnswer } from "../runner/formatAnswer";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getShippedCatalog } from "../shared/shippedCatalog";

const MINUTE = 60_000;
const AUTOPLAY_MS = 900;

interface Played {
  session: CaseSession;
  index: number;
  time: number;
  log: { step: string; answer: unknown }[];
  error?: string;
}

function start(compiled: CompiledSop, scenario: Scenario): Played {
  const time = Date.parse(scenario.openedAt ?? SCENARIO_EPOCH);
  const session = openCase(compiled, {
    caseId: scenario.id,
    at: new Date(time).toISOString(),
    by: "trainer",
    ...(scenario.site ? { site: scenario.site } : {}),
  });
  return { session, index: 0, time, log: [] };
}

/** Plays one scenario action by action (the events a real case gets), and shows the verdict at the end. */
export function ScenarioPlayer({
  scenario,
  compiled,
  verdict,
}: {
  scenario: Scenario;
  compiled: CompiledSop;
  verdict: ScenarioResult;
}) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const [played, setPlayed] = useState(() => start(compiled, scenario));
  const [version, setVersion] = useState(0);
  const [playing, setPlaying] = useState(false);
  const done = played.index >= scenario.steps.length || played.error !== undefined;

  const step = () => {
    if (done) return;
    const action = scenario.steps[played.index];
    const time = played.time + (action.afterMinutes ?? 1) * MINUTE;
    const event = actionToEvent(compiled, action, new Date(time).toISOString(), "trainer");
    const result = typeof event === "string" ? { ok: false as const, reason: event } : played.session.send(event);
    const answer = typeof event !== "string" ? action.answer : undefined;
    setPlayed({
      ...played,
      index: played.index + 1,
      time,
      log: [...played.log, { step: action.step ?? action.do ?? "", answer }],
      error: result.ok
        ? undefined
        : t("train.refused", { step: action.step ?? action.do ?? "", reason: result.reason }),
    });
    setVersion((v) => v + 1);
  };

  useEffect(() => {
    if (!playing || done) {
      if (done) setPlaying(false);
      return;
    }
    const timer = setTimeout(step, AUTOPLAY_MS);
    return () => clearTimeout(timer);
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the session mutates in place; `version` marks each step.
  const view = useMemo(() => viewCase(played.session, new Date(played.time)), [played, version]);
  const waiting = view.current[0];
  const services = getShippedCatalog().services;

  return (
    <section className="player" aria-labelledby="player-title">
      <h2 id="player-title">{text(scenario.title)}</h2>
      <div className="step-actions">
        <button type="button" className="button button-primary" onClick={() => setPlaying(!playing)} disabled={done}>
          {playing ? t("train.pause") : t("train.play")}
        </button>
        <button type="button" className="button button-secondary" onClick={step} disabled={done || playing}>
          {t("train.step")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setPlaying(false);
            setPlayed(start(compiled, scenario));
          }}
        >
          {t("train.restart")}
        </button>
      </div>
      <p className="player-progress" role="status">
        {t("train.progress", { done: played.index, total: scenario.steps.length })}
      </p>
      <CaseStatusBar view={view} />
      {waiting && !done ? (
        <div className="step-card">
          <p className="step-procedure">{text(waiting.procedure)}</p>
          <h3 className="step-title">{text(waiting.title)}</h3>
          {waiting.say ? (
            <div className="say">
              <p className="say-label">{t("step.sayLabel")}</p>
              <p className="say-text">{text(waiting.say)}</p>
            </div>
          ) : null}
          <p>
            {t("train.nextAnswer", {
              answer: formatAnswer(
                compiled.steps.get(scenario.steps[played.index]?.step ?? "")?.step,
                actionAnswer(compiled, scenario, played.index),
                i18n,
              ),
            })}
          </p>
        </div>
      ) : null}
      {played.error ? (
        <p className="problem" role="alert">
          {played.error}
        </p>
      ) : null}
      {view.referrals.length > 0 ? (
        <>
          <h3>{t("summary.referrals")}</h3>
          <ul className="referral-list">
            {view.referrals.map((r) => (
              <li key={r.step}>
                {text(services.get(r.service)?.name) || r.service} · {t(`urgency.${r.urgency}`)} ·{" "}
                {r.status === "made" ? t("summary.made") : t("summary.declined")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {done ? <Verdict verdict={verdict} /> : null}
      <details className="player-log">
        <summary>{t("train.log", { count: played.log.length })}</summary>
        <ol>
          {played.log.map((entry, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows.
            <li key={i}>
              <code>{entry.step}</code>:{" "}
              {formatAnswer(compiled.steps.get(entry.step)?.step, actionAnswer(compiled, scenario, i), i18n)}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/** The value an action records, as the engine fills it in (checklists default to their required items). */
function actionAnswer(compiled: CompiledSop, scenario: Scenario, index: number): unknown {
  const action = scenario.steps[index];
  if (!action) return undefined;
  const event = actionToEvent(compiled, action, SCENARIO_EPOCH, "trainer");
  if (typeof event === "string") return undefined;
  if (event.type === "ANSWERED") return event.value;
  if (event.type === "CHECKED") return event.items;
  if (event.type === "REFERRED") return event.consent;
  return true;
}

function Verdict({ verdict }: { verdict: ScenarioResult }) {
  const { t } = useI18n();
  return (
    <section
      className={verdict.passed ? "verdict verdict-pass" : "verdict verdict-fail"}
      aria-labelledby="verdict-title"
    >
      <h3 id="verdict-title">{verdict.passed ? t("train.pass") : t("train.fail")}</h3>
      {verdict.differences.length > 0 ? (
        <ul>
          {verdict.differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
