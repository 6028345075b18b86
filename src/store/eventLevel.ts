import { type CaseEvent, type CompiledSop, LEVELS, type Level, maxLevel } from "../engine/index";
import type { CaseSummary } from "./CaseSummary";

export type { Level };
export { LEVELS };

/*
 * Every event takes the level of what it records, from the compiled SOP (the engine gives every step its level:
 * its procedure's, raised by a sensitive question's category and a referral's service) and the catalog. Every
 * caller goes through `levelOfStep` and `levelOfEvent`.
 */

/** The level of what is recorded at the step `path` of a compiled SOP (public when the step is unknown). */
export function levelOfStep(compiled: CompiledSop, path: string | undefined): Level {
  return (path === undefined ? undefined : compiled.steps.get(path)?.level) ?? "public";
}

/**
 * The level of an event of a case opened on `compiled`: the level of the step it records, raised by its own level
 * (a note's), the flag it sets or the service whose referral it updates. A handover, a pause, the opening: public.
 */
export function levelOfEvent(compiled: CompiledSop, event: CaseEvent): Level {
  const fields = event as { step?: unknown; level?: Level; flag?: unknown; service?: unknown };
  const levels: Level[] = [typeof fields.step === "string" ? levelOfStep(compiled, fields.step) : "public"];
  if (fields.level) levels.push(fields.level);
  if (typeof fields.flag === "string") levels.push(compiled.catalog.flags.get(fields.flag)?.sensitivity ?? "public");
  if (typeof fields.service === "string")
    levels.push(compiled.catalog.services.get(fields.service)?.confidentiality ?? "public");
  return maxLevel(...levels);
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
