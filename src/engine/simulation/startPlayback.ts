import { type CaseSession, openCase } from "../case/CaseSession";
import type { CompiledSop } from "../compile/CompiledSop";
import type { CaseEvent, ScenarioAction } from "../definition/types";

/** The default moment a scenario's case opens. */
export const SCENARIO_EPOCH = "2024-03-01T08:00:00Z";
const MINUTE = 60_000;

/**
 * The case event an officer's action produces: at a step (by the step's kind), or on the case as a whole (`do`).
 * The one way a scenario's actions become events, for CI, the trainer, the analysis and the simulator.
 */
export function actionToEvent(
  compiled: CompiledSop,
  action: ScenarioAction,
  at: string,
  by: string,
): CaseEvent | string {
  const reason = action.reason ?? "";
  switch (action.do ?? "answer") {
    case "back":
      return { type: "WENT_BACK", at, by };
    case "pause":
      return { type: "CASE_PAUSED", reason, at, by };
    case "resume":
      return { type: "CASE_RESUMED", at, by };
    case "language":
      return action.language ? { type: "LANGUAGE_SET", language: action.language, at, by } : "say which language";
    case "hand-over":
    case "acknowledge":
      if (!action.service) return "say which service's referral";
      return {
        type: "REFERRAL_UPDATED",
        service: action.service,
        status: action.do === "hand-over" ? "handed-over" : "acknowledged",
        ...(action.reason ? { note: action.reason } : {}),
        at,
        by,
      };
    case "raise":
    case "clear":
      if (!action.flag) return "say which standing instruction";
      return { type: "FLAG_SET", flag: action.flag, raise: action.do === "raise", reason, at, by };
    case "follow-up-done":
      if (!action.followUp) return "say which follow-up";
      return {
        type: "FOLLOW_UP_DONE",
        followUp: action.followUp,
        ...(action.reason ? { note: action.reason } : {}),
        at,
        by,
      };
    default:
      break;
  }
  if (!action.step) return "say at which step";
  const step = compiled.steps.get(action.step)?.step;
  if (!step) return `the SOP has no step "${action.step}"`;
  switch (action.do ?? "answer") {
    case "correct":
      return {
        type: "CORRECTED",
        step: action.step,
        value: action.answer as never,
        ...(action.reason ? { reason } : {}),
        at,
        by,
      };
    case "update":
      return { type: "INFORMATION_UPDATED", step: action.step, value: action.answer as never, reason, at, by };
    case "not-needed":
      return { type: "REFERRED", step: action.step, consent: false, notNeeded: reason, at, by };
    default:
      break;
  }
  switch (step.kind) {
    case "question":
      return { type: "ANSWERED", step: action.step, value: action.answer as never, at, by };
    case "checklist":
      return {
        type: "CHECKED",
        step: action.step,
        items: Array.isArray(action.answer)
          ? (action.answer as string[])
          : step.items.filter((i) => i.required).map((i) => i.id),
        at,
        by,
      };
    case "instruction":
      return { type: "ACKNOWLEDGED", step: action.step, at, by };
    case "referral":
      return {
        type: "REFERRED",
        step: action.step,
        consent: action.answer === undefined ? true : action.answer === true,
        at,
        by,
      };
    default:
      return `step "${action.step}" is a ${step.kind} step, which takes no action`;
  }
}

/** How to play a list of actions: who, where and when the case opens, and the time between actions. */
export interface PlayOptions {
  caseId?: string;
  /** When the case opens (default `SCENARIO_EPOCH`). */
  openedAt?: string;
  /** The officer recorded as doing every action (default "scenario"). */
  by?: string;
  site?: string;
  /** Minutes before an action that does not say (`afterMinutes`); default 1, as in a scenario. */
  minutesBetween?: number;
}

/** An action the case refused: which (its index among those played), at which step, and the case's reason. */
export interface PlaybackRefusal {
  index: number;
  step: string;
  /** The action in words: its step, or what it does on the case ("back", "pause", …). */
  what: string;
  /** The case's refusal code, or "not-an-action" when the action names no step it can be done at. */
  code: string;
  reason: string;
}

/**
 * A case being played one action at a time, exactly as an officer would: each action becomes its event
 * (`actionToEvent`) at its time (`afterMinutes`, else the playback's `minutesBetween`) and is sent to the case.
 */
export interface Playback {
  readonly session: CaseSession;
  /** The time of the last action played, or the opening time before any, in epoch milliseconds. */
  readonly time: number;
  /** How many actions were played, the refused one included. */
  readonly played: number;
  /** The first action the case refused; once set, nothing more is played. */
  readonly refused?: PlaybackRefusal;
  /** Plays the next action; returns its refusal, or undefined when the case took it. */
  play(action: ScenarioAction): PlaybackRefusal | undefined;
}

/**
 * Opens a case and returns its playback, to play actions one by one (the trainer's step button, the analysis's
 * guided cases) or all at once (`playActions`). The one scenario player: CI (`senda test`), coverage, the analysis's
 * counterexamples and the trainer all play actions through it, so a scenario plays identically everywhere. Pure.
 *
 * @example
 * const playback = startPlayback(compiled, { openedAt: scenario.openedAt });
 * for (const action of scenario.steps) if (playback.play(action)) break;
 * viewCase(playback.session, new Date(playback.time));
 */
export function startPlayback(compiled: CompiledSop, options: PlayOptions = {}): Playback {
  const by = options.by ?? "scenario";
  let time = Date.parse(options.openedAt ?? SCENARIO_EPOCH);
  const session = openCase(compiled, {
    caseId: options.caseId ?? "played",
    at: new Date(time).toISOString(),
    by,
    site: options.site,
  });
  let played = 0;
  let refused: PlaybackRefusal | undefined;
  return {
    session,
    get time() {
      return time;
    },
    get played() {
      return played;
    },
    get refused() {
      return refused;
    },
    play(action) {
      if (refused) return refused;
      const index = played++;
      time += (action.afterMinutes ?? options.minutesBetween ?? 1) * MINUTE;
      const event = actionToEvent(compiled, action, new Date(time).toISOString(), by);
      const step = action.step ?? "";
      const what = action.step ? `step "${action.step}"` : (action.do ?? "answer");
      if (typeof event === "string") refused = { index, step, what, code: "not-an-action", reason: event };
      else {
        const result = session.send(event);
        if (!result.ok) refused = { index, step, what, code: result.code, reason: result.reason };
      }
      return refused;
    },
  };
}

/** A case played from actions: the session, the time of the last action, and the first action refused, if any. */
export interface PlayedActions {
  session: CaseSession;
  /** The time of the last action played, in epoch milliseconds. */
  time: number;
  refused?: PlaybackRefusal;
}

/** Plays actions through a new case with `startPlayback`, stopping at the first the case refuses. Pure. */
export function playActions(
  compiled: CompiledSop,
  actions: readonly ScenarioAction[],
  options: PlayOptions = {},
): PlayedActions {
  const playback = startPlayback(compiled, options);
  for (const action of actions) if (playback.play(action)) break;
  return { session: playback.session, time: playback.time, refused: playback.refused };
}
