import type { BddNode } from "./Bdd";
import { type Crossing, imageOf, runModel } from "./runModel";
import type { Domain, Model, Op, Plan } from "./types";

/** How many distinct entries a procedure may be crossed from at one moment before it is worked through instead. */
const MAX_ENTRIES = 64;

/**
 * A way round the procedures a run passes through, for a run whose checks all lie outside them (a caller's own
 * invariants): the procedure's **summary** at its call site, applied to the states that reach it.
 *
 * The facts the run carries across a procedure fall in two: those the procedure's moments read or write (its
 * inputs, the flags and referrals it sets or tests, its own facts), and the rest, which it passes through
 * unchanged (the frame: a caller's answers, its visits, a flag only the caller reads). Carried through every moment
 * of the procedure, the frame multiplies each of its sets of states; that is what outgrew two million diagram nodes
 * for reverse-flow's and arrival's invariants around screening. Instead, the states entering the procedure are
 * split by their frame values into the few distinct entries they give the procedure; the procedure is run once
 * per distinct entry (without the frame, from its first moment to its end, itself crossing what it runs in turn),
 * and each result is joined back to the frame values that led to it. The result is exact: the same states at the
 * procedure's end as working through it, because nothing inside reads or changes the frame. Entries repeat across
 * the run and are run once each.
 *
 * A procedure that changes nothing the run keeps at its end (reverse-flow's promises about its own steps, around
 * the whole of screening) is not run at all: every state comes out as it went in, with what is not kept there
 * forgotten. That is exact when every state entering the procedure can reach its end, as in every SOP without
 * structural errors (a path stuck or refused inside is one), and more states than a case can reach otherwise,
 * which a proof can use.
 *
 * A crossed run keeps no trace inside the procedures (`tracePath` cannot go through them): a caller that finds a
 * violation traces it on a run without crossing. Pure.
 */
export function crossProcedures(
  model: Model,
  plan: Plan,
  shouldStop?: () => boolean,
  limit?: { nodes: number },
  shared?: Map<string, BddNode>,
): Crossing {
  const { bdd, nodes, edges } = model;
  const sites = new Map<number, Site | null>();
  // Summaries by procedure, entry and what the plan keeps inside the procedure: a summary depends on nothing else,
  // so runs of other plans over the same model (the next group of invariants) share it when they keep the same.
  const cache = shared ?? new Map<string, BddNode>();
  const focusInside = (scope: string) => {
    for (const check of model.checks) {
      if (!plan.focus.has(check.id)) continue;
      const node =
        check.node !== undefined
          ? nodes[check.node]
          : check.edge !== undefined
            ? nodes[edges[check.edge].from]
            : undefined;
      if (node && (node.step.startsWith(`${scope}/`) || check.scope === scope)) return true;
    }
    for (const [e, ops] of plan.ops.entries())
      if (ops.some((op) => op.kind === "check") && nodes[edges[e].from].step.startsWith(`${scope}/`)) return true;
    return false;
  };
  const siteOf = (id: number): Site | null => {
    const known = sites.get(id);
    if (known !== undefined) return known;
    let site: Site | null = null;
    const node = nodes[id];
    if (node.kind === "enter") {
      const scope = node.step;
      const bind = node.out.find((e) => nodes[edges[e].to].step.startsWith(`${scope}/`));
      const done = nodes.find((n) => n.kind === "done" && n.step === scope);
      if (bind !== undefined && done && node.out.length === 1 && !focusInside(scope)) {
        const touched = new Set<Domain>();
        const inside = (step: string) => step.startsWith(`${scope}/`);
        for (const edge of edges)
          if (inside(nodes[edge.from].step) && (inside(nodes[edge.to].step) || edge.to === done.id))
            for (const op of plan.ops[edge.id]) for (const d of domainsOf(model, op)) touched.add(d);
        // What the plan keeps and works at each moment inside, and the ops it applies there: equal for two plans
        // means the same run of the procedure from the same entry.
        const keeps: string[] = [];
        for (const n of nodes)
          if (inside(n.step) || n.id === done.id)
            keeps.push(
              `${n.id}${plan.relevant && !plan.relevant[n.id] ? "-" : ""}:${[...plan.live[n.id]].map((d) => d.id).join(",")}`,
            );
        // What the procedure can change (its way in included), whatever the plan keeps.
        const writes = new Set<Domain>();
        for (const edge of edges)
          if (
            edge.id === bind ||
            (inside(nodes[edge.from].step) && (inside(nodes[edge.to].step) || edge.to === done.id))
          )
            for (const op of edge.ops) for (const d of writtenBy(model, op)) writes.add(d);
        const transparent = ![...plan.live[done.id]].some((d) => writes.has(d));
        if (plan.coarse) keeps.push("coarse");
        // A run that drops states that cannot reach its goal ends a procedure with fewer: its own summaries.
        if (plan.goal !== undefined) keeps.push(`goal ${plan.goal}`);
        site = { scope, bind, start: edges[bind].to, done: done.id, touched, keeps: keeps.join(";"), transparent };
      }
    }
    sites.set(id, site);
    return site;
  };

  const cross: Crossing = (id, states) => {
    const site = siteOf(id);
    if (!site || shouldStop?.()) return undefined;
    // Nothing the run keeps at the procedure's end is changed inside it: every state comes out as it went in.
    if (site.transparent) {
      site.forgetAtDone ??= bdd.cube(model.domains.filter((d) => !plan.live[site.done].has(d)).flatMap((d) => d.bits));
      return { to: site.done, states: bdd.exists(states, site.forgetAtDone) };
    }
    let entry = states;
    for (const op of plan.ops[site.bind])
      if (op.kind !== "check" && op.kind !== "observe") entry = imageOf(bdd, op, entry);
    if (entry === bdd.false) return { to: site.done, states: bdd.false };
    const frame = [...bdd.support(entry)]
      .filter((v) => !site.touched.has(model.domainOfVariable[v]))
      .sort((a, b) => a - b);
    const entries = splitByFrame(model, entry, frame);
    if (!entries) return undefined;
    let out = bdd.false;
    for (const [inner, frameValues] of entries) {
      const key = `${site.scope}\u0000${inner}\u0000${site.keeps}`;
      let exit = cache.get(key);
      if (exit === undefined) {
        const before = bdd.nodeCount;
        const run = runModel(
          model,
          plan,
          {
            shouldStop: () => shouldStop?.() === true || (limit !== undefined && bdd.nodeCount - before > limit.nodes),
            maxNodes: limit === undefined ? undefined : before + limit.nodes,
          },
          {
            node: site.start,
            states: inner,
            within: (n) => n.step.startsWith(`${site.scope}/`) || n.id === site.done,
          },
          cross,
        );
        if (!run.complete) return undefined;
        exit = run.reached[site.done];
        cache.set(key, exit);
      }
      out = bdd.or(out, bdd.and(frameValues, exit));
    }
    return { to: site.done, states: out };
  };
  return cross;
}

interface Site {
  scope: string;
  bind: number;
  start: number;
  done: number;
  /** The domains some op inside the procedure reads or writes. */
  touched: Set<Domain>;
  /** What the plan keeps at each moment inside (see `siteOf`). */
  keeps: string;
  /** Nothing the plan keeps at the procedure's end is written inside it (see `cross`). */
  transparent: boolean;
  /** For a transparent procedure: the variables the plan does not keep at its end. */
  forgetAtDone?: BddNode;
}

/**
 * The states split by the values of the frame's variables: each distinct set of states over the rest, with the
 * frame values that give it. Undefined when there are more than `MAX_ENTRIES`.
 */
function splitByFrame(model: Model, states: BddNode, frame: number[]): Map<BddNode, BddNode> | undefined {
  const { bdd } = model;
  const out = new Map<BddNode, BddNode>();
  const inFrame = new Set(frame);
  const visit = (f: BddNode, values: BddNode): boolean => {
    if (f === bdd.false) return true;
    let next = -1;
    for (const v of bdd.support(f)) if (inFrame.has(v) && (next < 0 || v < next)) next = v;
    if (next < 0) {
      out.set(f, bdd.or(out.get(f) ?? bdd.false, values));
      return out.size <= MAX_ENTRIES;
    }
    return (
      visit(bdd.restrict(f, next, false), bdd.and(values, bdd.notVariable(next))) &&
      visit(bdd.restrict(f, next, true), bdd.and(values, bdd.variable(next)))
    );
  };
  return visit(states, bdd.true) ? out : undefined;
}

/** The domains an op changes. */
function writtenBy(model: Model, op: Op): Domain[] {
  switch (op.kind) {
    case "set":
    case "choose":
      return [op.domain];
    case "forget":
      return [...model.bdd.support(op.cube)].map((v) => model.domainOfVariable[v]);
    default:
      return [];
  }
}

/** The domains an op reads or writes. */
function domainsOf(model: Model, op: Op): Domain[] {
  const { bdd } = model;
  const of = (f: BddNode) => [...bdd.support(f)].map((v) => model.domainOfVariable[v]);
  switch (op.kind) {
    case "assume":
    case "check":
      return of(op.cond);
    case "set":
      return [op.domain, ...of(op.keep), ...op.cases.flatMap((c) => of(c.when))];
    case "choose":
    case "observe":
      return [op.domain];
    case "forget":
      return of(op.cube);
  }
}
