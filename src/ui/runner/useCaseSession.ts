import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type CaseEvent, type CaseView, PUBLIC_SURFACE, redactView, viewCase } from "../../engine/index";
import { StoreError, summarizeCase } from "../../store/index";
import { useClock } from "../shared/ClockProvider";
import { useCaseStore } from "../shared/StoreProvider";
import { useNow } from "../shared/useNow";
import { useViewer } from "../shared/useViewer";
import { type CaseInput, type CaseLoad, laterOf, loadCaseSession, type SendOutcome } from "./loadCaseSession";

export type { CaseInput, CaseLoad, SendOutcome } from "./loadCaseSession";

/** Something the officer must know about the case that is not tied to one input. */
export type CaseNotice = { kind: "conflict" } | { kind: "storage-full" } | { kind: "store-error"; reason: string };

/** A running case: its views, and `send`, which saves each accepted event before the screen moves on. */
export interface CaseHandle {
  load: CaseLoad;
  /** The case as the viewer's role may see it: what the case body, the summary and prints show. */
  view?: CaseView;
  /** The case as a public surface shows it, whoever looks: what the case header shows. */
  publicView?: CaseView;
  busy: boolean;
  notice?: CaseNotice;
  send(input: CaseInput): Promise<SendOutcome>;
  dismissNotice(): void;
}

/**
 * Loads a case from the device's store and replays its log through the SOP version it was opened with, then runs
 * it: every event the engine accepts is written to the store (durable) before the view moves on. When the write
 * fails, the case is rebuilt from what is really stored, so the screen never shows an answer that is not saved. The
 * views it gives are redacted for who is looking (`useViewer`): nothing reaches a screen unredacted.
 */
export function useCaseSession(caseId: string, officer: string): CaseHandle {
  const store = useCaseStore();
  const clock = useClock();
  const now = useNow();
  const viewer = useViewer();
  const [load, setLoad] = useState<CaseLoad>({ status: "loading" });
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<CaseNotice>();
  const busyRef = useRef(false);

  const reload = useCallback(async (): Promise<CaseLoad> => {
    const next = await loadCaseSession(store, caseId);
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
  const merged = load.status === "ready" ? load.merged : undefined;

  // Events of this case from another device, or from the station's panel in this tab, reload it (issue 13).
  useEffect(() => {
    let seen = store.caseVersion(caseId);
    return store.subscribe(() => {
      const version = store.caseVersion(caseId);
      const count = store.getSummary(caseId)?.eventCount;
      if (version === seen || busyRef.current || !merged || count === undefined || count <= merged.count) return;
      seen = version;
      void reload();
    });
  }, [store, caseId, merged, reload]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the session mutates in place; `version` marks each change.
  const full = useMemo(
    () => (session ? viewCase(session, laterOf(clock.now(), now)) : undefined),
    [session, version, now, clock],
  );
  const view = useMemo(() => (full ? redactView(full, viewer.sees) : undefined), [full, viewer.sees]);
  const publicView = useMemo(() => (full ? redactView(full, PUBLIC_SURFACE) : undefined), [full]);

  const send = useCallback(
    async (input: CaseInput): Promise<SendOutcome> => {
      if (!session) return { ok: false, code: "not-ready", reason: "The case is not loaded." };
      if (busyRef.current) return { ok: false, code: "busy", reason: "The last change is still being saved." };
      busyRef.current = true;
      setBusy(true);
      try {
        const events = session.events;
        const last = events[events.length - 1];
        const at = laterOf(clock.now(), new Date(last.at)).toISOString();
        const event = { ...input, at, by: officer || "unknown" } as CaseEvent;
        // The stored log may hold events the session set aside (another device's): count the log, not the session.
        const expectedSeq = merged ? merged.count : events.length;
        const result = session.send(event);
        if (!result.ok) return result;
        try {
          await store.appendEvents(
            caseId,
            expectedSeq,
            [event],
            summarizeCase(viewCase(session, clock.now()), expectedSeq + 1),
            { compiled: session.compiled },
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
        if (merged) merged.count = expectedSeq + 1;
        setNotice(undefined);
        setVersion((v) => v + 1);
        return result;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [session, merged, store, caseId, officer, clock, reload],
  );

  const dismissNotice = useCallback(() => setNotice(undefined), []);
  return { load, view, publicView, busy, notice, send, dismissNotice };
}
