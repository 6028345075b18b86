import type { CaseEvent, CompiledSop, Role } from "../engine/index";
import type { CaseSummary } from "./CaseSummary";

/** How sensitive a fact is: the catalog's levels, from anyone on the case team to the handling officer only. */
export type Level = Role["sees"][number];

/** Every level, least sensitive first. */
export const LEVELS: readonly Level[] = ["public", "restricted", "confidential"];

/** Whether a role that sees `sees` may see a fact at `level`. */
export function canSee(sees: readonly Level[], level: Level): boolean {
  return sees.includes(level);
}

/** The more sensitive of two levels. */
export function higherLevel(a: Level, b: Level): Level {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}

/*
 * Until the engine gives every fact and event its level (issue 8), a step is confidential when it is a question
 * marked `sensitive`, and public otherwise; a referral also takes its service's confidentiality. Every caller goes
 * through `levelOfStep` and `levelOfEvent`, so switching to the engine's function changes these two only.
 */

/** The level of what is recorded at the step `path` of a compiled SOP (public when the step is unknown). */
export function levelOfStep(compiled: CompiledSop, path: string | undefined): Level {
  const step = path === undefined ? undefined : compiled.steps.get(path)?.step;
  if (!step) return "public";
  let level: Level = step.kind === "question" && step.sensitive ? "confidential" : "public";
  if (step.kind === "referral") {
    const service = compiled.catalog.services.get(step.service);
    if (service) level = higherLevel(level, service.confidentiality);
  }
  return level;
}

/** The level of an event of a case opened on `compiled`: the level of the step it records, else public. */
export function levelOfEvent(compiled: CompiledSop, event: CaseEvent): Level {
  const step = (event as { step?: unknown }).step;
  return typeof step === "string" ? levelOfStep(compiled, step) : "public";
}

/**
 * The part of a summary a public role may see: flags, referrals, current steps and the next deadline whose level is
 * public, with `withheld` set when anything was left out. What a device that cannot replay the whole log shows.
 */
export function publicDigest(summary: CaseSummary, compiled: CompiledSop): CaseSummary {
  const { flags: flagIndex, services } = compiled.catalog;
  const flags = summary.flags.filter((id) => flagIndex.get(id)?.sensitivity === "public");
  const referrals = summary.referrals.filter((id) => services.get(id)?.confidentiality === "public");
  const current = summary.current.filter((step) => levelOfStep(compiled, step.path) === "public");
  const deadlineStep = summary.nextDeadline ? findDeadlineStep(compiled, summary.nextDeadline.id) : undefined;
  const keepDeadline = summary.nextDeadline !== undefined && deadlineStep !== undefined;
  const priorities = flags.map((id) => flagIndex.get(id)?.priority).filter((p): p is number => p !== undefined);
  const withheld =
    flags.length < summary.flags.length ||
    referrals.length < summary.referrals.length ||
    current.length < summary.current.length ||
    (summary.nextDeadline !== undefined && !keepDeadline);
  const { priority: _priority, nextDeadline, withheld: _withheld, ...rest } = summary;
  return {
    ...rest,
    flags,
    referrals,
    current,
    ...(priorities.length ? { priority: Math.min(...priorities) } : {}),
    ...(keepDeadline ? { nextDeadline } : {}),
    ...(withheld ? { withheld: true } : {}),
  };
}

/** The path of a public step that starts deadline `id`, if one does. */
function findDeadlineStep(compiled: CompiledSop, id: string): string | undefined {
  for (const [path, { step }] of compiled.steps) {
    const effects = (step as { effects?: { deadline?: string }[] }).effects ?? [];
    if (effects.some((effect) => effect.deadline === id) && levelOfStep(compiled, path) === "public") return path;
  }
  return undefined;
}

/** The last handover among `events` (HANDED_OVER), as a summary records it. */
export function lastHandover(events: readonly (CaseEvent | undefined)[]): CaseSummary["handedTo"] {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type !== "HANDED_OVER") continue;
    return {
      role: event.role,
      by: event.by,
      at: event.at,
      ...(event.desk ? { desk: event.desk } : {}),
      ...(event.dueAt ? { dueAt: event.dueAt } : {}),
      ...(event.note ? { note: event.note } : {}),
    };
  }
  return undefined;
}
