import { isAbove } from "../../compile/levels";
import type { Level } from "../../definition/types";
import { describeActions } from "../answers/describeAnswer";
import type { BddNode } from "../exploration/Bdd";
import { planRun } from "../exploration/liveness";
import { runModel } from "../exploration/runModel";
import type { Domain, Model } from "../exploration/types";
import { SURFACE_LEAK_NODE_LIMIT, type SurfaceLeakBase, startAt, traceLeak } from "./findSurfaceLeaks";
import type { StructuralIssue } from "./types";

/**
 * PROTOTYPE (issue 9, not part of `senda check`): the steps a case's history shows that tell a more sensitive answer
 * by being shown. A step is shown to every role that sees its level; if only some answers to an earlier question
 * of a higher level lead to it (screening's `separate-person` after a sign of control, when it is left without its
 * level), whoever sees the history learns those answers. For each answer (of any question or checklist, not only
 * a `sensitive` one) whose level is above some later step's level, the model is run keeping that answer, as in
 * `findSurfaceLeaks`, and each such step reached with some of its answers and never with others is reported
 * (kind `surface-leak`, a warning, with a case that shows it). With `onlyAfter` (the default), only a step that
 * no path reaches without the answer being given (the answer is the route to it). Undecided runs are reported as
 * `surface-leak-undecided`. Pure.
 */
export function findShownStepLeaks(
  model: Model,
  base?: SurfaceLeakBase,
  locale = "en",
  shouldStop?: () => boolean,
  nodeLimit = SURFACE_LEAK_NODE_LIMIT,
  onlyAfter = true,
): StructuralIssue[] {
  const { compiled, bdd, spaces, nodes } = model;
  const enter = new Map(nodes.filter((n) => n.kind === "enter").map((n) => [n.step, n.id]));
  const after = new Map(nodes.filter((n) => n.kind === "route").map((n) => [n.step, n.id]));
  const answered = (domain: Domain, states: BddNode) =>
    (domain.classValues ?? []).filter((v) => bdd.meets(states, domain.is[v]));
  const issues: StructuralIssue[] = [];
  const reported = new Set<string>();
  for (const domain of model.domains) {
    if (domain.kind !== "variable" || domain.scope === undefined || !domain.variable) continue;
    const level = compiled.scopes.get(domain.scope)?.variableLevels.get(domain.variable);
    if (!level || level === "public") continue;
    const asking = [...compiled.steps.values()].find(
      (at) =>
        at.scope === domain.scope &&
        (at.step.kind === "question" || at.step.kind === "checklist") &&
        at.step.variable === domain.variable,
    );
    if (!asking) continue;
    const at = enter.get(asking.path);
    const asked = after.get(asking.path);
    if (at === undefined || asked === undefined) continue;
    // The steps shown to roles that do not see the answer's level.
    const lower = [...compiled.steps.values()].filter(
      (s) => s.path !== asking.path && enter.has(s.path) && isAbove(level, s.level) && !reported.has(s.path),
    );
    if (lower.length === 0) continue;
    const skipping = reachableAvoiding(model, at, base);
    const plan = planRun(model, new Set(), new Set(), new Map(lower.map((s) => [enter.get(s.path)!, [domain]])));
    const from = startAt(model, plan, at, base);
    const before = bdd.nodeCount;
    const run = runModel(
      model,
      plan,
      { shouldStop, maxNodes: before + nodeLimit },
      from ? { node: at, states: from.states, within: () => true } : undefined,
    );
    if (!run.complete) {
      if (shouldStop?.()) return issues;
      issues.push({ kind: "surface-leak-undecided", severity: "warning", step: asking.path, message: "undecided" });
      continue;
    }
    const all = answered(domain, run.reached[asked]);
    for (const shown of lower) {
      const node = enter.get(shown.path)!;
      if (run.reached[node] === bdd.false) continue;
      const here = answered(domain, run.reached[node]);
      const never = all.filter((v) => !here.includes(v));
      if (here.length === 0 || never.length === 0) continue;
      // Reached also where the question was never asked: being shown says little of the answer (only "if it was
      // asked, not these"); left out, which keeps the prototype's false positives down (see the report).
      if (onlyAfter && skipping[node]) continue;
      reported.add(shown.path);
      const actions = traceLeak(run, node, bdd.and(run.reached[node], domain.is[here[0]]), at, from, base);
      issues.push({
        kind: "surface-leak",
        severity: "warning",
        step: shown.path,
        message: `"${shown.path}" (${shown.level}) is shown in the case's history, but only some answers to "${asking.path}" (${level as Level}) lead to it: whoever sees the history learns them.`,
        ...(actions ? { actions, answers: describeActions(compiled, spaces, actions, locale) } : {}),
      });
    }
  }
  return issues;
}

/**
 * The moments a case can reach from its opening without passing `avoid` (by the ways `base` took, when given): a
 * run started at a question sees only the paths through it, so this is how the prototype knows of the others.
 */
function reachableAvoiding(model: Model, avoid: number, base?: SurfaceLeakBase & { taken?: boolean[] }): Uint8Array {
  const seen = new Uint8Array(model.nodes.length);
  if (model.start === avoid) return seen;
  const stack = [model.start];
  seen[model.start] = 1;
  while (stack.length > 0)
    for (const e of model.nodes[stack.pop()!].out) {
      const to = model.edges[e].to;
      if (seen[to] || to === avoid || (base?.taken && !base.taken[e])) continue;
      seen[to] = 1;
      stack.push(to);
    }
  return seen;
}
