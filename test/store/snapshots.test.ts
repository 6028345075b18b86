// @vitest-environment jsdom
import "fake-indexeddb/auto";
import PouchDB, { type PouchDoc } from "pouchdb-browser";
import { generateAnswers, generateQuestionnaire } from "../../scripts/bench/questionnaire/generateQuestionnaire";
import { senda } from "../../scripts/bench/questionnaire/systems";
import { toSendaSop } from "../../scripts/bench/questionnaire/toSendaSop";
import { type CaseEvent, CaseSession, type CompiledSop, openCase, viewCase } from "../../src/engine/index";
import { SNAPSHOT_EVERY } from "../../src/store/caseSnapshots";
import { snapshotDocId } from "../../src/store/documentIds";
import {
  type CaseLog,
  CaseStore,
  createSealer,
  LEVELS,
  type Level,
  replayLog,
  type SetAsideEvent,
  summarizeCase,
} from "../../src/store/index";
import { freshName } from "./LiveCase";

// The benchmark's questionnaire: a case long enough to pass several snapshots, one yes/no answer per event.
const compiled = senda.build(JSON.stringify(toSendaSop(generateQuestionnaire(200)))) as CompiledSop;
const answers = generateAnswers(200, 3);
const opened: CaseStore[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function device(code: string, sealed = true): Promise<CaseStore> {
  const keys = new Map<Level, CryptoKey>();
  if (sealed)
    for (const level of LEVELS)
      keys.set(level, await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]));
  const store = await CaseStore.open({
    name: freshName(code),
    device: code,
    ...(sealed ? { sealer: createSealer(keys) } : {}),
  });
  opened.push(store);
  return store;
}

const minute = (n: number) => new Date(Date.parse("2024-03-01T08:00:00.000Z") + n * 60_000).toISOString();

/** A case worked on as the case screen does it: each answer appended with a snapshot to take when one is due. */
class Desk {
  constructor(
    readonly store: CaseStore,
    public session: CaseSession,
    public count: number,
    public setAside: SetAsideEvent[] = [],
  ) {}

  static async open(store: CaseStore, caseId: string): Promise<Desk> {
    const session = openCase(compiled, { caseId, at: minute(0), by: "ana" });
    await store.appendEvents(caseId, 0, session.events, summarizeCase(viewCase(session, new Date(minute(0))), 1), {
      compiled,
    });
    return new Desk(store, session, 1);
  }

  /** Answers the current question `times` times, a minute apart from `from`. */
  async answer(times: number, from: number, by = "ana"): Promise<void> {
    for (let i = 0; i < times; i++) {
      const step = this.session.activeSteps()[0];
      const event: CaseEvent = {
        type: "ANSWERED",
        step,
        value: answers[Number(step.slice(1))],
        at: minute(from + i),
        by,
      };
      const sent = this.session.send(event);
      if (!sent.ok) throw new Error(sent.reason);
      const summary = summarizeCase(viewCase(this.session, new Date(event.at)), this.count + 1);
      await this.store.appendEvents(this.session.opened.caseId, this.count, [event], summary, {
        compiled,
        snapshot: () => ({ session: this.session.snapshot(), setAside: this.setAside }),
      });
      this.count++;
    }
    await this.store.snapshotsWritten();
  }
}

/** The case's log replayed from its stored snapshot (which must be used when there is one), and from its events alone. */
function bothWays(log: CaseLog) {
  const restore = vi.spyOn(CaseSession, "fromSnapshot");
  const fromSnapshot = replayLog(compiled, log);
  if (log.snapshot) expect(restore.mock.results.map((r) => r.value instanceof CaseSession)).toEqual([true]);
  restore.mockRestore();
  const fromEvents = replayLog(compiled, { ...log, snapshot: undefined });
  if (!fromSnapshot.ok || !fromEvents.ok) throw new Error("the log does not replay");
  return { fromSnapshot, fromEvents };
}

/** What a screen sees of a case, and the case's whole state as a snapshot holds it. */
function sameCase(a: CaseSession, b: CaseSession): void {
  const at = new Date(minute(1000));
  expect(a.events).toEqual(b.events);
  expect(viewCase(a, at)).toEqual(viewCase(b, at));
  expect(a.snapshot()).toEqual(b.snapshot());
}

describe("case snapshots kept by the store", () => {
  it("keeps a sealed snapshot each time the log passes a multiple of SNAPSHOT_EVERY, and opens the case from it", async () => {
    const store = await device("KQM");
    const desk = await Desk.open(store, "C-1");
    await desk.answer(SNAPSHOT_EVERY + 12, 1);
    const log = await store.loadLog("C-1");
    expect(log.entries).toHaveLength(SNAPSHOT_EVERY + 13);
    expect(log.snapshot?.count).toBe(SNAPSHOT_EVERY);
    // Sealed at rest: nothing of the case is readable in the document.
    const raw = (await new PouchDB(store.name).get(snapshotDocId("C-1"))) as PouchDoc;
    expect(raw.sealed).toBeDefined();
    expect(raw.snapshot).toBeUndefined();
    expect(JSON.stringify(raw)).not.toContain("scopes");
    const { fromSnapshot, fromEvents } = bothWays(log);
    sameCase(fromSnapshot.session, fromEvents.session);
    // The case goes on the same way from either.
    const next: CaseEvent = {
      type: "ANSWERED",
      step: fromEvents.session.activeSteps()[0],
      value: true,
      at: minute(900),
      by: "ana",
    };
    expect(fromSnapshot.session.send(next)).toEqual(fromEvents.session.send(next));
    sameCase(fromSnapshot.session, fromEvents.session);
    // And it is the session the desk holds.
    sameCase(desk.session, bothWays(await store.loadLog("C-1")).fromSnapshot.session);
  });

  it("keeps a plain snapshot on a device without keys", async () => {
    const store = await device("KQN", false);
    const desk = await Desk.open(store, "C-2");
    await desk.answer(2 * SNAPSHOT_EVERY + 3, 1);
    const log = await store.loadLog("C-2");
    expect(log.snapshot?.count).toBe(2 * SNAPSHOT_EVERY);
    sameCase(bothWays(log).fromSnapshot.session, desk.session);
  });

  it("ignores a snapshot that was altered", async () => {
    const store = await device("KQM");
    const desk = await Desk.open(store, "C-3");
    await desk.answer(SNAPSHOT_EVERY + 1, 1);
    const db = new PouchDB(store.name);
    const doc = (await db.get(snapshotDocId("C-3"))) as PouchDoc & { sealed: { data: string } };
    const bytes = atob(doc.sealed.data);
    const flipped = String.fromCharCode(bytes.charCodeAt(40) ^ 1);
    await db.bulkDocs([
      { ...doc, sealed: { ...doc.sealed, data: btoa(bytes.slice(0, 40) + flipped + bytes.slice(41)) } },
    ]);
    const log = await store.loadLog("C-3");
    expect(log.snapshot).toBeUndefined();
    sameCase(bothWays(log).fromEvents.session, desk.session);
  });

  it("ignores a plain snapshot whose count or log was altered, or that the engine cannot read", async () => {
    const store = await device("KQN", false);
    const desk = await Desk.open(store, "C-4");
    await desk.answer(SNAPSHOT_EVERY + 1, 1);
    const db = new PouchDB(store.name);
    const doc = (await db.get(snapshotDocId("C-4"))) as PouchDoc & { snapshot: Record<string, unknown> };
    const { _rev, ...body } = doc;
    let rev = _rev;
    for (const change of [
      { count: SNAPSHOT_EVERY - 1 },
      { log: "50:0000000000000000" },
      { snapshot: { ...doc.snapshot, session: { ...(doc.snapshot.session as object), context: { scopes: 7 } } } },
    ]) {
      const [written] = await db.bulkDocs([{ ...body, _rev: rev, ...change }]);
      if (written.error) throw new Error("the snapshot was not rewritten");
      rev = written.rev;
      const log = await store.loadLog("C-4");
      if (log.snapshot) {
        // Read back, but refused by the engine: the case is replayed from its events.
        expect(log.snapshot.session.context).toEqual({ scopes: 7 });
        const replay = replayLog(compiled, log);
        if (!replay.ok) throw new Error(replay.reason);
        sameCase(replay.session, desk.session);
      } else sameCase(bothWays(log).fromEvents.session, desk.session);
    }
  });

  it("ignores a snapshot over a log that replication changed, and keeps one that names the entries set aside", async () => {
    const a = await device("KQA");
    const b = await device("KQB");
    const logs = { filter: (doc: PouchDoc) => doc._id.startsWith("case/") };
    const desk = await Desk.open(a, "C-5");
    await new PouchDB(a.name).replicate.to(new PouchDB(b.name), logs);
    await b.settled();
    // On B, offline, another officer answered the first question half a minute after the case was opened.
    const other = await (async () => {
      const log = await b.loadLog("C-5");
      const replay = replayLog(compiled, log);
      if (!replay.ok) throw new Error(replay.reason);
      return new Desk(b, replay.session, log.entries.length);
    })();
    const first: CaseEvent = {
      type: "ANSWERED",
      step: "q0",
      value: !answers[0],
      at: "2024-03-01T08:00:30.000Z",
      by: "eva",
    };
    expect(other.session.send(first).ok).toBe(true);
    await b.appendEvents("C-5", 1, [first], summarizeCase(viewCase(other.session, new Date(first.at)), 2), {
      compiled,
    });
    // A went on meanwhile, past a snapshot.
    await desk.answer(SNAPSHOT_EVERY + 5, 1);
    expect((await a.loadLog("C-5")).snapshot?.count).toBe(SNAPSHOT_EVERY);
    await new PouchDB(b.name).replicate.to(new PouchDB(a.name), logs);
    await a.settled();
    // B's answer sorts among the entries the snapshot stood for: it no longer stands for the log.
    const merged = await a.loadLog("C-5");
    expect(merged.entries[1].device).toBe("KQB");
    expect(merged.snapshot).toBeUndefined();
    const { fromEvents } = bothWays(merged);
    expect(fromEvents.setAside.length).toBeGreaterThan(0);
    expect(new Set(fromEvents.setAside.map((s) => s.event.by))).toEqual(new Set(["ana"]));
    // A reopens the case from the merged log and goes on past the next snapshot: the one it keeps names the entry set
    // aside, and opening from it gives the same case as replaying the merged log.
    const again = new Desk(a, fromEvents.session, fromEvents.count, fromEvents.setAside);
    await again.answer(2 * SNAPSHOT_EVERY - fromEvents.count + 2, 200);
    const later = await a.loadLog("C-5");
    expect(later.snapshot?.count).toBe(2 * SNAPSHOT_EVERY);
    expect(later.snapshot?.setAside.map((s) => s.key)).toEqual(fromEvents.setAside.map((s) => s.key));
    const both = bothWays(later);
    sameCase(both.fromSnapshot.session, both.fromEvents.session);
    expect(both.fromSnapshot.setAside).toEqual(both.fromEvents.setAside);
    expect(both.fromSnapshot.conflicts).toEqual(both.fromEvents.conflicts);
  });
});
