import { isAbove } from "../../compile/levels";
import type { Level, StepAction } from "../../definition/types";
import { describeActions, describeClass } from "../answers/describeAnswer";
import type { BddNode } from "../exploration/Bdd";
import { planRun } from "../exploration/liveness";
import { type ModelRun, runModel } from "../exploration/runModel";
import { tracePath } from "../exploration/tracePath";
import type { Domain, Model, Plan } from "../exploration/types";
import type { StructuralIssue } from "./types";

/** What the queue, the case header and every list show: public facts only (see `PUBLIC_SURFACE`). */
const SURFACE: Level = "public";

/** A fact the engine derives and a public surface shows: a deadline, a follow-up or a referral in the queue. */
interface ShownFact {
  step: string;
  what: string;
  level: Level;
  /** A referral: the catalog made its service public, so only a warning (its reason must say nothing of the answer). */
  referral?: boolean;
}

/** The most diagram nodes one question's run may add before it is left undecided (see `findSurfaceLeaks`). */
export const SURFACE_LEAK_NODE_LIMIT = 4_000_000;
/** A question whose run outgrows the limit is tried again with these many times the room, in turn. */
const LEAK_ROOMS = [3, 10];
const LEAK_ROOM = LEAK_ROOMS[LEAK_ROOMS.length - 1];

/** Where the runs start: the states every moment is reached in, from a run of the whole case that kept at least
 * what a guard reads (the check's structure run). */
export type SurfaceLeakBase = Pick<ModelRun, "reached" | "plan" | "deltas" | "model">;

/**
 * The path-dependent half of what a case shows on its public surfaces (the queue, the header, a slip to a public
 * service). Each fact there is shown by its own level (lint and the runtime see to that); but a public fact that
 * only some answers to a more sensitive question lead to tells those answers to anyone who sees it: a deadline in
 * the queue set only on the way of an HIV-positive answer says the person is HIV positive. For each sensitive
 * question (one with a `sensitive` category above the surface's level) the check runs the model keeping that one
 * answer, from where the question is asked to the public facts after it, and reports each public deadline or
 * follow-up produced on the paths of some answers to it and not of others, with a case that shows it (an error); a
 * referral to a service the catalog makes public, a warning. Flags keep the sensitivity the catalog gives them.
 *
 * One question at a time, each from the question on: the answers of different questions are never carried
 * together (they multiplied each other's states), and nothing before the question is worked again. The run of a
 * question starts from `base`, the states the structure run reached at the question, when `base` kept every fact
 * the question's run reads there; otherwise from the case's opening (the same states, only more work). A question
 * whose run outgrows `nodeLimit` diagram nodes is reported as undecided (`surface-leak-undecided`, a warning that
 * `senda check --strict` fails on), never as leak-free. Pure.
 */
export function findSurfaceLeaks(
  model: Model,
  locale: string,
  shouldStop?: () => boolean,
  base?: SurfaceLeakBase,
  nodeLimit = SURFACE_LEAK_NODE_LIMIT,
  debug?: (line: string) => void,
): StructuralIssue[] {
  const { compiled, bdd, spaces, nodes, edges } = model;
  const sensitive: { domain: Domain; question: string; level: Level }[] = [];
  for (const domain of model.domains) {
    if (domain.kind !== "variable" || domain.scope === undefined || !domain.variable) continue;
    const level = compiled.scopes.get(domain.scope)?.variableLevels.get(domain.variable);
    if (!level || !isAbove(level, SURFACE)) continue;
    const question = [...compiled.steps.values()].find(
      (at) => at.scope === domain.scope && at.step.kind === "question" && at.step.variable === domain.variable,
    );
    // The answers a sensitive question gives (health, HIV, violence…), not those merely asked in a restricted procedure.
    if (question?.step.kind === "question" && question.step.sensitive)
      sensitive.push({ domain, question: question.path, level });
  }
  if (sensitive.length === 0) return [];
  const enter = new Map(nodes.filter((n) => n.kind === "enter").map((n) => [n.step, n.id]));
  const after = new Map(nodes.filter((n) => n.kind === "route").map((n) => [n.step, n.id]));
  const facts = shownFacts(model).filter((f) => enter.has(f.step) && !isAbove(f.level, SURFACE));
  const answered = (domain: Domain, states: BddNode) =>
    (domain.classValues ?? []).filter((v) => bdd.meets(states, domain.is[v]));
  /** The moments a case can go on to from `from` (loops included). */
  const ahead = (from: number) => {
    const seen = new Uint8Array(nodes.length);
    const stack = [from];
    seen[from] = 1;
    while (stack.length > 0)
      for (const e of nodes[stack.pop()!].out)
        if (!seen[edges[e].to]) {
          seen[edges[e].to] = 1;
          stack.push(edges[e].to);
        }
    return seen;
  };

  /**
   * Whether every way from `from` to an end of the case passes through `through` (it post-dominates `from`): then
   * every answer that goes on from `from` reaches it. A case that cannot go on (a stuck path, an answer refused for
   * want of consent, a loop it cannot leave) is a structural error of its own, reported by the structure's checks.
   */
  const onEveryWay = (from: number, through: number) => {
    if (from === through) return true;
    const seen = new Uint8Array(nodes.length);
    const stack = [from];
    seen[from] = 1;
    seen[through] = 1;
    while (stack.length > 0) {
      const id = stack.pop()!;
      // A way that ends where the case is stuck or would refuse an answer is a structural error, not a case's end.
      if (nodes[id].out.length === 0 && nodes[id].kind !== "stuck" && nodes[id].kind !== "refused") return false;
      for (const e of nodes[id].out)
        if (!seen[edges[e].to]) {
          seen[edges[e].to] = 1;
          stack.push(edges[e].to);
        }
    }
    return true;
  };

  /** Per fact: the first leak found (questions in the model's order), or that a question left it undecided. */
  const leaks = new Map<string, StructuralIssue>();
  const undecided: StructuralIssue[] = [];
  for (const { domain, question, level } of sensitive) {
    const asked = after.get(question);
    const at = enter.get(question);
    if (asked === undefined || at === undefined) continue;
    const reachable = ahead(at);
    // A fact every way on from the question passes through is produced whatever the answer: it cannot tell it.
    const open = facts.filter(
      (f) => reachable[enter.get(f.step)!] && !leaks.has(f.step) && !onEveryWay(at, enter.get(f.step)!),
    );
    if (open.length === 0) continue;
    // The answer is kept up to the public facts after the question, and forgotten after the last of them.
    // Only the moments that lead to those facts are worked (`planRun` pruned): nothing after the last of them.
    const plan = planRun(model, new Set(), new Set(), new Map(open.map((f) => [enter.get(f.step)!, [domain]])), true);
    const from = startAt(model, plan, at, base);
    const work = (limit: number) => {
      const before = bdd.nodeCount;
      const run = runModel(
        model,
        plan,
        { shouldStop, maxNodes: before + limit },
        from ? { node: at, states: from.states, within: () => true } : undefined,
      );
      debug?.(
        `surface leaks of ${question}: ${open.length} facts, ${from ? "from the question" : "from the opening"}, ${bdd.nodeCount - before} nodes${run.complete ? "" : " BLOWN"}`,
      );
      return run;
    };
    // A question asked deep in a long composition (screening's, inside reverse-flow inside arrival) carries its
    // answer through the rest of the whole case: one that outgrows the limit gets more room, twice (arrival:
    // screening's question on daily difficulties, inside reverse-flow, outgrew 12 million nodes).
    let run = work(nodeLimit);
    for (const room of LEAK_ROOMS) if (!run.complete && !shouldStop?.()) run = work(nodeLimit * room);
    if (!run.complete) {
      if (shouldStop?.()) return [];
      undecided.push({
        kind: "surface-leak-undecided",
        severity: "warning",
        step: question,
        message: `Could not decide whether a public deadline, follow-up or referral after "${question}" (${level}) tells its answer: keeping that answer through the rest of the case needs more than ${(nodeLimit * LEAK_ROOM).toLocaleString("en")} diagram nodes. Check its public effects by hand, or tell the Senda maintainers.`,
      });
      continue;
    }
    const all = answered(domain, run.reached[asked]);
    for (const fact of open) {
      const node = enter.get(fact.step)!;
      if (run.reached[node] === bdd.false) continue;
      const here = answered(domain, run.reached[node]);
      if (here.length === 0) continue;
      const never = all.filter((v) => !here.includes(v));
      if (never.length === 0) continue;
      const space = spaces.space(compiled.scopes.get(domain.scope!)!.sop.id, domain.variable!);
      const words = (values: number[]) =>
        space ? values.map((v) => describeClass(space, domain.classOf![v], locale)).join("; ") : "";
      const actions = traceLeak(run, node, bdd.and(run.reached[node], domain.is[here[0]]), at, from, base);
      const shown = `only the answers ${words(here)} to "${question}" (${level}) lead to it, never ${words(never)}`;
      leaks.set(fact.step, {
        kind: "surface-leak",
        severity: fact.referral ? "warning" : "error",
        step: fact.step,
        message: fact.referral
          ? `${fact.what} at "${fact.step}" is shown to everyone (the catalog makes the service public), but ${shown}: make sure its reason, and the slip, say nothing of that answer.`
          : `${fact.what} at "${fact.step}" is public, so the queue, the case header and every list show it; but ${shown}: whoever sees it learns that answer. Give "${fact.step}" (or what it produces) the level "${level}", or produce it on every path.`,
        ...(actions ? { actions, answers: describeActions(compiled, spaces, actions, locale) } : {}),
      });
    }
  }
  // In the order of the facts, as the check lists its findings.
  const issues = facts.flatMap((f) => {
    const leak = leaks.get(f.step);
    if (leak) leaks.delete(f.step);
    return leak ? [leak] : [];
  });
  return [...issues, ...undecided];
}

/**
 * The states a question's run starts from at its moment `at`: those `base` reached there, when `base` kept every
 * fact the run's plan reads there (then forgetting the rest is exact); undefined to start from the case's opening.
 */
export function startAt(model: Model, plan: Plan, at: number, base?: SurfaceLeakBase): { states: BddNode } | undefined {
  if (!base || base.model !== model) return undefined;
  for (const domain of plan.live[at]) if (!base.plan.live[at].has(domain)) return undefined;
  const { bdd } = model;
  const drop = model.domains.filter((d) => !plan.live[at].has(d)).flatMap((d) => d.bits);
  return { states: bdd.exists(base.reached[at], bdd.cube(drop)) };
}

/** The actions of a case that shows a leak, from the case's opening: up to the question in `base`, then in `run`. */
export function traceLeak(
  run: ModelRun,
  node: number,
  target: BddNode,
  at: number,
  from: { states: BddNode } | undefined,
  base: SurfaceLeakBase | undefined,
): StepAction[] | undefined {
  if (!from) return tracePath(run, node, target)?.actions;
  const rest = tracePath(run, node, target, { node: at, states: from.states });
  if (!rest) return undefined;
  const upTo = tracePath(base as ModelRun, at, rest.first);
  return upTo ? [...upTo.actions, ...rest.actions] : undefined;
}

/** The public-surface facts every step produces, with the level the runtime gives each. */
function shownFacts(model: Model): ShownFact[] {
  const { compiled } = model;
  const facts: ShownFact[] = [];
  for (const at of compiled.steps.values()) {
    const step = at.step;
    if (step.kind === "referral")
      facts.push({ step: at.path, what: `The referral to "${step.service}"`, level: at.level, referral: true });
    // Flags are left out: each has the sensitivity policy staff gave it in the catalog, and a public one (a standing
    // instruction in neutral words, like "family unity") is meant for everyone to see.
    for (const [i, effect] of (step.effects ?? []).entries()) {
      const level = at.effectLevels[i] ?? at.level;
      if ("deadline" in effect) facts.push({ step: at.path, what: `The deadline "${effect.deadline}"`, level });
      else if ("followUp" in effect) facts.push({ step: at.path, what: `The follow-up "${effect.followUp}"`, level });
    }
  }
  return facts;
}
