import type { StepAction } from "../../definition/types";
import type { BddNode } from "./Bdd";
import { type ModelRun, preimageOf } from "./runModel";
import { tracePath } from "./tracePath";

/** A loop some case goes round: the step it goes back from, the step it returns to, and whether a case is trapped. */
export interface FoundLoop {
  from: string;
  to: string;
  /** True when some case in the loop has no way out: no answers lead out of it, so the case never ends. */
  trapped: boolean;
  /** The answers that lead into the loop (for a trap: to a moment from which there is no way out). */
  actions?: StepAction[];
}

/**
 * Finds the loops cases go round: the strongly connected parts of the reached moments. In each, it works back from
 * the ways out (a backward fixpoint over the loop's moments, with the exact pre-image of each way) to find the
 * states that can still leave; a reached state that cannot is trapped: whatever the officer answers, the case
 * goes round for ever.
 */
export function findLoops(run: ModelRun): FoundLoop[] {
  const { model } = run;
  const { bdd, nodes, edges } = model;
  const live = (e: number) => run.taken[e] && run.reached[edges[e].from] !== bdd.false;
  const components = stronglyConnected(
    nodes.length,
    (n) => nodes[n].out.filter(live).map((e) => edges[e].to),
    (n) => run.reached[n] !== bdd.false,
  );
  const loops: FoundLoop[] = [];
  for (const component of components) {
    const inside = new Set(component);
    const internal = component.flatMap((n) => nodes[n].out.filter((e) => live(e) && inside.has(edges[e].to)));
    if (internal.length === 0) continue;
    // The edge that goes back: to the moment met first in the analysis's order.
    const back = internal.reduce((best, e) => (nodes[edges[e].to].order < nodes[edges[best].to].order ? e : best));
    const from = nodes[edges[back].from].step;
    const to = nodes[edges[back].to].step;
    // States that can still leave the loop, from each of its moments.
    const canLeave = new Map<number, BddNode>(component.map((n) => [n, bdd.false]));
    const through = (e: number, target: BddNode) => {
      const ops = run.plan.ops[e];
      let states = target;
      for (let i = ops.length - 1; i >= 0 && states !== bdd.false; i--) states = preimageOf(bdd, ops[i], states);
      return states;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const n of component) {
        let states = canLeave.get(n)!;
        for (const e of nodes[n].out) {
          const to = edges[e].to;
          const target = inside.has(to) ? canLeave.get(to)! : bdd.true;
          if (target === bdd.false) continue;
          states = bdd.or(states, through(e, target));
        }
        states = bdd.and(states, run.reached[n]);
        if (states !== canLeave.get(n)) {
          canLeave.set(n, states);
          changed = true;
        }
      }
    }
    const trappedAt = component
      .map((n) => ({ n, states: bdd.minus(run.reached[n], canLeave.get(n)!) }))
      .filter((t) => t.states !== bdd.false)
      .sort((a, b) => nodes[a.n].order - nodes[b.n].order)[0];
    const actions = trappedAt
      ? tracePath(run, trappedAt.n, trappedAt.states)?.actions
      : tracePath(run, edges[back].from, run.reached[edges[back].from])?.actions;
    loops.push({ from, to, trapped: trappedAt !== undefined, actions });
  }
  return loops;
}

/** Tarjan's strongly connected components over the nodes `keep` accepts (iterative). */
function stronglyConnected(
  count: number,
  successors: (n: number) => number[],
  keep: (n: number) => boolean,
): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const out: number[][] = [];
  let next = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] >= 0 || !keep(root)) continue;
    const work: { n: number; succ: number[]; i: number }[] = [];
    const open = (n: number) => {
      index[n] = low[n] = next++;
      stack.push(n);
      onStack[n] = 1;
      work.push({ n, succ: successors(n).filter(keep), i: 0 });
    };
    open(root);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.succ.length) {
        const m = top.succ[top.i++];
        if (index[m] < 0) open(m);
        else if (onStack[m]) low[top.n] = Math.min(low[top.n], index[m]);
        continue;
      }
      work.pop();
      if (work.length) low[work[work.length - 1].n] = Math.min(low[work[work.length - 1].n], low[top.n]);
      if (low[top.n] === index[top.n]) {
        const component: number[] = [];
        let m: number;
        do {
          m = stack.pop()!;
          onStack[m] = 0;
          component.push(m);
        } while (m !== top.n);
        out.push(component);
      }
    }
  }
  return out;
}
