import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type CaseEvent, type CaseSession, type CaseView, replayCase, viewCase } from "../../engine/index";
import { StoreError, summarizeCase } from "../../store/index";
import { useClock } from "../shared/ClockProvider";
import { loadCompiledSopOfCase } from "../shared/loadCompiledSop";
import { useCaseStore } from "../shared/StoreProvider";
import { useNow } from "../shared/useNow";

/** Where loading a case stands. */
export type CaseLoad =
  | { status: "loading" }
  | { status: "failed"; code: string; reason: string }
  | { status: "ready"; session: CaseSession };

/** A case event as the screen makes it: the time and the author are added when it is sent. */
export type CaseInput = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, "at" | "by"> : never) : never;

/** The answer to `send`: saved (with the steps a correction or going back undid), or why not. */
export type SendOutcome = { ok: true; dropped: string[] } | { ok: false; code: string; reason: string };

/** Something the officer must know about the case that is not tied to one input. */
export type CaseNotice = { kind: "conflict" } | { kind: "storage-full" } | { kind: "store-error"; reason: string };

/** A running case: its view, and `send`, which saves each accepted event before the screen moves on. */
export interface CaseHandle {
  load: CaseLoad;
  view?: CaseView;
  busy: boolean;
  notice?: CaseNotice;
  send(input: CaseInput): Promise<SendOutcome>;
  dismissNotice(): void;
}

/**
 * Loads a case from the device's store and replays its log through the SOP version it was opened with, then runs
 * it: every event the engine accepts is written to the store (durable) before the view moves on. When the write
 * fails, the case is rebuilt from what is really stored, so the screen never shows an answer that is not saved.
 */
export function useCaseSession(caseId: string, officer: string): CaseHandle {
  const store = useCaseStore();
  const clock = useClock();
  const now = useNow();
  const [load, setLoad] = useState<CaseLoad>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<CaseNotice>();
  const busyRef = useRef(false);

  const reload = useCallback(async (): Promise<CaseLoad> => {
    let next: CaseLoad;
    try {
      const events = await store.loadEvents(caseId);
      const opened = events[0];
      if (!opened) next = { status: "failed", code: "not-found", reason: caseId };
      else if (opened.type !== "CASE_OPENED") next = { status: "failed", code: "corrupt-log", reason: caseId };
      else {
        const compiled = await loadCompiledSopOfCase(opened.sop).catch((error: unknown) => error as Error);
        if (compiled instanceof Error) next = { status: "failed", code: "sop-unavailable", reason: compiled.message };
        else {
          const replay = replayCase(compiled, events);
          next = replay.ok
            ? { status: "ready", session: replay.session }
            : { status: "failed", code: replay.code, reason: replay.reason };
        }
      }
    } catch (error) {
      next =
        error instanceof StoreError
          ? { status: "failed", code: error.code, reason: error.message }
          : { status: "failed", code: "unknown", reason: String(error) };
    }
    setLoad(next);
    setVersion((v) => v + 1);
    return next;
  }, [store, caseId]);

  useEffect(() => {
    setLoad({ status: "loading" });
    setNotice(undefined);
    void reload();
  }, [reload]);

  const session = load.status === "ready" ? load.session : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the session mutates in place; `version` marks each change.
  const view = useMemo(
    () => (session ? viewCase(session, laterOf(clock.now(), now)) : undefined),
    [session, version, now, clock],
  );

  const send = useCallback(
    async (input: CaseInput): Promise<SendOutcome> => {
      if (!session) return { ok: false, code: "not-ready", reason: "The case is not loaded." };
      if (busyRef.current) return { ok: false, code: "busy", reason: "The last change is still being saved." };
      busyRef.current = true;
      setBusy(true);
      try {
        const events = session.events;
        const last = events[events.length - 1];
        // A device clock set back must not put an event before the one it follows.
        const at = laterOf(clock.now(), new Date(last.at)).toISOString();
        const event = { ...input, at, by: officer || "unknown" } as CaseEvent;
        const expectedSeq = events.length;
        const result = session.send(event);
        if (!result.ok) return result;
        try {
          await store.appendEvents(
            caseId,
            expectedSeq,
            [event],
            summarizeCase(viewCase(session, clock.now()), expectedSeq + 1),
          );
        } catch (error) {
          // The session has applied an event the store refused: rebuild it from what is stored.
          await reload();
          const code = error instanceof StoreError ? error.code : "unknown";
          setNotice(
            code === "conflict"
              ? { kind: "conflict" }
              : code === "storage-full"
                ? { kind: "storage-full" }
                : { kind: "store-error", reason: error instanceof Error ? error.message : String(error) },
          );
          return { ok: false, code, reason: error instanceof Error ? error.message : String(error) };
        }
        setNotice(undefined);
        setVersion((v) => v + 1);
        return result;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [session, store, caseId, officer, clock, reload],
  );

  const dismissNotice = useCallback(() => setNotice(undefined), []);
  return { load, view, busy, notice, send, dismissNotice };
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
