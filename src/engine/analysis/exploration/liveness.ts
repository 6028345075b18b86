import type { Bdd, BddNode } from "./Bdd";
import type { Domain, Model, Op, Plan } from "./types";

/** A set of domains as bits of a word array, for the data-flow below. */
type DomainSet = Uint32Array;

/** A goal (the union of a run's check conditions) larger than this many diagram nodes is not pruned toward. */
const MAX_GOAL = 32_000;

/** What one op reads and writes, as domain sets. */
interface OpUse {
  reads: DomainSet;
  /** The domain the op sets, if any; `kills` when the old value does not survive. */
  writes: number;
  kills: boolean;
  /** A check outside the plan's focus: the op is left out. */
  check?: number;
  /** A condition the states must meet (a route taken, an answer already known). */
  assume?: true;
}

/**
 * Plans a run of a model that keeps track of only what `focus` (some of its checks) and the routes read. It works
 * out, for every moment, which facts anything ahead can still read (a backward data-flow over the graph), drops the
 * settings of facts nothing reads, and makes each edge forget, as it arrives, the facts its target no longer needs:
 * the sets of states then relate only facts that matter together. `liveAtExit` keeps domains to the end of every
 * path, `liveAt` keeps some up to given nodes (a check that reads them there).
 *
 * With `prune`, the run leaves out every moment from which no way leads to what it looks at (a check in `focus`,
 * a node of `liveAt`, an exit when `liveAtExit` is given): nothing there can change what it finds, so no fact is
 * kept for it and no route condition there is read (the cone of influence of the focus). A pruned run does not
 * tell which moments a case can reach; the structure of the paths is checked on a run without it.
 *
 * With `coarse`, a condition (a route's, an answer already known) is kept only where it reads a fact the run keeps
 * anyway: the others are left out, so every way they guard is open to every state. The run then reaches more
 * states than a case can (never fewer), so a check it finds nothing for holds: a proof, cheap where the promise does
 * not hang on those routes (reverse-flow's promises about its own steps, around a whole screening). What it finds
 * is not evidence: settle it with a run without `coarse`.
 *
 * A pruned run that looks only for its checks (no `liveAt`, no `liveAtExit`) is also **goal-directed** (unless
 * `goalDirected` is false): it drops the states that can no longer break a check as soon as the facts that decide it
 * are settled (see `keepToward`). Pure.
 */
export function planRun(
  model: Model,
  focus: ReadonlySet<number>,
  liveAtExit: ReadonlySet<Domain> = new Set(),
  liveAt: ReadonlyMap<number, readonly Domain[]> = new Map(),
  prune = false,
  coarse = false,
  goalDirected = true,
): Plan {
  const { bdd, nodes, edges, domains } = model;
  const relevant = prune ? relevantNodes(model, focus, liveAtExit.size > 0, liveAt) : undefined;
  const words = Math.ceil(domains.length / 32) || 1;
  const uses = opUsesOf(model, words);
  const empty = () => new Uint32Array(words);
  const nodeReads = nodes.map((node) => {
    const set = empty();
    for (const id of node.checks) if (focus.has(id)) orInto(set, uses.checkReads[id]);
    if (node.out.length === 0) for (const d of liveAtExit) set[d.id >> 5] |= 1 << (d.id & 31);
    for (const d of liveAt.get(node.id) ?? []) set[d.id >> 5] |= 1 << (d.id & 31);
    return set;
  });

  /** The domains live before an edge's ops, given those live after; and which ops matter. */
  const through = (e: number, after: DomainSet, keep?: boolean[]): DomainSet => {
    const live = after.slice();
    const opUses = uses.edges[e];
    for (let i = opUses.length - 1; i >= 0; i--) {
      const use = opUses[i];
      let matters = true;
      if (use.check !== undefined) matters = focus.has(use.check);
      else if (use.writes >= 0) {
        matters = has(live, use.writes);
        if (matters && use.kills) live[use.writes >> 5] &= ~(1 << (use.writes & 31));
      } else if (coarse && use.assume) matters = meets(live, use.reads);
      if (matters) orInto(live, use.reads);
      if (keep) keep[i] = matters;
    }
    return live;
  };

  const liveIn = nodes.map(() => empty());
  const byOrder = [...nodes].sort((a, b) => b.order - a.order);
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of byOrder) {
      if (relevant && !relevant[node.id]) continue;
      const live = nodeReads[node.id].slice();
      for (const e of node.out) orInto(live, through(e, liveIn[edges[e].to]));
      if (!equal(live, liveIn[node.id])) {
        liveIn[node.id] = live;
        changed = true;
      }
    }
  }

  const ops = edges.map((edge) => {
    const keep: boolean[] = [];
    through(edge.id, liveIn[edge.to], keep);
    const kept = edge.ops.filter((_, i) => keep[i]);
    const touched = liveIn[edge.from].slice();
    for (const op of kept)
      if (op.kind === "set" || op.kind === "choose") touched[op.domain.id >> 5] |= 1 << (op.domain.id & 31);
    const target = liveIn[edge.to];
    const dead: number[] = [];
    for (const d of domains) if (has(touched, d.id) && !has(target, d.id)) dead.push(...d.bits);
    if (dead.length) kept.push({ kind: "forget", cube: bdd.cube(dead) });
    return kept;
  });
  const live = liveIn.map((set) => new Set(domains.filter((d) => has(set, d.id))));
  const initial = bdd.andAll([...live[model.start]].map((d) => d.is[0]));
  // A run that only looks for its checks' violations keeps only the states that can still reach one.
  const goal =
    goalDirected && relevant && liveAtExit.size === 0 && liveAt.size === 0 && focus.size > 0
      ? keepToward(model, focus, relevant, liveIn, ops, words)
      : undefined;
  return { focus, ops, initial, live, relevant, coarse, goal };
}

/**
 * Goal-directed pruning of a run that looks only for the states breaking its checks: a fact is **settled** at a
 * moment when no way from there to a check changes it again (an answer given once, a flag no later step raises).
 * A state whose settled facts no check's condition allows can never break one, and is dropped where the facts
 * settle (an `assume` at the end of the edge's ops). For "an accompanied adult with no signs gets no protection
 * referral", every child and every person who told something leaves the run as soon as that answer is given,
 * instead of being carried, with all it leads to, to the end of the case. Sound: a dropped state's settled facts
 * reach the check unchanged, and its condition rejects them. The run then finds exactly the states that break the
 * checks, but no longer every state that reaches a moment (only a pruned run's `found` may be read).
 * Returns the union of the checks' conditions the assumes were drawn from (the plan's `goal`), or undefined.
 */
function keepToward(
  model: Model,
  focus: ReadonlySet<number>,
  relevant: Uint8Array,
  liveIn: DomainSet[],
  ops: Op[][],
  words: number,
): BddNode | undefined {
  const { bdd, nodes, edges, domains } = model;
  // The union of many checks' conditions allows nearly every state and costs more to apply than it saves.
  const goal = unionWithin(
    bdd,
    [...focus].map((id) => model.checks[id].cond),
    MAX_GOAL,
  );
  if (goal === undefined || goal === bdd.true || goal === bdd.false) return undefined;
  const read = new Uint32Array(words);
  for (const v of bdd.support(goal)) {
    const d = model.domainOfVariable[v].id;
    read[d >> 5] |= 1 << (d & 31);
  }
  // Per edge, the facts the goal reads that it may change (every op of the model's edge, whatever the plan keeps).
  const writes = edges.map((edge) => {
    const set = new Uint32Array(words);
    for (const op of edge.ops) {
      if (op.kind === "set" || op.kind === "choose") set[op.domain.id >> 5] |= 1 << (op.domain.id & 31);
      else if (op.kind === "forget")
        for (const v of bdd.support(op.cube)) {
          const d = model.domainOfVariable[v].id;
          set[d >> 5] |= 1 << (d & 31);
        }
    }
    for (let i = 0; i < words; i++) set[i] &= read[i];
    return set;
  });
  // Per moment, the facts some way from there on may still change.
  const unsettled = nodes.map(() => new Uint32Array(words));
  const byOrder = [...nodes].filter((n) => relevant[n.id]).sort((a, b) => b.order - a.order);
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of byOrder) {
      const set = unsettled[node.id];
      for (const e of node.out) {
        const to = edges[e].to;
        if (!relevant[to]) continue;
        for (let i = 0; i < words; i++) {
          const next = (set[i] | writes[e][i] | unsettled[to][i]) >>> 0;
          if (next !== set[i]) {
            set[i] = next;
            changed = true;
          }
        }
      }
    }
  }
  // Per moment, the goal over the facts settled and kept there (the others quantified out).
  const byKept = new Map<string, BddNode>();
  const allowed = (node: number): BddNode => {
    const kept = new Uint32Array(words);
    for (let i = 0; i < words; i++) kept[i] = read[i] & ~unsettled[node][i] & liveIn[node][i];
    const key = kept.join(",");
    let cond = byKept.get(key);
    if (cond === undefined) {
      const drop = domains.filter((d) => has(read, d.id) && !has(kept, d.id)).flatMap((d) => d.bits);
      cond = drop.length ? bdd.exists(goal, bdd.cube(drop)) : goal;
      byKept.set(key, cond);
    }
    return cond;
  };
  for (const edge of edges) {
    if (!relevant[edge.from] || !relevant[edge.to]) continue;
    const cond = allowed(edge.to);
    if (cond !== bdd.true && cond !== allowed(edge.from)) ops[edge.id].push({ kind: "assume", cond });
  }
  return goal;
}

/**
 * The union of the given sets, or undefined once it passes `limit` diagram nodes. Taken pairwise, level by level (a
 * balanced tree of unions): each union then works on two sets of like size instead of a growing one and a small
 * one, and the size is measured once per level, not once per set.
 */
function unionWithin(bdd: Bdd, sets: BddNode[], limit: number): BddNode | undefined {
  let level = sets;
  while (level.length > 1) {
    const next: BddNode[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? bdd.or(level[i], level[i + 1]) : level[i]);
    level = next;
    // A part already past the limit is taken as the union's being too large (the union is rarely smaller).
    if (level.some((f) => bdd.size(f) > limit)) return undefined;
  }
  return level[0] ?? bdd.false;
}

/** The moments from which some way leads to a check in `focus`, a node of `liveAt`, or (with `exits`) an exit. */
function relevantNodes(
  model: Model,
  focus: ReadonlySet<number>,
  exits: boolean,
  liveAt: ReadonlyMap<number, readonly Domain[]>,
): Uint8Array {
  const { nodes, edges } = model;
  const relevant = new Uint8Array(nodes.length);
  const stack: number[] = [];
  const mark = (id: number) => {
    if (relevant[id]) return;
    relevant[id] = 1;
    stack.push(id);
  };
  for (const node of nodes) {
    if (node.checks.some((c) => focus.has(c)) || liveAt.has(node.id) || (exits && node.out.length === 0)) mark(node.id);
    for (const e of node.out)
      if (edges[e].ops.some((op) => op.kind === "check" && focus.has(op.check))) {
        mark(node.id);
        mark(edges[e].to);
      }
  }
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of nodes[id].in) mark(edges[e].from);
  }
  return relevant;
}

const opUsesMemo = new WeakMap<Model, { edges: OpUse[][]; checkReads: DomainSet[] }>();

/** What every op of a model reads and writes, computed once per model. */
function opUsesOf(model: Model, words: number) {
  const known = opUsesMemo.get(model);
  if (known) return known;
  const { bdd } = model;
  const readsMemo = new Map<BddNode, DomainSet>();
  const reads = (...fs: BddNode[]): DomainSet => {
    const out = new Uint32Array(words);
    for (const f of fs) {
      let set = readsMemo.get(f);
      if (!set) {
        set = new Uint32Array(words);
        for (const v of bdd.support(f)) {
          const d = model.domainOfVariable[v].id;
          set[d >> 5] |= 1 << (d & 31);
        }
        readsMemo.set(f, set);
      }
      orInto(out, set);
    }
    return out;
  };
  const opUse = (op: Op): OpUse => {
    switch (op.kind) {
      case "assume":
        return { reads: reads(op.cond), writes: -1, kills: false, assume: true };
      case "set":
        return {
          reads: reads(op.keep, ...op.cases.map((c) => c.when)),
          writes: op.domain.id,
          kills: op.keep === bdd.false,
        };
      case "choose":
        return { reads: new Uint32Array(words), writes: op.domain.id, kills: true };
      case "check":
        return { reads: reads(op.cond), writes: -1, kills: false, check: op.check };
      case "observe": {
        const set = new Uint32Array(words);
        set[op.domain.id >> 5] |= 1 << (op.domain.id & 31);
        return { reads: set, writes: -1, kills: false };
      }
      case "forget":
        return { reads: new Uint32Array(words), writes: -1, kills: false };
    }
  };
  const result = {
    edges: model.edges.map((edge) => edge.ops.map(opUse)),
    checkReads: model.checks.map((check) => reads(check.cond)),
  };
  opUsesMemo.set(model, result);
  return result;
}

function orInto(into: DomainSet, from: DomainSet) {
  for (let i = 0; i < into.length; i++) into[i] |= from[i];
}

function meets(a: DomainSet, b: DomainSet): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true;
  return false;
}

function has(set: DomainSet, id: number): boolean {
  return (set[id >> 5] & (1 << (id & 31))) !== 0;
}

function equal(a: DomainSet, b: DomainSet): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The facts that anything from `start` on, within the moments `within` keeps (a procedure's own), can read on the
 * way to the checks of `focus`: the cone of influence of those checks at `start`, the same facts `planRun` finds
 * live there, worked over the procedure's moments only (far cheaper than a plan of the whole model). Every route,
 * guard and effect inside counts, as do the checks' own conditions; ways out of `within` read nothing. Pure.
 */
export function coneAt(
  model: Model,
  focus: ReadonlySet<number>,
  start: number,
  within: (node: number) => boolean,
): Domain[] {
  const { nodes, edges, domains } = model;
  const words = Math.ceil(domains.length / 32) || 1;
  const uses = opUsesOf(model, words);
  const inside = nodes.filter((n) => within(n.id)).sort((a, b) => b.order - a.order);
  const liveIn = new Map<number, DomainSet>();
  const none = new Uint32Array(words);
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of inside) {
      const live = new Uint32Array(words);
      for (const id of node.checks) if (focus.has(id)) orInto(live, uses.checkReads[id]);
      for (const e of node.out) {
        const after = (within(edges[e].to) && liveIn.get(edges[e].to)) || none;
        const here = after.slice();
        const opUses = uses.edges[e];
        for (let i = opUses.length - 1; i >= 0; i--) {
          const use = opUses[i];
          let matters = true;
          if (use.check !== undefined) matters = focus.has(use.check);
          else if (use.writes >= 0) {
            matters = has(here, use.writes);
            if (matters && use.kills) here[use.writes >> 5] &= ~(1 << (use.writes & 31));
          }
          if (matters) orInto(here, use.reads);
        }
        orInto(live, here);
      }
      const known = liveIn.get(node.id);
      if (!known || !equal(known, live)) {
        liveIn.set(node.id, live);
        changed = true;
      }
    }
  }
  const at = liveIn.get(start) ?? none;
  return domains.filter((d) => has(at, d.id));
}
