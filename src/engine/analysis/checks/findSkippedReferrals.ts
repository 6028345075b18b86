import { pickText } from "../../case/viewCase";
import { describeActions } from "../answers/describeAnswer";
import { type ModelRun, runModel } from "../exploration/runModel";
import { tracePath } from "../exploration/tracePath";
import type { StructuralIssue } from "./types";

const RANK: Record<string, number> = { routine: 0, urgent: 1, immediate: 2 };
/** The most diagram nodes a run on from an earlier referral may add before the graph alone decides. */
const ONWARD_NODES = 200_000;
/** The most such runs for one check: beyond them, the graph alone decides (the rule stays cheap beside the rest). */
const ONWARD_RUNS = 8;

/** A referral step of the model, by path. */
interface ReferralAt {
  path: string;
  scope: string;
  service: string;
  urgency: string;
  /** A mandatory notification: made without asking the person. */
  mandatory: boolean;
  node: number;
}

/**
 * Guards that skip a more urgent referral (warnings). A route guard that reads whether the case already holds a
 * service (`"svc" in referrals`, `"svc" in offered`) lets a procedure pass over its own referral to that service when
 * an earlier step already made it. That is right when the earlier referral is at least as urgent; it is not when the
 * earlier step referred at a lower urgency (the case keeps the routine referral, the urgent one this step asks for is
 * never made), nor, for a guard on `offered`, when the earlier referral could be declined and this step is a
 * mandatory notification (after a no, the notification the law requires is never made).
 *
 * Reported for each referral step R that one route of a guard G leads to and another route of G passes over, where
 * an earlier referral step E to the same service, reached on some path and followed on some path by G taking a
 * route that passes over R, is less urgent than R (or can be declined while R is mandatory and G reads `offered`).
 * It names R, G and E, with a path to E. What the case holds at G is not tracked (the urgency of a referral is kept
 * only where a promise reads it): the warning says a case can go through E and then pass over R, not that E was
 * the referral the guard saw.
 */
export function findSkippedReferrals(run: ModelRun, locale: string): StructuralIssue[] {
  const { model } = run;
  const { compiled, nodes, edges, bdd } = model;
  const enter = new Map(nodes.filter((n) => n.kind === "enter").map((n) => [n.step, n.id]));
  const reached = (id: number | undefined) => id !== undefined && run.reached[id] !== bdd.false;
  const referrals: ReferralAt[] = [];
  for (const [path, at] of compiled.steps) {
    const step = at.step;
    const node = enter.get(path);
    if (step.kind !== "referral" || node === undefined || !reached(node)) continue;
    referrals.push({
      path,
      scope: at.scope,
      service: step.service,
      urgency: step.urgency,
      mandatory: step.requiresConsent === false,
      node,
    });
  }
  if (referrals.length < 2) return [];
  const ahead = new Map<number, Uint8Array>();
  /** The moments some way leads to from `from` (itself included). */
  const reachFrom = (from: number): Uint8Array => {
    let seen = ahead.get(from);
    if (seen) return seen;
    seen = new Uint8Array(nodes.length);
    const stack = [from];
    seen[from] = 1;
    while (stack.length) {
      const id = stack.pop()!;
      for (const e of nodes[id].out) {
        const to = edges[e].to;
        if (!seen[to]) {
          seen[to] = 1;
          stack.push(to);
        }
      }
    }
    ahead.set(from, seen);
    return seen;
  };
  const routesOf = new Map<string, { index: number; to: number; taken: boolean; edge: number }[]>();
  for (const edge of edges)
    if (edge.route)
      routesOf.set(edge.route.step, [
        ...(routesOf.get(edge.route.step) ?? []),
        { index: edge.route.index, to: edge.to, taken: run.taken[edge.id], edge: edge.id },
      ]);
  const onward = new Map<number, boolean[] | undefined>();
  /**
   * The routes taken on some path through `from` (the run worked on from the states that reach it, so that a guard
   * is only said to pass over a referral after `from` where a case can do both: not for a young child's referral
   * before a procedure for people over sixty). Undefined when that run grows too large: then the graph decides.
   */
  const takenAfter = (from: number): boolean[] | undefined => {
    if (onward.has(from)) return onward.get(from);
    if (onward.size >= ONWARD_RUNS) return undefined;
    const after = runModel(
      model,
      run.plan,
      { maxNodes: bdd.nodeCount + ONWARD_NODES },
      { node: from, states: run.reached[from], within: () => true },
    );
    const taken = after.complete ? after.taken : undefined;
    onward.set(from, taken);
    return taken;
  };
  const serviceName = (id: string) => pickText(compiled.catalog.services.get(id)?.name, locale) || id;

  const issues: StructuralIssue[] = [];
  for (const [path, at] of compiled.steps) {
    const next = "next" in at.step ? at.step.next : undefined;
    const guard = enter.get(path);
    if (!Array.isArray(next) || guard === undefined || !reached(guard)) continue;
    const reads = new Map<string, Set<"referrals" | "offered">>();
    for (const route of next)
      for (const m of (route.when ?? "").matchAll(/"([^"]+)"\s+in\s+(referrals|offered)\b/g))
        reads.set(m[1], new Set([...(reads.get(m[1]) ?? []), m[2] as "referrals" | "offered"]));
    const routes = routesOf.get(path) ?? [];
    for (const [service, lists] of reads) {
      for (const skipped of referrals) {
        if (skipped.service !== service || skipped.scope !== at.scope) continue;
        const leads = routes.filter((r) => reachFrom(r.to)[skipped.node]);
        const passes = routes.filter((r) => r.taken && !reachFrom(r.to)[skipped.node]);
        if (leads.length === 0 || passes.length === 0) continue;
        const earlier = referrals.find(
          (e) =>
            e.service === service &&
            e.path !== skipped.path &&
            reachFrom(e.node)[guard] &&
            (RANK[e.urgency] < RANK[skipped.urgency] || (skipped.mandatory && !e.mandatory && lists.has("offered"))) &&
            (takenAfter(e.node)?.some((t, edge) => t && passes.some((p) => p.edge === edge)) ?? true),
        );
        if (!earlier) continue;
        const lower = RANK[earlier.urgency] < RANK[skipped.urgency];
        const route = passes[0].index + 1;
        const held = lower
          ? `the case holds ${serviceName(service)} only at the urgency "${earlier.urgency}" from "${earlier.path}", and the step asks for "${skipped.urgency}"`
          : `the person declined ${serviceName(service)} at "${earlier.path}", and "${skipped.path}" is a mandatory notification that asks the person nothing`;
        const path = tracePath(run, earlier.node, run.reached[earlier.node]);
        issues.push({
          kind: "skipped-referral",
          severity: "warning",
          step: skipped.path,
          message: `The referral to ${serviceName(service)} at "${skipped.path}" can be passed over by route ${route} of "${at.path}", which reads whether the case already ${lists.has("offered") ? "was offered" : "holds"} ${serviceName(service)}; but ${held}: the ${lower ? "more urgent referral" : "notification"} is never made. Let the guard test what the earlier step did (its urgency, or that it was made), or refer again.`,
          ...(path
            ? { actions: path.actions, answers: describeActions(compiled, model.spaces, path.actions, locale) }
            : {}),
        });
      }
    }
  }
  return issues;
}
