import type { BddNode } from "../exploration/Bdd";
import { crossProcedures } from "../exploration/crossProcedures";
import { coneAt, planRun } from "../exploration/liveness";
import { imageOf, runModel } from "../exploration/runModel";
import type { CheckSpec, Domain, Model } from "../exploration/types";
import { type CallSiteCache, relativeCheckKey } from "./CallSiteCache";

/** A run that goes round procedures may grow this many times the node limit: splitting it saves little. */
const CROSSING_ROOM = 5;
/** A procedure that runs others has its own invariants tried this many at a time when all at once is too large. */
const OWN_GROUP = 3;
/** At most this many checks a complete coarse run left open are worked one at a time rather than together. */
const ALONE_AFTER_COARSE = 6;
/** A procedure that runs others is proven state by state when it is entered in at most this many distinct states. */
const MAX_PIECES = 4;
/** An invariant a procedure's whole entry left open is proven state by state when entered in at most this many. */
const MAX_STATES_APART = 64;

/** What the proofs at call sites settled. */
export interface CallSiteProofs {
  /** Checks (by id) proven: no state breaks them. */
  proven: Set<number>;
  /** Runs of the model made. */
  runs: number;
  /** False when the run of the entries grew too large: nothing was settled at a call site. */
  complete: boolean;
}

/**
 * Proves the invariants of the procedures an SOP runs **compositionally, one call site at a time**, instead of in
 * runs of the whole case.
 *
 * 1. Entries: one run of the whole model keeps track, up to each call site, of the facts that site's invariants
 *    can read before the procedure writes them (its bound inputs, the flags, referrals, consents, deadlines and
 *    follow-ups already on the case; found by the same backward reading as every run, `planRun`). Everything else
 *    is forgotten as soon as nothing ahead reads it, so this run is about as large as one with no invariant at all.
 * 2. Procedures: for each call site, a run that starts where the procedure starts, with exactly the states the
 *    entry run brings there (the binding of its inputs applied), and works only the procedure's own moments (and
 *    those of what it runs in turn) to its ends, where its invariants are checked. A check no state reaches is
 *    proven: the run covers every way into the procedure and every path through it.
 *
 * Why: a model inlines every step of every procedure the SOP runs, so one run for screening's invariants inside
 * arrival works through arrival, two screenings and reverse-flow, carrying each invariant's facts all the way;
 * single invariants outgrew two million diagram nodes and each run cost seconds. Split at the call site, the entry
 * run is paid once and each procedure's run costs what that procedure costs given what it can be entered with.
 * It is exact (the same states as the whole run, only not carried where nothing reads them), so a check it leaves
 * open (a state breaks it, or a run grew too large) is checked by the whole run as before, which traces a
 * counterexample back to the opening of the case and plays it through the runtime.
 *
 * A procedure's own promises are tried first on a coarse run (`planRun`: a route whose condition reads nothing the
 * promise keeps is open to every state). Most promises do not hang on such routes and are proven in a fraction of
 * the exact run (86 of reverse-flow's 90 checks inside arrival, in 339,000 nodes where the exact runs outgrew ten
 * million); what the coarse run finds is settled by the exact runs below.
 *
 * A procedure that runs others has its own promises proven in one run that goes round the procedures it runs
 * (`crossProcedures`), a few at a time if that is too large. With a `cache`, a procedure entered in exactly the
 * states it was proven from before (screening inside arrival and inside reverse-flow, triage twice in arrival, or
 * in another SOP of the library) keeps those proofs (see `CallSiteCache`). Pure.
 */
export function proveCallSites(
  model: Model,
  checks: readonly CheckSpec[],
  nodeLimit: number,
  shouldStop?: () => boolean,
  debug?: (line: string) => void,
  cache?: CallSiteCache,
  summaries?: Map<string, BddNode>,
): CallSiteProofs {
  const { bdd, nodes, edges } = model;
  const out: CallSiteProofs = { proven: new Set(), runs: 0, complete: true };
  const sites = new Map<string, Site>();
  for (const node of nodes) {
    if (node.kind !== "enter") continue;
    // A procedure step: its way in binds the inputs and leads to the procedure's first step.
    const bind = node.out.find((e) => nodes[edges[e].to].step.startsWith(`${node.step}/`));
    if (bind === undefined || nodes[edges[bind].to].kind !== "enter") continue;
    sites.set(node.step, { scope: node.step, bind, start: edges[bind].to, needs: [], checks: [] });
  }
  for (const check of checks)
    if (check.kind === "violation" && check.scope && check.node !== undefined)
      sites.get(check.scope)?.checks.push(check);
  const inside = (scope: string, path: string) => path === scope || path.startsWith(`${scope}/`);
  /** A moment of the procedure run at `scope` (not the procedure step's own moments in its caller). */
  const ofProcedure = (scope: string, node: number) => nodes[node].step.startsWith(`${scope}/`);
  for (const site of sites.values()) {
    const deep = checks.filter((c) => c.kind === "violation" && c.scope && inside(site.scope, c.scope));
    site.needs = coneAt(model, new Set(deep.map((c) => c.id)), site.start, (n) => ofProcedure(site.scope, n));
  }
  const parentOf = (scope: string) => (scope.includes("/") ? scope.slice(0, scope.lastIndexOf("/")) : "");
  const childrenOf = (scope: string) => [...sites.values()].filter((s) => parentOf(s.scope) === scope);
  /** States with every domain but `keep` forgotten. */
  const only = (states: BddNode, keep: ReadonlySet<Domain>) =>
    bdd.exists(states, bdd.cube(model.domains.filter((d) => !keep.has(d)).flatMap((d) => d.bits)));
  const limited = (before: number, limit: number) => () => bdd.nodeCount - before > limit || shouldStop?.() === true;

  /** One run inside `scope` from its entry (the case's opening for the root): its checks, its children's entries. */
  const work = (
    scope: string,
    entry: BddNode | undefined,
    own: CheckSpec[],
    children: Site[],
    cross = false,
    roomy = false,
  ): boolean => {
    const start = entry === undefined ? undefined : sites.get(scope)!.start;
    const liveAt = new Map<number, Domain[]>();
    for (const child of children) liveAt.set(child.start, [...(liveAt.get(child.start) ?? []), ...child.needs]);
    const plan = planRun(model, new Set(own.map((c) => c.id)), new Set(), liveAt, true);
    const before = bdd.nodeCount;
    // The entry, with what this run does not read forgotten (the run forgets only what it has kept).
    const states = start === undefined ? undefined : only(entry!, plan.live[start]);
    // Entries for several call sites at once are split early: apart, each keeps fewer facts.
    const several = children.length > 1;
    // One call site's entries that outgrow the limit cannot be split further: they get the room a crossing gets.
    // All of a procedure's own promises at once is only a try (a few at a time follow): it gets no extra room.
    const atOnce = byInvariant(own).length > OWN_GROUP;
    const limit = several ? nodeLimit / 4 : (cross && !atOnce) || roomy ? nodeLimit * CROSSING_ROOM : nodeLimit;
    const stop = limited(before, limit);
    const run = runModel(
      model,
      plan,
      { shouldStop: stop, maxNodes: before + limit },
      start === undefined || states === undefined
        ? undefined
        : { node: start, states, within: (n) => inside(scope, n.step) && n.step !== scope },
      cross ? crossProcedures(model, plan, stop, { nodes: limit }, summaries) : undefined,
    );
    out.runs++;
    debug?.(
      `call site ${scope || "(root)"}${cross ? " (crossing)" : ""}: ${own.length} checks [${[...new Set(own.map((c) => c.invariant))].join(" ")}], entries ${children.map((c) => c.scope).join(" ")} ${run.complete ? "" : "BLOWN "}${bdd.nodeCount - before}`,
    );
    if (!run.complete) return false;
    for (const check of own) if (run.found[check.id] === bdd.false) out.proven.add(check.id);
    for (const child of children) {
      let at: BddNode = run.reached[edges[child.bind].from];
      for (const op of plan.ops[child.bind])
        if (op.kind !== "check" && op.kind !== "observe") at = imageOf(bdd, op, at);
      child.entry = only(at, new Set(child.needs));
    }
    return true;
  };

  /** The checks of `own` a coarse run from the procedure's entry finds nothing for (proven: see `planRun`). */
  const proveCoarsely = (
    scope: string,
    entry: BddNode,
    own: CheckSpec[],
  ): { proven: Set<number>; complete: boolean } => {
    const start = sites.get(scope)!.start;
    const plan = planRun(model, new Set(own.map((c) => c.id)), new Set(), new Map(), true, true);
    const before = bdd.nodeCount;
    const limit = nodeLimit / 2;
    const stop = limited(before, limit);
    const run = runModel(
      model,
      plan,
      { shouldStop: stop, maxNodes: before + limit },
      { node: start, states: only(entry, plan.live[start]), within: (n) => inside(scope, n.step) && n.step !== scope },
      crossProcedures(model, plan, stop, { nodes: limit }, summaries),
    );
    out.runs++;
    const proven = new Set<number>();
    if (run.complete) for (const check of own) if (run.found[check.id] === bdd.false) proven.add(check.id);
    debug?.(
      `call site ${scope} (coarse): ${proven.size} of ${own.length} checks proven ${run.complete ? "" : "BLOWN "}${bdd.nodeCount - before}`,
    );
    for (const id of proven) out.proven.add(id);
    return { proven, complete: run.complete };
  };

  /** Checks (by id) proven by the cache for what they read of their entry: not worked again below. */
  const settled = new Set<number>();
  /** The facts an invariant (its checks at one place) can read at a call site's first moment. */
  const coneOf = (site: Site, group: CheckSpec[]): Domain[] =>
    coneAt(model, new Set(group.map((c) => c.id)), site.start, (n) => ofProcedure(site.scope, n));

  /** Settles a scope's own checks and its children's entries, splitting the work where a run grows too large. */
  const settle = (scope: string, entry: BddNode | undefined) => {
    const within =
      scope === "" ? [] : checks.filter((c) => c.kind === "violation" && c.scope && inside(scope, c.scope));
    if (scope === "" || !cache) return settleHere(scope, entry);
    // Entry abstraction: each invariant looked up by its entry projected on what it reads (`invariantKeyOf`), so an
    // entry that differs from one proven before only in facts the invariant never reads keeps its proof.
    const open: { group: CheckSpec[]; key?: string }[] = [];
    for (const group of byInvariant(within.filter((c) => !settled.has(c.id)))) {
      const key = cache.invariantKeyOf(model, scope, entry!, coneOf(sites.get(scope)!, group), group);
      if (key !== undefined && cache.provenFor(key))
        for (const check of group) {
          settled.add(check.id);
          out.proven.add(check.id);
        }
      else open.push({ group, key });
    }
    debug?.(`call site ${scope}: ${within.length - open.flatMap((o) => o.group).length} checks kept by what they read`);
    if (open.length === 0) return;
    settleWhole(scope, entry!, within);
    if (shouldStop?.()) return;
    for (const { group, key } of open)
      if (key !== undefined && group.every((c) => out.proven.has(c.id))) cache.setProven(key);
    // What the whole entry left open, one invariant entered in one state at a time.
    for (const { group } of open)
      if (group.every((c) => c.scope === scope) && !group.every((c) => out.proven.has(c.id)) && !shouldStop?.())
        settleByState(scope, entry!, group);
  };
  /**
   * One of the procedure's own invariants, proven for each state of its entry apart (the entry projected on what
   * the invariant reads there): entered in one state, a procedure's run is about what it costs alone from a case's
   * opening; entered in all of them at once, the states it keeps multiply. Each state's proof is kept by what the
   * invariant reads (`invariantKeyOf`), so a state proven before (alone, or at another call site) is not run again.
   * Proven when every state is.
   */
  const settleByState = (scope: string, entry: BddNode, group: CheckSpec[]) => {
    const cone = coneOf(sites.get(scope)!, group);
    const pieces = cache!.split(model, scope, entry, cone, MAX_STATES_APART);
    debug?.(`call site ${scope}: ${group[0].invariant} entered in ${pieces ? pieces.length : "too many"} states apart`);
    if (!pieces) return;
    for (const piece of pieces) {
      const key = cache!.invariantKeyOf(model, scope, piece.states, cone, group);
      if (key !== undefined && cache!.provenFor(key)) continue;
      const outside = out.proven;
      out.proven = new Set();
      settleHere(scope, piece.states, group);
      const here = out.proven;
      out.proven = outside;
      if (!group.every((c) => here.has(c.id))) return;
      if (key !== undefined) cache!.setProven(key);
    }
    for (const check of group) {
      settled.add(check.id);
      out.proven.add(check.id);
    }
  };
  /** A procedure entered the same way before (here or in another SOP of the library): its proofs stand. */
  const settleWhole = (scope: string, entry: BddNode, within: CheckSpec[]) => {
    if (!cache) return;
    const needs = sites.get(scope)!.needs;
    // A procedure that runs others is proven state by state (each its own cost, as alone from a case's opening;
    // together they multiply each other's sets of states), each state once; a simple one with all its entry at once.
    const composite = childrenOf(scope).length > 0;
    const pieces = composite ? cache.split(model, scope, entry!, needs, MAX_PIECES) : undefined;
    const key = pieces ? undefined : cache.keyOf(model, scope, entry!, needs);
    const parts = pieces && pieces.length > 0 ? pieces : [{ key, states: entry! }];
    debug?.(`call site ${scope}: entered in ${pieces ? `${pieces.length} states, one at a time` : "one piece"}`);
    let proven: Set<number> | undefined;
    for (const part of parts) {
      const known = part.key === undefined ? undefined : cache.get(part.key);
      const here = new Set<number>();
      if (known) {
        for (const check of within) if (known.has(relativeCheckKey(check, scope))) here.add(check.id);
        debug?.(`call site ${scope}: entered as before, ${known.size} proofs kept`);
      } else {
        const outside = out.proven;
        out.proven = here;
        settleHere(scope, part.states);
        out.proven = outside;
        if (part.key !== undefined && !shouldStop?.())
          cache.set(part.key, new Set(within.filter((c) => here.has(c.id)).map((c) => relativeCheckKey(c, scope))));
      }
      // Proven at the site: proven for every state it is entered in.
      proven = proven ? new Set([...proven].filter((id) => here.has(id))) : here;
      if (proven.size === 0 && shouldStop?.()) break;
    }
    for (const id of proven ?? []) out.proven.add(id);
  };
  /** Settles a scope's own checks (only `subset` of them, and not its children's entries, when given). */
  const settleHere = (scope: string, entry: BddNode | undefined, subset?: CheckSpec[]) => {
    const own = subset ?? (scope === "" ? [] : sites.get(scope)!.checks.filter((c) => !settled.has(c.id)));
    // A procedure whose every check is settled needs no entry.
    const children = subset
      ? []
      : childrenOf(scope).filter((child) =>
          checks.some((c) => c.kind === "violation" && c.scope && inside(child.scope, c.scope) && !settled.has(c.id)),
        );
    // A procedure that runs others: its promises lie outside the procedures it runs, so its runs go round them
    // (`crossProcedures`): all at once first, since the cost is mostly the procedures' own paths, the same for one
    // promise or all; a few at a time if that is too large (and from the start where it was too large before).
    const composite = subset ? childrenOf(scope).length > 0 : children.length > 0;
    const text = composite && cache ? cache.textOf(model, scope) : undefined;
    let grouped = text !== undefined && cache!.tooLargeAtOnce.has(text);
    const jobs: { own: CheckSpec[]; children: Site[]; coarse?: boolean }[] = composite
      ? [
          { own: [], children },
          ...(grouped
            ? chunks(byInvariant(own), OWN_GROUP).map((group) => ({ own: group.flat(), children: [] }))
            : own.length > 0
              ? [{ own, children: [] }]
              : []),
        ]
      : [{ own, children }];
    while (jobs.length > 0 && !shouldStop?.()) {
      const job = jobs.shift()!;
      // Its own promises first on a coarse run (`planRun`): what that finds nothing for is proven; the rest (and
      // those a coarse run of an earlier job proved) are not worked again.
      const coarse =
        job.own.length > 0 && job.children.length === 0 && entry !== undefined && !job.coarse
          ? proveCoarsely(scope, entry, job.own)
          : undefined;
      job.own = job.own.filter((check) => !out.proven.has(check.id));
      if (job.own.length === 0 && job.children.length === 0) continue;
      // What a complete coarse run leaves open hangs on the routes: the costly checks. A few of them are worked one
      // at a time (together, their facts multiply: two that outgrew ten million nodes took 2.4 and 0 million apart).
      if (coarse?.complete && job.own.length > 1 && job.own.length <= ALONE_AFTER_COARSE) {
        jobs.unshift(...job.own.map((check) => ({ own: [check], children: [], coarse: true })));
        continue;
      }
      // Its own checks lie outside the procedures it runs: go round them (exact, and far smaller).
      if (work(scope, entry, job.own, job.children, composite && job.children.length === 0)) continue;
      const parts = byInvariant(job.own);
      // All at once was too large: a few invariants at a time.
      if (composite && !grouped && job.children.length === 0 && parts.length > OWN_GROUP) {
        grouped = true;
        if (text !== undefined) cache!.tooLargeAtOnce.add(text);
        jobs.unshift(...chunks(parts, OWN_GROUP).map((group) => ({ own: group.flat(), children: [] })));
        continue;
      }
      if (job.own.length > 0 && job.children.length > 0)
        jobs.unshift({ own: job.own, children: [] }, { own: [], children: job.children });
      else if (job.children.length > 1) {
        const half = Math.ceil(job.children.length / 2);
        jobs.unshift(
          { own: [], children: job.children.slice(0, half) },
          { own: [], children: job.children.slice(half) },
        );
      } else if (parts.length > 1) {
        const half = Math.ceil(parts.length / 2);
        jobs.unshift(
          { own: parts.slice(0, half).flat(), children: [] },
          { own: parts.slice(half).flat(), children: [] },
        );
      } else if (job.own.length > 1) {
        // One invariant: its expectations apart.
        const half = Math.ceil(job.own.length / 2);
        jobs.unshift({ own: job.own.slice(0, half), children: [] }, { own: job.own.slice(half), children: [] });
      } else if (
        // One check: round the procedures with more room. In a procedure that runs others it already had that room,
        // but a second try is not the same run: it starts from every node the first one made (the store keeps them),
        // and inside arrival it is what settles a check whose first try outgrew ten million nodes.
        job.own.length === 1
          ? !work(scope, entry, job.own, [], true)
          : !work(scope, entry, [], job.children, false, true)
      )
        out.complete = false;
    }
    for (const child of children) if (child.entry !== undefined) settle(child.scope, child.entry);
  };
  settle("", undefined);
  return out;
}

interface Site {
  scope: string;
  /** The procedure step's edge into the procedure (binding its inputs), and the procedure's first moment. */
  bind: number;
  start: number;
  /** What the checks inside it (its own and those of what it runs) can read of its entry. */
  needs: Domain[];
  checks: CheckSpec[];
  /** The states it is entered with, over `needs`, once known. */
  entry?: BddNode;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function byInvariant(checks: CheckSpec[]): CheckSpec[][] {
  const groups = new Map<string, CheckSpec[]>();
  for (const check of checks) {
    const key = `${check.scope}:${check.invariant}`;
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  return [...groups.values()];
}
