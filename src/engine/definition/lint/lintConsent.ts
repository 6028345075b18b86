import { toPointer } from "../../errors";
import { nextEdges, stepAt } from "../stepGraph";
import type { Step } from "../types";
import type { LintContext } from "./LintContext";

/** Every sensitive question is reached only through a consent question that covers its category. */
export function lintConsent(context: LintContext): void {
  const { sop, steps, add } = context;
  for (const [id, step] of steps) {
    if (step.kind !== "question" || !step.sensitive) continue;
    const category = step.sensitive;
    const coversIt = (s: Step) =>
      s.kind === "question" && s.answer.type === "consent" && s.answer.covers.includes(category);
    // Is the question reachable from the start without passing a consent question that covers its category?
    // Only the start: a track is entered through its parallel step, so starting at track entries would skip
    // the consent given before the parallel step.
    const seen = new Set<string>();
    const opens = (target: string) => {
      const next = stepAt(sop, target);
      return next !== undefined && !coversIt(next);
    };
    const queue = [sop.start].filter(opens);
    let reached = false;
    while (queue.length && !reached) {
      const current = queue.shift()!;
      if (seen.has(current)) continue;
      seen.add(current);
      if (current === id) reached = true;
      const s = sop.steps[current];
      for (const edge of nextEdges(current, s)) if (opens(edge.to)) queue.push(edge.to);
      if (s.kind === "parallel") for (const t of s.tracks) if (opens(t.start)) queue.push(t.start);
    }
    if (reached) add("consent-missing", { step: id, category }, toPointer("steps", id, "sensitive"));
  }
}
