import { nextEdges, stepEntries } from "../definition/stepGraph";
import type { CompiledSop } from "./CompiledSop";

/**
 * Parses every CEL expression a case on `compiled` may evaluate (routes, effects' conditions and moments, procedure
 * inputs, invariants), in each scope where it runs, so that no answer pays for parsing one. Each scope parses an
 * expression the first time it evaluates it otherwise; what is parsed here is kept the same way. Returns how many
 * expressions were parsed. What the officers' client does while the queue is idle.
 */
export function prepareExpressions(compiled: CompiledSop): number {
  let count = 0;
  for (const scope of compiled.scopes.values()) {
    const { sop, expressions } = scope;
    const prepare = (expression: string | undefined) => {
      if (expression !== undefined && expressions.prepare(expression)) count++;
    };
    for (const [id, step] of stepEntries(sop)) {
      for (const edge of nextEdges(id, step)) prepare(edge.when);
      for (const effect of step.effects ?? []) {
        prepare(effect.when);
        if ("deadline" in effect) prepare(effect.from);
      }
      if (step.kind === "procedure" && step.with)
        for (const expression of Object.values(step.with)) prepare(expression);
    }
    for (const invariant of sop.invariants ?? []) {
      prepare(invariant.when);
      for (const expectation of invariant.expect) if ("holds" in expectation) prepare(expectation.holds);
    }
  }
  return count;
}
