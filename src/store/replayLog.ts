import { type CaseEvent, CaseSession, type CompiledSop, replayCase } from "../engine/index";
import type { StoredSnapshot } from "./caseSnapshots";
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
 * log written by one device, nothing is set aside and the session is exactly the live one. When the log carries a
 * snapshot this device stored for it (`CaseLog.snapshot`, checked against the log's keys when read), the case starts
 * from it and only the later entries run; a snapshot the engine does not accept (another SOP bundle or snapshot
 * version, other events) is ignored. Fails (as data) when this device does not hold every event's content (its role
 * may not see some), or the log was opened on another SOP.
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
  const [first] = log.entries;
  const opened = replayCase(compiled, first ? [first.event!] : []);
  if (!opened.ok) return { ok: false, code: opened.code, reason: opened.reason };
  const restored = log.snapshot ? fromSnapshot(compiled, log, log.snapshot) : undefined;
  const session = restored?.session ?? opened.session;
  const setAside: SetAsideEvent[] = restored?.setAside ?? [];
  for (const entry of log.entries.slice(restored ? log.snapshot!.count : 1)) {
    const result = session.send(entry.event!);
    if (!result.ok) setAside.push({ key: entry.key, event: entry.event!, code: result.code, reason: result.reason });
  }
  return { ok: true, session, setAside, conflicts: findConflicts(log.entries), count: log.entries.length };
}

/** The case after the first `snapshot.count` entries of the log, from the snapshot; undefined when it does not fit. */
function fromSnapshot(
  compiled: CompiledSop,
  log: CaseLog,
  snapshot: StoredSnapshot,
): { session: CaseSession; setAside: SetAsideEvent[] } | undefined {
  const asideCodes = new Map(snapshot.setAside.map((a) => [a.key, a]));
  const taken: CaseEvent[] = [];
  const setAside: SetAsideEvent[] = [];
  for (const entry of log.entries.slice(0, snapshot.count)) {
    const aside = asideCodes.get(entry.key);
    if (aside) setAside.push({ key: entry.key, event: entry.event!, code: aside.code, reason: aside.reason });
    else taken.push(entry.event!);
  }
  if (setAside.length !== asideCodes.size) return undefined;
  try {
    const session = CaseSession.fromSnapshot(compiled, taken, snapshot.session);
    return session && session.events.length === taken.length ? { session, setAside } : undefined;
  } catch {
    // A snapshot the engine cannot read back (written by another build, or damaged): replay the log instead.
    return undefined;
  }
}
