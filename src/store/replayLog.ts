import { type CaseEvent, type CaseSession, type CompiledSop, replayCase } from "../engine/index";
import { findConflicts, type LogConflict } from "./findConflicts";
import type { CaseLog } from "./storedDocuments";

/** An event of the merged log that the procedure did not take, and why (another device answered first). */
export interface SetAsideEvent {
  key: string;
  event: CaseEvent;
  code: string;
  reason: string;
}

/** A merged log replayed: the running case, the events set aside, the conflicts, and the log's length. */
export interface MergedReplay {
  session: CaseSession;
  setAside: SetAsideEvent[];
  conflicts: LogConflict[];
  /** How many events the log holds: what the next append expects. */
  count: number;
}

/**
 * Replays a case's merged log through the SOP version it was opened with. Events run in log order, the same on
 * every device; one the procedure refuses (most often an answer to a step another device had already answered while
 * both were offline) is set aside rather than failing the case, and the conflicts between answers are listed. On a
 * log written by one device, nothing is set aside and the session is exactly the live one. Fails (as data) when
 * this device does not hold every event's content (its role may not see some), or the log was opened on another SOP.
 */
export function replayLog(
  compiled: CompiledSop,
  log: CaseLog,
): ({ ok: true } & MergedReplay) | { ok: false; code: string; reason: string } {
  if (!log.complete)
    return {
      ok: false,
      code: "withheld",
      reason: `Some events of case "${log.caseId}" are above what this device may hold; it shows the public digest.`,
    };
  const [first, ...rest] = log.entries;
  const opened = replayCase(compiled, first ? [first.event!] : []);
  if (!opened.ok) return { ok: false, code: opened.code, reason: opened.reason };
  const session = opened.session;
  const setAside: SetAsideEvent[] = [];
  for (const entry of rest) {
    const result = session.send(entry.event!);
    if (!result.ok) setAside.push({ key: entry.key, event: entry.event!, code: result.code, reason: result.reason });
  }
  return { ok: true, session, setAside, conflicts: findConflicts(log.entries), count: log.entries.length };
}
