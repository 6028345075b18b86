import { toPointer } from "../../errors";
import type { LintContext } from "./LintContext";

/** A variable filled by two steps, and ids used twice: invariants, checklist items, options. */
export function lintDuplicates(context: LintContext): void {
  const { variables, variableConflicts: conflicts, add } = context;
  for (const declaration of conflicts) {
    const first = variables.get(declaration.name)!;
    const sameType = first.type === declaration.type;
    add(
      "duplicate-variable",
      {
        step: declaration.step,
        variable: declaration.name,
        first: first.step,
        type: sameType ? undefined : declaration.type,
        firstType: sameType ? undefined : first.type,
      },
      toPointer("steps", declaration.step, "variable"),
    );
  }
}

/** Ids that must be unique within an SOP: invariants, checklist items, a question's options. */
export function lintDuplicateIds(context: LintContext): void {
  const { sop, steps, add } = context;
  const seenInvariants = new Set<string>();
  for (const [i, invariant] of (sop.invariants ?? []).entries()) {
    if (seenInvariants.has(invariant.id))
      add("duplicate-id", { what: "invariant", id: invariant.id }, toPointer("invariants", i, "id"));
    seenInvariants.add(invariant.id);
  }
  for (const [id, step] of steps) {
    if (step.kind === "checklist") {
      const seen = new Set<string>();
      for (const [i, item] of step.items.entries()) {
        if (seen.has(item.id))
          add("duplicate-id", { what: "item", id: item.id, step: id }, toPointer("steps", id, "items", i, "id"));
        seen.add(item.id);
      }
    }
    if (step.kind === "question" && "options" in step.answer) {
      const seen = new Set<string>();
      for (const [i, option] of step.answer.options.entries()) {
        if (seen.has(option.value))
          add(
            "duplicate-id",
            { what: "option", id: option.value, step: id },
            toPointer("steps", id, "answer", "options", i, "value"),
          );
        seen.add(option.value);
      }
    }
  }
}
