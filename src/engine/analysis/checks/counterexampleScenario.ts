import type { CompiledSop } from "../../compile/CompiledSop";
import type { Scenario, ScenarioExpect } from "../../definition/types";
import { ANALYSIS_EPOCH } from "../answers/answerCandidates";
import type { InvariantVerdict } from "./types";

/**
 * A scenario that replays a violated invariant's counterexample and expects what the invariant demands, so that
 * `senda test` fails on it until the SOP is fixed. Every action happens at the analysis epoch (`afterMinutes: 0`),
 * as in the analysis. An expectation a scenario cannot state (`holds`, or an outcome among several) is still
 * enforced: `senda test` fails any scenario whose path breaks an invariant.
 */
export function counterexampleScenario(compiled: CompiledSop, verdict: InvariantVerdict): Scenario {
  const example = verdict.counterexample;
  if (!example) throw new Error(`Invariant "${verdict.invariant}" has no counterexample to save.`);
  const expectation = example.expectation;
  const expect: ScenarioExpect = {};
  const prefix = example.scope ? `${example.scope}/` : "";
  if ("referral" in expectation) expect.referrals = [{ service: String(expectation.referral) }];
  if ("noReferral" in expectation) expect.noReferrals = [String(expectation.noReferral)];
  if ("flag" in expectation) expect.flags = [String(expectation.flag)];
  if ("noFlag" in expectation) expect.notFlags = [String(expectation.noFlag)];
  if ("visits" in expectation) expect.visits = [`${prefix}${expectation.visits}`];
  if ("avoids" in expectation) expect.avoids = [`${prefix}${expectation.avoids}`];
  if ("outcome" in expectation && !example.scope)
    expect.outcome = (expectation.outcome as ScenarioExpect["outcome"][])[0];
  const id = `${compiled.id}-breaks-${verdict.invariant}`.slice(0, 120).replace(/-+$/, "");
  const answers = example.answers.map((a) => `${a.title}: ${a.text}`).join("; ");
  return {
    $schema: "../../schemas/scenario.schema.json",
    id,
    title: {
      en: `Counterexample: ${verdict.text.en ?? verdict.invariant}`,
      es: `Contraejemplo: ${verdict.text.es ?? verdict.invariant}`,
    },
    persona: {
      en: `Found by senda check on ${compiled.id} ${compiled.version}. ${answers}`,
      es: `Encontrado por senda check en ${compiled.id} ${compiled.version}. ${answers}`,
    },
    sop: compiled.id,
    version: compiled.version,
    openedAt: ANALYSIS_EPOCH,
    steps: example.actions.map((a) =>
      a.answer === undefined ? { step: a.step, afterMinutes: 0 } : { ...a, afterMinutes: 0 },
    ),
    expect,
    tags: ["counterexample"],
  };
}
