import { type CaseEvent, type CaseSession, viewCase } from "../../engine/index";
import { type CaseStore, type MergedReplay, replayLog, StoreError, summarizeCase } from "../../store/index";
import { loadCompiledSopOfCase } from "../shared/loadCompiledSop";
import { wakeParkedCase } from "./parkedCases";

/** Where loading a case stands. */
export type CaseLoad =
  | { status: "loading" }
  | { status: "failed"; code: string; reason: string }
  | {
      status: "ready";
      session: CaseSession;
      merged: MergedReplay;
      /** The durable write of a case just opened, not finished: the case's other writes wait for it. */
      storing?: Promise<void>;
      /** Begins `storing`: the case screen calls it once the first step is painted. */
      beginStoring?: () => void;
    };

/**
 * Loads a case from the device's store and replays its log (merged from every device that wrote to it, see
 * src/store/replayLog.ts) through the SOP version it was opened with, from the snapshot stored with it when there is
 * one; a case this page parked (`parkedCases.ts`) and that nothing changed since is woken instead. Never throws: a
 * missing case, a broken log or an SOP this app does not have come back as `failed`, with a code.
 */
export async function loadCaseSession(
  store: Pick<CaseStore, "loadLog"> & Partial<Pick<CaseStore, "getSummary" | "caseVersion">>,
  caseId: string,
): Promise<CaseLoad> {
  const taken = peekOpenedCase(store, caseId);
  justOpened.delete(caseId);
  if (taken) return taken;
  // A case the officer left in this page and nothing changed since: woken, without reading the store.
  const woken = wakeParkedCase(store, caseId);
  if (woken) return { status: "ready", session: woken.session, merged: woken };
  try {
    const log = await store.loadLog(caseId);
    const opened = log.entries[0]?.event;
    if (!opened) return { status: "failed", code: "not-found", reason: caseId };
    if (opened.type !== "CASE_OPENED") return { status: "failed", code: "corrupt-log", reason: caseId };
    const compiled = await loadCompiledSopOfCase(opened.sop).catch((error: unknown) => error as Error);
    if (compiled instanceof Error) return { status: "failed", code: "sop-unavailable", reason: compiled.message };
    const replay = replayLog(compiled, log);
    return replay.ok
      ? { status: "ready", session: replay.session, merged: replay }
      : { status: "failed", code: replay.code, reason: replay.reason };
  } catch (error) {
    return error instanceof StoreError
      ? { status: "failed", code: error.code, reason: error.message }
      : { status: "failed", code: "unknown", reason: String(error) };
  }
}

/** A case this page has just opened, and where the durable write of its first event stands. */
interface JustOpened {
  session: CaseSession;
  /** The write, when it was handed over before it finished. */
  storing?: Promise<void>;
  beginStoring?: () => void;
  written: boolean;
  failed: boolean;
}

/** Cases this page has just opened, by id: the screen that shows one next takes its session as it is. */
const justOpened = new Map<string, JustOpened>();

/**
 * The case this page has just opened, as `loadCaseSession` would give it, without waiting and without taking it
 * (see `forgetOpenedCase`): what the case screen's first render shows. Taken as it is while its first event is being
 * written (no one else knows the case yet), or once written while the store still holds that one event (nothing
 * else wrote to the case since). A failed write reads the store: undefined then.
 */
export function peekOpenedCase(
  store: Partial<Pick<CaseStore, "getSummary">>,
  caseId: string,
): Extract<CaseLoad, { status: "ready" }> | undefined {
  const opened = justOpened.get(caseId);
  if (!opened || opened.failed || (opened.written && store.getSummary?.(caseId)?.eventCount !== 1)) return undefined;
  const { session, written, storing, beginStoring } = opened;
  const merged = { session, setAside: [], conflicts: [], count: 1 };
  return written ? { status: "ready", session, merged } : { status: "ready", session, merged, storing, beginStoring };
}

/** Drops a case just opened once a screen has taken it (`peekOpenedCase`): later loads read the store. */
export function forgetOpenedCase(caseId: string): void {
  justOpened.delete(caseId);
}

/** Whether the next `loadCaseSession` of this case takes the session this page just opened it with. */
export function isJustOpened(caseId: string): boolean {
  return justOpened.has(caseId);
}

/**
 * Hands a case just opened (its CASE_OPENED alone) to the next `loadCaseSession` of it, which takes it instead of
 * reading the log back and replaying it: the new case's first step shows without a round trip. `storing` is the
 * durable write of that first event when it is not finished: the case screen shows the step at once, says "saving"
 * until the write commits, and writes the officer's answers after it. `beginStoring`, when given, starts that write:
 * the case screen calls it once the step is painted.
 */
export function keepOpenedCase(session: CaseSession, storing?: Promise<void>, beginStoring?: () => void): void {
  if (session.events.length !== 1) return;
  justOpened.clear();
  const entry: JustOpened = { session, storing, beginStoring, written: storing === undefined, failed: false };
  storing?.then(
    () => {
      entry.written = true;
    },
    () => {
      entry.failed = true;
    },
  );
  justOpened.set(session.opened.caseId, entry);
}

/** A case event as a screen makes it: the time and the author are added when it is recorded. */
export type CaseInput = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, "at" | "by"> : never) : never;

/** The answer to recording an event: saved (with the steps a correction or going back undid), or why not. */
export type SendOutcome = { ok: true; dropped: string[] } | { ok: false; code: string; reason: string };

/**
 * Records one event on a case that is not the one on screen (the other side of a relationship): loads it, checks
 * the event with the engine, and saves it with the case's new summary. Another writer in between makes it load
 * again and retry once.
 */
export async function recordOnCase(
  store: Pick<CaseStore, "loadLog" | "appendEvents">,
  caseId: string,
  input: CaseInput,
  by: string,
  now: Date,
): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    const load = await loadCaseSession(store, caseId);
    if (load.status !== "ready")
      return { ok: false, code: load.status === "failed" ? load.code : "unknown", reason: caseId };
    const session = load.session;
    const events = session.events;
    const at = laterOf(now, new Date(events[events.length - 1].at)).toISOString();
    const event = { ...input, at, by } as CaseEvent;
    // The stored log may hold events the session set aside (another device's): count the log, not the session.
    const seq = load.merged.count;
    const result = session.send(event);
    if (!result.ok) return result;
    try {
      await store.appendEvents(caseId, seq, [event], summarizeCase(viewCase(session, now), seq + 1), {
        compiled: session.compiled,
      });
      return result;
    } catch (error) {
      const code = error instanceof StoreError ? error.code : "unknown";
      if (code !== "conflict" || attempt >= 2)
        return { ok: false, code, reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The later of two times: a device clock set back must not put an event before the one it follows. */
export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
