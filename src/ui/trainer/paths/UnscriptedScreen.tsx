import { sopIndex } from "virtual:senda-sops";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { pickText } from "../../../engine/index";
import { LOCALES } from "../../shared/i18n/I18nProvider";
import { listShippedSops } from "../../shared/shippedLibrary";
import { trainerText, useTrainerText } from "../i18n/trainerMessages";
import { useCompiledSop } from "../library/useScenarioLibrary";
import { PracticeScreen } from "../practice/PracticeScreen";
import { scenarioOfPath } from "../trainerEngine";
import { trainerHref } from "../trainerRoute";
import { SopPicker } from "./SopPicker";
import { usePaths } from "./usePaths";
import { writePersona } from "./writePersona";

/** Paths listed to draw personas from. */
const DRAW_FROM = 300;

/**
 * Practice on cases no one scripted: a persona written from one of the SOP's own paths (found by the analysis),
 * practised like a scenario and scored against what the engine decides on that path.
 */
export function UnscriptedScreen({ sop, path }: { sop?: string; path?: number }) {
  const { tr, text } = useTrainerText();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen = sop ?? listShippedSops()[0]?.id;
  // Enough paths to include the one asked for (a link from the explorer may name a far one); kept while drawing others.
  const [limit] = useState(() => Math.max(DRAW_FROM, (path ?? 0) + 1));
  const run = usePaths(chosen, false, limit);
  const { compiled, problem } = useCompiledSop(chosen);
  const [practising, setPractising] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new persona or SOP starts over.
  useEffect(() => setPractising(false), [chosen, path]);

  const reply = run.state === "done" ? run.reply : undefined;
  const finished = reply?.ok ? reply.paths.filter((p) => p.status === "finished") : [];
  const current = finished.find((p) => p.index === path);
  // Without a path in the address, draw one: the trainer gets a persona at once.
  useEffect(() => {
    if (!reply?.ok || current || finished.length === 0) return;
    const drawn = finished[Math.floor(Math.random() * finished.length)];
    window.location.replace(trainerHref({ screen: "unscripted", sop: reply.sop, path: drawn.index }));
  }, [reply, current, finished]);

  const sopTitle = sopIndex.find((e) => e.id === chosen)?.title ?? { es: chosen ?? "", en: chosen ?? "" };
  const scenario = useMemo(() => {
    if (!current || !chosen) return undefined;
    const title = Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        trainerText(locale)("unscripted.pathTitle", { n: current.index + 1, sop: pickText(sopTitle, locale) }),
      ]),
    );
    return scenarioOfPath(chosen, current.index, current.actions, writePersona(sopTitle, current.answers), title);
  }, [current, chosen, sopTitle]);

  if (practising && scenario && compiled) return <PracticeScreen scenario={scenario} compiled={compiled} unscripted />;

  const another = () => {
    const others = finished.filter((p) => p.index !== current?.index);
    if (!reply?.ok || others.length === 0) return;
    const drawn = others[Math.floor(Math.random() * others.length)];
    window.location.hash = trainerHref({ screen: "unscripted", sop: reply.sop, path: drawn.index });
  };

  return (
    <section className="unscripted" aria-labelledby="unscripted-title">
      <h1 id="unscripted-title" ref={heading} tabIndex={-1}>
        {tr("unscripted.title")}
      </h1>
      <p>{tr("unscripted.intro")}</p>
      <SopPicker
        id={`${id}-sop`}
        label={tr("unscripted.sop")}
        value={chosen}
        onPick={(sop) => {
          window.location.hash = trainerHref({ screen: "unscripted", sop });
        }}
      />
      {run.state === "running" ? <p role="status">{tr("unscripted.exploring")}</p> : null}
      {problem ? (
        <p className="problem" role="alert">
          {tr("load.failed", { reason: problem })}
        </p>
      ) : null}
      {reply && !reply.ok ? (
        <p className="problem" role="alert">
          {tr("unscripted.failed", { reason: reply.failure })}
        </p>
      ) : null}
      {reply?.ok ? (
        <p role="status">
          {reply.complete
            ? tr("unscripted.found", { count: reply.total })
            : tr("unscripted.foundAtLeast", { count: reply.total })}
        </p>
      ) : null}
      {reply?.ok && finished.length === 0 ? <p>{tr("unscripted.none")}</p> : null}
      {scenario ? (
        <article className="scenario-card unscripted-persona" aria-labelledby={`${id}-persona`}>
          <h2 id={`${id}-persona`} className="scenario-card-title">
            {text(scenario.title)}
          </h2>
          <p className="persona">{text(scenario.persona)}</p>
          <div className="step-actions">
            <button type="button" className="button button-secondary" onClick={another} disabled={finished.length < 2}>
              {tr("unscripted.generate")}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setPractising(true)}
              disabled={!compiled}
            >
              {tr("unscripted.practise")}
            </button>
          </div>
        </article>
      ) : null}
    </section>
  );
}
