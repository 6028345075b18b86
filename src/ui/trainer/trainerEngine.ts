/**
 * The trainer's one door to playing scenarios: every screen of the Train area plays a scenario, replays a case up to
 * an action, or turns an analysis path into a scenario through these functions, so that switching to the engine's
 * shared scenario player (issue 12 / the analysis branch) is an edit here alone. Path enumeration runs in
 * `paths/pathsWorker.ts`, the other module that calls the engine's analysis.
 */
import {
  type CaseEvent,
  type CaseSession,
  type CaseView,
  type CompiledSop,
  openCase,
  type RefusalCode,
  runScenario,
  SCENARIO_EPOCH,
  type Scenario,
  type ScenarioAction,
  type ScenarioResult,
  type StepAction,
  startPlayback,
  type Text,
  viewCase,
} from "../../engine/index";

const MINUTE = 60_000;

/** What the case looked like after one of a scenario's actions. */
export interface PlaybackFrame {
  /** The action just played (none for the opening frame). */
  action?: ScenarioAction;
  /** The index of the action in the scenario (-1 for the opening). */
  index: number;
  view: CaseView;
  /** The value the action recorded: an answer, the items ticked, a referral's consent (none for other actions). */
  value?: unknown;
  /** How many trace entries the view had before this action: the new ones explain it. */
  traceBefore: number;
}

/** A scenario played once through the engine, with the case after each action, for playback. */
export interface PlayedScenario {
  result: ScenarioResult;
  frames: PlaybackFrame[];
}

/**
 * Plays a scenario with the engine's one scenario player (`startPlayback`, which `runScenario` and CI use too),
 * keeping the case as it was after each action, so that playback shows what the same run looked like at every
 * moment.
 */
export function playScenario(compiled: CompiledSop, scenario: Scenario, locale = "en"): PlayedScenario {
  const result = runScenario(compiled, scenario, { locale });
  const playback = startPlayback(compiled, { caseId: scenario.id, openedAt: scenario.openedAt, site: scenario.site });
  const frames: PlaybackFrame[] = [];
  let traceBefore = 0;
  const keep = (index: number, action?: ScenarioAction) => {
    const view = viewCase(playback.session, new Date(playback.time));
    const events = playback.session.events;
    const value = action ? recordedValue(events[events.length - 1]) : undefined;
    frames.push({ action, index, view, value, traceBefore });
    traceBefore = view.trace.length;
  };
  keep(-1);
  for (const [index, action] of scenario.steps.entries()) {
    if (playback.play(action)) break;
    keep(index, action);
  }
  return { result, frames };
}

/** The reference run of a scenario: what the engine decides for the persona's answers. */
export function playReference(compiled: CompiledSop, scenario: Scenario): ScenarioResult {
  return runScenario(compiled, scenario);
}

/** A practice case for a scenario: opened when and where the scenario's case opens, by the trainee. */
export function openPracticeCase(compiled: CompiledSop, scenario: Scenario, trainee: string): CaseSession {
  return openCase(compiled, {
    caseId: `practice-${scenario.id}`,
    at: new Date(Date.parse(scenario.openedAt ?? SCENARIO_EPOCH)).toISOString(),
    by: trainee || "trainee",
    ...(scenario.site ? { site: scenario.site } : {}),
  });
}

/**
 * The time of a trainee's next event: as much later than the last one as the scenario's matching action says, so
 * that deadlines count as they do in the answer key, however fast the trainee clicks.
 */
export function nextPracticeTime(session: CaseSession, scenario: Scenario): string {
  const events = session.events;
  const last = Date.parse(events[events.length - 1].at);
  const minutes = scenario.steps[events.length - 1]?.afterMinutes ?? 1;
  return new Date(last + minutes * MINUTE).toISOString();
}

/** Sends a trainee's event; the refusal's code when the engine does not take it. */
export function sendPracticeEvent(
  session: CaseSession,
  event: CaseEvent,
): { ok: true } | { ok: false; code: RefusalCode } {
  const result = session.send(event);
  return result.ok ? { ok: true } : { ok: false, code: result.code };
}

/** The case as it stands after the last event, at that event's time. */
export function viewPractice(session: CaseSession): CaseView {
  const events = session.events;
  return viewCase(session, new Date(events[events.length - 1].at));
}

/**
 * A path the analysis found, as a scenario with no expectations of its own: its answer key is what the engine
 * decides when the path's answers are played (see `expectationsOf`).
 */
export function scenarioOfPath(
  sop: string,
  index: number,
  actions: readonly StepAction[],
  persona: Text,
  title: Text,
): Scenario {
  return {
    id: `path-${sop}-${index + 1}`,
    title,
    persona,
    sop,
    steps: actions.map((a) => ({ step: a.step, ...(a.answer !== undefined ? { answer: a.answer } : {}) })),
    expect: {},
  };
}

/** What an event recorded, as a screen shows it next to its step. */
function recordedValue(event: CaseEvent): unknown {
  if (event.type === "ANSWERED" || event.type === "CORRECTED" || event.type === "INFORMATION_UPDATED")
    return event.value;
  if (event.type === "CHECKED") return event.items;
  if (event.type === "REFERRED") return event.consent;
  if (event.type === "ACKNOWLEDGED") return true;
  return undefined;
}
