import { type CaseSession, openCase } from "../case/CaseSession";
import type { CompiledSop } from "../compile/CompiledSop";
import type { Scenario, ScenarioAction } from "../definition/types";
import { actionToEvent, SCENARIO_EPOCH } from "../simulation/runScenario";
import type { AnswerSpaces } from "./answers/AnswerSpaces";
import { describeActions, describeClass } from "./answers/describeAnswer";
import type { AnswerText } from "./answers/types";
import { enumeratePaths, pathSignature } from "./enumeratePaths";
import type { Exploration } from "./exploreSop";
import { procedureResults, runLabel } from "./procedureOutcome";
import { type Counters, countersOf, labelOf, readSegment } from "./readSegment";
import { isWithin } from "./StateKeys";

/** What one scenario exercises. */
export interface ScenarioCoverage {
  id: string;
  /** The index of the path it follows to the end, or undefined when it stops early or was refused. */
  path?: number;
  /** Why it covers no whole path. */
  note?: string;
}

/** A part of the SOP the scenarios miss, with a way to reach it when the analysis found one. */
export interface Missed {
  what: string;
  answers?: AnswerText[];
}

/** How much of an SOP a scenario suite exercises, against what the analysis says can happen. */
export interface Coverage {
  sop: string;
  scenarios: ScenarioCoverage[];
  /** Covered and reachable counts; the analysis's reachable set is complete only when `complete`. */
  paths: { covered: number; total: number; listed: number };
  steps: { covered: number; total: number };
  routes: { covered: number; total: number };
  referrals: { covered: number; total: number };
  answers: { covered: number; total: number };
  missed: { paths: Missed[]; steps: Missed[]; routes: Missed[]; referrals: Missed[]; answers: Missed[] };
  complete: boolean;
}

/**
 * Measures which paths (by their signature: steps, routes and results), steps, routes, referrals and answer
 * classes the scenarios exercise, by playing each scenario through the runtime exactly as `runScenario` does, and
 * lists what they miss with the answers that would reach it.
 */
export function coverScenarios(
  exploration: Exploration,
  scenarios: readonly Scenario[],
  options: { locale?: string; pathLimit?: number } = {},
): Coverage {
  const { compiled, spaces, reached } = exploration;
  const locale = options.locale ?? "en";
  const list = enumeratePaths(exploration, { limit: options.pathLimit ?? 5000 });
  const bySignature = new Map(list.paths.map((p) => [p.signature, p.index]));
  const covered = { paths: new Set<number>(), steps: new Set<string>(), routes: new Set<string>() };
  const referrals = new Set<string>();
  const answers = new Set<string>();
  const results: ScenarioCoverage[] = [];
  const coveredUnlisted = new Set<string>();
  for (const scenario of scenarios) {
    const played = playScenario(compiled, spaces, scenario);
    for (const step of played.steps) covered.steps.add(step);
    for (const route of played.routes) covered.routes.add(route);
    for (const r of played.referrals) referrals.add(r);
    for (const a of played.answers) answers.add(a);
    if (played.refused) results.push({ id: scenario.id, note: played.refused });
    else if (!played.finished) results.push({ id: scenario.id, note: "it stops before the case ends" });
    else {
      const path = bySignature.get(pathSignature(played.labels, "finished"));
      if (path !== undefined) covered.paths.add(path);
      else if (followsPath(exploration, played.labels)) coveredUnlisted.add(pathSignature(played.labels, "finished"));
      results.push({
        id: scenario.id,
        path,
        note:
          path !== undefined
            ? undefined
            : followsPath(exploration, played.labels)
              ? "its path is beyond the paths listed"
              : "the analysis found no such path (explored only in part, or the SOP changed since)",
      });
    }
  }
  const routeText = (key: string) => {
    const [step, index] = key.split("#");
    const at = compiled.steps.get(step)?.step;
    const route = at && at.kind !== "end" && typeof at.next !== "string" ? at.next[Number(index)] : undefined;
    return `route ${Number(index) + 1} of "${step}" (to "${route?.to}"${route?.when ? `, when ${route.when}` : ""})`;
  };
  const reachableReferrals = [...reached.referrals].flatMap(([step, statuses]) =>
    [...statuses].map((s) => `${step}:${s}`),
  );
  const reachableAnswers = [...reached.answers].flatMap(([step, classes]) => [...classes].map((c) => `${step}#${c}`));
  const describeAnswerKey = (key: string) => {
    const [step, index] = key.split("#");
    const at = compiled.steps.get(step)!;
    const s = at.step;
    const variable = s.kind === "question" || s.kind === "checklist" ? s.variable : undefined;
    const space = variable ? spaces.space(compiled.scopes.get(at.scope)!.sop.id, variable) : undefined;
    return `"${step}" answered ${space ? describeClass(space, Number(index), locale) : index}`;
  };
  return {
    sop: compiled.id,
    scenarios: results,
    paths: { covered: covered.paths.size + coveredUnlisted.size, total: list.total, listed: list.paths.length },
    steps: { covered: [...reached.steps].filter((s) => covered.steps.has(s)).length, total: reached.steps.size },
    routes: { covered: [...reached.routes].filter((r) => covered.routes.has(r)).length, total: reached.routes.size },
    referrals: { covered: reachableReferrals.filter((r) => referrals.has(r)).length, total: reachableReferrals.length },
    answers: { covered: reachableAnswers.filter((a) => answers.has(a)).length, total: reachableAnswers.length },
    missed: {
      paths: list.paths
        .filter((p) => !covered.paths.has(p.index))
        .map((p) => ({
          what: `path ${p.index + 1}: ${p.status === "finished" ? `outcome ${p.outcome ?? "?"}` : `${p.status} at ${p.where}`}`,
          answers: describeActions(compiled, spaces, p.actions, locale).filter((a) => a.matters),
        })),
      steps: [...reached.steps].filter((s) => !covered.steps.has(s)).map((what) => ({ what })),
      routes: [...reached.routes].filter((r) => !covered.routes.has(r)).map((r) => ({ what: routeText(r) })),
      referrals: reachableReferrals.filter((r) => !referrals.has(r)).map((what) => ({ what })),
      answers: reachableAnswers.filter((a) => !answers.has(a)).map((a) => ({ what: describeAnswerKey(a) })),
    },
    complete: exploration.complete && !list.truncated,
  };
}

/** Whether a run with these segment labels ends at an end step along the explored states. */
function followsPath(exploration: Exploration, labels: string[]): boolean {
  if (labels[0] !== labelOf(exploration.initial)) return false;
  let members = new Set([exploration.root]);
  for (const label of labels.slice(1)) {
    const next = new Set<number>();
    for (const id of members)
      for (const e of exploration.nodes[id].out) {
        const edge = exploration.edges[e];
        if (!edge.back && edge.label === label) next.add(edge.to);
      }
    members = next;
  }
  return [...members].some((id) => exploration.nodes[id].status === "finished");
}

interface Played {
  labels: string[];
  finished: boolean;
  refused?: string;
  steps: string[];
  routes: string[];
  referrals: string[];
  answers: string[];
}

/**
 * Plays a scenario as `runScenario` does (same events, same times), reading what each action did. A whole run of
 * a procedure makes one stretch of path, labelled as the exploration labels it (see `runLabel`).
 */
function playScenario(compiled: CompiledSop, spaces: AnswerSpaces, scenario: Scenario): Played {
  let time = Date.parse(scenario.openedAt ?? SCENARIO_EPOCH);
  const session = openCase(compiled, { caseId: scenario.id, at: new Date(time).toISOString(), by: "scenario" });
  const zero = { visited: 0, trace: 0, referrals: 0, violations: 0 };
  const segments = [readSegment(compiled, session, zero)];
  const labels = [labelOf(segments[0])];
  let run: { scope: string; counters: Counters; actions: ScenarioAction[] } | undefined;
  const startRun = () => {
    const scope = runningProcedure(compiled, session.activeSteps());
    run = scope ? { scope, counters: countersOf(session), actions: [] } : undefined;
  };
  startRun();
  const answers: string[] = [];
  let refused: string | undefined;
  for (const [i, action] of scenario.steps.entries()) {
    time += (action.afterMinutes ?? 1) * 60_000;
    const event = actionToEvent(compiled, action, new Date(time).toISOString(), "scenario");
    if (typeof event === "string") {
      refused = `action ${i + 1}: ${event}`;
      break;
    }
    const before = countersOf(session);
    const result = session.send(event);
    if (!result.ok) {
      refused = `action ${i + 1} (step "${action.step}") was refused: ${result.reason}`;
      break;
    }
    segments.push(readSegment(compiled, session, before));
    if (!run) {
      labels.push(labelOf(segments[segments.length - 1]));
      startRun();
      continue;
    }
    run.actions.push(action);
    const left =
      session.context.outcomes.has(run.scope) &&
      !session.activeSteps().some((p) => isWithin(compiled.steps.get(p)!.scope, run!.scope));
    if (left) {
      const whole = readSegment(compiled, session, run.counters);
      const results = procedureResults(compiled, session, run.scope, run.counters, run.actions);
      labels.push(runLabel(whole, run.scope, results));
      startRun();
    }
  }
  for (const [path] of session.context.answers) answers.push(...classKeys(compiled, spaces, session, path));
  for (const segment of segments)
    for (const skip of segment.skips) answers.push(...classKeys(compiled, spaces, session, skip.step));
  return {
    labels,
    finished: session.finished,
    refused,
    steps: segments.flatMap((s) => s.steps),
    routes: segments.flatMap((s) => s.routes.map((r) => `${r.step}#${r.index}`)),
    referrals: segments.flatMap((s) => s.referrals.map((r) => `${r.step}:${r.status}`)),
    answers,
  };
}

/** The procedure directly below the SOP that every waiting step is inside, if any (as the exploration decides). */
function runningProcedure(compiled: CompiledSop, active: string[]): string | undefined {
  let common: string | undefined;
  for (const path of active) {
    let step = compiled.steps.get(path);
    let top: string | undefined;
    while (step?.scope) {
      top = step.scope;
      step = compiled.steps.get(step.scope);
    }
    if (top === undefined || (common !== undefined && common !== top)) return undefined;
    common = top;
  }
  return common;
}

/** The answer class a question or checklist on the case's path was given, as "step#class". */
function classKeys(compiled: CompiledSop, spaces: AnswerSpaces, session: CaseSession, path: string): string[] {
  const at = compiled.steps.get(path);
  const step = at?.step;
  const variable = step && (step.kind === "question" || step.kind === "checklist") ? step.variable : undefined;
  if (!at || !variable) return [];
  const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, variable);
  const index = space?.classify(session.context.scopes.get(at.scope)?.[variable]);
  return index === undefined || index < 0 ? [] : [`${path}#${index}`];
}
