import type { CompiledSop } from "../../compile/CompiledSop";
import type { QuestionStep, ScenarioAction } from "../../definition/types";
import { startPlayback } from "../startPlayback";

/** The contingency plan's alert levels, lowest first; the SOP raises the flag `alert-<level>` for the one it sets. */
export const ALERT_LEVELS = ["green", "yellow", "orange", "red"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** A plain answer to a contingency question. */
export type ContingencyAnswer = number | string | boolean;

/** What the contingency SOP decided for one day's figures. */
export interface AlertDecision {
  /** The level it set, or undefined when the case did not reach one (see `problem`). */
  level?: AlertLevel;
  /** How the case ended ("escalated", "closed"). */
  outcome?: string;
  /** Referrals the case made for the site (SINAPROC's COE, MINSA). */
  referrals: { service: string; urgency: string }[];
  /** The answers it was given, by variable. */
  answers: Record<string, ContingencyAnswer>;
  /** The condition that chose the level, with the values it read: the SOP's own threshold, not a copy. */
  reason?: { step: string; expression: string; values: Record<string, unknown> };
  /** Why no level came out: a question without an answer, or an answer the SOP refused. */
  problem?: string;
}

/** The questions of an SOP by the variable each one sets: what a day's figures or a plan may answer. */
export function listQuestions(compiled: CompiledSop): Map<string, { path: string; step: QuestionStep }> {
  const questions = new Map<string, { path: string; step: QuestionStep }>();
  for (const [path, at] of compiled.steps)
    if (at.step.kind === "question" && at.scope === "" && !questions.has(at.step.variable))
      questions.set(at.step.variable, { path, step: at.step });
  return questions;
}

/** The officer the simulated reviews are recorded by. */
const SURGE_OFFICER = "senda-surge";

/**
 * Plays the contingency SOP as one case: each question answered from `answers` by its variable, instructions
 * acknowledged, checklists ticked (their required items), site referrals made. Reads the level from the flag the SOP
 * raised. Pure; `at` is the time of the review (an ISO instant).
 */
export function playContingency(
  compiled: CompiledSop,
  answers: Record<string, ContingencyAnswer>,
  at: string,
): AlertDecision {
  const playback = startPlayback(compiled, {
    caseId: "surge-review",
    openedAt: at,
    by: SURGE_OFFICER,
    minutesBetween: 0,
  });
  const session = playback.session;
  const decision: AlertDecision = { referrals: [], answers };
  for (let guard = 0; guard < 10_000 && !session.finished; guard++) {
    const path = session.activeSteps()[0];
    if (!path) break;
    const step = compiled.steps.get(path)!.step;
    const action: ScenarioAction = { step: path };
    if (step.kind === "question") {
      if (!Object.hasOwn(answers, step.variable)) {
        decision.problem = `the contingency SOP asks "${step.variable}" (step "${path}"), and the plan does not answer it`;
        break;
      }
      action.answer = answers[step.variable];
    }
    const refused = playback.play(action);
    if (refused) {
      decision.problem = `step "${path}" refused the day's figures: ${refused.reason}`;
      break;
    }
  }
  const context = session.context;
  const raised = ALERT_LEVELS.filter((level) => context.flags.includes(`alert-${level}`));
  decision.level = raised[raised.length - 1];
  decision.outcome = context.outcomes.get("");
  decision.referrals = context.referrals
    .filter((r) => r.status === "made")
    .map((r) => ({ service: r.service, urgency: r.urgency }));
  // The step that raised the level's flag, and the route that led the case to it.
  const raisedAt = context.trace.find(
    (e) => e.kind === "flag" && e.raise && e.flag === `alert-${decision.level}`,
  )?.step;
  for (const e of context.trace)
    if (e.kind === "route" && e.to === raisedAt && e.expression) {
      decision.reason = { step: e.step, expression: e.expression, values: e.values ?? {} };
      break;
    }
  if (!decision.level && !decision.problem)
    decision.problem = "the contingency SOP ended without setting an alert level";
  return decision;
}
