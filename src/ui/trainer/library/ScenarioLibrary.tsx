import { sopIndex } from "virtual:senda-sops";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { getShippedCatalog } from "../../shared/shippedCatalog";
import { isTrainerKey, type TrainerKey, useTrainerText } from "../i18n/trainerMessages";
import { trainerHref } from "../trainerRoute";
import { DIFFICULTY_RULE, type Difficulty, type Lesson, type ScenarioFacets } from "./describeScenario";
import { SCENARIOS, useScenarioFacets } from "./useScenarioLibrary";

const DIFFICULTIES: Difficulty[] = ["basic", "intermediate", "advanced"];

/**
 * Every scenario with its persona, filtered by SOP, by what it teaches (a flag, a service, a principle or a practice)
 * and by difficulty, each with a way to project it for the class or to practise it.
 */
export function ScenarioLibrary() {
  const { tr, text } = useTrainerText();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const facets = useScenarioFacets();
  const [sop, setSop] = useState("");
  const [teaches, setTeaches] = useState("");
  const [difficulty, setDifficulty] = useState("");
  useEffect(() => heading.current?.focus(), []);

  const catalog = getShippedCatalog();
  const sopTitle = (sopId: string) => text(sopIndex.find((e) => e.id === sopId)?.title) || sopId;
  const options = useMemo(() => teachOptions(facets), [facets]);
  const shown = SCENARIOS.filter((s) => {
    const f = facets?.get(s.id);
    if (sop && s.sop !== sop) return false;
    if (difficulty && f?.difficulty !== difficulty) return false;
    if (teaches && !(f && teachesKeys(f).includes(teaches))) return false;
    return true;
  });
  const label = (key: string) => {
    const [kind, value] = key.split(":");
    if (kind === "flag") return text(catalog.flags.get(value)?.label) || value;
    if (kind === "service") return text(catalog.services.get(value)?.name) || value;
    if (kind === "principle") {
      const named = `library.principle.${value}`;
      return isTrainerKey(named) ? tr(named) : tr("library.principle", { n: value });
    }
    return tr(`lesson.${value}` as TrainerKey);
  };

  return (
    <div className="trainer-library">
      <h1 ref={heading} tabIndex={-1}>
        {tr("library.title")}
      </h1>
      <p>{tr("library.intro")}</p>
      <fieldset className="trainer-filters">
        <legend>{tr("library.filters")}</legend>
        <div className="field">
          <label htmlFor={`${id}-sop`}>{tr("library.sop")}</label>
          <select id={`${id}-sop`} value={sop} onChange={(e) => setSop(e.target.value)}>
            <option value="">{tr("library.any")}</option>
            {[...new Set(SCENARIOS.map((s) => s.sop))].map((s) => (
              <option key={s} value={s}>
                {sopTitle(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-teaches`}>{tr("library.teaches")}</label>
          <select id={`${id}-teaches`} value={teaches} onChange={(e) => setTeaches(e.target.value)} disabled={!facets}>
            <option value="">{tr("library.any")}</option>
            {(["lessons", "principles", "flags", "services"] as const).map((group) =>
              options[group].length ? (
                <optgroup key={group} label={tr(`library.group.${group}`)}>
                  {options[group].map((key) => (
                    <option key={key} value={key}>
                      {label(key)}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-difficulty`}>{tr("library.difficulty")}</label>
          <select
            id={`${id}-difficulty`}
            value={difficulty}
            onChange={(e) => setDifficulty(e.target.value)}
            disabled={!facets}
            aria-describedby={`${id}-rule`}
          >
            <option value="">{tr("library.any")}</option>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {tr(`difficulty.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <p id={`${id}-rule`} className="note">
          {tr("library.difficultyHelp", {
            intermediate: DIFFICULTY_RULE.intermediate,
            advanced: DIFFICULTY_RULE.advanced,
          })}
        </p>
      </fieldset>
      {!facets ? <p role="status">{tr("library.loading")}</p> : null}
      <p role="status" className="trainer-count">
        {tr("library.count", { count: shown.length })}
      </p>
      {shown.length === 0 ? <p>{tr("library.none")}</p> : null}
      <ul className="scenario-cards">
        {shown.map((s) => {
          const f = facets?.get(s.id);
          const title = text(s.title);
          return (
            <li key={s.id} className="scenario-card" data-scenario={s.id}>
              <h2 className="scenario-card-title">{title}</h2>
              <p className="scenario-card-sop">{sopTitle(s.sop)}</p>
              <p className="persona">{text(s.persona)}</p>
              {f ? (
                <>
                  <p className={`badge difficulty-${f.difficulty}`}>
                    {tr("library.measure", {
                      difficulty: tr(`difficulty.${f.difficulty}`),
                      points: f.measure.points,
                      actions: f.measure.actions,
                      flags: f.measure.flags,
                      sensitive: f.measure.sensitive,
                    })}
                  </p>
                  <ul className="chips" aria-label={tr("library.teachesList")}>
                    {teachesKeys(f).map((key) => (
                      <li key={key} className="chip chip-teach">
                        {label(key)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div className="step-actions">
                <a
                  className="button button-secondary"
                  href={trainerHref({ screen: "play", scenario: s.id })}
                  aria-label={tr("library.playNamed", { title })}
                >
                  {tr("library.play")}
                </a>
                <a
                  className="button button-primary"
                  href={trainerHref({ screen: "practice", scenario: s.id })}
                  aria-label={tr("library.practiseNamed", { title })}
                >
                  {tr("library.practise")}
                </a>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The filter keys a scenario matches: "lesson:…", "principle:N", "flag:…", "service:…". */
function teachesKeys(f: ScenarioFacets): string[] {
  return [
    ...f.lessons.map((l) => `lesson:${l}`),
    ...f.principles.map((p) => `principle:${p}`),
    ...f.flags.map((x) => `flag:${x}`),
    ...f.services.map((x) => `service:${x}`),
  ];
}

function teachOptions(facets: Map<string, ScenarioFacets> | undefined) {
  const sets = {
    lessons: new Set<Lesson>(),
    principles: new Set<number>(),
    flags: new Set<string>(),
    services: new Set<string>(),
  };
  for (const f of facets?.values() ?? []) {
    for (const l of f.lessons) sets.lessons.add(l);
    for (const p of f.principles) sets.principles.add(p);
    for (const x of f.flags) sets.flags.add(x);
    for (const x of f.services) sets.services.add(x);
  }
  return {
    lessons: [...sets.lessons].sort().map((l) => `lesson:${l}`),
    principles: [...sets.principles].sort((a, b) => a - b).map((p) => `principle:${p}`),
    flags: [...sets.flags].sort().map((x) => `flag:${x}`),
    services: [...sets.services].sort().map((x) => `service:${x}`),
  };
}
