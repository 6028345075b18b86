import type { StepAction } from "../../definition/types";
import { playActions } from "../../simulation/startPlayback";
import { ANALYSIS_EPOCH } from "../answers/answerCandidates";
import type { BddNode } from "./Bdd";
import { planRun } from "./liveness";
import { pathSignature, readCase } from "./readCase";
import { imageOf, preimageOf } from "./runModel";
import { actionsAlong, pickState } from "./tracePath";
import type { Domain, Model, Op, PathList, SopPath } from "./types";

/** Beyond this many distinct (moment, states) pairs, counting paths stops and reports a lower bound. */
const COUNT_LIMIT = 100_000;
const RESULT_KINDS = new Set(["flag", "referral-urgency", "deadline", "outcome"]);

/**
 * Lists the distinct paths of an SOP from its model (built for results: `modelSop(compiled, { purpose: "results" })`):
 * runs that enter the same steps, take the same routes and produce the same flags, referrals, deadlines and outcome
 * are one path, whatever answers led there. Walks the model depth first, one path at a time (so the sets of states
 * stay small), splits each finished path by what it produced, and plays each as a real case to describe it. Counts
 * all paths, memoising on the moment and the set of states there. Pure.
 */
export function enumeratePaths(model: Model, options: { limit?: number } = {}): PathList {
  const limit = options.limit ?? 1000;
  const { bdd, nodes, edges } = model;
  const results = model.domains.filter((d) => RESULT_KINDS.has(d.kind));
  const plan = planRun(model, new Set(), new Set(results));
  const resultBits = results.flatMap((d) => d.bits).sort((a, b) => a - b);
  const others = bdd.cube(model.domains.filter((d) => !RESULT_KINDS.has(d.kind)).flatMap((d) => d.bits));
  const paths: SopPath[] = [];
  const seen = new Set<string>();
  let truncated = false;

  const through = (ops: Op[], states: BddNode) => {
    let s = states;
    for (const op of ops) {
      s = imageOf(bdd, op, s);
      if (s === bdd.false) break;
    }
    return s;
  };
  const terminal = (n: number) => nodes[n].out.length === 0;

  // Depth first, keeping the states before each edge taken, to trace each finished path back.
  const stack: { node: number; states: BddNode; next: number }[] = [
    { node: model.start, states: plan.initial, next: 0 },
  ];
  const taken: number[] = [];
  while (stack.length > 0 && !truncated) {
    const top = stack[stack.length - 1];
    if (terminal(top.node)) {
      for (const outcome of splitByResults(model, top.states, results, others)) {
        if (paths.length >= limit) {
          truncated = true;
          break;
        }
        const path = describe(model, plan.ops, stack, taken, outcome);
        if (path && !seen.has(path.signature)) {
          seen.add(path.signature);
          paths.push({ ...path, index: paths.length });
        }
      }
      stack.pop();
      taken.pop();
      continue;
    }
    const out = nodes[top.node].out;
    if (top.next >= out.length) {
      stack.pop();
      taken.pop();
      continue;
    }
    const e = out[top.next++];
    const after = through(plan.ops[e], top.states);
    if (after === bdd.false) continue;
    // A loop is gone round once: a path comes back to a moment with the same states at most once.
    if (stack.filter((f) => f.node === edges[e].to && f.states === after).length >= 2) continue;
    taken.push(e);
    stack.push({ node: edges[e].to, states: after, next: 0 });
  }

  // Counting, with memo on (moment, states); loops are not followed again.
  const memo = new Map<string, number>();
  let exact = true;
  const onPath = new Map<string, number>();
  const count = (node: number, states: BddNode): number => {
    const key = `${node}:${states}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (memo.size > COUNT_LIMIT) {
      exact = false;
      return 1;
    }
    // As listed: a loop is gone round once.
    const rounds = onPath.get(key) ?? 0;
    if (rounds >= 2) return 0;
    onPath.set(key, rounds + 1);
    let total = 0;
    if (terminal(node)) total = Math.max(1, bdd.countOver(bdd.exists(states, others), resultBits));
    else
      for (const e of nodes[node].out) {
        const after = through(plan.ops[e], states);
        if (after !== bdd.false) total += count(edges[e].to, after);
      }
    onPath.set(key, rounds);
    if (rounds === 0) memo.set(key, total);
    return total;
  };
  const total = count(model.start, plan.initial);
  return { paths, total: Math.max(total, paths.length), countExact: exact, truncated };
}

/** The states at an end, split by what the case produced (one set per distinct set of results). */
function splitByResults(model: Model, states: BddNode, results: Domain[], others: BddNode): BddNode[] {
  const bdd = model.bdd;
  const out: BddNode[] = [];
  let left = bdd.exists(states, others);
  while (left !== bdd.false) {
    // One assignment of every result domain, and the states that give exactly it.
    const one = bdd.satisfyOne(left)!;
    let cube = bdd.true;
    for (const d of results)
      for (const bit of d.bits) cube = bdd.and(cube, one.get(bit) ? bdd.variable(bit) : bdd.notVariable(bit));
    out.push(bdd.and(states, cube));
    left = bdd.minus(left, cube);
  }
  return out;
}

/** Traces the path on the stack back from a set of final states, plays it, and describes it. */
function describe(
  model: Model,
  ops: Op[][],
  stack: { node: number; states: BddNode }[],
  taken: number[],
  finalStates: BddNode,
): Omit<SopPath, "index"> | undefined {
  const bdd = model.bdd;
  const chain: { edge: number; after: BddNode }[] = [];
  let state = pickState(model, finalStates);
  for (let i = taken.length - 1; i >= 0; i--) {
    const e = taken[i];
    let before = state;
    for (let k = ops[e].length - 1; k >= 0; k--) before = preimageOf(bdd, ops[e][k], before);
    before = bdd.and(before, stack[i].states);
    if (before === bdd.false) return undefined;
    chain.push({ edge: e, after: state });
    state = pickState(model, before);
  }
  chain.reverse();
  const actions: StepAction[] = actionsAlong(model, ops, state, chain);
  const end = model.nodes[stack[stack.length - 1].node];
  const status = end.kind === "stuck" ? "stuck" : end.kind === "refused" ? "refused" : "finished";
  const played = playActions(model.compiled, actions, { openedAt: ANALYSIS_EPOCH, minutesBetween: 0 });
  const results = readCase(model.compiled, played.session);
  return {
    ...results,
    status,
    actions,
    where: status === "finished" ? undefined : end.step,
    reason:
      status === "stuck"
        ? `no route of step "${end.step}" holds, so the case cannot go on`
        : status === "refused"
          ? played.refused?.reason
          : undefined,
    signature: pathSignature(results, status, end.step),
  };
}
