import type { CompiledSop } from "../../compile/CompiledSop";
import type { SopDefinition } from "../../definition/types";
import { ExpressionScope } from "../../expression/ExpressionScope";
import { declaredVariables } from "../../expression/variables";
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

/**
 * The answer classes of two versions of an SOP together: each question's answers are split wherever either
 * version's conditions tell them apart, so one class means the same to both (for comparing them).
 */
export function jointAnswerSpaces(before: CompiledSop, after: CompiledSop): AnswerSpaces {
  const bundle = new Map<string, SopDefinition>();
  const expressions = new Map<string, ExpressionScope>();
  const ids = new Set([...before.bundle.keys(), ...after.bundle.keys()]);
  for (const id of ids) {
    const a = before.bundle.get(id);
    const b = after.bundle.get(id);
    const merged = a && b && a !== b && JSON.stringify(a) !== JSON.stringify(b) ? mergeVersions(a, b) : (a ?? b)!;
    bundle.set(id, merged);
    expressions.set(id, new ExpressionScope(declaredVariables(merged).variables));
  }
  return new AnswerSpaces(bundle, expressions, new AtomCounter());
}

/**
 * One definition holding the conditions of two versions (the second's steps under other ids), only to split the
 * answers where either version does; never compiled or run.
 */
function mergeVersions(first: SopDefinition, second: SopDefinition): SopDefinition {
  const steps = { ...first.steps };
  for (const [id, step] of Object.entries(second.steps)) steps[`${id}~other-version`] = step;
  return { ...first, steps, invariants: [...(first.invariants ?? []), ...(second.invariants ?? [])] };
}
