import type { CaseSession } from "../case/CaseSession";
import { checkAnswer } from "../case/validateInput";
import type { CompiledStep } from "../compile/CompiledSop";
import type { ScenarioAction } from "../definition/types";
import { actionToEvent } from "../simulation/runScenario";
import { ANALYSIS_EPOCH } from "./answers/answerCandidates";
import { classOfAnswer } from "./answers/describeJoint";
import { choicesAt } from "./choicesAt";
import type { Exploration } from "./exploreSop";
import type { ResultSummary } from "./groupDifferences";
import { ANALYSIS_OFFICER, replayActions } from "./replayActions";
import { StateKeys } from "./StateKeys";

/** Beyond this many ways to finish one path in the other version, the comparison of that path is cut short. */
const MAX_COMPLETIONS = 1024;

/** An answer as the target version sees it: its answer class there, or "*" when it never asks that step. */
export function projectAnswer(target: Exploration, source: Exploration, action: ScenarioAction): unknown {
  const at = target.compiled.steps.get(action.step) ?? undefined;
  const s = at?.step;
  if (!at || !s) {
    const from = source.compiled.steps.get(action.step)?.step;
    const variable = from && (from.kind === "question" || from.kind === "checklist") ? from.variable : undefined;
    return variable ? [action.step, "var", variable, JSON.stringify(action.answer)] : "*";
  }
  if ((s.kind === "question" || s.kind === "checklist") && s.variable) {
    const space = target.spaces.space(target.compiled.scopes.get(at.scope)!.sop.id, s.variable);
    const index = space ? classOfAnswer(space, action.answer) : undefined;
    return [action.step, index ?? JSON.stringify(action.answer)];
  }
  return [action.step, JSON.stringify(action.answer)];
}

/** Plays `actions` (from another version) through `target`, answering its other questions with each class. */
export function drive(
  target: Exploration,
  actions: readonly ScenarioAction[],
  source: Exploration,
  referralConsent: "both" | "accept",
  capped: { value: boolean },
): { summary: ResultSummary; extra: ScenarioAction[]; taken: ScenarioAction[] }[] {
  const compiled = target.compiled;
  const byStep = new Map(actions.map((a) => [a.step, a.answer]));
  const byVariable = new Map<string, unknown>();
  for (const a of actions) {
    const at = source.compiled.steps.get(a.step);
    const s = at?.step;
    if (at && s && (s.kind === "question" || s.kind === "checklist") && s.variable)
      byVariable.set(`${at.scope}|${s.variable}`, a.answer);
  }
  const out: { summary: ResultSummary; extra: ScenarioAction[]; taken: ScenarioAction[] }[] = [];
  const keys = keysOf(target);
  const visited = new Set<string>();
  const stack: { taken: ScenarioAction[]; extra: ScenarioAction[] }[] = [{ taken: [], extra: [] }];
  while (stack.length > 0) {
    if (out.length >= MAX_COMPLETIONS) {
      capped.value = true;
      break;
    }
    let { taken, extra } = stack.pop()!;
    const replayed = replayActions(compiled, taken);
    const session = replayed.session;
    let refused = replayed.refused;
    // Go on with the same session while the answers are known; replay only where the paths part.
    for (;;) {
      if (refused) {
        out.push({ summary: { ...summaryOfSession(session), status: "refused", where: refused.step }, extra, taken });
        break;
      }
      const active = session.activeSteps();
      const at = active[0] ? compiled.steps.get(active[0]) : undefined;
      if (session.finished || !at || !["question", "checklist", "referral", "instruction"].includes(at.step.kind)) {
        out.push({ summary: summaryOfSession(session), extra, taken });
        break;
      }
      const known = answerFor(at.path, at, byStep, byVariable);
      if (known === NONE) {
        // Where the same moment was reached with the same results so far, its endings are already counted.
        const moment = `${keys.keyOf(session)}\u0000${JSON.stringify(summaryOfSession(session))}`;
        if (visited.has(moment)) break;
        visited.add(moment);
        const choices = choicesAt(compiled, at, target.spaces, referralConsent);
        for (const choice of [...choices].reverse())
          stack.push({ taken: [...taken, choice.actions[0]], extra: [...extra, choice.actions[0]] });
        break;
      }
      const action = known === undefined ? { step: at.path } : { step: at.path, answer: known };
      taken = [...taken, action];
      const event = actionToEvent(compiled, action, ANALYSIS_EPOCH, ANALYSIS_OFFICER);
      const result = typeof event === "string" ? { ok: false as const, reason: event } : session.send(event);
      if (!result.ok) refused = { index: taken.length - 1, step: at.path, reason: result.reason };
    }
  }
  return out;
}

const NONE = Symbol("none");

const stateKeys = new WeakMap<Exploration, StateKeys>();
function keysOf(exploration: Exploration): StateKeys {
  let keys = stateKeys.get(exploration);
  if (!keys) {
    keys = new StateKeys(exploration.compiled, exploration.spaces);
    stateKeys.set(exploration, keys);
  }
  return keys;
}

/** The other version's answer for a step: the same step's, else the same variable's, if it fits this version. */
function answerFor(
  path: string,
  at: CompiledStep,
  byStep: Map<string, unknown>,
  byVariable: Map<string, unknown>,
): unknown {
  const step = at.step;
  if (step.kind === "instruction") return undefined;
  const given = byStep.has(path)
    ? byStep.get(path)
    : (step.kind === "question" || step.kind === "checklist") && step.variable
      ? byVariable.get(`${at.scope}|${step.variable}`)
      : undefined;
  if (given === undefined) return NONE;
  if (step.kind === "question") return checkAnswer(step.answer, given) ? NONE : given;
  if (step.kind === "referral") return typeof given === "boolean" ? given : NONE;
  if (step.kind === "checklist") {
    const ids = new Set(step.items.map((i) => i.id));
    const ticked = Array.isArray(given) ? (given as string[]).filter((g) => ids.has(g)) : [];
    for (const item of step.items) if (item.required && !ticked.includes(item.id)) ticked.push(item.id);
    return ticked;
  }
  return NONE;
}

function summaryOfSession(session: CaseSession): ResultSummary {
  const context = session.context;
  const hour = 3_600_000;
  return {
    status: session.finished ? "finished" : "stuck",
    where: session.finished ? undefined : (context.visited[context.visited.length - 1] ?? ""),
    outcome: context.outcomes.get(""),
    flags: [...context.flags].sort(),
    referrals: context.referrals
      .filter((r) => r.status === "made")
      .map((r) => ({ service: r.service, urgency: r.urgency })),
    deadlines: [...context.deadlines.values()].map((d) => ({
      id: d.id,
      window: Math.round(((Date.parse(d.dueAt) - Date.parse(d.from)) / hour) * 1000) / 1000,
    })),
  };
}
