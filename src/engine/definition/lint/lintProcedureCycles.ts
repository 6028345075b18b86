import { toPointer } from "../../errors";
import type { SopLibrary } from "../types";
import type { LintContext } from "./LintContext";

/** How many procedures deep a case may run (a procedure running a procedure …): far more than SOPs need. */
export const MAX_PROCEDURE_NESTING = 12;

/** No procedure runs itself, directly or through others, and procedures do not nest without end. */
export function lintProcedureCycles(context: LintContext): void {
  const { sop, steps, library, add } = context;
  let tooDeep = false;
  for (const [id, step] of steps) {
    if (step.kind !== "procedure") continue;
    const chain = findChain(step.sop, sop.id, library);
    if (chain) {
      add(
        "procedure-cycle",
        { step: id, sop: step.sop, chain: chain.length > 1 ? chain.slice(1) : [sop.id] },
        toPointer("steps", id, "sop"),
      );
      continue;
    }
    const depth = 1 + nestingOf(step.sop, library);
    if (depth > MAX_PROCEDURE_NESTING && !tooDeep) {
      tooDeep = true;
      add(
        "nesting-too-deep",
        { step: id, what: "procedures", depth, limit: MAX_PROCEDURE_NESTING },
        toPointer("steps", id, "sop"),
      );
    }
  }
}

/**
 * How many levels of procedures an SOP runs below itself (0 when it runs none), by its longest chain of calls.
 * Iterative, with each SOP counted once; a cycle (reported on its own) counts as no deeper.
 */
function nestingOf(root: string, library: SopLibrary): number {
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  const stack: { id: string; callees: string[]; i: number }[] = [];
  const enter = (id: string) => {
    const steps = Object.values(library.sops.get(id)?.steps ?? {});
    const callees = steps.flatMap((s) => (s.kind === "procedure" ? [s.sop] : []));
    onPath.add(id);
    stack.push({ id, callees, i: 0 });
  };
  enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.i < frame.callees.length) {
      const callee = frame.callees[frame.i++];
      if (!depth.has(callee) && !onPath.has(callee) && library.sops.has(callee)) enter(callee);
      continue;
    }
    const deepest = Math.max(0, ...frame.callees.map((c) => (depth.has(c) ? depth.get(c)! + 1 : 0)));
    depth.set(frame.id, deepest);
    onPath.delete(frame.id);
    stack.pop();
  }
  return depth.get(root) ?? 0;
}

/** The chain of SOP ids from `from` back to `target`, if `from` (transitively) runs `target`; without recursion. */
function findChain(from: string, target: string, library: SopLibrary): string[] | undefined {
  const parent = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === target) {
      const chain: string[] = [];
      for (let at: string | undefined = current; at !== undefined; at = parent.get(at)) chain.unshift(at);
      return chain;
    }
    for (const step of Object.values(library.sops.get(current)?.steps ?? {})) {
      if (step.kind !== "procedure" || parent.has(step.sop)) continue;
      parent.set(step.sop, current);
      queue.push(step.sop);
    }
  }
  return undefined;
}
