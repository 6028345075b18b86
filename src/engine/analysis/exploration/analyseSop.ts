import type { CompiledSop } from "../../compile/CompiledSop";
import type { ExpressionScope } from "../../expression/ExpressionScope";
import { AnswerSpaces } from "../answers/AnswerSpaces";
import { AtomCounter } from "../answers/collectAtoms";
import { buildModel } from "./buildModel";
import type { Model, ModelOptions } from "./types";

/** The answer classes of every variable of a compiled SOP (and of the SOPs it runs). */
export function answerSpacesOf(compiled: CompiledSop, extra: CompiledSop[] = []): AnswerSpaces {
  const expressions = new Map<string, ExpressionScope>();
  const bundle = new Map(compiled.bundle);
  for (const scope of compiled.scopes.values()) expressions.set(scope.sop.id, scope.expressions);
  for (const other of extra)
    for (const scope of other.scopes.values()) expressions.set(scope.sop.id, scope.expressions);
  return new AnswerSpaces(bundle, expressions, new AtomCounter());
}

/**
 * The symbolic model of a compiled SOP, ready to run: its answer classes, and its moments and ways with their
 * effects on sets of case states (see `buildModel`). Pure.
 *
 * @example
 * const model = modelSop(compiled);
 * const run = runModel(model, planRun(model, new Set(model.checks.map((c) => c.id))));
 */
export function modelSop(
  compiled: CompiledSop,
  options: Partial<ModelOptions> = {},
  spaces: AnswerSpaces = answerSpacesOf(compiled),
): Model {
  return buildModel(compiled, spaces, {
    purpose: options.purpose ?? "check",
    referralConsent: options.referralConsent ?? "both",
  });
}
