import { toPointer } from "../../errors";
import { collectRegions, nextEdges, stepAt, stepEntries, stepValues } from "../stepGraph";
import type { SopDefinition, SopLibrary } from "../types";
import type { LintRule } from "./LintContext";

/** The variables an outcome route may read for this rule to decide it: what the case referred and offered. */
const REFERRAL_LISTS = new Set(["referrals", "offered"]);

/**
 * A case's outcome says what came of it, and officers, reports and the queue read it: a case in which a referral was
 * made must not end "closed", and one in which none was made must not end "referred". SOPs choose the end by a
 * decision over `referrals` (often a list of the services the SOP refers to), which an edit can leave short: drop
 * one service from that list and a person referred only there is reported as closed, by every other tool.
 *
 * For each decision that chooses between a "referred" and a "closed" end, and whose routes read only `referrals` /
 * `offered`, the rule plays the routes for every service a referral step before it can refer (its own, and those of
 * the procedures it runs), alone, and for none: the end reached must be "referred", "escalated" or "transferred" with one, and must not be
 * "referred" with none. A decision that reads anything else is left to the analysis. Registration (a service of
 * kind "registration") is what every arrival passes through, not a referral for a need: it is not counted.
 */
export const lintOutcomes: LintRule = ({ sop, steps, library, scope, add, graphIsBroken }) => {
  if (graphIsBroken) return;
  // Found only for an SOP with such a decision: most have none, and a 5,000-step SOP's graph takes a while.
  let predecessors: Map<string, string[]> | undefined;
  for (const [id, step] of steps) {
    if (step.kind !== "decision" || typeof step.next === "string") continue;
    const edges = nextEdges(id, step);
    const outcomes = new Set(edges.map((edge) => endOutcome(sop, edge.to)));
    if (!outcomes.has("referred") || !outcomes.has("closed")) continue;
    if (edges.some((edge) => edge.when && scope.mentionedVariables(edge.when).some((v) => !REFERRAL_LISTS.has(v))))
      continue;
    const endOf = (referrals: string[]) => {
      const activation = { referrals, offered: referrals, flags: [], visited: [] };
      const edge = edges.find((e) => !e.when || scope.test(e.when, activation));
      const target = edge ? stepAt(sop, edge.to) : undefined;
      return edge && target?.kind === "end" ? { id: edge.to, outcome: target.outcome } : undefined;
    };
    const none = endOf([]);
    if (none?.outcome === "referred")
      add("outcome-mislabelled", { step: id, end: none.id, outcome: "referred" }, toPointer("steps", id, "next"));
    predecessors ??= predecessorsOf(sop);
    for (const service of servicesReferredBefore(sop, library, id, predecessors)) {
      if (library.catalog.services.get(service)?.kind === "registration") continue;
      const reached = endOf([service]);
      if (reached?.outcome === "closed")
        add(
          "outcome-mislabelled",
          { step: id, end: reached.id, outcome: "closed", service },
          toPointer("steps", id, "next"),
        );
    }
  }
};

function endOutcome(sop: SopDefinition, id: string): string | undefined {
  const step = stepAt(sop, id);
  return step?.kind === "end" ? step.outcome : undefined;
}

/**
 * For each step, the steps that come before it in this SOP's graph. A step inside a parallel track comes before
 * its parallel step, so before everything the parallel step goes on to.
 */
function predecessorsOf(sop: SopDefinition): Map<string, string[]> {
  const predecessors = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = predecessors.get(to) ?? [];
    list.push(from);
    predecessors.set(to, list);
  };
  for (const [id, step] of stepEntries(sop)) for (const edge of nextEdges(id, step)) link(id, edge.to);
  for (const region of collectRegions(sop).values())
    if (region.parallel) for (const id of region.steps) link(id, region.parallel);
  return predecessors;
}

/** The steps from which `id` can be reached. */
function stepsBefore(predecessors: Map<string, string[]>, id: string): Set<string> {
  const found = new Set<string>();
  const queue = [...(predecessors.get(id) ?? [])];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head];
    if (found.has(at)) continue;
    found.add(at);
    queue.push(...(predecessors.get(at) ?? []));
  }
  return found;
}

/** The services a referral step before `id` can refer: its own steps', and every procedure's it runs before. */
function servicesReferredBefore(
  sop: SopDefinition,
  library: SopLibrary,
  id: string,
  predecessors: Map<string, string[]>,
): string[] {
  const services = new Set<string>();
  for (const at of stepsBefore(predecessors, id)) {
    const step = sop.steps[at];
    if (step.kind === "referral") services.add(step.service);
    if (step.kind === "procedure")
      for (const service of servicesOf(step.sop, library, new Set())) services.add(service);
  }
  return [...services].sort();
}

/** Every service an SOP can refer, with the procedures it runs. */
function servicesOf(sopId: string, library: SopLibrary, seen: Set<string>): Set<string> {
  const services = new Set<string>();
  const sop = library.sops.get(sopId);
  if (!sop || seen.has(sopId)) return services;
  seen.add(sopId);
  for (const step of stepValues(sop)) {
    if (step.kind === "referral") services.add(step.service);
    if (step.kind === "procedure") for (const service of servicesOf(step.sop, library, seen)) services.add(service);
  }
  return services;
}
