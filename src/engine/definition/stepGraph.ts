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
 */
export function costToEnd(
  sop: SopDefinition,
  ids: readonly string[],
  cost: (step: Step) => 0 | 1,
): Map<string, number> {
  const inRegion = new Set(ids);
  const predecessors = new Map<string, string[]>();
  for (const id of ids) {
    for (const edge of nextEdges(id, sop.steps[id])) {
      if (!inRegion.has(edge.to)) continue;
      const list = predecessors.get(edge.to);
      if (list) list.push(id);
      else predecessors.set(edge.to, [id]);
    }
  }
  const distance = new Map<string, number>();
  const deque: string[] = [];
  for (const id of ids) {
    if (sop.steps[id].kind === "end") {
      distance.set(id, 0);
      deque.push(id);
    }
  }
  // 0/1 BFS: a step's distance is its own cost plus the best successor's distance.
  let head = 0;
  const front: string[] = [];
  while (head < deque.length || front.length) {
    const id = front.length ? front.pop()! : deque[head++];
    const d = distance.get(id)!;
    for (const previous of predecessors.get(id) ?? []) {
      const candidate = d + cost(sop.steps[previous]);
      if (candidate < (distance.get(previous) ?? Number.POSITIVE_INFINITY)) {
        distance.set(previous, candidate);
        if (candidate === d) front.push(previous);
        else deque.push(previous);
      }
    }
  }
  return distance;
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
  const order = new Map(nodes.map((n, i) => [n, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame: a node and the position of the next successor to look at.
    const frames: { node: string; next: string[]; i: number }[] = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: successors(node).filter((s) => order.has(s)), i: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.i < frame.next.length) {
        const successor = frame.next[frame.i++];
        if (!index.has(successor)) open(successor);
        else if (onStack.has(successor)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(successor)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
      }
    }
  }
  return components;
}
