import type { CaseSession } from "../../case/CaseSession";
import type { CompiledSop } from "../../compile/CompiledSop";
import type { StepAction } from "../../definition/types";
import type { AnswerSpaces } from "../answers/AnswerSpaces";
import { playGuided } from "../exploration/playCase";

/**
 * Makes a counterexample easier to read: answer by answer, it tries the other answer classes and keeps one that
 * still breaks the promise with fewer questions asked; then it marks as telling the answers that matter: those
 * another answer would keep the promise with. Every try is a real case, played by the case runtime, so what is left is still a real counterexample.
 */
export function minimizeCounterexample(
  compiled: CompiledSop,
  spaces: AnswerSpaces,
  actions: StepAction[],
  fails: (session: CaseSession) => boolean,
): { actions: StepAction[]; telling: Set<string> } {
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
