import { pickText } from "../case/viewCase";
import { collectRegion } from "../definition/stepGraph";
import type { ScenarioAction, SopDefinition } from "../definition/types";
import { describeActions, describeClass } from "./answers/describeAnswer";
import type { AnswerText } from "./answers/types";
import type { Exploration } from "./exploreSop";

/** A problem with the paths of an SOP: errors break a promise every SOP makes; warnings point at dead weight. */
export interface StructuralIssue {
  kind:
    | "stuck"
    | "consent"
    | "refused"
    | "past-deadline"
    | "loop"
    | "no-end"
    | "unreachable-step"
    | "unused-route"
    | "unreachable-answer"
    | "track-order";
  severity: "error" | "warning";
  step: string;
  message: string;
  /** The actions that show it, from the opening of the case, where a path shows it. */
  actions?: ScenarioAction[];
  answers?: AnswerText[];
}

/**
 * The structural checks over an exploration's paths: paths that end nowhere, answers the case refuses (a
 * sensitive question without consent), deadlines already past when set, loops that change nothing; and, when the
 * exploration is complete, steps, routes and answers that no path can use, and parallel tracks that read what
 * another track sets (their order then matters).
 */
export function findStructuralIssues(exploration: Exploration, locale: string): StructuralIssue[] {
  const { compiled, spaces, reached } = exploration;
  const issues: StructuralIssue[] = [];
  const shown = (actions: ScenarioAction[]) => ({
    actions,
    answers: describeActions(compiled, spaces, actions, locale),
  });
  for (const { what, actions } of exploration.stuck)
    issues.push({
      kind: "stuck",
      severity: "error",
      step: what.step,
      message: `A path ends nowhere: ${what.reason}.`,
      ...shown(actions),
    });
  for (const { what, actions } of exploration.refusals)
    issues.push({
      kind: what.code === "consent-required" ? "consent" : "refused",
      severity: "error",
      step: what.step,
      message:
        what.code === "consent-required"
          ? `A path reaches the sensitive question "${what.step}" without the consent it needs; the case refuses the answer (${what.reason})`
          : `The case refuses an answer at "${what.step}": ${what.reason}`,
      ...shown(actions),
    });
  for (const { what, actions } of exploration.pastDeadlines)
    issues.push({
      kind: "past-deadline",
      severity: "error",
      step: what.step,
      message: `The deadline "${what.id}" set at "${what.step}" is already ${-what.hoursLeftWhenSet} h past when it is set, so it can never be met.`,
      ...shown(actions),
    });
  const endless = endlessState(exploration);
  if (endless)
    issues.push({
      kind: "no-end",
      severity: "error",
      step: endless.step ?? endless.actions.at(-1)?.step ?? "",
      message:
        "A path reaches a moment from which no end can be reached: the case can only go round a loop (or a procedure it runs never ends).",
      ...shown(endless.actions),
    });
  for (const { what, actions } of exploration.loops)
    issues.push({
      kind: "loop",
      severity: "warning",
      step: what.step,
      message: `After "${what.step}" the case can return to a moment it has already been at, with nothing changed: a loop an officer could go round forever. Paths are listed without going round it.`,
      ...shown(actions),
    });
  if (!exploration.complete) return issues;

  for (const [path, step] of compiled.steps) {
    if (step.scope && !reached.steps.has(step.scope)) continue;
    if (!reached.steps.has(path)) {
      issues.push({
        kind: "unreachable-step",
        severity: "warning",
        step: path,
        message: `No answers lead to step "${path}": the conditions before it rule it out.`,
      });
      continue;
    }
    const s = step.step;
    if (s.kind !== "end" && typeof s.next !== "string")
      for (const [index, route] of s.next.entries())
        if (!reached.routes.has(`${path}#${index}`))
          issues.push({
            kind: "unused-route",
            severity: "warning",
            step: path,
            message: `Route ${index + 1} of step "${path}" (to "${route.to}"${route.when ? `, when ${route.when}` : ""}) is never taken: ${route.when ? "its condition never holds where it is tried, or an earlier route always does" : "an earlier route always holds"}.`,
          });
    if (s.kind === "question") {
      const space = spaces.space(compiled.scopes.get(step.scope)!.sop.id, s.variable);
      const used = reached.answers.get(path) ?? new Set<number>();
      if (!space || space.classes.length < 2) continue;
      const unused = space.classes.filter((c) => !used.has(c.index));
      if (unused.length > 0)
        issues.push({
          kind: "unreachable-answer",
          severity: "warning",
          step: path,
          message: `No path gives "${pickText(s.title, locale)}" (${path}) the answer ${unused.map((c) => describeClass(space, c.index, locale)).join("; ")}: ${step.scope ? "the calling SOP passes in or rules out" : "the conditions before it rule out"} those answers.`,
        });
    }
  }
  for (const sop of compiled.bundle.values()) issues.push(...trackOrderIssues(exploration, sop));
  return issues;
}

/** A state from which no way leads to any end of the case (finished, stuck, refused or unexplored), if any. */
function endlessState(exploration: Exploration) {
  const { nodes, edges } = exploration;
  const into = new Map<number, number[]>();
  for (const edge of edges) into.set(edge.to, [...(into.get(edge.to) ?? []), edge.from]);
  const ends = nodes.filter((n) => n.status !== "inner").map((n) => n.id);
  const reaches = new Set(ends);
  const queue = [...ends];
  while (queue.length)
    for (const from of into.get(queue.pop()!) ?? []) if (!reaches.has(from)) reaches.add(from) && queue.push(from);
  return nodes.find((n) => !reaches.has(n.id));
}

/** Parallel tracks that read a variable, flag or referral another track of the same step sets. */
function trackOrderIssues(exploration: Exploration, sop: SopDefinition): StructuralIssue[] {
  const atoms = exploration.spaces.atoms.get(sop.id)!;
  const issues: StructuralIssue[] = [];
  for (const [id, step] of Object.entries(sop.steps)) {
    if (step.kind !== "parallel") continue;
    const tracks = step.tracks.map((track) => {
      const steps = collectRegion(sop, track.start);
      const writes = new Set<string>();
      const reads = new Set<string>();
      for (const s of steps) {
        const st = sop.steps[s];
        if ((st.kind === "question" || st.kind === "checklist") && st.variable) writes.add(`variable ${st.variable}`);
        if (st.kind === "referral") writes.add(`referral ${st.service}`);
        for (const effect of st.effects ?? []) {
          if ("raise" in effect) writes.add(`flag ${effect.raise}`);
          if ("clear" in effect) writes.add(`flag ${effect.clear}`);
        }
        for (const condition of atoms.byStep.get(s) ?? []) for (const v of condition.reads) reads.add(`variable ${v}`);
        for (const reader of atoms.readersByStep.get(s) ?? []) {
          for (const f of reader.flags?.members ?? []) reads.add(`flag ${f}`);
          for (const r of reader.referrals?.members ?? []) reads.add(`referral ${r}`);
        }
      }
      return { id: track.id, reads, writes };
    });
    for (const reader of tracks)
      for (const writer of tracks) {
        if (reader === writer) continue;
        const shared = [...reader.reads].filter((r) => writer.writes.has(r));
        if (shared.length)
          issues.push({
            kind: "track-order",
            severity: "warning",
            step: id,
            message: `In the parallel step "${id}" of ${sop.id}, track "${reader.id}" reads ${shared.join(", ")}, which track "${writer.id}" sets: the result can depend on which track the officer works first (the analysis works the first waiting step first).`,
          });
      }
  }
  return issues;
}
