import "../../editor/editor.css";
import { useEffect, useId, useRef, useState } from "react";
import { GraphView } from "../../editor/graph/GraphView";
import { listShippedSops } from "../../shared/shippedLibrary";
import { type TrainerKey, useTrainerText } from "../i18n/trainerMessages";
import { SCENARIOS } from "../library/useScenarioLibrary";
import { trainerHref } from "../trainerRoute";
import type { PathSummary } from "./pathsWorker";
import { SopPicker } from "./SopPicker";
import { usePaths } from "./usePaths";

/** Paths listed on the screen at most (all are counted). */
const SHOWN = 60;
const NO_PROBLEMS = new Map<string, number>();

/**
 * The SOP's graph (the editor's own graph view) with a path or a scenario highlighted, the scenarios' coverage
 * (paths, routes and referrals no scenario reaches), and from every path a way to practise it.
 */
export default function PathExplorer({ sop }: { sop?: string }) {
  const { tr, text } = useTrainerText();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen = sop ?? listShippedSops()[0]?.id;
  const run = usePaths(chosen, true);
  const [highlighted, setHighlighted] = useState<number>();
  const [scenario, setScenario] = useState("");
  useEffect(() => heading.current?.focus(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another SOP starts with nothing highlighted.
  useEffect(() => {
    setHighlighted(undefined);
    setScenario("");
  }, [chosen]);

  const reply = run.state === "done" ? run.reply : undefined;
  const paths = reply?.ok ? reply.paths : [];
  const title = (s: string) => text(SCENARIOS.find((x) => x.id === s)?.title) || s;
  const ownScenarios = SCENARIOS.filter((s) => s.sop === chosen);
  const byScenario = scenario ? paths.find((p) => p.scenarios.includes(scenario)) : undefined;
  const current = byScenario ?? paths.find((p) => p.index === highlighted);
  // The graph shows this SOP's own steps: a path's steps inside procedures stay inside their procedure's box.
  const steps = scenario && reply?.ok ? reply.scenarioSteps?.[scenario] : current?.steps;
  const onGraph = (steps ?? []).filter((s) => !s.includes("/"));
  const coverage = reply?.ok ? reply.coverage : undefined;

  return (
    <section className="path-explorer" aria-labelledby="paths-title">
      <h1 id="paths-title" ref={heading} tabIndex={-1}>
        {tr("paths.title")}
      </h1>
      <p>{tr("paths.intro")}</p>
      <div className="trainer-filters-row">
        <SopPicker
          id={`${id}-sop`}
          label={tr("paths.sop")}
          value={chosen}
          onPick={(sop) => {
            window.location.hash = trainerHref({ screen: "paths", sop });
          }}
        />
        <div className="field">
          <label htmlFor={`${id}-scenario`}>{tr("paths.scenario")}</label>
          <select id={`${id}-scenario`} value={scenario} onChange={(e) => setScenario(e.target.value)}>
            <option value="">{tr("paths.noScenario")}</option>
            {ownScenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {text(s.title)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {run.state === "running" ? <p role="status">{tr("unscripted.exploring")}</p> : null}
      {reply && !reply.ok ? (
        <p className="problem" role="alert">
          {tr("unscripted.failed", { reason: reply.failure })}
        </p>
      ) : null}
      {scenario && reply?.ok && !byScenario ? <p className="note">{tr("paths.noPath")}</p> : null}
      {coverage ? (
        <section aria-labelledby={`${id}-coverage`} className="coverage">
          <h2 id={`${id}-coverage`}>{tr("paths.coverage")}</h2>
          <ul className="coverage-figures">
            {(["paths", "steps", "routes", "referrals"] as const).map((kind) => (
              <li key={kind}>
                <meter
                  min={0}
                  max={Math.max(coverage[kind].total, 1)}
                  value={coverage[kind].covered}
                  aria-label={tr(`paths.kind.${kind}`)}
                />{" "}
                {tr("paths.covered", {
                  what: tr(`paths.kind.${kind}`),
                  covered: coverage[kind].covered,
                  total: coverage[kind].total,
                })}
              </li>
            ))}
          </ul>
          {reply?.ok && !reply.complete ? <p className="note">{tr("paths.incomplete")}</p> : null}
        </section>
      ) : null}
      {reply?.ok ? (
        <section aria-label={tr("paths.graph")} className="explorer-graph">
          <GraphView
            steps={reply.steps as never}
            start={reply.start}
            problemsByStep={NO_PROBLEMS}
            path={onGraph}
            openStep={() => {}}
            openSop={(other) => {
              window.location.hash = trainerHref({ screen: "paths", sop: other });
            }}
          />
        </section>
      ) : null}
      {coverage && coverage.missed.routes.length + coverage.missed.referrals.length > 0 ? (
        <div className="missed">
          {coverage.missed.routes.length ? (
            <section aria-labelledby={`${id}-routes`}>
              <h2 id={`${id}-routes`}>{tr("paths.missedRoutes")}</h2>
              <ul>
                {coverage.missed.routes.map((r) => (
                  <li key={`${r.step}>${text(r.to)}`}>
                    «{text(r.from)}» → «{text(r.to)}»
                    {r.answers.length ? (
                      <span className="note">
                        {" "}
                        · {tr("paths.reach", { answers: r.answers.map((a) => `${a.title}: ${a.text}`).join("; ") })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {coverage.missed.referrals.length ? (
            <section aria-labelledby={`${id}-referrals`}>
              <h2 id={`${id}-referrals`}>{tr("paths.missedReferrals")}</h2>
              <ul>
                {coverage.missed.referrals.map((r) => (
                  <li key={`${r.step}:${r.status}`}>
                    {text(r.service)} · {tr(`referral.${r.status}` as TrainerKey)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
      {reply?.ok ? (
        <section aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`}>{tr("paths.list")}</h2>
          <p className="note">{tr("paths.shown", { shown: Math.min(SHOWN, paths.length), total: reply.total })}</p>
          <ol className="path-list">
            {[...paths.filter((p) => p.scenarios.length), ...paths.filter((p) => !p.scenarios.length)]
              .slice(0, SHOWN)
              .map((p) => (
                <PathItem
                  key={p.index}
                  path={p}
                  sop={reply.sop}
                  highlighted={current?.index === p.index}
                  onHighlight={() => {
                    setScenario("");
                    setHighlighted(p.index);
                  }}
                  scenarioTitle={title}
                />
              ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}

function PathItem({
  path,
  sop,
  highlighted,
  onHighlight,
  scenarioTitle,
}: {
  path: PathSummary;
  sop: string;
  highlighted: boolean;
  onHighlight(): void;
  scenarioTitle(id: string): string;
}) {
  const { tr, locale } = useTrainerText();
  const name = tr("paths.pathName", { n: path.index + 1 });
  const answers = (path.answers[locale] ?? []).filter((a) => a.matters);
  return (
    <li className={`path-item ${path.scenarios.length ? "" : "path-uncovered"}`}>
      <p>
        <strong>{name}</strong> · {tr("paths.ends", { outcome: tr(`outcome.${path.outcome ?? "none"}` as TrainerKey) })}{" "}
        ·{" "}
        {path.scenarios.length
          ? tr("paths.coveredBy", { scenarios: path.scenarios.map(scenarioTitle).join(", ") })
          : tr("paths.uncovered")}
      </p>
      {answers.length ? <p className="note">{answers.map((a) => `${a.title}: ${a.text}`).join("; ")}</p> : null}
      <div className="step-actions">
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={highlighted}
          aria-label={`${tr("paths.highlight")}: ${name}`}
          onClick={onHighlight}
        >
          {tr("paths.highlight")}
        </button>
        {path.status === "finished" ? (
          <a
            className="button button-primary"
            href={trainerHref({ screen: "unscripted", sop, path: path.index })}
            aria-label={`${tr("paths.practise")}: ${name}`}
          >
            {tr("paths.practise")}
          </a>
        ) : null}
      </div>
    </li>
  );
}
