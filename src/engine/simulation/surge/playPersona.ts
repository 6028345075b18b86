import type { CompiledSop } from "../../compile/CompiledSop";
import type { Scenario } from "../../definition/types";
import { runScenario } from "../runScenario";

/** What one persona does at the station, as the engine played it. */
export interface PlayedPersona {
  /** The step paths the case went through, in order (procedures' steps as "<procedure step>/<step>"). */
  visited: string[];
  /** The referrals made (not declined), with the step that made each. */
  referrals: { step: string; service: string }[];
  /** Whether the case reached its end. */
  finished: boolean;
  /** Where the scenario's own checks failed, if they did: its actions may have been refused part-way. */
  differences: string[];
}

/**
 * Plays a persona's actions through the engine, once. This is the one place the surge simulation plays anything;
 * when the engine gets one shared way to play a scenario, only the call below changes.
 */
export function playPersona(compiled: CompiledSop, scenario: Scenario): PlayedPersona {
  const result = runScenario(compiled, scenario);
  const context = result.session.context;
  return {
    visited: [...context.visited],
    referrals: context.referrals.filter((r) => r.status === "made").map((r) => ({ step: r.step, service: r.service })),
    finished: result.session.finished,
    differences: result.passed ? [] : result.differences,
  };
}
