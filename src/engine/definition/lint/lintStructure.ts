import { toPointer } from "../../errors";
import { collectRegions, costToEnd, type Edge, nextEdges, stronglyConnected } from "../stepGraph";
import type { LintContext } from "./LintContext";

/**
 * How deep parallel tracks may sit inside one another. Real SOPs use one or two levels; the limit keeps the compiled
 * statechart (built and run by recursive code) far from the stack's end.
 */
export const MAX_TRACK_NESTING = 12;

/**
 * The shape of the step graph: every step reachable, and only from its own region; every step able to reach an
 * end; no loop a case cannot leave; every route list ending with a default, and no route hidden behind one.
 */
export function lintStructure(context: LintContext): void {
  const { sop, steps, stepIds, add, graphIsBroken } = context;
  const regions = collectRegions(sop);
  const reachable = new Set<string>();
  const owner = new Map<string, string>();
  const region = (key: string) => (key === "" ? {} : { track: key.split("/")[1], parallel: key.split("/")[0] });
  const depth = new Map<string, number>([["", 0]]);
  let tooDeep = false;
  for (const [key, { steps, parallel }] of regions) {
    // Regions come parents first: a track's depth is one more than that of the region its parallel step is in.
    if (parallel !== undefined) {
      const level = (depth.get(owner.get(parallel) ?? "") ?? 0) + 1;
      depth.set(key, level);
      if (level > MAX_TRACK_NESTING && !tooDeep) {
        tooDeep = true;
        add(
          "nesting-too-deep",
          { step: parallel, what: "tracks", depth: level, limit: MAX_TRACK_NESTING },
          toPointer("steps", parallel, "tracks"),
        );
      }
    }
    for (const id of steps) {
      reachable.add(id);
      const previous = owner.get(id);
      if (previous !== undefined && previous !== key) {
        const first = region(previous);
        const second = region(key);
        add(
          "track-escape",
          {
            step: id,
            firstTrack: first.track,
            firstParallel: first.parallel,
            secondTrack: second.track,
            secondParallel: second.parallel,
          },
          toPointer("steps", id),
        );
      } else owner.set(id, key);
    }
  }
  if (!graphIsBroken) {
    for (const id of stepIds) if (!reachable.has(id)) add("unreachable-step", { step: id }, toPointer("steps", id));
    for (const { steps } of regions.values()) lintRegion(context, steps);
  }
  for (const [id, step] of steps) {
    const edges = nextEdges(id, step);
    if (edges.length === 0 || (edges.length === 1 && edges[0].when === undefined)) continue;
    if (edges.every((e) => e.when !== undefined)) add("no-default-route", { step: id }, toPointer("steps", id, "next"));
    const i = edges.findIndex((e) => e.when === undefined);
    if (i >= 0 && i < edges.length - 1)
      add("dead-end", { step: id, route: i + 1 }, toPointer("steps", id, "next", i + 1), "warning");
  }
}

/** Loops a case cannot leave, and steps from which no end can be reached, in one region. */
function lintRegion(context: LintContext, steps: string[]): void {
  const { sop, add } = context;
  const inRegion = new Set(steps);
  // Each step's edges within the region and their targets, found once: the loop search asks for them again and again.
  const inside = new Map<string, readonly Edge[]>();
  const targets = new Map<string, string[]>();
  for (const id of steps) {
    const all = nextEdges(id, sop.steps[id]);
    const edges = all.every((e) => inRegion.has(e.to)) ? all : all.filter((e) => inRegion.has(e.to));
    inside.set(id, edges);
    targets.set(
      id,
      edges.map((e) => e.to),
    );
  }
  const edgesOf = (id: string) => inside.get(id)!;
  const trapped = new Set<string>();
  for (const component of stronglyConnected(steps, (id) => targets.get(id)!)) {
    const isLoop = component.length > 1 || targets.get(component[0])!.includes(component[0]);
    if (!isLoop) continue;
    const members = new Set(component);
    const exits = component.flatMap((id) =>
      edgesOf(id)
        .filter((e) => !members.has(e.to))
        .map((edge) => ({ id, edge })),
    );
    // The loop is entered at its first step in the order the region is met; name the route that goes back to it.
    const to = component[0];
    const back = component.flatMap((id) =>
      edgesOf(id)
        .filter((e) => e.to === to)
        .map((e) => ({ from: id, edge: e })),
    )[0];
    const params = { step: back.from, from: back.from, to, steps: component };
    if (exits.length === 0) {
      add("trapping-loop", params, back.edge.pointer);
      for (const id of component) trapped.add(id);
    } else if (exits.every(({ id, edge }) => isNeverTaken(context, id, edge))) {
      add("loop-never-left", params, back.edge.pointer, "warning");
    }
  }
  // Dead ends: steps outside a trapping loop (already named) from which no end step of the region can be reached.
  const canFinish = costToEnd(sop, steps, () => 0);
  for (const id of steps)
    if (!canFinish.has(id) && !trapped.has(id)) add("dead-end", { step: id }, toPointer("steps", id));
}

/**
 * Whether a route of a step can never be taken, as far as can be seen without answers: its condition is constantly
 * false, or a route before it always holds.
 */
function isNeverTaken(context: LintContext, step: string, edge: Edge): boolean {
  if (edge.route < 0) return false;
  const routes = nextEdges(step, context.sop.steps[step]);
  if (routes.slice(0, edge.route).some((earlier) => constantValue(context, earlier.when) === true)) return true;
  return constantValue(context, edge.when) === false;
}

/** The value of a condition that mentions no variable (`false`, `1 > 2`), or undefined; no condition always holds. */
function constantValue(context: LintContext, when: string | undefined): boolean | undefined {
  if (when === undefined) return true;
  const { scope } = context;
  if (!scope.check(when).ok || scope.mentionedVariables(when).length > 0) return undefined;
  const value = scope.evaluate(when, {});
  return typeof value === "boolean" ? value : undefined;
}
