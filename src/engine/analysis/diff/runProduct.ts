import type { StepAction } from "../../definition/types";
import type { Bdd, BddNode } from "../exploration/Bdd";
import { imageOf, preimageOf } from "../exploration/runModel";
import type { Domain, Model, Op, Plan } from "../exploration/types";

/**
 * One version of an SOP in the joint model: its model, the plan of what to keep track of, and for each of its
 * moments the person's answers it may still ask for (as a set of answer slots).
 */
export interface Side {
  model: Model;
  plan: Plan;
  /** Per node: the answer slots an edge ahead may still read. */
  asksAhead: Set<number>[];
  /** Per node: its place in an order both versions share (a node of the same step has the same place). */
  order: number[];
  /** Per node: whether a step that differs between the versions is still ahead. */
  changedAhead: boolean[];
}

/**
 * The person both versions ask: one slot per question (by its procedure scope and variable) and, when people may
 * decline, per referral step. A slot holds the answer class (0 while no version has asked yet), so both versions
 * get the same answer however far apart they ask.
 */
export interface Person {
  slots: Domain[];
  /** Slot index by key: "var <scope>:<variable>" or "consent <step>". */
  byKey: Map<string, number>;
}

/** A way from one joint moment to the next: one version takes one of its edges, or both take theirs at once. */
interface JointEdge {
  from: number;
  to: number;
  side: 0 | 1 | 2;
  edge: number;
  /** For both at once: the second version's edge. */
  other?: number;
}

/** The reachable joint moments of two versions run on the same people, and the states at each. */
export interface ProductRun {
  sides: [Side, Side];
  person: Person;
  bdd: Bdd;
  /** Per joint moment: the node of each version. */
  pairs: [number, number][];
  reached: BddNode[];
  deltas: { time: number; states: BddNode }[][];
  incoming: JointEdge[][];
  complete: boolean;
}

/**
 * Runs two versions of an SOP side by side on the same people: at each joint moment one version moves (the one
 * that has a decision to take, or is behind in its order; the other waits), and each answer a version asks for is
 * the person's, chosen the first time either version asks it and kept until neither can ask it again. The states
 * at a moment where both versions have ended relate what each produced for the same person. `keep` names slots to
 * keep to the end (to tell people apart there). Stops when `shouldStop` says so (incomplete).
 */
export function runProduct(
  bdd: Bdd,
  sides: [Side, Side],
  person: Person,
  keep: ReadonlySet<number>,
  same: ReadonlySet<string>,
  shouldStop: () => boolean = () => false,
): ProductRun {
  const index = new Map<string, number>();
  const pairs: [number, number][] = [];
  const reached: BddNode[] = [];
  const pending: BddNode[] = [];
  const deltas: { time: number; states: BddNode }[][] = [];
  const incoming: JointEdge[][] = [];
  let time = 0;
  const queue: number[] = [];
  const queued: boolean[] = [];
  const forgetMemo = new Map<string, BddNode>();
  const idOf = (pair: [number, number]) => {
    const key = `${pair[0]},${pair[1]}`;
    let id = index.get(key);
    if (id === undefined) {
      id = pairs.length;
      index.set(key, id);
      pairs.push(pair);
      reached.push(bdd.false);
      pending.push(bdd.false);
      deltas.push([]);
      incoming.push([]);
      queued.push(false);
    }
    return id;
  };
  // People both versions have treated alike so far, at the same moment of each with nothing different ahead, will be
  // treated alike to the end: they are set aside. Only people the versions part go on.
  const alikeMemo = new Map<string, BddNode>();
  const alike = (pair: [number, number]): BddNode | undefined => {
    const [b, a] = [sides[0].model.nodes[pair[0]], sides[1].model.nodes[pair[1]]];
    if (b.kind !== a.kind || b.step !== a.step) return undefined;
    if (sides[0].changedAhead[pair[0]] || sides[1].changedAhead[pair[1]]) return undefined;
    const liveB = sides[0].plan.live[pair[0]];
    const liveA = sides[1].plan.live[pair[1]];
    const key = `${pair[0]},${pair[1]}`;
    const known = alikeMemo.get(key);
    if (known !== undefined) return known;
    const byName = new Map([...liveA].map((d) => [d.name, d]));
    let same = bdd.true;
    for (const d of liveB) {
      const other = byName.get(d.name);
      if (!other || other.bits.length !== d.bits.length) return undefined;
      for (const [i, bit] of d.bits.entries())
        same = bdd.and(same, bdd.not(bdd.xor(bdd.variable(bit), bdd.variable(other.bits[i]))));
    }
    if (liveA.size !== liveB.size) return undefined;
    alikeMemo.set(key, same);
    return same;
  };
  const arrive = (id: number, states: BddNode) => {
    const same = alike(pairs[id]);
    if (same !== undefined) states = bdd.minus(states, same);
    const fresh = bdd.minus(states, reached[id]);
    if (fresh === bdd.false) return;
    reached[id] = bdd.or(reached[id], fresh);
    pending[id] = bdd.or(pending[id], fresh);
    deltas[id].push({ time: time++, states: fresh });
    if (!queued[id]) {
      queued[id] = true;
      queue.push(id);
    }
  };
  // Person slots no version can still ask are forgotten as soon as both have passed them.
  const forgetAt = (pair: [number, number]) => {
    const live = new Set<number>(keep);
    for (const s of sides[0].asksAhead[pair[0]]) live.add(s);
    for (const s of sides[1].asksAhead[pair[1]]) live.add(s);
    const key = [...live].sort((a, b) => a - b).join(",");
    let cube = forgetMemo.get(key);
    if (cube === undefined) {
      cube = bdd.cube(person.slots.filter((_, i) => !live.has(i)).flatMap((d) => d.bits));
      forgetMemo.set(key, cube);
    }
    return cube;
  };
  const start: [number, number] = [sides[0].model.start, sides[1].model.start];
  const initial = bdd.and(
    bdd.and(sides[0].plan.initial, sides[1].plan.initial),
    bdd.andAll(person.slots.map((d) => d.is[0])),
  );
  arrive(idOf(start), initial);
  let complete = true;
  while (queue.length > 0) {
    if (shouldStop()) {
      complete = false;
      break;
    }
    // Work the joint moment earliest in both versions' orders first.
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (rank(sides, pairs[queue[i]]) < rank(sides, pairs[queue[best]])) best = i;
    const id = queue.splice(best, 1)[0];
    queued[id] = false;
    const frontier = pending[id];
    pending[id] = bdd.false;
    const pair = pairs[id];
    const joint = together(sides, pair, same);
    if (joint) {
      // Both versions are at the same unchanged step: they take corresponding edges together, in step.
      for (const [eb, ea] of joint) {
        const to: [number, number] = [sides[0].model.edges[eb].to, sides[1].model.edges[ea].to];
        let states = applyEdge(bdd, sides[0], person, eb, frontier);
        if (states !== bdd.false) states = applyEdge(bdd, sides[1], person, ea, states);
        if (states === bdd.false) continue;
        states = bdd.exists(states, forgetAt(to));
        if (states === bdd.false) continue;
        const target = idOf(to);
        if (!incoming[target].some((j) => j.from === id && j.side === 2 && j.edge === eb))
          incoming[target].push({ from: id, to: target, side: 2, edge: eb, other: ea });
        arrive(target, states);
      }
      continue;
    }
    const moving = mover(sides, pair);
    if (moving < 0) continue;
    const side = moving as 0 | 1;
    const model = sides[side].model;
    for (const e of model.nodes[pair[side]].out) {
      const to: [number, number] = side === 0 ? [model.edges[e].to, pair[1]] : [pair[0], model.edges[e].to];
      let states = applyEdge(bdd, sides[side], person, e, frontier);
      if (states === bdd.false) continue;
      states = bdd.exists(states, forgetAt(to));
      if (states === bdd.false) continue;
      const target = idOf(to);
      if (!incoming[target].some((j) => j.from === id && j.side === side && j.edge === e))
        incoming[target].push({ from: id, to: target, side, edge: e });
      arrive(target, states);
    }
  }
  return { sides, person, bdd, pairs, reached, deltas, incoming, complete };
}

/**
 * The corresponding edges of both versions at a joint moment where both stand at the same node of an unchanged
 * step (same kind, same ways out), or undefined.
 */
function together(
  sides: [Side, Side],
  pair: [number, number],
  same: ReadonlySet<string>,
): [number, number][] | undefined {
  const [b, a] = [sides[0].model.nodes[pair[0]], sides[1].model.nodes[pair[1]]];
  if (b.kind !== a.kind || b.step !== a.step || !same.has(b.step) || b.out.length !== a.out.length) return undefined;
  if (b.out.length === 0) return undefined;
  const out: [number, number][] = [];
  for (const [i, eb] of b.out.entries()) {
    const ea = a.out[i];
    const [x, y] = [sides[0].model.edges[eb], sides[1].model.edges[ea]];
    const [tx, ty] = [sides[0].model.nodes[x.to], sides[1].model.nodes[y.to]];
    if (tx.kind !== ty.kind || tx.step !== ty.step) return undefined;
    if (JSON.stringify(x.action ?? null, skipDomain) !== JSON.stringify(y.action ?? null, skipDomain)) return undefined;
    if (JSON.stringify(x.route ?? null) !== JSON.stringify(y.route ?? null)) return undefined;
    out.push([eb, ea]);
  }
  return out;
}

function skipDomain(key: string, value: unknown) {
  return key === "domain" ? undefined : value;
}

/**
 * Which version moves at a joint moment: the one behind in the order the versions share (the other waits), so that
 * people both versions treat alike stay at the same moment of each; -1 when both have ended.
 */
function mover(sides: [Side, Side], pair: [number, number]): -1 | 0 | 1 {
  const ended = (s: 0 | 1) => sides[s].model.nodes[pair[s]].out.length === 0;
  if (ended(0) && ended(1)) return -1;
  if (ended(0)) return 1;
  if (ended(1)) return 0;
  return sides[0].order[pair[0]] <= sides[1].order[pair[1]] ? 0 : 1;
}

function rank(sides: [Side, Side], pair: [number, number]): number {
  return Math.min(sides[0].order[pair[0]], sides[1].order[pair[1]]);
}

/** The states after one version takes edge `e` from `states`, with its answers read from the person. */
export function applyEdge(bdd: Bdd, side: Side, person: Person, e: number, states: BddNode): BddNode {
  let s = states;
  for (const op of edgeOps(bdd, side, person, e)) {
    s = op.kind === "slot" ? chooseSlot(bdd, op.slot, op.allowed, s) : imageOf(bdd, op, s);
    if (s === bdd.false) break;
  }
  return s;
}

/** The states before one version takes edge `e` from which it can lead into `target`. */
export function preimageEdge(bdd: Bdd, side: Side, person: Person, e: number, target: BddNode): BddNode {
  const ops = edgeOps(bdd, side, person, e);
  let s = target;
  for (let i = ops.length - 1; i >= 0 && s !== bdd.false; i--) {
    const op = ops[i];
    s = op.kind === "slot" ? unchooseSlot(bdd, op.slot, op.allowed, s) : preimageOf(bdd, op, s);
  }
  return s;
}

type JointOp = Op | { kind: "slot"; slot: Domain; allowed: BddNode };

const opsMemo = new WeakMap<Side, Map<number, JointOp[]>>();

/**
 * An edge's ops in the joint model: an answer first takes the person's answer (choosing it if no version has
 * asked yet), then the version's variable is set from it; a referral the person may decline reads their consent.
 */
function edgeOps(bdd: Bdd, side: Side, person: Person, e: number): JointOp[] {
  let memo = opsMemo.get(side);
  if (!memo) {
    memo = new Map();
    opsMemo.set(side, memo);
  }
  const known = memo.get(e);
  if (known) return known;
  const edge = side.model.edges[e];
  const ops: JointOp[] = [];
  const action = edge.action;
  const answerSlot = action?.kind === "answer" && action.domain ? person.byKey.get(action.domain.name) : undefined;
  const consentSlot = action?.kind === "refer" ? person.byKey.get(`consent ${action.step}`) : undefined;
  if (answerSlot !== undefined && action?.kind === "answer" && action.domain) {
    const slot = person.slots[answerSlot];
    const domain = action.domain;
    const classes = domain.classValues!.map((v) => domain.classOf![v]);
    ops.push({ kind: "slot", slot, allowed: bdd.orAll(classes.map((c) => slot.is[c + 1])) });
    for (const op of side.plan.ops[e]) {
      if (op.kind === "choose" && op.domain === domain)
        ops.push({
          kind: "set",
          domain,
          cases: domain.classValues!.map((v) => ({ value: v, when: slot.is[domain.classOf![v] + 1] })),
          keep: bdd.false,
        });
      else ops.push(op);
    }
  } else if (consentSlot !== undefined && action?.kind === "refer") {
    const slot = person.slots[consentSlot];
    ops.push({ kind: "slot", slot, allowed: bdd.or(slot.is[1], slot.is[2]) });
    ops.push({ kind: "assume", cond: slot.is[action.consent ? 1 : 2] });
    ops.push(...side.plan.ops[e]);
  } else ops.push(...side.plan.ops[e]);
  memo.set(e, ops);
  return ops;
}

/** Where the slot is still empty, the person answers now (any allowed value); elsewhere it keeps its answer. */
function chooseSlot(bdd: Bdd, slot: Domain, allowed: BddNode, states: BddNode): BddNode {
  const empty = bdd.and(states, slot.is[0]);
  const given = bdd.minus(states, slot.is[0]);
  return bdd.or(given, bdd.and(bdd.exists(empty, slot.cube), allowed));
}

function unchooseSlot(bdd: Bdd, slot: Domain, allowed: BddNode, target: BddNode): BddNode {
  const wasEmpty = bdd.and(slot.is[0], bdd.andExists(target, allowed, slot.cube));
  const wasGiven = bdd.minus(target, slot.is[0]);
  return bdd.or(wasEmpty, wasGiven);
}

/**
 * Traces a way from the start to `target` at joint moment `id`, going back through the order states arrived in,
 * and returns each version's actions along it (its answers read from the person's slots).
 */
export function traceProduct(run: ProductRun, id: number, target: BddNode): [StepAction[], StepAction[]] | undefined {
  const { bdd, deltas, incoming, sides, person } = run;
  const goal = bdd.and(target, run.reached[id]);
  if (goal === bdd.false) return undefined;
  const pick = (f: BddNode) => bdd.assignment(bdd.satisfyOne(f)!);
  let current = id;
  let time = Number.POSITIVE_INFINITY;
  let state = bdd.false;
  for (const d of deltas[id]) {
    const hit = bdd.and(d.states, goal);
    if (hit !== bdd.false) {
      time = d.time;
      state = pick(hit);
      break;
    }
  }
  const path: { joint: JointEdge; before: BddNode; after: BddNode }[] = [];
  while (!(current === 0 && time === 0)) {
    let found: { joint: JointEdge; time: number; state: BddNode } | undefined;
    for (const joint of incoming[current]) {
      const before =
        joint.side === 2
          ? preimageEdge(bdd, sides[0], person, joint.edge, preimageEdge(bdd, sides[1], person, joint.other!, state))
          : preimageEdge(bdd, sides[joint.side], person, joint.edge, state);
      if (before === bdd.false) continue;
      for (const d of deltas[joint.from]) {
        if (d.time >= time || (found && d.time >= found.time)) break;
        const hit = bdd.and(d.states, before);
        if (hit !== bdd.false) {
          found = { joint, time: d.time, state: pick(hit) };
          break;
        }
      }
    }
    if (!found) return undefined;
    path.push({ joint: found.joint, before: found.state, after: state });
    current = found.joint.from;
    time = found.time;
    state = found.state;
  }
  path.reverse();
  const actions: [StepAction[], StepAction[]] = [[], []];
  for (const { joint, before, after } of path) {
    const moves: [0 | 1, number, BddNode][] =
      joint.side === 2
        ? [
            [0, joint.edge, before],
            [1, joint.other!, applyEdge(bdd, sides[0], person, joint.edge, before)],
          ]
        : [[joint.side, joint.edge, before]];
    for (const [s, e, from] of moves) {
      const action = sides[s].model.edges[e].action;
      if (!action) continue;
      if (action.kind === "acknowledge") actions[s].push({ step: action.step });
      else if (action.kind === "refer") actions[s].push({ step: action.step, answer: action.consent });
      else actions[s].push({ step: action.step, answer: answerOn(run, s, e, from, after) });
    }
  }
  return actions;
}

/** The answer on an answer edge: the person's answer class for its question, from the states around the edge. */
function answerOn(run: ProductRun, s: 0 | 1, e: number, before: BddNode, after: BddNode): unknown {
  const { bdd, sides, person } = run;
  const model = sides[s].model;
  const action = model.edges[e].action!;
  const at = model.compiled.steps.get(action.step)!;
  const step = at.step;
  const variable = step.kind === "question" || step.kind === "checklist" ? step.variable : undefined;
  const space = variable ? model.spaces.space(model.compiled.scopes.get(at.scope)!.sop.id, variable) : undefined;
  if (!space) return step.kind === "checklist" ? step.items.filter((i) => i.required).map((i) => i.id) : undefined;
  const domain = action.kind === "answer" ? action.domain : undefined;
  const slotIndex = domain ? person.byKey.get(domain.name) : undefined;
  if (slotIndex !== undefined) {
    const slot = person.slots[slotIndex];
    const states = bdd.and(applyEdge(bdd, sides[s], person, e, before), after);
    const possible = states === bdd.false ? applyEdge(bdd, sides[s], person, e, before) : states;
    for (const c of space.classes)
      if (bdd.and(possible, slot.is[c.index + 1]) !== bdd.false) return space.candidates[c.representative].json;
  }
  return space.candidates[space.classes[0].representative].json;
}
