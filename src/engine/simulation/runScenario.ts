import type { CaseSession } from "../case/CaseSession";
import { openCase } from "../case/CaseSession";
import { type CaseView, viewCase } from "../case/viewCase";
import type { CompiledSop } from "../compile/CompiledSop";
import type { CaseEvent, Scenario, ScenarioAction } from "../definition/types";

/** The default moment a scenario's case opens. */
export const SCENARIO_EPOCH = "2024-03-01T08:00:00Z";
const MINUTE = 60_000;

/** The outcome of playing a scenario: pass, or the differences from what it expects, first one first. */
export interface ScenarioResult {
  id: string;
  passed: boolean;
  differences: string[];
  view: CaseView;
  session: CaseSession;
}

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

/** A case played from actions: the session, the time of the last action, and the first action refused, if any. */
export interface PlayedActions {
  session: CaseSession;
  /** The time of the last action played, in epoch milliseconds. */
  time: number;
  /**
   * The code is the case's refusal code, or "not-an-action" when the action names no step it can be done at. `what`
   * names the action: its step, or what it does on the case ("back", "pause", …).
   */
  refused?: { index: number; step: string; what: string; code: string; reason: string };
}

/**
 * Plays actions through a new case, one event per action at the time it gives, exactly as an officer would; stops
 * at the first action the case refuses and says which and why. The one way actions are played: scenarios in CI and
 * the trainer, coverage, and the analysis's counterexamples all come here.
 */
export function playActions(
  compiled: CompiledSop,
  actions: readonly ScenarioAction[],
  options: PlayOptions = {},
): PlayedActions {
  const by = options.by ?? "scenario";
  let time = Date.parse(options.openedAt ?? SCENARIO_EPOCH);
  const session = openCase(compiled, {
    caseId: options.caseId ?? "played",
    at: new Date(time).toISOString(),
    by,
    site: options.site,
  });
  for (const [index, action] of actions.entries()) {
    time += (action.afterMinutes ?? options.minutesBetween ?? 1) * MINUTE;
    const event = actionToEvent(compiled, action, new Date(time).toISOString(), by);
    const step = action.step ?? "";
    const what = action.step ? `step "${action.step}"` : (action.do ?? "answer");
    if (typeof event === "string")
      return { session, time, refused: { index, step, what, code: "not-an-action", reason: event } };
    const result = session.send(event);
    if (!result.ok) return { session, time, refused: { index, step, what, code: result.code, reason: result.reason } };
  }
  return { session, time };
}

/**
 * Plays a scenario through a compiled SOP, exactly as an officer would (the same events, at the times it gives),
 * and compares what comes out with what it expects. The same function runs in CI, the trainer and the CLI.
 */
export function runScenario(compiled: CompiledSop, scenario: Scenario): ScenarioResult {
  const { session, time, refused } = playActions(compiled, scenario.steps, {
    caseId: scenario.id,
    openedAt: scenario.openedAt,
    site: scenario.site,
  });
  const differences: string[] = [];
  if (refused)
    differences.push(
      refused.code === "not-an-action"
        ? `action ${refused.index + 1}: ${refused.reason}`
        : `action ${refused.index + 1} (${refused.what}) was refused: ${refused.reason}`,
    );
  const view = viewCase(session, new Date(time));
  if (differences.length === 0) differences.push(...compareExpectations(scenario, view, session));
  return { id: scenario.id, passed: differences.length === 0, differences, view, session };
}

function compareExpectations(scenario: Scenario, view: CaseView, session: CaseSession): string[] {
  const out: string[] = [];
  const expect = scenario.expect;
  const flags = new Set(view.flags.map((f) => f.id));
  for (const flag of expect.flags ?? [])
    if (!flags.has(flag)) out.push(`expected flag "${flag}", raised: ${[...flags].join(", ") || "none"}`);
  for (const flag of expect.notFlags ?? []) if (flags.has(flag)) out.push(`flag "${flag}" was raised but must not be`);
  for (const expected of expect.referrals ?? []) {
    const status = expected.status ?? "made";
    const match = view.referrals.find(
      (r) =>
        r.service === expected.service &&
        r.status === status &&
        (!expected.urgency || r.urgency === expected.urgency) &&
        (expected.mandatory === undefined || r.mandatory === expected.mandatory),
    );
    if (!match) {
      const got = view.referrals.map((r) => `${r.service} (${r.urgency}, ${r.status})`).join(", ") || "none";
      out.push(
        `expected a referral to "${expected.service}"${expected.urgency ? ` (${expected.urgency})` : ""} ${status}${expected.mandatory ? " as a mandatory notification" : ""}; referrals: ${got}`,
      );
    }
  }
  for (const service of expect.noReferrals ?? [])
    if (view.referrals.some((r) => r.service === service && r.status === "made"))
      out.push(`a referral to "${service}" was made but must not be`);
  for (const id of expect.followUps ?? [])
    if (!view.followUps.some((f) => f.id === id))
      out.push(`expected follow-up "${id}", follow-ups: ${view.followUps.map((f) => f.id).join(", ") || "none"}`);
  if (expect.status !== undefined && view.status !== expect.status)
    out.push(`expected the case to be ${expect.status}, but it is ${view.status}`);
  if (expect.outcome !== undefined && view.outcome !== expect.outcome) {
    const where = view.current.map((c) => c.path).join(", ");
    out.push(
      view.outcome
        ? `expected outcome "${expect.outcome}", got "${view.outcome}"`
        : `expected outcome "${expect.outcome}", but the case has not ended (it waits at ${where || "no step"})`,
    );
  }
  // The deadlines an SOP sets; a referral's handover time and a follow-up are checked through the referral and
  // the follow-up themselves.
  const deadlines = view.deadlines.filter((d) => d.kind === "deadline");
  for (const expected of expect.deadlines ?? []) {
    const deadline = deadlines.find((d) => d.id === expected.id);
    if (!deadline)
      out.push(`expected deadline "${expected.id}", deadlines: ${deadlines.map((d) => d.id).join(", ") || "none"}`);
    else if (expected.hoursLeft !== undefined && Math.abs(deadline.hoursLeft - expected.hoursLeft) > 1 / 60 + 1e-9)
      out.push(
        `deadline "${expected.id}": expected ${expected.hoursLeft} h left, got ${deadline.hoursLeft.toFixed(2)} h`,
      );
  }
  for (const id of expect.noDeadlines ?? [])
    if (deadlines.some((d) => d.id === id)) out.push(`deadline "${id}" is running but must not be`);
  const visited = session.context.visitedSet;
  for (const step of expect.visits ?? []) if (!visited.has(step)) out.push(`expected the case to visit step "${step}"`);
  for (const step of expect.avoids ?? [])
    if (visited.has(step)) out.push(`the case visited step "${step}", which it must avoid`);
  for (const v of view.violations)
    out.push(
      `invariant "${v.invariant}" of ${v.sop} is broken on this path: ${v.text.en ?? Object.values(v.text)[0]} (expected ${JSON.stringify(v.expectation)})`,
    );
  return out;
}
