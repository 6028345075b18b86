import type { Bdd, BddNode } from "./Bdd";
import type { Model, ModelNode, Op, Plan } from "./types";

/** A set of states that reached a node at one moment of the run (deltas are numbered in the order they arrive). */
export interface Delta {
  time: number;
  states: BddNode;
}

/** What running a model found: the states reachable at each node, when they arrived, and what the checks saw. */
export interface ModelRun {
  model: Model;
  plan: Plan;
  /** Per node: every state reachable there. */
  reached: BddNode[];
  /** Per node: the states in the order they arrived, for tracing paths back. */
  deltas: Delta[][];
  /** Per check: the states (at its node, or at its edge's source) where it holds. */
  found: BddNode[];
  /** Per edge: whether any state takes it. */
  taken: boolean[];
  /** Per question or checklist step: the value indexes its answers take. */
  observed: Map<string, Set<number>>;
  /** False when the run was cancelled before it settled. */
  complete: boolean;
  stats: { nodesProcessed: number; diagramNodes: number; milliseconds: number };
}

/** Progress of a run, for a caller that shows it or may cancel. */
export interface RunControl {
  /** Called after each node is worked: how many nodes so far, of how many the model has. */
  onProgress?: (done: number, total: number) => void;
  /** Returns true to stop: the run then ends incomplete. */
  shouldStop?: () => boolean;
  /** A clock in milliseconds, for the statistics (the engine has none of its own). */
  now?: () => number;
  /**
   * The most diagram nodes the store may hold during the run: a single operation that would grow past it is
   * stopped where it grows, and the run ends incomplete (`shouldStop` is only asked between moments).
   */
  maxNodes?: number;
}

/**
 * Where a run starts when not at the case's opening: a moment inside a procedure with the states it is entered
 * with, and the part of the model the run stays in (the procedure's own moments).
 */
export interface RunStart {
  node: number;
  states: BddNode;
  within: (node: ModelNode) => boolean;
}

/**
 * A way round a procedure: given a procedure step's moment and the states that reached it, the states at the
 * procedure's end (its "done" moment), or undefined to work through it (see `crossProcedures`).
 */
export type Crossing = (node: number, states: BddNode) => { to: number; states: BddNode } | undefined;

/** The states after `op`, from the states `states` before it. */
export function imageOf(bdd: Bdd, op: Op, states: BddNode): BddNode {
  switch (op.kind) {
    case "assume":
      return bdd.and(states, op.cond);
    case "set": {
      let out = op.keep === bdd.false ? bdd.false : bdd.and(states, op.keep);
      for (const c of op.cases) {
        if (!bdd.meets(states, c.when)) continue;
        const before = bdd.andExists(states, c.when, op.domain.cube);
        out = bdd.or(out, bdd.and(before, op.domain.is[c.value]));
      }
      return out;
    }
    case "choose":
      return bdd.and(bdd.exists(states, op.domain.cube), op.allowed);
    case "forget":
      return bdd.exists(states, op.cube);
    case "check":
    case "observe":
      return states;
  }
}

/** The states before `op` from which it can lead into `target`. */
export function preimageOf(bdd: Bdd, op: Op, target: BddNode): BddNode {
  switch (op.kind) {
    case "assume":
      return bdd.and(target, op.cond);
    case "set": {
      let out = bdd.and(target, op.keep);
      for (const c of op.cases) {
        const after = bdd.andExists(target, op.domain.is[c.value], op.domain.cube);
        out = bdd.or(out, bdd.and(after, c.when));
      }
      return out;
    }
    case "choose":
      return bdd.andExists(target, op.allowed, op.domain.cube);
    case "forget":
      return bdd.exists(target, op.cube);
    case "check":
    case "observe":
      return target;
  }
}

/**
 * Computes every reachable state of a model: a work list over its nodes in their order, each worked with the new
 * states that reached it since it was last worked, until nothing new arrives (loops are gone round until then).
 * Checks are evaluated on every state that reaches them. From `from` when given (a procedure's first moment with
 * its entries), working only the moments `within` it; only the plan's relevant moments when it is pruned. Pure;
 * stops early when `control.shouldStop` says so.
 */
export function runModel(
  model: Model,
  plan: Plan,
  control: RunControl = {},
  from?: RunStart,
  cross?: Crossing,
): ModelRun {
  const { bdd, nodes, edges, checks } = model;
  const started = control.now?.() ?? 0;
  const reached: BddNode[] = nodes.map(() => bdd.false);
  const pending: BddNode[] = nodes.map(() => bdd.false);
  const deltas: Delta[][] = nodes.map(() => []);
  const found: BddNode[] = checks.map(() => bdd.false);
  const taken: boolean[] = edges.map(() => false);
  const observed = new Map<string, Set<number>>();
  let time = 0;
  const queue = new NodeQueue(nodes.map((n) => n.order));
  const arrive = (node: number, states: BddNode) => {
    const fresh = bdd.minus(states, reached[node]);
    if (fresh === bdd.false) return;
    reached[node] = bdd.or(reached[node], fresh);
    pending[node] = bdd.or(pending[node], fresh);
    deltas[node].push({ time: time++, states: fresh });
    queue.add(node);
  };
  if (from) arrive(from.node, from.states);
  else arrive(model.start, plan.initial);
  let processed = 0;
  let complete = true;
  const step = (): boolean => {
    const id = queue.pop();
    const frontier = pending[id];
    pending[id] = bdd.false;
    processed++;
    const crossed = cross?.(id, frontier);
    if (crossed) {
      if (crossed.states !== bdd.false) arrive(crossed.to, crossed.states);
      control.onProgress?.(processed, nodes.length);
      return true;
    }
    for (const check of nodes[id].checks) {
      if (!plan.focus.has(check) || !bdd.meets(frontier, checks[check].cond)) continue;
      found[check] = bdd.or(found[check], bdd.and(frontier, checks[check].cond));
    }
    for (const e of nodes[id].out) {
      const edge = edges[e];
      if (from && !from.within(nodes[edge.to])) continue;
      if (plan.relevant && !plan.relevant[edge.to]) continue;
      let states = frontier;
      for (const op of plan.ops[e]) {
        if (op.kind === "check") {
          if (bdd.meets(states, op.cond)) found[op.check] = bdd.or(found[op.check], bdd.and(states, op.cond));
        } else if (op.kind === "observe") observe(bdd, op, states, observed);
        else states = imageOf(bdd, op, states);
        if (states === bdd.false) break;
      }
      if (states === bdd.false) continue;
      taken[e] = true;
      arrive(edge.to, states);
    }
    control.onProgress?.(processed, nodes.length);
    return true;
  };
  while (queue.size > 0) {
    if (control.shouldStop?.()) {
      complete = false;
      break;
    }
    const worked = control.maxNodes === undefined ? step() : bdd.withCeiling(control.maxNodes, step);
    if (worked === undefined) {
      complete = false;
      break;
    }
  }
  return {
    model,
    plan,
    reached,
    deltas,
    found,
    taken,
    observed,
    complete,
    stats: { nodesProcessed: processed, diagramNodes: bdd.nodeCount, milliseconds: (control.now?.() ?? 0) - started },
  };
}

function observe(bdd: Bdd, op: Extract<Op, { kind: "observe" }>, states: BddNode, observed: Map<string, Set<number>>) {
  const seen = observed.get(op.step) ?? new Set<number>();
  observed.set(op.step, seen);
  for (const value of op.domain.classValues ?? [])
    if (!seen.has(value) && bdd.meets(states, op.domain.is[value])) seen.add(value);
}

/** A priority queue of node ids by their order, without duplicates. */
class NodeQueue {
  private readonly heap: number[] = [];
  private readonly queued: Uint8Array;

  constructor(private readonly order: number[]) {
    this.queued = new Uint8Array(order.length);
  }

  get size(): number {
    return this.heap.length;
  }

  add(id: number) {
    if (this.queued[id]) return;
    this.queued[id] = 1;
    const heap = this.heap;
    heap.push(id);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.order[heap[parent]] <= this.order[heap[i]]) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.order[heap[l]] < this.order[heap[m]]) m = l;
        if (r < heap.length && this.order[heap[r]] < this.order[heap[m]]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    this.queued[top] = 0;
    return top;
  }
}
