import type { CaseSession } from "../../case/CaseSession";
import type { CompiledSop } from "../../compile/CompiledSop";
import type { StepAction } from "../../definition/types";
import { playActions, startPlayback } from "../../simulation/startPlayback";
import type { AnswerSpaces } from "../answers/AnswerSpaces";
import { ANALYSIS_EPOCH } from "../answers/answerCandidates";

/** The officer the analysis's cases are recorded by. */
export const ANALYSIS_OFFICER = "senda-analysis";
/** Actions a guided case may take at most (a loop could otherwise go on for ever). */
const MAX_ACTIONS = 2000;

/** How the analysis plays its cases: every action at the analysis epoch, by the analysis's officer. */
const ANALYSIS_PLAY = { caseId: "analysis", openedAt: ANALYSIS_EPOCH, by: ANALYSIS_OFFICER, minutesBetween: 0 };

/** Plays a path's actions as the analysis does: every action at the analysis epoch. */
export function replay(compiled: CompiledSop, actions: readonly StepAction[]) {
  return playActions(compiled, actions, ANALYSIS_PLAY);
}

/**
 * A traced path's actions as the runtime takes them. Where the model has no use for a value a caller passes into a
 * procedure (`with`), it does not tell whether the procedure's question for it was skipped, and a path may answer
 * it; the runtime skips such a question, so its answer is dropped here. Anything else the case refuses is left in
 * place (the caller's replay then shows the refusal). Pure.
 */
export function playable(compiled: CompiledSop, actions: readonly StepAction[]): StepAction[] {
  let kept = [...actions];
  for (let guard = 0; guard < actions.length; guard++) {
    const { refused } = replay(compiled, kept);
    if (!refused || refused.code !== "not-current" || !passedIn(compiled, kept[refused.index]?.step)) return kept;
    kept = kept.filter((_, i) => i !== refused.index);
  }
  return kept;
}

/** Whether a step is a procedure's question whose variable the procedure step's `with` passes in. */
function passedIn(compiled: CompiledSop, path: string | undefined): boolean {
  const at = path ? compiled.steps.get(path) : undefined;
  if (!at || at.step.kind !== "question" || !at.scope) return false;
  const call = compiled.steps.get(at.scope)?.step;
  return call?.kind === "procedure" && call.with?.[at.step.variable] !== undefined;
}

/**
 * Plays a case that answers each step from `answers`, and any other step with its first answer class (consenting
 * to referrals, ticking the required items), until it ends, stops or is refused.
 */
export function playGuided(
  compiled: CompiledSop,
  spaces: AnswerSpaces,
  answers: ReadonlyMap<string, unknown>,
): { actions: StepAction[]; session: CaseSession; refused?: string } {
  const actions: StepAction[] = [];
  const playback = startPlayback(compiled, ANALYSIS_PLAY);
  const session = playback.session;
  for (let n = 0; n < MAX_ACTIONS && !session.finished; n++) {
    const step = session.activeSteps()[0];
    if (!step) break;
    const action = answers.has(step) ? actionAt(step, answers.get(step)) : defaultAction(compiled, spaces, step);
    actions.push(action);
    if (playback.play(action)) return { actions, session, refused: step };
  }
  return { actions, session };
}

function actionAt(step: string, answer: unknown): StepAction {
  return answer === undefined ? { step } : { step, answer };
}

function defaultAction(compiled: CompiledSop, spaces: AnswerSpaces, step: string): StepAction {
  const at = compiled.steps.get(step)!;
  const s = at.step;
  if (s.kind === "referral") return { step, answer: true };
  if ((s.kind === "question" || s.kind === "checklist") && s.variable) {
    const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, s.variable);
    if (space) return { step, answer: space.candidates[space.classes[0].representative].json };
  }
  return { step };
}
