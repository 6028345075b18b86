import type { StepAction } from "../../definition/types";
import type { BddNode } from "./Bdd";
import { imageOf, type ModelRun, preimageOf } from "./runModel";
import type { Domain, Model, Op } from "./types";

/** A path through the model: the edges taken from the start, and the answers an officer gives along it. */
export interface TracedPath {
  edges: number[];
  actions: StepAction[];
  /** The state the path starts from (one full assignment). */
  first: BddNode;
}

/**
 * Finds a path from the start (or from `from`, where a run that started there began) to one of the states `target` at `node` (states reachable there), going back
 * through the order in which states arrived: each step back picks a state that arrived earlier at a node before,
 * so the walk ends at the start. The answers are read off the states along the way: the answer class a question's
 * variable holds just after it is answered. Returns undefined when no state of `target` is reachable.
 */
export function tracePath(
  run: ModelRun,
  node: number,
  target: BddNode,
  from?: { node: number; states: BddNode },
): TracedPath | undefined {
  const { model } = run;
  const { bdd, edges, nodes } = model;
  const goal = bdd.and(target, run.reached[node]);
  if (goal === bdd.false) return undefined;
  // The earliest states that reach the goal make the shortest walk back.
  let current = node;
  let time = Number.POSITIVE_INFINITY;
  let state = bdd.false;
  for (const delta of run.deltas[node]) {
    const hit = bdd.and(delta.states, goal);
    if (hit !== bdd.false) {
      time = delta.time;
      state = pick(run, hit);
      break;
    }
  }
  const path: { edge: number; after: BddNode }[] = [];
  // A run started inside the model (`RunStart`) is walked back to where it started.
  const begun = (at: number, states: BddNode) =>
    from
      ? at === from.node && bdd.and(states, from.states) !== bdd.false
      : at === model.start && bdd.and(states, run.plan.initial) !== bdd.false;
  while (!begun(current, state)) {
    let found: { edge: number; from: number; time: number; state: BddNode } | undefined;
    for (const e of nodes[current].in) {
      const edge = edges[e];
      const ops = run.plan.ops[e];
      let before = state;
      for (let i = ops.length - 1; i >= 0 && before !== bdd.false; i--) before = preimageOf(bdd, ops[i], before);
      if (before === bdd.false) continue;
      for (const delta of run.deltas[edge.from]) {
        if (delta.time >= time) break;
        if (found && delta.time >= found.time) break;
        const hit = bdd.and(delta.states, before);
        if (hit !== bdd.false) {
          found = { edge: e, from: edge.from, time: delta.time, state: pick(run, hit) };
          break;
        }
      }
    }
    if (!found) throw new Error(`tracePath: no way back from node ${current} (${nodes[current].step})`);
    path.push({ edge: found.edge, after: state });
    current = found.from;
    time = found.time;
    state = found.state;
  }
  path.reverse();
  return {
    edges: path.map((p) => p.edge),
    actions: actionsAlong(model, run.plan.ops, state, path),
    first: state,
  };
}

/**
 * The officer's actions along a path of edges, given the state before the first and a state after each: each answer
 * is read off the states around its edge (the class its variable holds just after it is answered).
 */
export function actionsAlong(
  model: Model,
  ops: Op[][],
  first: BddNode,
  path: readonly { edge: number; after: BddNode }[],
): StepAction[] {
  const actions: StepAction[] = [];
  let at = first;
  for (const { edge: e, after } of path) {
    const action = model.edges[e].action;
    if (action) {
      if (action.kind === "acknowledge") actions.push({ step: action.step });
      else if (action.kind === "refer") actions.push({ step: action.step, answer: action.consent });
      else actions.push({ step: action.step, answer: answerOf(model, action.step, action.domain, ops[e], at, after) });
    }
    at = after;
  }
  return actions;
}

/** One state of a set, as a full assignment of the bits it depends on. */
function pick(run: ModelRun, states: BddNode): BddNode {
  return pickState(run.model, states);
}

/** One state of a set, as the assignment of the bits on one path of its diagram. */
export function pickState(model: Model, states: BddNode): BddNode {
  return model.bdd.assignment(model.bdd.satisfyOne(states)!);
}

/** The answer given on an answer edge: the class its variable holds after the edge's ops, as the officer's value. */
function answerOf(
  model: Model,
  step: string,
  domain: Domain | undefined,
  ops: Op[],
  before: BddNode,
  after: BddNode,
): unknown {
  const bdd = model.bdd;
  const at = model.compiled.steps.get(step)!;
  const sop = model.compiled.scopes.get(at.scope)!.sop.id;
  const s = at.step;
  const variable = s.kind === "question" || s.kind === "checklist" ? s.variable : undefined;
  const space = variable ? model.spaces.space(sop, variable) : undefined;
  if (!space) return s.kind === "checklist" ? s.items.filter((i) => i.required).map((i) => i.id) : undefined;
  let classIndex = space.classes[0].index;
  if (domain) {
    // The state just before the edge forgets anything, with the state after it.
    let states = before;
    for (const op of ops) {
      if (op.kind === "forget") break;
      states = imageOf(bdd, op, states);
    }
    const both = bdd.and(states, after);
    const possible = both === bdd.false ? states : both;
    // Any answer class these states allow leads on to the state after: take the first.
    for (const v of domain.classValues ?? [])
      if (bdd.and(possible, domain.is[v]) !== bdd.false) {
        classIndex = domain.classOf![v];
        break;
      }
  }
  return space.candidates[space.classes[classIndex].representative].json;
}
