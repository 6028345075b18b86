import "./trainer.css";
import { lazy, Suspense } from "react";
import { useTrainerText } from "./i18n/trainerMessages";
import { ScenarioLibrary } from "./library/ScenarioLibrary";
import { findScenario, SCENARIOS, useCompiledSop } from "./library/useScenarioLibrary";
import { UnscriptedScreen } from "./paths/UnscriptedScreen";
import { PlaybackScreen } from "./playback/PlaybackScreen";
import { PracticeScreen } from "./practice/PracticeScreen";
import { ResultsScreen } from "./results/ResultsScreen";
import { TrainerNav } from "./TrainerNav";
import { trainerHref, useTrainerRoute } from "./trainerRoute";

// The surge simulation (with its charting library) and the path explorer (with the graph layout) are chunks of
// their own, loaded when opened.
const SurgeScreen = lazy(() => import("./surge/SurgeScreen"));
const PathExplorer = lazy(() => import("./paths/PathExplorer"));

/** The Train area: the scenario library, projection, practice, unscripted cases, paths, results and surges. */
export default function TrainArea() {
  const { t } = useTrainerText();
  const route = useTrainerRoute();
  return (
    <div className="train-area">
      <TrainerNav route={route} />
      <Suspense fallback={<p className="loading">{t("app.loading")}</p>}>
        {route.screen === "surge" ? (
          <SurgeScreen scenarios={SCENARIOS} />
        ) : route.screen === "play" || route.screen === "practice" ? (
          <ScenarioScreen key={`${route.screen}:${route.scenario}`} id={route.scenario} mode={route.screen} />
        ) : route.screen === "unscripted" ? (
          <UnscriptedScreen sop={route.sop} path={route.path} />
        ) : route.screen === "paths" ? (
          <PathExplorer sop={route.sop} />
        ) : route.screen === "results" ? (
          <ResultsScreen />
        ) : (
          <ScenarioLibrary />
        )}
      </Suspense>
    </div>
  );
}

/** A scenario projected or practised, once its SOP is compiled. */
function ScenarioScreen({ id, mode }: { id: string; mode: "play" | "practice" }) {
  const { tr, t } = useTrainerText();
  const scenario = findScenario(id);
  const { compiled, problem } = useCompiledSop(scenario?.sop);
  if (!scenario)
    return (
      <>
        <p className="problem" role="alert">
          {tr("scenario.unknown")}
        </p>
        <a href={trainerHref({ screen: "library" })}>{tr("back")}</a>
      </>
    );
  if (problem)
    return (
      <p className="problem" role="alert">
        {tr("load.failed", { reason: problem })}
      </p>
    );
  if (!compiled)
    return (
      <p className="loading" role="status">
        {t("app.loading")}
      </p>
    );
  return mode === "play" ? (
    <PlaybackScreen scenario={scenario} compiled={compiled} />
  ) : (
    <PracticeScreen scenario={scenario} compiled={compiled} />
  );
}
