import { type CaseEvent, type CaseOpened, viewCase } from "../../engine/index";
import { type CaseLog, type CaseStore, digestOf, replayLog, StoreError, summarizeCase } from "../../store/index";
import { loadCompiledSop } from "../shared/loadCompiledSop";
import { detailOf } from "../shared/ProblemAlert";

/**
 * Why a station event was not saved: the engine's or the store's `code` (what the screen words in the officer's
 * language; the two share no code) and the refusal's own English `reason` (the technical detail, for support).
 */
export interface StationRefusal {
  ok: false;
  code: string;
  reason: string;
}

/**
 * Appends one station event (a resolution, a handover, a revealed answer) to a case's merged log. A device that
 * holds every event replays the log with it, so the summary and the levels come from the SOP; a device whose role
 * cannot see every event (it can only hand the case over) keeps the public digest, counting one more event. Never
 * throws: a refusal of the engine or the store comes back as data, with its code.
 */
export async function appendStationEvent(
  store: CaseStore,
  log: CaseLog,
  event: CaseEvent,
): Promise<{ ok: true } | StationRefusal> {
  try {
    return await append(store, log, event);
  } catch (error) {
    return {
      ok: false,
      code: error instanceof StoreError ? error.code : "unknown",
      reason: detailOf(error),
    };
  }
}

async function append(store: CaseStore, log: CaseLog, event: CaseEvent): Promise<{ ok: true } | StationRefusal> {
  const count = log.entries.length;
  const opened = log.entries[0]?.event as CaseOpened | undefined;
  if (log.complete && opened) {
    const compiled = await loadCompiledSop(opened.sop.id).catch((error: unknown) => error as Error);
    if (compiled instanceof Error) return { ok: false, code: "sop-unavailable", reason: compiled.message };
    const replay = replayLog(compiled, log);
    if (!replay.ok) return { ok: false, code: replay.code, reason: replay.reason };
    const sent = replay.session.send(event);
    if (!sent.ok) return { ok: false, code: sent.code, reason: sent.reason };
    const summary = summarizeCase(viewCase(replay.session, new Date(event.at)), count + 1);
    await store.appendEvents(log.caseId, count, [event], summary, { compiled });
    return { ok: true };
  }
  const base = store.getSummary(log.caseId) ?? digestOf(log);
  if (!base)
    return {
      ok: false,
      code: "not-found",
      reason: `Case "${log.caseId}" has no summary on this device yet.`,
    };
  await store.appendEvents(log.caseId, count, [event], { ...base, eventCount: count + 1, updatedAt: event.at });
  return { ok: true };
}

/** A time for a new event: now, or just after the last event if the device's clock is behind. */
export function eventTime(log: CaseLog, now: Date): string {
  const last = log.entries[log.entries.length - 1];
  const lastAt = last ? Date.parse(last.at) : 0;
  return new Date(Math.max(now.getTime(), lastAt + 1)).toISOString();
}
