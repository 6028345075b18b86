import { hashJson } from "../compile/hashBundle";
import type { StepAction } from "../definition/types";
import type { Exploration, ExploreEdge, NodeStatus } from "./exploreSop";
import { labelOf, type PathDeadline, type PathReferral, type PathViolation, type Segment } from "./readSegment";

/**
 * One path through an SOP: a distinct sequence of steps and routes with what it produced. Different answers that
 * lead along the same steps to the same results are one path; `actions` are the answers of one of them.
 */
export interface SopPath {
  index: number;
  /** How the path ends: at an end step, stuck (no route holds), refused (an answer the case would not take), or
   * unexplored (the budget ran out there). */
  status: Exclude<NodeStatus, "inner">;
  actions: StepAction[];
  steps: string[];
  routes: { step: string; index: number }[];
  flags: string[];
  referrals: PathReferral[];
  deadlines: PathDeadline[];
  outcome?: string;
  violations: PathViolation[];
  where?: string;
  reason?: string;
  /** How many combinations of answer classes (and procedure outcomes) lead along this path. */
  combinations: number;
  /** Identifies the path: equal for any run (a scenario's, say) along the same steps with the same results. */
  signature: string;
}

/** The paths of an exploration: up to `limit` listed, and how many there are in all. */
export interface PathList {
  paths: SopPath[];
  /** The number of distinct paths (a lower bound when `countExact` is false). */
  total: number;
  countExact: boolean;
  /** True when more paths exist than are listed. */
  truncated: boolean;
}

interface Member {
  count: number;
  actions: StepAction[];
}

/** Beyond this many groups of states, counting paths stops and reports a lower bound. */
const COUNT_LIMIT = 200_000;

/**
 * Lists the distinct paths of an exploration: runs that visit the same steps, take the same routes and produce the
 * same flags, referrals, deadlines, violations and end are one path, whatever answers led there. Loops (edges back
 * to a state on the way) are not followed again. Pure.
 */
export function enumeratePaths(exploration: Exploration, options: { limit?: number } = {}): PathList {
  const limit = options.limit ?? 1000;
  const { nodes, edges } = exploration;
  const paths: SopPath[] = [];
  let truncated = false;

  const visit = (members: Map<number, Member>, segments: Segment[], labels: string[]) => {
    const finals = new Map<string, { status: NodeStatus; members: Member[]; node: number }>();
    const moves = new Map<string, { segment: Segment; label: string; targets: Map<number, Member> }>();
    for (const [id, member] of members) {
      const node = nodes[id];
      if (node.status !== "inner") {
        const key = `${node.status}\u0000${node.where ?? ""}`;
        const group = finals.get(key) ?? { status: node.status, members: [], node: id };
        group.members.push(member);
        finals.set(key, group);
        continue;
      }
      for (const edgeId of node.out) {
        const edge = edges[edgeId];
        if (edge.back) continue;
        const move = moves.get(edge.label) ?? {
          segment: edge.segment,
          label: edge.label,
          targets: new Map<number, Member>(),
        };
        moves.set(edge.label, move);
        const target = move.targets.get(edge.to);
        const count = member.count * edge.choices.length;
        if (target) target.count += count;
        else move.targets.set(edge.to, { count, actions: [...member.actions, ...edge.choices[0].actions] });
      }
    }
    for (const group of finals.values()) {
      if (paths.length >= limit) {
        truncated = true;
        return;
      }
      const node = nodes[group.node];
      paths.push({
        ...fold(exploration, segments),
        signature: pathSignature(labels, group.status, node.where),
        index: paths.length,
        status: group.status as SopPath["status"],
        actions: group.members[0].actions,
        where: node.where,
        reason: node.reason,
        combinations: group.members.reduce((n, m) => n + m.count, 0),
      });
    }
    for (const move of moves.values()) {
      if (truncated) return;
      visit(move.targets, [...segments, move.segment], [...labels, move.label]);
    }
  };
  visit(
    new Map([[exploration.root, { count: 1, actions: [] }]]),
    [exploration.initial],
    [labelOf(exploration.initial)],
  );
  const { total, exact } = countPaths(exploration);
  return { paths, total: Math.max(total, paths.length), countExact: exact, truncated };
}

/** The signature of a path from its segments' labels and how it ends. */
export function pathSignature(labels: string[], status: string, where?: string): string {
  return hashJson([labels, status, status === "finished" ? "" : (where ?? "")]);
}

/** Counts distinct paths over groups of states reached by the same stretches of path. */
function countPaths(exploration: Exploration): { total: number; exact: boolean } {
  const { nodes, edges } = exploration;
  const memo = new Map<string, number>();
  let visited = 0;
  let exact = true;
  const count = (members: number[]): number => {
    const key = members.join(",");
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (++visited > COUNT_LIMIT) {
      exact = false;
      return 1;
    }
    const finals = new Set<string>();
    const moves = new Map<string, Set<number>>();
    for (const id of members) {
      const node = nodes[id];
      if (node.status !== "inner") finals.add(`${node.status}\u0000${node.where ?? ""}`);
      else
        for (const e of node.out) {
          const edge: ExploreEdge = edges[e];
          if (edge.back) continue;
          const targets = moves.get(edge.label) ?? new Set<number>();
          targets.add(edge.to);
          moves.set(edge.label, targets);
        }
    }
    let total = finals.size;
    for (const targets of moves.values()) total += count([...targets].sort((a, b) => a - b));
    memo.set(key, total);
    return total;
  };
  return { total: count([exploration.root]), exact };
}

/** One combination of answer classes (and procedure outcomes) through the explored states, with what it produced. */
export interface Combination {
  actions: StepAction[];
  status: Exclude<NodeStatus, "inner">;
  where?: string;
  results: ReturnType<typeof fold>;
}

/**
 * Every combination of answer classes along the explored states, up to `limit` (then `truncated`): finer than
 * paths, which merge combinations that go the same way. Loops are not followed again.
 */
export function enumerateCombinations(
  exploration: Exploration,
  limit: number,
): { combinations: Combination[]; truncated: boolean } {
  const { nodes, edges } = exploration;
  const out: Combination[] = [];
  let truncated = false;
  const stack: { node: number; actions: StepAction[]; segments: Segment[] }[] = [
    { node: exploration.root, actions: [], segments: [exploration.initial] },
  ];
  while (stack.length > 0) {
    const { node: id, actions, segments } = stack.pop()!;
    const node = nodes[id];
    if (node.status !== "inner") {
      if (out.length >= limit) {
        truncated = true;
        break;
      }
      out.push({ actions, status: node.status, where: node.where, results: fold(exploration, segments) });
      continue;
    }
    for (const e of [...node.out].reverse()) {
      const edge = edges[e];
      if (edge.back) continue;
      for (const choice of [...edge.choices].reverse())
        stack.push({ node: edge.to, actions: [...actions, ...choice.actions], segments: [...segments, edge.segment] });
    }
  }
  return { combinations: out, truncated };
}

/** What a path produced, from its segments in order. */
function fold(exploration: Exploration, segments: Segment[]) {
  const compiled = exploration.compiled;
  const flags: string[] = [];
  const deadlines = new Map<string, PathDeadline>();
  const out = {
    steps: [] as string[],
    routes: [] as { step: string; index: number }[],
    flags,
    referrals: [] as PathReferral[],
    deadlines: [] as PathDeadline[],
    outcome: undefined as string | undefined,
    violations: [] as PathViolation[],
  };
  for (const segment of segments) {
    out.steps.push(...segment.steps);
    out.routes.push(...segment.routes);
    for (const op of segment.flagOps) {
      const at = flags.indexOf(op.flag);
      if (op.raise && at < 0) flags.push(op.flag);
      if (!op.raise && at >= 0) flags.splice(at, 1);
    }
    out.referrals.push(...segment.referrals);
    for (const d of segment.deadlines) deadlines.set(d.id, d);
    out.violations.push(...segment.violations);
    for (const end of segment.ends) {
      const step = compiled.steps.get(end.step);
      if (step && step.scope === "" && !step.track) out.outcome = end.outcome;
    }
  }
  out.deadlines = [...deadlines.values()];
  return out;
}
