import { toPointer } from "../errors";
import type { SopDefinition, Step } from "./types";

/** An edge from a step to the step it may go on to. */
export interface Edge {
  to: string;
  /** JSON pointer of the target id in the SOP file. */
  pointer: string;
  /** The route's condition, if any. */
  when?: string;
  /** Index of the route in the step's `next`, or -1 for a plain `next`. */
  route: number;
}

/**
 * The step of an SOP with this id, if the SOP has one of its own: a plain `steps[id]` would find `constructor` (a
 * valid step id) on every object's prototype.
 */
export function stepAt(sop: SopDefinition, id: string): Step | undefined {
  return Object.hasOwn(sop.steps, id) ? sop.steps[id] : undefined;
}

/**
 * The steps of an SOP as `[id, step]` pairs, in the order `Object.entries` gives them. A large SOP's `steps` object
 * is a dictionary to V8, and `Object.entries` of a 5,000-step one costs several times `Object.keys` and a lookup per
 * id (some 2 ms against 0.4): lint and compilation walk the steps a dozen times.
 */
export function stepEntries(sop: SopDefinition): [string, Step][] {
  const { steps } = sop;
  const ids = Object.keys(steps);
  const entries: [string, Step][] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) entries[i] = [ids[i], steps[ids[i]]];
  return entries;
}

/** The steps of an SOP, in the order `Object.values` gives them, without its cost on a large SOP (see `stepEntries`). */
export function stepValues(sop: SopDefinition): Step[] {
  const { steps } = sop;
  const ids = Object.keys(steps);
  const values: Step[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) values[i] = steps[ids[i]];
  return values;
}

/**
 * The steps a step may go on to, in the order they are tried. `end` steps have none. The list is shared: do not
 * change it.
 *
 * Lint and compilation ask for the same step's edges many times (a 5,000-step SOP: some 40,000 asks), so the edges
 * are kept per step object and given again while the step's id and its `next` (targets and conditions) are unchanged;
 * a step edited in place gets new edges.
 */
export function nextEdges(id: string, step: Step): readonly Edge[] {
  if (step.kind === "end") return NO_EDGES;
  const kept = edgesOf.get(step);
  if (kept && kept.id === id && sameNext(kept.edges, step.next)) return kept.edges;
  const edges = buildEdges(id, step.next);
  edgesOf.set(step, { id, edges });
  return edges;
}

const NO_EDGES: readonly Edge[] = Object.freeze([]);
const edgesOf = new WeakMap<Step, { id: string; edges: readonly Edge[] }>();

type Next = Exclude<Step, { kind: "end" }>["next"];

function buildEdges(id: string, next: Next): readonly Edge[] {
  if (typeof next === "string") return [{ to: next, pointer: toPointer("steps", id, "next"), route: -1 }];
  return next.map((route, i) => ({
    to: route.to,
    when: route.when,
    pointer: toPointer("steps", id, "next", i, "to"),
    route: i,
  }));
}

function sameNext(edges: readonly Edge[], next: Next): boolean {
  if (typeof next === "string") return edges.length === 1 && edges[0].route === -1 && edges[0].to === next;
  if (edges.length !== next.length) return false;
  for (let i = 0; i < next.length; i++)
    if (edges[i].route !== i || edges[i].to !== next[i].to || edges[i].when !== next[i].when) return false;
  return true;
}

/**
 * The steps of one region of an SOP: those reachable from `entry` by `next`, without entering parallel tracks
 * (each track is a region of its own). Unknown targets are skipped; lint reports them.
 */
export function collectRegion(sop: SopDefinition, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    const step = stepAt(sop, id);
    if (seen.has(id) || !step) continue;
    seen.add(id);
    for (const edge of nextEdges(id, step)) queue.push(edge.to);
  }
  return [...seen];
}

/** Every region of an SOP reachable from its start: the main one (key "") and one per parallel track. */
export function collectRegions(sop: SopDefinition): Map<string, { entry: string; steps: string[]; parallel?: string }> {
  const regions = new Map<string, { entry: string; steps: string[]; parallel?: string }>();
  // Iterative, in the order a depth-first walk meets them, so that tracks nested in tracks cannot exhaust the stack.
  const pending: { key: string; entry: string; parallel?: string }[] = [{ key: "", entry: sop.start }];
  while (pending.length > 0) {
    const { key, entry, parallel } = pending.pop()!;
    if (regions.has(key)) continue;
    const steps = collectRegion(sop, entry);
    regions.set(key, { entry, steps, parallel });
    const found: { key: string; entry: string; parallel?: string }[] = [];
    for (const id of steps) {
      const step = sop.steps[id];
      if (step.kind === "parallel")
        for (const track of step.tracks) found.push({ key: `${id}/${track.id}`, entry: track.start, parallel: id });
    }
    pending.push(...found.reverse());
  }
  return regions;
}

/**
 * For each step of a region, the least cost of a way to an end step, where entering a step costs `cost(step)`;
 * steps that cannot reach an end are absent. A reverse breadth-first search over 0/1 costs: linear in the region.
 * The steps are numbered by their place in `ids` and the search runs over typed arrays (a 5,000-step region is
 * searched twice per load, by lint and by compilation); the map lists the steps in the order the search first
 * reached them.
 */
export function costToEnd(
  sop: SopDefinition,
  ids: readonly string[],
  cost: (step: Step) => 0 | 1,
): Map<string, number> {
  const count = ids.length;
  const place = new Map<string, number>();
  for (let i = 0; i < count; i++) place.set(ids[i], i);
  // Each step's predecessors in the region, as one array cut in slices (in the order of `ids`, then of `next`).
  const targets: number[] = [];
  const from: number[] = [];
  const predecessorCount = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    for (const edge of nextEdges(ids[i], sop.steps[ids[i]])) {
      const to = place.get(edge.to);
      if (to === undefined) continue;
      targets.push(to);
      from.push(i);
      predecessorCount[to + 1]++;
    }
  }
  const start = predecessorCount;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const predecessors = new Int32Array(targets.length);
  for (let k = 0; k < targets.length; k++) predecessors[fill[targets[k]]++] = from[k];

  const costs = new Uint8Array(count);
  const distance = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const reached: number[] = [];
  const deque: number[] = [];
  for (let i = 0; i < count; i++) {
    const step = sop.steps[ids[i]];
    costs[i] = cost(step);
    if (step.kind === "end" && distance[i] !== 0) {
      distance[i] = 0;
      reached.push(i);
      deque.push(i);
    }
  }
  // 0/1 BFS: a step's distance is its own cost plus the best successor's distance.
  let head = 0;
  const front: number[] = [];
  while (head < deque.length || front.length) {
    const at = front.length ? front.pop()! : deque[head++];
    const d = distance[at];
    for (let k = start[at]; k < start[at + 1]; k++) {
      const previous = predecessors[k];
      const candidate = d + costs[previous];
      if (candidate < distance[previous]) {
        if (distance[previous] === Number.POSITIVE_INFINITY) reached.push(previous);
        distance[previous] = candidate;
        if (candidate === d) front.push(previous);
        else deque.push(previous);
      }
    }
  }
  const result = new Map<string, number>();
  for (const i of reached) result.set(ids[i], distance[i]);
  return result;
}

/**
 * The strongly connected components of a graph (Tarjan's algorithm, without recursion so that no graph can exhaust
 * the stack): sets of nodes each of which can reach every other. Components come in reverse topological order,
 * each listing its nodes in the order of `nodes`.
 */
export function stronglyConnected(
  nodes: readonly string[],
  successors: (node: string) => readonly string[],
): string[][] {
  // Nodes are numbered by their place in `nodes` (the last place of a node listed twice), and the walk keeps its
  // state in typed arrays: a 5,000-step region is searched on every lint.
  const order = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) order.set(nodes[i], i);
  const count = nodes.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: string[][] = [];
  let counter = 0;
  // The frames of the walk: a node, its successors, and the position of the next one to look at.
  const frameNode: number[] = [];
  const frameNext: (readonly string[])[] = [];
  const framePosition: number[] = [];
  const open = (node: number) => {
    index[node] = counter;
    low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    frameNode.push(node);
    frameNext.push(successors(nodes[node]));
    framePosition.push(0);
  };
  for (const rootName of nodes) {
    const root = order.get(rootName)!;
    if (index[root] >= 0) continue;
    open(root);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const node = frameNode[top];
      const next = frameNext[top];
      let opened = false;
      while (framePosition[top] < next.length) {
        const successor = order.get(next[framePosition[top]++]);
        if (successor === undefined) continue;
        if (index[successor] < 0) {
          open(successor);
          opened = true;
          break;
        }
        if (onStack[successor]) low[node] = Math.min(low[node], index[successor]);
      }
      if (opened) continue;
      frameNode.pop();
      frameNext.pop();
      framePosition.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === index[node]) {
        const members: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          members.push(member);
        } while (member !== node);
        members.sort((a, b) => a - b);
        components.push(members.map((m) => nodes[m]));
      }
    }
  }
  return components;
}
