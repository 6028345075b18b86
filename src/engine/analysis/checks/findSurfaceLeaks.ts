import { isAbove } from "../../compile/levels";
import type { Level } from "../../definition/types";
import { describeActions, describeClass } from "../answers/describeAnswer";
import type { BddNode } from "../exploration/Bdd";
import { planRun } from "../exploration/liveness";
import { runModel } from "../exploration/runModel";
import { tracePath } from "../exploration/tracePath";
import type { Domain, Model } from "../exploration/types";
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

/**
 * The path-dependent half of what a case shows on its public surfaces (the queue, the header, a slip to a public
 * service). Each fact there is shown by its own level (lint and the runtime see to that); but a public fact that
 * only some answers to a more sensitive question lead to tells those answers to anyone who sees it: a deadline in
 * the queue set only on the way of an HIV-positive answer says the person is HIV positive. The check runs the model
 * keeping the answers to every sensitive question (one with a `sensitive` category above the surface's level), and
 * reports each public deadline or follow-up produced on the paths of some answers to such a question and not of
 * others, with a case that shows it (an error); a referral to a service the catalog makes public, a warning. Flags
 * keep the sensitivity the catalog gives them. Pure.
 */
export function findSurfaceLeaks(model: Model, locale: string, shouldStop?: () => boolean): StructuralIssue[] {
  const { compiled, bdd, spaces } = model;
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
  const enter = new Map(model.nodes.filter((n) => n.kind === "enter").map((n) => [n.step, n.id]));
  const facts = shownFacts(model).filter((f) => enter.has(f.step) && !isAbove(f.level, SURFACE));
  // The sensitive answers are kept up to the steps that produce public facts, and forgotten after the last of them.
  const domains = sensitive.map((s) => s.domain);
  const liveAt = new Map(facts.map((f) => [enter.get(f.step)!, domains]));
  const run = runModel(model, planRun(model, new Set(), new Set(), liveAt), { shouldStop });
  if (!run.complete) return [];
  const after = new Map(model.nodes.filter((n) => n.kind === "route").map((n) => [n.step, n.id]));
  const answered = (domain: Domain, states: BddNode) =>
    (domain.classValues ?? []).filter((v) => bdd.meets(states, domain.is[v]));

  const issues: StructuralIssue[] = [];
  for (const fact of facts) {
    const node = enter.get(fact.step)!;
    if (run.reached[node] === bdd.false) continue;
    for (const { domain, question, level } of sensitive) {
      const asked = after.get(question);
      if (asked === undefined) continue;
      const here = answered(domain, run.reached[node]);
      if (here.length === 0) continue;
      const all = answered(domain, run.reached[asked]);
      const never = all.filter((v) => !here.includes(v));
      if (never.length === 0) continue;
      const space = spaces.space(compiled.scopes.get(domain.scope!)!.sop.id, domain.variable!);
      const words = (values: number[]) =>
        space ? values.map((v) => describeClass(space, domain.classOf![v], locale)).join("; ") : "";
      const path = tracePath(run, node, bdd.and(run.reached[node], domain.is[here[0]]));
      const shown = `only the answers ${words(here)} to "${question}" (${level}) lead to it, never ${words(never)}`;
      issues.push({
        kind: "surface-leak",
        severity: fact.referral ? "warning" : "error",
        step: fact.step,
        message: fact.referral
          ? `${fact.what} at "${fact.step}" is shown to everyone (the catalog makes the service public), but ${shown}: make sure its reason, and the slip, say nothing of that answer.`
          : `${fact.what} at "${fact.step}" is public, so the queue, the case header and every list show it; but ${shown}: whoever sees it learns that answer. Give "${fact.step}" (or what it produces) the level "${level}", or produce it on every path.`,
        ...(path ? { actions: path.actions, answers: describeActions(compiled, spaces, path.actions, locale) } : {}),
      });
      break;
    }
  }
  return issues;
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
