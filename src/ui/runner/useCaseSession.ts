import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  type CaseEvent,
  type CaseSession,
  type CaseView,
  PUBLIC_SURFACE,
  redactView,
  viewCase,
} from "../../engine/index";
import { StoreError, summarizeCase } from "../../store/index";
import { useClock } from "../shared/ClockProvider";
import { useCaseStore } from "../shared/StoreProvider";
import { useNow } from "../shared/useNow";
import { useViewer } from "../shared/useViewer";
import {
  type CaseInput,
  type CaseLoad,
  forgetOpenedCase,
  isJustOpened,
  laterOf,
  loadCaseSession,
  peekOpenedCase,
  type SendOutcome,
} from "./loadCaseSession";
import { parkCase } from "./parkedCases";
import { afterPaint, SaveTracker } from "./saveTracker";

export type { CaseInput, CaseLoad, SendOutcome } from "./loadCaseSession";

/** Something the officer must know about the case that is not tied to one input. */
export type CaseNotice =
  | { kind: "conflict" }
  | { kind: "storage-full" }
  /** Any other refusal of the store: its `code` picks the message, its English `reason` is the technical detail. */
  | { kind: "store-error"; code: string; reason: string };

/** A running case: its views, and `send`, which applies each accepted event at once and saves it right after. */
export interface CaseHandle {
  load: CaseLoad;
  /** The case as the viewer's role may see it: what the case body, the summary and prints show. */
  view?: CaseView;
  /** The case as a public surface shows it, whoever looks: what the case header shows. */
  publicView?: CaseView;
  busy: boolean;
  notice?: CaseNotice;
  /** Whether every accepted change is stored (what the save indicator shows the officer). */
  saves: SaveTracker;
  /** A step input the engine took but the store refused: its step is shown again with it, to send again. */
  unsaved?: CaseInput;
  /**
   * Applies an input to the case: the view moves at once when the engine accepts it. Resolves once it is stored, or
   * with the store's refusal (the case is then rebuilt from what is stored), or at once with the engine's refusal.
   */
  send(input: CaseInput): Promise<SendOutcome>;
  dismissNotice(): void;
}

/** An accepted event waiting for its write, with the outcome to give its caller once the write settles. */
interface PendingWrite {
  event: CaseEvent;
  input: CaseInput;
  result: SendOutcome;
  settle(outcome: SendOutcome): void;
}

/** How many accepted events of any case in this page wait for their write, and who waits for none to be left. */
let unwritten = 0;
let whenNoneUnwritten: (() => void)[] = [];

/**
 * Resolves once every event accepted on any case screen of this page has been written (or its write failed): what a
 * screen that reads a case back from the store, or a test, waits for.
 */
export function whenSaved(): Promise<void> {
  return unwritten === 0 ? Promise.resolve() : new Promise((resolve) => whenNoneUnwritten.push(resolve));
}

function written(): void {
  unwritten--;
  if (unwritten > 0) return;
  const waiting = whenNoneUnwritten;
  whenNoneUnwritten = [];
  for (const resolve of waiting) resolve();
}

/**
 * Counts a write made outside a case screen (the first event of a case just opened) among those `whenSaved` waits
 * for; resolves once it is stored, rejects as it does.
 */
export function trackWrite(write: Promise<unknown>): Promise<void> {
  unwritten++;
  const done = write.then(() => undefined);
  done.then(written, written);
  return done;
}

const STEP_INPUTS: ReadonlySet<string> = new Set(["ANSWERED", "CHECKED", "ACKNOWLEDGED", "REFERRED"]);
const isStepInput = (input: CaseInput): boolean => STEP_INPUTS.has(input.type);

/**
 * Loads a case from the device's store and replays its log through the SOP version it was opened with, then runs
 * it. Every event the engine accepts moves the view at once, and is written to the store (durable, with the case's
 * summary, in one append) right after the next frame is painted; the save indicator (`saves`) says "saved" only once
 * the write has committed, so an answer the officer has seen acknowledged survives a killed tab. Events accepted
 * while a write is in flight go in the next append, in order. When a write fails, the case is rebuilt from what is
 * really stored (the unsaved events are gone, and the officer is told), so the screen never goes on from an answer
 * that is not saved. The views it gives are redacted for who is looking (`useViewer`): nothing reaches a screen
 * unredacted.
 */
export function useCaseSession(caseId: string, officer: string): CaseHandle {
  const store = useCaseStore();
  const clock = useClock();
  const now = useNow();
  const viewer = useViewer();
  // A case this page has just opened shows in the first render, without a round through an effect.
  const [load, setLoad] = useState<CaseLoad>(() => peekOpenedCase(store, caseId) ?? { status: "loading" });
  /** The case the first render took as this page opened it: it needs no loading. */
  const tookOpened = useRef(load.status === "ready" ? caseId : undefined);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<CaseNotice>();
  const [saves] = useState(() => new SaveTracker());
  /** Set while a failed write rebuilds the case: nothing may be sent to the session being replaced. */
  const busyRef = useRef(false);
  const versionRef = useRef(0);
  /** The full view `send` computed, reused by the render and by the summary of the next write. */
  const computed = useRef<{ session: CaseSession; version: number; now: Date; view: CaseView }>(undefined);
  /** Accepted events not yet written (each with its caller's promise to settle), and whether a write is running. */
  const writes = useRef<{ queue: PendingWrite[]; running: boolean }>({ queue: [], running: false });
  const [unsaved, setUnsaved] = useState<CaseInput>();
  /** Whether the write of a just opened case's first event (`load.storing`) has committed. */
  const openingStored = useRef(false);

  const reload = useCallback(async (): Promise<CaseLoad> => {
    // A screen of this page left with changes still being written (say, a case closed and opened again at once):
    // read the case once they are stored. A case just opened is not read back: its first write is awaited later.
    if (!isJustOpened(caseId)) await whenSaved();
    const next = await loadCaseSession(store, caseId);
    setLoad(next);
    versionRef.current++;
    setVersion(versionRef.current);
    return next;
  }, [store, caseId]);

  useEffect(() => {
    if (tookOpened.current === caseId) {
      forgetOpenedCase(caseId);
      return;
    }
    tookOpened.current = undefined;
    setLoad({ status: "loading" });
    setNotice(undefined);
    void reload();
  }, [caseId, reload]);

  const session = load.status === "ready" ? load.session : undefined;
  const merged = load.status === "ready" ? load.merged : undefined;

  // The case the officer leaves is parked, once all of it is stored: opening it again wakes it without the store.
  const leaving = useRef(merged);
  leaving.current = merged;
  useEffect(
    () => () => {
      const left = leaving.current;
      const pending = writes.current;
      if (
        left &&
        left.session.opened.caseId === caseId &&
        !busyRef.current &&
        !pending.running &&
        !pending.queue.length
      )
        parkCase(store, left);
    },
    [store, caseId],
  );

  // Events of this case from another device, or from the station's panel in this tab, reload it (issue 13).
  useEffect(() => {
    let seen = store.caseVersion(caseId);
    return store.subscribe(() => {
      const version = store.caseVersion(caseId);
      const count = store.getSummary(caseId)?.eventCount;
      const saving = writes.current.running || writes.current.queue.length > 0;
      if (version === seen || busyRef.current || saving || !merged || count === undefined || count <= merged.count)
        return;
      seen = version;
      void reload();
    });
  }, [store, caseId, merged, reload]);
  // The session mutates in place: `version` marks each change.
  const full = useMemo(() => {
    if (!session) return undefined;
    const cached = computed.current;
    if (cached && cached.session === session && cached.version === version && cached.now === now) return cached.view;
    const view = viewCase(session, laterOf(clock.now(), now));
    computed.current = { session, version, now, view };
    return view;
  }, [session, version, now, clock]);
  const view = useMemo(() => (full ? redactView(full, viewer.sees) : undefined), [full, viewer.sees]);
  const publicView = useMemo(() => (full ? redactView(full, PUBLIC_SURFACE) : undefined), [full]);

  const storing = load.status === "ready" ? load.storing : undefined;
  const beginStoring = load.status === "ready" ? load.beginStoring : undefined;

  /**
   * Writes the queued events, in appends of all that is queued, until none is left; first waits for the write of
   * the case's first event when the case was just opened and it is still running.
   */
  const flush = useCallback(async () => {
    const pending = writes.current;
    if (pending.running || !session || !merged) return;
    pending.running = true;
    try {
      while (pending.queue.length > 0 || storing) {
        const batch = pending.queue.splice(0);
        try {
          if (storing && !openingStored.current) {
            await storing;
            openingStored.current = true;
            continue;
          }
          if (batch.length === 0) break;
          // The view of the session after the last queued event: `send` computed it, for the render.
          const latest = computed.current?.session === session ? computed.current.view : viewCase(session, clock.now());
          // The stored log may hold events the session set aside (another device's): count the log, not the session.
          const expectedSeq = merged.count;
          const events = batch.map((w) => w.event);
          await store.appendEvents(caseId, expectedSeq, events, summarizeCase(latest, expectedSeq + events.length), {
            compiled: session.compiled,
            // Called at once, while the session is at these events (later ones wait in the queue).
            snapshot: () => ({ session: session.snapshot(), setAside: merged.setAside }),
          });
          merged.count = expectedSeq + events.length;
          for (const w of batch) w.settle(w.result);
        } catch (error) {
          // The session has applied events the store refused: rebuild it from what is stored, and say so.
          const failed = [...batch, ...pending.queue.splice(0)];
          const code = error instanceof StoreError ? error.code : "unknown";
          const reason = error instanceof Error ? error.message : String(error);
          for (const w of failed) w.settle({ ok: false, code, reason });
          busyRef.current = true;
          setBusy(true);
          saves.set("failed");
          try {
            await reload();
          } finally {
            busyRef.current = false;
            setBusy(false);
          }
          // The first step input not saved comes back on its step as it was given, to send again.
          setUnsaved(failed.map((w) => w.input).find(isStepInput));
          setNotice(
            code === "conflict"
              ? { kind: "conflict" }
              : code === "storage-full"
                ? { kind: "storage-full" }
                : { kind: "store-error", code, reason },
          );
          return;
        }
      }
      saves.set("saved");
    } finally {
      pending.running = false;
    }
  }, [session, merged, storing, store, caseId, clock, reload, saves]);

  // A case just opened shows before its first event is stored: "saving" until it is. Its write begins once the
  // step is painted.
  useEffect(() => {
    if (!storing) return;
    openingStored.current = false;
    saves.set("saving");
    if (beginStoring) afterPaint(beginStoring);
    void flush();
  }, [storing, beginStoring, flush, saves]);

  const send = useCallback(
    (input: CaseInput): Promise<SendOutcome> => {
      if (!session) return Promise.resolve({ ok: false, code: "not-ready", reason: "The case is not loaded." });
      if (busyRef.current)
        return Promise.resolve({ ok: false, code: "busy", reason: "The case is being reloaded from storage." });
      const events = session.events;
      const last = events[events.length - 1];
      const at = laterOf(clock.now(), new Date(last.at)).toISOString();
      const event = { ...input, at, by: officer || "unknown" } as CaseEvent;
      const result = session.send(event);
      if (!result.ok) return Promise.resolve(result);
      // One view per change: computed here, shown by this render, summarised by the write.
      versionRef.current++;
      computed.current = {
        session,
        version: versionRef.current,
        now,
        view: viewCase(session, laterOf(clock.now(), now)),
      };
      setVersion(versionRef.current);
      setNotice(undefined);
      setUnsaved(undefined);
      saves.set("saving");
      unwritten++;
      const saved = new Promise<SendOutcome>((resolve) =>
        writes.current.queue.push({
          event,
          input,
          result,
          settle: (outcome) => {
            resolve(outcome);
            written();
          },
        }),
      );
      afterPaint(() => void flush());
      return saved;
    },
    [session, officer, clock, now, flush, saves],
  );

  const dismissNotice = useCallback(() => setNotice(undefined), []);
  return { load, view, publicView, busy, notice, saves, unsaved, send, dismissNotice };
}
