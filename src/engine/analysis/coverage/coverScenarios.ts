import type { CompiledSop } from "../../compile/CompiledSop";
import type { Scenario } from "../../definition/types";
import { playActions } from "../../simulation/startPlayback";
import { describeActions, describeClass } from "../answers/describeAnswer";
import { answerSpacesOf, modelSop } from "../exploration/analyseSop";
import { enumeratePaths } from "../exploration/enumeratePaths";
import { planRun } from "../exploration/liveness";
import { pathSignature, readCase } from "../exploration/readCase";
import { runModel } from "../exploration/runModel";
import { tracePath } from "../exploration/tracePath";
import type { Coverage, Missed, ScenarioCoverage } from "./types";

/**
 * Measures which paths, steps, routes, referrals (made and declined) and answer classes the scenarios exercise,
 * by playing each scenario as `runScenario` does, against everything the analysis finds reachable, and lists what
 * they miss with the answers that would reach it. Pure.
 */
export function coverScenarios(
  compiled: CompiledSop,
  scenarios: readonly Scenario[],
  options: { locale?: string; pathLimit?: number } = {},
): Coverage {
  const locale = options.locale ?? "en";
  const spaces = answerSpacesOf(compiled);
  const model = modelSop(compiled, { purpose: "check" }, spaces);
  const run = runModel(model, planRun(model, new Set()));
  const { bdd, nodes, edges } = model;
  const list = enumeratePaths(modelSop(compiled, { purpose: "results" }, spaces), { limit: options.pathLimit ?? 2000 });

  // What can happen.
  const reachable = { steps: new Map<string, number>(), routes: new Map<string, number>() };
  const referrals = new Map<string, number>();
  for (const node of nodes)
    if (node.kind === "enter" && run.reached[node.id] !== bdd.false) reachable.steps.set(node.step, node.id);
  for (const edge of edges) {
    if (!run.taken[edge.id]) continue;
    if (edge.route) reachable.routes.set(`${edge.route.step}#${edge.route.index}`, edge.from);
    if (edge.referral) referrals.set(`${edge.referral.step}:${edge.referral.made ? "made" : "declined"}`, edge.from);
  }
  const answers = new Map<string, number>();
  for (const [step, values] of run.observed) {
    const domain = edges.find((e) => e.action?.kind === "answer" && e.action.step === step)?.action;
    const d = domain?.kind === "answer" ? domain.domain : undefined;
    for (const v of values) answers.set(`${step}#${d?.classOf?.[v] ?? v}`, reachable.steps.get(step) ?? model.start);
  }

  // What the scenarios do.
  const covered = { steps: new Set<string>(), routes: new Set<string>(), referrals: new Set<string>() };
  const coveredAnswers = new Set<string>();
  const coveredPaths = new Set<string>();
  const results: ScenarioCoverage[] = [];
  for (const scenario of scenarios) {
    const played = playActions(compiled, scenario.steps, { caseId: scenario.id, openedAt: scenario.openedAt });
    const r = readCase(compiled, played.session);
    for (const s of r.steps) covered.steps.add(s);
    for (const x of r.routes) covered.routes.add(`${x.step}#${x.index}`);
    for (const x of r.referrals) covered.referrals.add(`${x.step}:${x.status}`);
    for (const key of answerClassesOf(compiled, spaces, played.session)) coveredAnswers.add(key);
    if (played.refused)
      results.push({ id: scenario.id, note: `it is refused at "${played.refused.step}": ${played.refused.reason}` });
    else if (!r.finished) results.push({ id: scenario.id, note: "it stops before the case ends" });
    else {
      const signature = pathSignature(r, "finished");
      coveredPaths.add(signature);
      results.push({ id: scenario.id, path: signature });
    }
  }

  const reaching = (node: number) => {
    const path = tracePath(run, node, run.reached[node]);
    return path ? describeActions(compiled, spaces, path.actions, locale).filter((a) => a.matters) : undefined;
  };
  const missing = (all: Map<string, number>, done: Set<string>, what: (key: string) => string): Missed[] =>
    [...all]
      .filter(([key]) => !done.has(key))
      .map(([key, node]) => ({ what: what(key), key, answers: reaching(node) }));
  const routeText = (key: string) => {
    const [step, index] = key.split("#");
    const at = compiled.steps.get(step)?.step;
    const route = at && at.kind !== "end" && typeof at.next !== "string" ? at.next[Number(index)] : undefined;
    return `route ${Number(index) + 1} of "${step}" (to "${route?.to}"${route?.when ? `, when ${route.when}` : ""})`;
  };
  const answerText = (key: string) => {
    const [step, index] = key.split("#");
    const at = compiled.steps.get(step)!;
    const s = at.step;
    const variable = s.kind === "question" || s.kind === "checklist" ? s.variable : undefined;
    const space = variable ? spaces.space(compiled.scopes.get(at.scope)!.sop.id, variable) : undefined;
    return `"${step}" answered ${space ? describeClass(space, Number(index), locale) : index}`;
  };
  const count = (all: Map<string, number>, done: Set<string>) => ({
    covered: [...all.keys()].filter((k) => done.has(k)).length,
    total: all.size,
  });
  const listed = new Set(list.paths.map((p) => p.signature));
  return {
    sop: compiled.id,
    scenarios: results,
    paths: { covered: coveredPaths.size, total: Math.max(list.total, coveredPaths.size), listed: list.paths.length },
    pathsExact: list.countExact,
    steps: count(reachable.steps, covered.steps),
    routes: count(reachable.routes, covered.routes),
    referrals: count(referrals, covered.referrals),
    answers: count(answers, coveredAnswers),
    missed: {
      paths: list.paths
        .filter((p) => listed.has(p.signature) && !coveredPaths.has(p.signature))
        .map((p) => ({
          what: `path ${p.index + 1}: ${p.status === "finished" ? `outcome ${p.outcome ?? "?"}` : `${p.status} at ${p.where}`}`,
          key: p.signature,
          answers: describeActions(compiled, spaces, p.actions, locale).filter((a) => a.matters),
        })),
      steps: missing(reachable.steps, covered.steps, (s) => s),
      routes: missing(reachable.routes, covered.routes, routeText),
      referrals: missing(referrals, covered.referrals, (r) => r),
      answers: missing(answers, coveredAnswers, answerText),
    },
  };
}

/** The answer classes a case gave, asked or passed in, as "step#class". */
function answerClassesOf(
  compiled: CompiledSop,
  spaces: ReturnType<typeof answerSpacesOf>,
  session: ReturnType<typeof playActions>["session"],
): string[] {
  const out: string[] = [];
  const steps = new Set<string>([...session.context.answers.keys()]);
  for (const entry of session.context.trace) if (entry.kind === "skip") steps.add(entry.step);
  for (const path of steps) {
    const at = compiled.steps.get(path);
    const step = at?.step;
    const variable = step && (step.kind === "question" || step.kind === "checklist") ? step.variable : undefined;
    if (!at || !variable) continue;
    const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, variable);
    const index = space?.classify(session.context.scopes.get(at.scope)?.[variable]);
    if (index !== undefined && index >= 0) out.push(`${path}#${index}`);
  }
  return out;
}
