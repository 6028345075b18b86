import type { CaseSession } from "../../case/CaseSession";
import type { CompiledSop } from "../../compile/CompiledSop";
import type { StepAction } from "../../definition/types";
import { describeActions } from "../answers/describeAnswer";
import { answerSpacesOf, modelSop } from "../exploration/analyseSop";
import type { BddNode } from "../exploration/Bdd";
import { crossProcedures } from "../exploration/crossProcedures";
import { planRun } from "../exploration/liveness";
import { playable, replay } from "../exploration/playCase";
import { imageOf, type ModelRun, preimageOf, runModel } from "../exploration/runModel";
import { tracePath } from "../exploration/tracePath";
import type { CheckSpec, Model } from "../exploration/types";
import { CallSiteCache } from "./CallSiteCache";
import { findSkippedReferrals } from "./findSkippedReferrals";
import { findStructuralIssues, usedStepsAndRoutes } from "./findStructuralIssues";
import { findSurfaceLeaks } from "./findSurfaceLeaks";
import { minimizeCounterexample } from "./minimizeCounterexample";
import { proveCallSites } from "./proveCallSites";
import type { CheckOptions, CheckReport, Counterexample, InvariantVerdict } from "./types";

const DEFAULT_NODE_LIMIT = 2_000_000;
/** The SOP's own invariants are tried this many at a time: their promises span the case, and together grow fast. */
const ROOT_GROUP = 3;
/** A single check (one expectation of one invariant) that outgrows the limit is tried round the procedures with
 * this many times the room: it cannot be split further (as `proveCallSites` does for a procedure's). */
const SINGLE_ROOM = 5;
/**
 * The run of the structure of every path (every moment, every route) cannot be split: its cost is the routes, not
 * its checks. One too large for the node limit is tried once with this many times the room.
 */
const STRUCTURE_ROOM = 25;

/**
 * Proves or refutes every invariant of an SOP, and of the SOPs it runs, over every case the SOP allows, and checks
 * the structure of its paths (every path ends; no sensitive question without consent; no deadline already past; no
 * loop a case cannot leave; steps, routes and answers no path can use).
 *
 * The method is symbolic: the analysis builds a model of the case (`modelSop`) whose states are sets, kept as
 * binary decision diagrams over the answer classes and the facts a case accumulates, and computes every reachable
 * state at every step at once. Answers that no condition tells apart are one class; facts nothing ahead reads are
 * forgotten; each run keeps track of the facts of a few invariants only (all of them first, then fewer where a run
 * grows too large). A violation is traced back to the answers that lead to it, and the path is played as a real
 * case: only what the case runtime confirms is reported. Pure: time and cancellation come in through `options`.
 *
 * @example
 * const report = checkSop(compiled);
 * report.verdicts.filter((v) => v.status === "violated")[0]?.counterexample?.actions;
 */
export function checkSop(compiled: CompiledSop, options: CheckOptions = {}): CheckReport {
  const locale = options.locale ?? "en";
  const control = options.control ?? {};
  const now = control.now ?? (() => 0);
  const started = now();
  const progress = (phase: "answers" | "model" | "invariants" | "structure", done: number, total: number) =>
    control.onProgress?.({ sop: compiled.id, phase, done, total });
  // Long runs (call sites, a group going round procedures) say they are alive about once a second, with the run
  // they are in, so that a caller's progress line never goes quiet.
  let lastAlive = started;
  let runAt = { done: 0, total: 1 };
  const alive = () => {
    const at = now();
    if (at - lastAlive < 1000) return;
    lastAlive = at;
    progress("invariants", runAt.done, runAt.total);
  };
  progress("answers", 0, 1);
  const spaces = answerSpacesOf(compiled);
  progress("model", 0, 1);
  const model = modelSop(compiled, { purpose: "check" }, spaces);
  const bdd = model.bdd;

  const verdicts = new Map<string, InvariantVerdict>();
  const chosen = (key: string) => !options.invariants || options.invariants.has(key);
  for (const scope of compiled.scopes.values())
    for (const invariant of scope.sop.invariants ?? []) {
      const key = `${scope.sop.id}:${invariant.id}`;
      if (!chosen(key)) continue;
      const known = verdicts.get(key);
      if (known) known.scopes.push(scope.path);
      else
        verdicts.set(key, {
          sop: scope.sop.id,
          invariant: invariant.id,
          text: invariant.text,
          scopes: [scope.path],
          status: "proven",
        });
    }
  const verdictOf = (check: CheckSpec) => verdicts.get(`${check.sop}:${check.invariant}`)!;
  const unproven = new Map<string, string>();
  for (const u of model.unsupported)
    if (verdicts.has(u.where))
      unproven.set(
        u.where,
        `the analysis cannot reason about ${u.reason.replace(/^the analysis cannot reason about /, "")}`,
      );

  // Expressions of steps (bindings, conditions, deadline times) the model could only over-approximate.
  const approximated = model.unsupported.filter((u) => !verdicts.has(u.where) && !u.where.includes(":"));
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  let runs = 0;
  let stopped = false;
  let structureRun: ModelRun | undefined;
  const pastDeadlines = new Map<number, StepAction[]>();
  const invariantChecks = model.checks.filter((c) => c.kind === "violation" && chosen(`${c.sop}:${c.invariant}`));
  const deadlineChecks = model.checks.filter((c) => c.kind !== "violation");

  // Summaries of procedures gone round (`crossProcedures`), shared by every run over this model that keeps the same.
  const summaries = new Map<string, BddNode>();
  const runGroup = (checks: CheckSpec[], cross = false, coarse = false, limit = nodeLimit) => {
    // A run of invariants only works the moments that lead to them, and goes round the procedures none of them is
    // inside (`crossProcedures`); one with the structure's checks works every moment.
    const prune = checks.length > 0 && checks.every((c) => c.kind === "violation");
    const plan = planRun(model, new Set(checks.map((c) => c.id)), new Set(), new Map(), prune, coarse && prune);
    const before = bdd.nodeCount;
    let blown = false;
    runs++;
    const shouldStop = () => {
      alive();
      if (control.shouldStop?.()) {
        stopped = true;
        return true;
      }
      blown = bdd.nodeCount - before > limit;
      return blown;
    };
    const crossing = prune && cross ? crossProcedures(model, plan, shouldStop, { nodes: limit }, summaries) : undefined;
    const run = runModel(model, plan, { shouldStop, maxNodes: before + limit }, undefined, crossing);
    if (!run.complete && !stopped) blown = true;
    return { run, blown, crossed: crossing !== undefined };
  };

  const settle = (run: ModelRun, checks: CheckSpec[]) => {
    for (const check of checks) {
      const hit = run.found[check.id];
      if (hit === bdd.false) continue;
      if (check.kind !== "violation") {
        if (!pastDeadlines.has(check.id)) {
          const actions = traceCheck(run, check);
          if (actions) pastDeadlines.set(check.id, playable(compiled, actions));
        }
        continue;
      }
      const verdict = verdictOf(check);
      if (verdict.status === "violated") continue;
      const traced = traceCheck(run, check);
      const actions = traced && playable(compiled, traced);
      const confirmed = actions && breaks(replay(compiled, actions).session, check);
      if (!actions || !confirmed) {
        unproven.set(
          `${check.sop}:${check.invariant}`,
          approximated.length > 0
            ? `the analysis found a path that breaks it, but a case played along that path does not: it could only approximate ${approximated.map((u) => `an expression at ${u.where}`).join(", ")} (see the analysis-unsupported warnings)`
            : "the analysis found a path that breaks it, but a case played along that path does not: a fault in the analysis (please report it)",
        );
        continue;
      }
      verdict.status = "violated";
      const shorter = minimizeCounterexample(compiled, model.spaces, actions, (session) => breaks(session, check));
      verdict.counterexample = counterexampleOf(compiled, model, shorter.actions, shorter.telling, check, locale);
    }
  };

  // Groups: everything at once for a small SOP; else the invariants of each simple procedure run together, and those
  // of the SOP and of procedures that run others (their promises span long stretches of the case, and together
  // grow fast) a few at a time. A group whose run grows past the limit is halved: by invariants, then expectations.
  const composite = (scope: string) =>
    Object.values(compiled.scopes.get(scope)?.sop.steps ?? {}).some((s) => s.kind === "procedure");
  const ranks = new Map<string, number>();
  for (const c of invariantChecks) {
    const key = `${c.scope}:${c.invariant}`;
    if (!ranks.has(key)) ranks.set(key, [...ranks.keys()].filter((k) => k.startsWith(`${c.scope}:`)).length);
  }
  const firstGroup = (c: CheckSpec) => {
    if (c.kind !== "violation") return "structure";
    if (!composite(c.scope!)) return c.scope!;
    return `${c.scope}:${Math.floor(ranks.get(`${c.scope}:${c.invariant}`)! / ROOT_GROUP)}`;
  };
  const callSites = options.callSites ?? new CallSiteCache();
  // The SOP's own invariants proven before, where a caller entered it with nothing they read set (or the SOP was
  // checked alone): the same run from the same states (see `CallSiteCache.invariantKeyOf`).
  const rootKeys = new Map<string, string>();
  for (const group of split(
    invariantChecks.filter((c) => c.scope === ""),
    (c) => c.invariant!,
  )) {
    const key = callSites.invariantKeyOf(model, "", bdd.true, [], group);
    if (key !== undefined) rootKeys.set(group[0].invariant!, key);
  }
  const keptAtRoot = new Set(
    [...rootKeys].filter(([, key]) => callSites.provenFor(key)).map(([invariant]) => invariant),
  );
  // The procedures' invariants, call site by call site (see `proveCallSites`); what they leave open, the whole runs
  // below settle, with counterexamples played from the opening of the case.
  const atSites = proveCallSites(
    model,
    invariantChecks.filter((c) => c.scope !== ""),
    nodeLimit,
    () => {
      alive();
      if (control.shouldStop?.()) stopped = true;
      return stopped;
    },
    options.debug,
    // Within one SOP too: screening runs twice in arrival.
    callSites,
    summaries,
  );
  runs += atSites.runs;
  const all = [
    ...invariantChecks.filter((c) => !atSites.proven.has(c.id) && !(c.scope === "" && keptAtRoot.has(c.invariant!))),
    ...deadlineChecks,
  ];
  let queue: CheckSpec[][] = model.nodes.length > 400 ? split(all, firstGroup) : [all];
  if (queue.length === 0) queue = [[]];
  const halve = (checks: CheckSpec[]): CheckSpec[][] => {
    const byInvariant = split(checks, (c) => (c.kind === "violation" ? `${c.scope}:${c.invariant}` : `${c.id}`));
    const parts = byInvariant.length > 1 ? byInvariant : checks.map((c) => [c]);
    const half = Math.ceil(parts.length / 2);
    return [parts.slice(0, half).flat(), parts.slice(half).flat()];
  };
  let done = 0;
  let structureTooLarge = false;
  while (queue.length > 0 && !stopped) {
    const checks = queue.shift()!;
    runAt = { done, total: done + queue.length + 1 };
    progress("invariants", runAt.done, runAt.total);
    const t0 = now();
    // Invariants first on a coarse run, going round the procedures (`planRun`): what it finds nothing for is proven;
    // the rest are settled by the exact runs below, which trace what breaks them.
    if (checks.length > 0 && checks.every((c) => c.kind === "violation")) {
      const coarse = runGroup(checks, true, true);
      const open = coarse.run.complete ? checks.filter((c) => coarse.run.found[c.id] !== bdd.false) : checks;
      options.debug?.(
        `${checks.length} ${checks[0].scope}:${checks[0].invariant} coarse: ${checks.length - open.length} proven ${coarse.blown ? "BLOWN" : ""} ${Math.round(now() - t0)}`,
      );
      if (open.length === 0) {
        done++;
        continue;
      }
      checks.splice(0, checks.length, ...open);
    }
    let { run, blown } = runGroup(checks);
    // The structure's run (it works every moment): halving its checks would not make it smaller.
    const structural = checks.some((c) => c.kind !== "violation");
    if (blown && structural && !stopped) ({ run, blown } = runGroup(checks, false, false, nodeLimit * STRUCTURE_ROOM));
    // One invariant too large worked through every procedure: again, round the procedures (a violation found that
    // way is traced on a run through them, which a real counterexample's path keeps small).
    if (blown && byInvariantCount(checks) === 1 && !stopped) {
      // A single check cannot be split further: it gets the room a crossing gets at a call site.
      const again = runGroup(checks, true, false, checks.length === 1 ? nodeLimit * SINGLE_ROOM : nodeLimit);
      if (again.run.complete && checks.some((c) => again.run.found[c.id] !== bdd.false)) {
        run = again.run;
        blown = false;
        const traced = runGroup(checks, false);
        if (traced.run.complete) run = traced.run;
      } else ({ run, blown } = again);
    }
    options.debug?.(
      `${checks.length} ${checks[0]?.scope}:${checks[0]?.invariant} ${blown ? "BLOWN" : ""} ${Math.round(now() - t0)}`,
    );
    done++;
    if (!structureRun && run.complete && !run.plan.relevant) structureRun = run;
    if (blown && structural) {
      structureTooLarge = true;
      const invariants = checks.filter((c) => c.kind === "violation");
      if (invariants.length > 0) queue.unshift(invariants);
      continue;
    }
    if (blown && checks.length > 1) {
      queue.unshift(...halve(checks));
      continue;
    }
    if (!run.complete) {
      for (const check of checks)
        if (check.kind === "violation" && verdictOf(check).status !== "violated")
          unproven.set(
            `${check.sop}:${check.invariant}`,
            stopped
              ? "the check was stopped before it was settled"
              : `keeping track of its facts alone needs more than ${nodeLimit.toLocaleString("en")} diagram nodes`,
          );
      continue;
    }
    settle(run, checks);
  }
  if (stopped)
    for (const check of invariantChecks)
      if (verdictOf(check).status === "proven" && !unproven.has(`${check.sop}:${check.invariant}`))
        unproven.set(`${check.sop}:${check.invariant}`, "the check was stopped before it was settled");
  for (const [key, note] of unproven) {
    const verdict = verdicts.get(key)!;
    if (verdict.status === "violated") continue;
    verdict.status = "unproven";
    verdict.note = note;
  }
  if (!stopped)
    for (const [invariant, key] of rootKeys)
      if (verdicts.get(`${compiled.id}:${invariant}`)?.status === "proven") callSites.setProven(key);
  progress("structure", 0, 1);
  const t1 = now();
  if (!structureRun && !stopped && !structureTooLarge) {
    let { run, blown } = runGroup([]);
    if (blown && !stopped) ({ run, blown } = runGroup([], false, false, nodeLimit * STRUCTURE_ROOM));
    if (run.complete) structureRun = run;
    else if (!stopped) structureTooLarge = true;
  }
  const issues = structureRun ? findStructuralIssues(structureRun, pastDeadlines, locale) : [];
  for (const u of approximated)
    issues.push({
      kind: "analysis-unsupported",
      severity: "warning",
      step: u.where,
      message: `${u.reason}; the analysis takes every value it could have there, so an invariant that depends on it may stay unproven`,
    });
  // Never silently clean: a structure not worked out is said, and is not a complete check.
  if (structureTooLarge)
    issues.push({
      kind: "structure-undecided",
      severity: "warning",
      step: "",
      message: `the structure of its paths (ends, loops, consent, deadlines, unused steps and routes, surface leaks) could not be worked out within ${(nodeLimit * STRUCTURE_ROOM).toLocaleString("en")} diagram nodes`,
    });
  const t15 = now();
  if (structureRun) issues.push(...findSkippedReferrals(structureRun, locale));
  options.debug?.(`structural issues ${Math.round(t15 - t1)} ms, skipped referrals ${Math.round(now() - t15)} ms`);
  const t2 = now();
  if (structureRun && !stopped)
    issues.push(...findSurfaceLeaks(model, locale, control.shouldStop, structureRun, 2 * nodeLimit, options.debug));
  options.debug?.(`structure ${Math.round(t2 - t1)} ms, surface leaks ${Math.round(now() - t2)} ms`);
  if (structureRun)
    for (const verdict of verdicts.values()) {
      if (verdict.status !== "proven") continue;
      const runs = verdict.scopes.some((scope) => scope === "" || reachedStep(structureRun!, scope));
      if (!runs) verdict.note = "the procedure that states it never runs on any path, so it never has to hold";
    }
  progress("structure", 1, 1);
  return {
    sop: compiled.id,
    version: compiled.version,
    complete:
      [...verdicts.values()].every((v) => v.status !== "unproven") &&
      !stopped &&
      !issues.some((i) => i.kind === "surface-leak-undecided" || i.kind === "structure-undecided"),
    verdicts: [...verdicts.values()],
    issues,
    used: structureRun ? usedStepsAndRoutes(structureRun) : [],
    stats: { runs, nodes: model.nodes.length, diagramNodes: bdd.nodeCount, milliseconds: now() - started },
  };
}

function byInvariantCount(checks: CheckSpec[]): number {
  return new Set(checks.map((c) => `${c.scope}:${c.invariant}`)).size;
}

function split<T>(items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return [...groups.values()];
}

/** Whether a step (by path) is reached on some path. */
export function reachedStep(run: ModelRun, path: string): boolean {
  const node = run.model.nodes.find((n) => n.kind === "enter" && n.step === path);
  return node !== undefined && run.reached[node.id] !== run.model.bdd.false;
}

/** The answers that lead to a check's states: to its node, or through its edge up to the check. */
function traceCheck(run: ModelRun, check: CheckSpec): StepAction[] | undefined {
  const { model } = run;
  const bdd = model.bdd;
  if (check.node !== undefined) return tracePath(run, check.node, run.found[check.id])?.actions;
  // A check inside an edge: go back through the ops before it to the states at the edge's source.
  for (const edge of model.edges) {
    const ops = run.plan.ops[edge.id];
    const at = ops.findIndex((op) => op.kind === "check" && op.check === check.id);
    if (at < 0) continue;
    let states = bdd.and(run.found[check.id], check.cond);
    for (let i = at - 1; i >= 0; i--) states = preimageOf(bdd, ops[i], states);
    states = bdd.and(states, run.reached[edge.from]);
    if (states === bdd.false) continue;
    const path = tracePath(run, edge.from, states);
    if (!path) continue;
    // The edge itself: its action, with an answer that reaches the check.
    const action = edge.action;
    if (!action) return path.actions;
    if (action.kind === "acknowledge") return [...path.actions, { step: action.step }];
    if (action.kind === "refer") return [...path.actions, { step: action.step, answer: action.consent }];
    return [...path.actions, { step: action.step, answer: answerReaching(run, edge.id, states, at, check) }];
  }
  return undefined;
}

/** An answer on an edge that leads from `states` to the check at op `at`. */
function answerReaching(run: ModelRun, edgeId: number, states: BddNode, at: number, check: CheckSpec): unknown {
  const { model } = run;
  const bdd = model.bdd;
  const edge = model.edges[edgeId];
  const action = edge.action!;
  const compiledStep = model.compiled.steps.get(action.step)!;
  const s = compiledStep.step;
  const variable = s.kind === "question" || s.kind === "checklist" ? s.variable : undefined;
  const space = variable
    ? model.spaces.space(model.compiled.scopes.get(compiledStep.scope)!.sop.id, variable)
    : undefined;
  if (!space) return s.kind === "checklist" ? s.items.filter((i) => i.required).map((i) => i.id) : undefined;
  const domain = action.kind === "answer" ? action.domain : undefined;
  if (domain) {
    let current = states;
    const ops = run.plan.ops[edgeId];
    for (let i = 0; i < at; i++) {
      const op = ops[i];
      if (op.kind === "assume" || op.kind === "set" || op.kind === "choose") current = imageOf(bdd, op, current);
    }
    current = bdd.and(current, check.cond);
    for (const v of domain.classValues ?? [])
      if (bdd.and(current, domain.is[v]) !== bdd.false)
        return space.candidates[space.classes[domain.classOf![v]].representative].json;
  }
  return space.candidates[space.classes[0].representative].json;
}

/** Whether a case breaks the check's invariant, with the same expectation, where the analysis says. */
function breaks(session: CaseSession, check: CheckSpec): boolean {
  const expected = JSON.stringify(check.expectation);
  return session.context.violations.some(
    (v) => v.scope === check.scope && v.invariant === check.invariant && JSON.stringify(v.expectation) === expected,
  );
}

function counterexampleOf(
  compiled: CompiledSop,
  model: Model,
  actions: StepAction[],
  telling: ReadonlySet<string>,
  check: CheckSpec,
  locale: string,
): Counterexample {
  const { session } = replay(compiled, actions);
  const context = session.context;
  const answers = describeActions(compiled, model.spaces, actions, locale);
  return {
    scope: check.scope!,
    expectation: check.expectation!,
    actions,
    answers,
    telling: answers.filter((a) => telling.has(a.step)),
    outcome: context.outcomes.get(""),
    flags: [...context.flags],
    referrals: context.referrals.map((r) => ({ service: r.service, urgency: r.urgency, status: r.status })),
  };
}
