import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { runScenario, type Scenario, type ScenarioResult } from "../../engine/index";
import { useI18n } from "../shared/i18n/I18nProvider";
import { loadCompiledSop } from "../shared/loadCompiledSop";
import { ScenarioPlayer } from "./ScenarioPlayer";
import { TrainTabs, useSurgeOpen } from "./surge/TrainTabs";

// The surge simulation (with its charting library) is a chunk of its own, loaded when its tab is opened.
const SurgeScreen = lazy(() => import("./surge/SurgeScreen"));

// Scenarios are the trainer's alone, so they live in this lazy chunk.
const loaded = import.meta.glob<Scenario>("/sop/scenarios/*.scenario.json", { eager: true, import: "default" });
const SCENARIOS: Scenario[] = Object.values(loaded).sort(
  (a, b) => a.sop.localeCompare(b.sop) || a.id.localeCompare(b.id),
);

/** The Train area: its sections, scenarios or the surge simulation. */
export default function TrainArea() {
  const { t } = useI18n();
  const surge = useSurgeOpen();
  return (
    <>
      <TrainTabs surge={surge} />
      {surge ? (
        <Suspense fallback={<p className="loading">{t("app.loading")}</p>}>
          <SurgeScreen scenarios={SCENARIOS} />
        </Suspense>
      ) : (
        <ScenarioTraining />
      )}
    </>
  );
}

/**
 * Scenario training: pick a scenario and play it step by step (or automatically) through the same engine and events as
 * a real case, then see whether it passes, with the flags and referrals it produced. The verdict is `runScenario`'s,
 * the same function CI runs.
 */
function ScenarioTraining() {
  const { t, text } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [scenarioId, setScenarioId] = useState(SCENARIOS[0]?.id ?? "");
  const [player, setPlayer] = useState<{
    scenario: Scenario;
    verdict: ScenarioResult;
    compiled: Awaited<ReturnType<typeof loadCompiledSop>>;
  }>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => heading.current?.focus(), []);

  const scenario = SCENARIOS.find((s) => s.id === scenarioId);
  useEffect(() => {
    if (!scenario) return;
    let cancelled = false;
    setPlayer(undefined);
    setProblem(undefined);
    loadCompiledSop(scenario.sop).then(
      (compiled) => {
        if (!cancelled) setPlayer({ scenario, compiled, verdict: runScenario(compiled, scenario) });
      },
      (error: unknown) => {
        if (!cancelled) setProblem(t("train.loadFailed", { reason: String(error) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [scenario, t]);

  return (
    <div className="train-area">
      <h1 ref={heading} tabIndex={-1}>
        {t("train.title")}
      </h1>
      {SCENARIOS.length === 0 ? <p>{t("train.none")}</p> : null}
      <label htmlFor={`${id}-scenario`}>{t("train.pick")}</label>
      <select id={`${id}-scenario`} value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
        {SCENARIOS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.sop} · {text(s.title)}
          </option>
        ))}
      </select>
      {scenario ? <p className="persona">{text(scenario.persona)}</p> : null}
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {player && player.scenario === scenario ? (
        <ScenarioPlayer key={scenario.id} scenario={scenario} compiled={player.compiled} verdict={player.verdict} />
      ) : null}
    </div>
  );
}
