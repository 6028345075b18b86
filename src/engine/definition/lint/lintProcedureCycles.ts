import { toPointer } from "../../errors";
import type { SopLibrary } from "../types";
import type { LintContext } from "./LintContext";

/** No procedure runs itself, directly or through others. */
export function lintProcedureCycles(context: LintContext): void {
  const { sop, library, add } = context;
  for (const [id, step] of Object.entries(sop.steps)) {
    if (step.kind !== "procedure") continue;
    const chain = findChain(step.sop, sop.id, library);
    if (chain)
      add(
        "procedure-cycle",
        { step: id, sop: step.sop, chain: chain.length > 1 ? chain.slice(1) : [sop.id] },
        toPointer("steps", id, "sop"),
      );
  }
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
