import type { CaseEvent } from "../engine/index";
import type { LogEntry } from "./storedDocuments";

/** One answer in a conflict: who recorded what, when, on which device. */
export interface ConflictingAnswer {
  key: string;
  by: string;
  at: string;
  device: string;
  value: unknown;
}

/**
 * Two or more officers recorded different answers to one step without seeing each other's (both offline, or
 * before replication reached them). Shown on the case until a `CONFLICT_RESOLVED` event that saw every one of the
 * answers picks the value; never settled by which write came last.
 */
export interface LogConflict {
  step: string;
  answers: ConflictingAnswer[];
  /** The event that settled it, once there is one. */
  resolvedBy?: { key: string; by: string; at: string; value: unknown };
}

const ANSWERING = new Set(["ANSWERED", "CHECKED", "REFERRED", "CORRECTED", "CONFLICT_RESOLVED"]);

/**
 * The conflicts in a merged log: pairs of answers to the same step, neither of whose writers had seen the other,
 * with different values; grouped per step. A pure function of the log, so every device finds the same ones.
 *
 * Whether a writer had seen an event is read from the event's `seen` (the last key of each device its writer held):
 * `b` saw `a` when `b.seen[a.device] >= a.key`. An event sorts after everything its writer had seen, so for `a`
 * before `b` in the log only `b` can have seen `a`.
 */
export function findConflicts(entries: readonly LogEntry[]): LogConflict[] {
  const byStep = new Map<string, LogEntry[]>();
  for (const entry of entries) {
    const event = entry.event;
    if (!event || !ANSWERING.has(event.type)) continue;
    const step = (event as { step: string }).step;
    const list = byStep.get(step);
    if (list) list.push(entry);
    else byStep.set(step, [entry]);
  }
  const conflicts: LogConflict[] = [];
  for (const [step, answers] of byStep) {
    const involved = new Set<LogEntry>();
    for (let i = 0; i < answers.length; i++)
      for (let j = i + 1; j < answers.length; j++) {
        const [a, b] = [answers[i], answers[j]];
        if (a.event!.type === "CONFLICT_RESOLVED" || b.event!.type === "CONFLICT_RESOLVED") continue;
        if (!hasSeen(b, a) && valueKey(a.event!) !== valueKey(b.event!)) {
          involved.add(a);
          involved.add(b);
        }
      }
    if (involved.size === 0) continue;
    const members = answers.filter((a) => involved.has(a));
    const resolution = answers.find(
      (r) => r.event!.type === "CONFLICT_RESOLVED" && members.every((m) => hasSeen(r, m)),
    );
    conflicts.push({
      step,
      answers: members.map((m) => ({ key: m.key, by: m.by, at: m.at, device: m.device, value: answerOf(m.event!) })),
      ...(resolution
        ? {
            resolvedBy: {
              key: resolution.key,
              by: resolution.by,
              at: resolution.at,
              value: answerOf(resolution.event!),
            },
          }
        : {}),
    });
  }
  return conflicts;
}

/** Whether the writer of `later` had seen `earlier` when it wrote. */
export function hasSeen(later: LogEntry, earlier: LogEntry): boolean {
  if (later.device === earlier.device) return later.key > earlier.key;
  const seen = later.seen[earlier.device];
  return seen !== undefined && seen >= earlier.key;
}

/** The answer an event records: a value, checklist items, or a referral's consent. */
export function answerOf(event: CaseEvent): unknown {
  switch (event.type) {
    case "CHECKED":
      return [...event.items].sort();
    case "REFERRED":
      return event.consent;
    default:
      return (event as { value?: unknown }).value;
  }
}

function valueKey(event: CaseEvent): string {
  const value = answerOf(event);
  return JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
}
