import { type CaseSession, openCase } from "../case/CaseSession";
import type { CompiledSop } from "../compile/CompiledSop";
import type { ScenarioAction } from "../definition/types";
import { actionToEvent } from "../simulation/runScenario";
import { ANALYSIS_EPOCH } from "./answers/answerCandidates";

/** The officer the analysis's cases are recorded by. */
export const ANALYSIS_OFFICER = "senda-analysis";

/** A case played from a path's actions: the session, and the first action it refused, if any. */
export interface Replayed {
  session: CaseSession;
  refused?: { index: number; step: string; reason: string };
}

/**
 * Plays actions through a new case, every one at the analysis epoch, exactly as the exploration did. Stops at the
 * first action the case refuses and says which.
 */
export function replayActions(compiled: CompiledSop, actions: readonly ScenarioAction[]): Replayed {
  const session = openCase(compiled, { caseId: "analysis", at: ANALYSIS_EPOCH, by: ANALYSIS_OFFICER });
  for (const [index, action] of actions.entries()) {
    const event = actionToEvent(compiled, action, ANALYSIS_EPOCH, ANALYSIS_OFFICER);
    if (typeof event === "string") return { session, refused: { index, step: action.step, reason: event } };
    const result = session.send(event);
    if (!result.ok) return { session, refused: { index, step: action.step, reason: result.reason } };
  }
  return { session };
}
