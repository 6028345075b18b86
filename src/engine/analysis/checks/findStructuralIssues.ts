import { pickText } from "../../case/viewCase";
import { collectRegion } from "../../definition/stepGraph";
import type { SopDefinition, StepAction } from "../../definition/types";
import { ANALYSIS_EPOCH } from "../answers/answerCandidates";
import { describeActions, describeClass } from "../answers/describeAnswer";
import { findLoops } from "../exploration/findLoops";
import { replay } from "../exploration/playCase";
import type { ModelRun } from "../exploration/runModel";
import { tracePath } from "../exploration/tracePath";
import type { StructuralIssue } from "./types";

/**
 * The structural checks over a run of the model: paths that end nowhere, answers the case refuses (a sensitive
 * question without consent), deadlines already past when set, loops a case cannot leave (errors) or can go round
 * (warnings); steps, routes and answers that no path can use, and parallel tracks that read what another track
 * sets (warnings). Every error comes with the answers that show it.
 */
export function findStructuralIssues(
  run: ModelRun,
  pastDeadlines: ReadonlyMap<number, StepAction[]>,
  locale: string,
): StructuralIssue[] {
  const { model } = run;
  const { compiled, spaces, bdd, nodes } = model;
  const issues: StructuralIssue[] = [];
  const shown = (actions: StepAction[] | undefined) =>
    actions ? { actions, answers: describeActions(compiled, spaces, actions, locale) } : {};
  const reached = (id: number) => run.reached[id] !== bdd.false;

  for (const node of nodes) {
    if (!reached(node.id)) continue;
    if (node.kind === "stuck")
      issues.push({
        kind: "stuck",
        severity: "error",
        step: node.step,
        message: `A path ends nowhere: no route of step "${node.step}" holds, so the case cannot go on.`,
        ...shown(tracePath(run, node.id, run.reached[node.id])?.actions),
      });
    if (node.kind === "refused") {
      const at = compiled.steps.get(node.step)!.step;
      const category = at.kind === "question" ? at.sensitive : undefined;
      issues.push({
        kind: "consent",
        severity: "error",
        step: node.step,
        message: `A path reaches the sensitive question "${node.step}" without the consent it needs; the case refuses the answer (it asks about ${category}: record the person's consent first).`,
        ...shown(tracePath(run, node.id, run.reached[node.id])?.actions),
      });
    }
  }
  for (const [id, actions] of pastDeadlines) {
    const check = model.checks[id];
    if (check.kind === "forbidden-referral" || check.kind === "double-referral") {
      const flags = replay(compiled, actions).session.context.flags;
      const service = pickText(compiled.catalog.services.get(check.service!)?.name, locale) || check.service!;
      const forbidding = flags.filter((f) => compiled.catalog.flags.get(f)?.forbids?.length);
      issues.push(
        check.kind === "forbidden-referral"
          ? {
              kind: "forbidden-referral",
              severity: "error",
              step: check.step!,
              message: `A path reaches the referral to ${service} at "${check.step}" while a standing instruction forbids it (${forbidding.map((f) => `"${pickText(compiled.catalog.flags.get(f)?.label, locale) || f}"`).join(", ")}): the case refuses it, so the SOP leads the officer to a referral it must not make.`,
              ...shown(actions),
            }
          : {
              kind: "double-referral",
              severity: "warning",
              step: check.step!,
              message: `A path offers the referral to ${service} again at "${check.step}", after the person already declined it (or it was recorded as not needed or not allowed): the SOP asks the person twice. A step reached once the referral is made is an addition, not reported; a step that says why it offers again has \`offerAgain\`.`,
              ...shown(actions),
            },
      );
      continue;
    }
    const record = replay(compiled, actions).session.context.deadlines.get(check.deadline!);
    const hours = record
      ? Math.round((Date.parse(ANALYSIS_EPOCH) - Date.parse(record.dueAt)) / 360_000) / 10
      : undefined;
    issues.push({
      kind: "past-deadline",
      severity: "error",
      step: check.step!,
      message: `The deadline "${check.deadline}" set at "${check.step}" is already ${hours !== undefined ? `${hours} h ` : ""}past when it is set, so it can never be met.`,
      ...shown(actions),
    });
  }
  for (const loop of findLoops(run)) {
    issues.push({
      kind: loop.trapped ? "no-end" : "loop",
      severity: loop.trapped ? "error" : "warning",
      step: loop.from,
      loop: { from: loop.from, to: loop.to },
      message: loop.trapped
        ? `From "${loop.from}" the case can return to "${loop.to}" forever: on this path no answer leads out of the loop, so the case never ends.`
        : `From "${loop.from}" the case can return to "${loop.to}": a loop an officer could go round again and again (some answers lead out of it).`,
      ...shown(loop.actions),
    });
  }

  // Dead weight: steps, routes and answers no path uses.
  const enter = new Map(nodes.filter((n) => n.kind === "enter").map((n) => [n.step, n.id]));
  const routesTaken = new Set<string>();
  for (const edge of model.edges)
    if (edge.route && run.taken[edge.id]) routesTaken.add(`${edge.route.step}#${edge.route.index}`);
  const reachedPath = (path: string) => {
    const id = enter.get(path);
    return id !== undefined && reached(id);
  };
  for (const [path, at] of compiled.steps) {
    if (at.scope && !reachedPath(at.scope)) continue;
    const sop = compiled.scopes.get(at.scope)!.sop.id;
    if (!reachedPath(path)) {
      issues.push({
        kind: "unreachable-step",
        severity: "warning",
        step: path,
        message: `No answers lead to step "${path}": the conditions before it rule it out.`,
        unused: { sop, step: at.id },
      });
      continue;
    }
    const s = at.step;
    if (s.kind !== "end" && typeof s.next !== "string")
      for (const [index, route] of s.next.entries())
        if (!routesTaken.has(`${path}#${index}`))
          issues.push({
            kind: "unused-route",
            severity: "warning",
            step: path,
            message: `Route ${index + 1} of step "${path}" (to "${route.to}"${route.when ? `, when ${route.when}` : ""}) is never taken: ${route.when ? "its condition never holds where it is tried, or an earlier route always does" : "an earlier route always holds"}.`,
            unused: { sop, step: at.id, route: index },
          });
    if (s.kind === "question") {
      const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, s.variable);
      const domain = model.byKey.get(`var ${at.scope}:${s.variable}`);
      if (!space || !domain || space.classes.length < 2) continue;
      const used = new Set([...(run.observed.get(path) ?? [])].map((v) => domain.classOf![v]));
      const unused = space.classes.filter((c) => !used.has(c.index));
      if (unused.length > 0)
        issues.push({
          kind: "unreachable-answer",
          severity: "warning",
          step: path,
          message: `No path gives "${pickText(s.title, locale)}" (${path}) the answer ${unused.map((c) => describeClass(space, c.index, locale)).join("; ")}: ${at.scope ? "the calling SOP passes in or rules out" : "the conditions before it rule out"} those answers.`,
        });
    }
  }
  for (const sop of compiled.bundle.values()) issues.push(...trackOrderIssues(run, sop));
  return issues;
}

/**
 * The steps a run reaches and the routes it takes, by the SOP that defines them ("<sop>:<step>",
 * "<sop>:<step>#<index>"), wherever in the case that SOP runs.
 */
export function usedStepsAndRoutes(run: ModelRun): string[] {
  const { model } = run;
  const { compiled, bdd, nodes } = model;
  const used = new Set<string>();
  const named = (path: string) => {
    const at = compiled.steps.get(path);
    return at ? `${compiled.scopes.get(at.scope)!.sop.id}:${at.id}` : undefined;
  };
  for (const node of nodes)
    if (node.kind === "enter" && run.reached[node.id] !== bdd.false) {
      const name = named(node.step);
      if (name) used.add(name);
    }
  for (const edge of model.edges)
    if (edge.route && run.taken[edge.id]) {
      const name = named(edge.route.step);
      if (name) used.add(`${name}#${edge.route.index}`);
    }
  return [...used].sort();
}

/** Parallel tracks that read a variable, flag or referral another track of the same step sets. */
function trackOrderIssues(run: ModelRun, sop: SopDefinition): StructuralIssue[] {
  const atoms = run.model.spaces.atoms.get(sop.id);
  if (!atoms) return [];
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
          for (const r of reader.offered?.members ?? []) reads.add(`referral ${r}`);
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
            message: `In the parallel step "${id}" of ${sop.id}, track "${reader.id}" reads ${shared.join(", ")}, which track "${writer.id}" sets: the result can depend on which track the officer works first (the analysis works the tracks in their order).`,
          });
      }
  }
  return issues;
}
