import type { CaseSession } from "../../case/CaseSession";
import type { CompiledSop } from "../../compile/CompiledSop";
import type { ScenarioAction } from "../../definition/types";
import { actionToEvent, playActions } from "../../simulation/runScenario";
import type { AnswerSpaces } from "../answers/AnswerSpaces";
import { ANALYSIS_EPOCH } from "../answers/answerCandidates";

/** The officer the analysis's cases are recorded by. */
export const ANALYSIS_OFFICER = "senda-analysis";
/** Actions a guided case may take at most (a loop could otherwise go on for ever). */
const MAX_ACTIONS = 2000;

/** Plays a path's actions as the analysis does: every action at the analysis epoch. */
export function replay(compiled: CompiledSop, actions: readonly ScenarioAction[]) {
  return playActions(compiled, actions, {
    caseId: "analysis",
    openedAt: ANALYSIS_EPOCH,
    by: ANALYSIS_OFFICER,
    minutesBetween: 0,
  });
}

/**
 * Makes a counterexample easier to read: answer by answer, it tries the other answer classes and keeps one that
 * still breaks the promise with fewer questions asked; then it marks as telling the answers that matter: those
 * another answer would keep the promise with. Every try is a real case, played by the case runtime, so what is left is still a real counterexample.
 */
export function minimizeCounterexample(
  compiled: CompiledSop,
  spaces: AnswerSpaces,
  actions: ScenarioAction[],
  fails: (session: CaseSession) => boolean,
): { actions: ScenarioAction[]; telling: Set<string> } {
  const steps = actions.map((a) => a.step);
  // A step answered twice (a loop) is left as it is: answers by step could not say which time.
  if (new Set(steps).size !== steps.length) return { actions, telling: new Set(steps) };
  let answers = new Map(actions.map((a) => [a.step, a.answer]));
  let best = actions;
  const alternatives = (step: string): unknown[] => {
    const at = compiled.steps.get(step);
    const s = at?.step;
    if (!at || !s) return [];
    if (s.kind === "referral") return s.requiresConsent === false ? [] : [true, false];
    if ((s.kind !== "question" && s.kind !== "checklist") || !s.variable) return [];
    const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, s.variable);
    return space ? space.classes.map((c) => space.candidates[c.representative].json) : [];
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const step of steps) {
    if (!answers.has(step)) continue;
    for (const other of alternatives(step)) {
      if (same(other, answers.get(step))) continue;
      const tried = new Map(answers).set(step, other);
      const played = playGuided(compiled, spaces, tried);
      if (played.actions.length < best.length && fails(played.session)) {
        answers = new Map(played.actions.map((a) => [a.step, a.answer]));
        best = played.actions;
        break;
      }
    }
  }
  const telling = new Set<string>();
  for (const action of best) {
    const others = alternatives(action.step).filter((o) => !same(o, action.answer));
    if (others.length === 0) continue;
    const matters = others.some((other) => {
      const played = playGuided(compiled, spaces, new Map(answers).set(action.step, other));
      return !fails(played.session);
    });
    if (matters) telling.add(action.step);
  }
  return { actions: best, telling };
}

/**
 * Plays a case that answers each step from `answers`, and any other step with its first answer class (consenting
 * to referrals, ticking the required items), until it ends, stops or is refused.
 */
export function playGuided(
  compiled: CompiledSop,
  spaces: AnswerSpaces,
  answers: ReadonlyMap<string, unknown>,
): { actions: ScenarioAction[]; session: CaseSession } {
  const actions: ScenarioAction[] = [];
  let { session } = replay(compiled, actions);
  for (let n = 0; n < MAX_ACTIONS && !session.finished; n++) {
    const step = session.activeSteps()[0];
    if (!step) break;
    const action = answers.has(step) ? actionAt(step, answers.get(step)) : defaultAction(compiled, spaces, step);
    actions.push(action);
    const played = replayOne(compiled, session, action);
    if (!played) break;
    session = played;
  }
  return { actions, session };
}

function actionAt(step: string, answer: unknown): ScenarioAction {
  return answer === undefined ? { step } : { step, answer };
}

function defaultAction(compiled: CompiledSop, spaces: AnswerSpaces, step: string): ScenarioAction {
  const at = compiled.steps.get(step)!;
  const s = at.step;
  if (s.kind === "referral") return { step, answer: true };
  if ((s.kind === "question" || s.kind === "checklist") && s.variable) {
    const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, s.variable);
    if (space) return { step, answer: space.candidates[space.classes[0].representative].json };
  }
  return { step };
}

/** Sends one more action to a session at the analysis epoch; undefined when the case refuses it. */
function replayOne(compiled: CompiledSop, session: CaseSession, action: ScenarioAction): CaseSession | undefined {
  const event = actionToEvent(compiled, action, ANALYSIS_EPOCH, ANALYSIS_OFFICER);
  if (typeof event === "string") return undefined;
  return session.send(event).ok ? session : undefined;
}
