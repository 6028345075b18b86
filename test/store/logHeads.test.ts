// @vitest-environment jsdom
import "fake-indexeddb/auto";
import PouchDB, { type AllDocsOptions, type PouchDoc } from "pouchdb-browser";
import { generateAnswers, generateQuestionnaire } from "../../scripts/bench/questionnaire/generateQuestionnaire";
import { senda } from "../../scripts/bench/questionnaire/systems";
import { toSendaSop } from "../../scripts/bench/questionnaire/toSendaSop";
import { type CaseEvent, type CaseSession, type CompiledSop, openCase, viewCase } from "../../src/engine/index";
import { eventRange } from "../../src/store/documentIds";
import { CaseStore, ConflictError, summarizeCase } from "../../src/store/index";
import { HEAD_CHANGES } from "../../src/store/logHeads";
import { freshName } from "./LiveCase";

// The benchmark's questionnaire: one yes/no answer per event, as long a case as a test needs.
const compiled = senda.build(JSON.stringify(toSendaSop(generateQuestionnaire(150)))) as CompiledSop;
const answers = generateAnswers(150, 5);
const opened: CaseStore[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) await store.close();
});

async function open(name: string, device: string): Promise<CaseStore> {
  const store = await CaseStore.open({ name, device });
  opened.push(store);
  return store;
}

const minute = (n: number) => new Date(Date.parse("2024-03-01T08:00:00.000Z") + n * 60_000).toISOString();

/** A case worked on as the case screen does it, one answer per append. */
class Desk {
  count = 1;
  constructor(
    readonly store: CaseStore,
    readonly session: CaseSession,
  ) {}

  static async open(store: CaseStore, caseId: string): Promise<Desk> {
    const session = openCase(compiled, { caseId, at: minute(0), by: "ana" });
    await store.appendEvents(caseId, 0, session.events, summarizeCase(viewCase(session, new Date(minute(0))), 1), {
      compiled,
    });
    return new Desk(store, session);
  }

  /** The next answer, as an event (not yet sent). */
  next(at: string): CaseEvent {
    const step = this.session.activeSteps()[0];
    return { type: "ANSWERED", step, value: answers[Number(step.slice(1))], at, by: "ana" };
  }

  async answer(times: number, from: number): Promise<void> {
    for (let i = 0; i < times; i++) await this.append(this.next(minute(from + i)));
  }

  async append(event: CaseEvent, expectedSeq = this.count): Promise<void> {
    const sent = this.session.send(event);
    if (!sent.ok) throw new Error(sent.reason);
    const summary = summarizeCase(viewCase(this.session, new Date(event.at)), expectedSeq + 1);
    await this.store.appendEvents(this.session.opened.caseId, expectedSeq, [event], summary, {
      compiled,
      snapshot: () => ({ session: this.session.snapshot(), setAside: [] }),
    });
    this.count = expectedSeq + 1;
  }
}

/** Counts the ids of a case's events that the store's `allDocs` reads, and the changes `changes` reads, from now on. */
async function countReads(store: CaseStore, caseId: string) {
  const reads = { eventIds: 0, changes: 0 };
  const range = eventRange(caseId);
  // biome-ignore lint/correctness/useHookAtTopLevel: the store's method, not a React hook.
  const db = await store.useDatabase("counting reads", async (db) => db);
  const allDocs = db.allDocs.bind(db);
  vi.spyOn(db, "allDocs").mockImplementation(async (options?: AllDocsOptions) => {
    const result = await allDocs(options);
    if (options?.startkey === range.startkey) reads.eventIds += result.rows.length;
    return result;
  });
  const changes = db.changes.bind(db);
  vi.spyOn(db, "changes").mockImplementation((options) => {
    const feed = changes(options);
    if (!options.live)
      void Promise.resolve(feed).then(
        (r) => {
          reads.changes += r.results.length;
        },
        () => undefined,
      );
    return feed;
  });
  return reads;
}

describe("what an append reads of the case's log", () => {
  it("reads as much for the 120th answer as for the 20th: the changes since the last append, not every id", async () => {
    const store = await open(freshName("heads"), "KQM");
    const desk = await Desk.open(store, "C-1");
    await desk.answer(19, 1);
    const early = await countReads(store, "C-1");
    await desk.answer(3, 20);
    const earlyReads = { ...early };
    vi.restoreAllMocks();
    await desk.answer(95, 23);
    const late = await countReads(store, "C-1");
    await desk.answer(3, 118);
    expect(late.eventIds).toBe(0);
    expect(early.eventIds).toBe(0);
    // Each append reads the documents the one before wrote (its event and the summary; a snapshot at times).
    expect(earlyReads.changes).toBeLessThanOrEqual(3 * 3);
    expect(late.changes).toBeLessThanOrEqual(3 * 3);
    expect(late.changes).toBeGreaterThan(0);
    // And what it wrote is the whole log, in order, each event after the one before.
    await store.snapshotsWritten();
    const log = await store.loadLog("C-1");
    expect(log.entries.map((e) => e.event)).toEqual(desk.session.events);
    expect(store.getSummary("C-1")?.eventCount).toBe(121);
  });

  it("still refuses a writer whose view is behind: another tab's answer is counted from the changes", async () => {
    const name = freshName("tabs");
    const [tabA, tabB] = [await open(name, "KQM"), await open(name, "KQM")];
    const a = await Desk.open(tabA, "C-2");
    await a.answer(5, 1);
    // Tab B takes the case as stored, and answers the next question first.
    const b = new Desk(tabB, openCase(compiled, { caseId: "C-2", at: minute(0), by: "ana" }));
    for (const event of a.session.events.slice(1)) b.session.send(event);
    b.count = a.count;
    await b.answer(1, 6);
    const reads = await countReads(tabA, "C-2");
    const stale = a.next(minute(7));
    await expect(a.append(stale)).rejects.toBeInstanceOf(ConflictError);
    expect(reads.eventIds).toBe(0);
    // Once tab A goes on from the stored log, its answer follows tab B's.
    await b.answer(1, 8);
    expect((await tabA.loadEvents("C-2")).map((e) => e.at)).toEqual(b.session.events.map((e) => e.at));
  });

  it("reads the ids again when an event from elsewhere sorts among those it holds, and counts it", async () => {
    const name = freshName("replica");
    const store = await open(name, "KQM");
    const desk = await Desk.open(store, "C-3");
    await desk.answer(4, 1);
    // Another device's answer (from replication) made earlier than the last one held here: it sorts before it.
    const db = new PouchDB(name);
    const key = `${String(Date.parse(minute(2)) + 1).padStart(15, "0")}-XYZ`;
    const replicated: PouchDoc = {
      _id: `case/C-3/event/${key}`,
      kind: "event",
      caseId: "C-3",
      key,
      by: "eva",
      at: minute(2),
      level: "public",
      seen: {},
      event: { type: "NOTE_ADDED", text: "llegó con su hermana", at: minute(2), by: "eva" },
    };
    await db.bulkDocs([replicated]);
    const reads = await countReads(store, "C-3");
    await expect(desk.append(desk.next(minute(10)))).rejects.toMatchObject({ expectedSeq: 5, storedSeq: 6 });
    expect(reads.eventIds).toBe(6);
    // A writer that counts it goes on, and its event names the other device's as seen.
    desk.session.send(replicated.event as CaseEvent);
    const event = desk.next(minute(11));
    const sent = desk.session.send(event);
    expect(sent.ok).toBe(true);
    await store.appendEvents("C-3", 6, [event], summarizeCase(viewCase(desk.session, new Date(event.at)), 7), {
      compiled,
    });
    const log = await store.loadLog("C-3");
    expect(log.entries).toHaveLength(7);
    expect(log.entries[6].seen.XYZ).toBe(key);
    expect(log.entries[3].key).toBe(key);
  });

  it("reads the ids again after more changes than it would read one by one", async () => {
    const name = freshName("burst");
    const store = await open(name, "KQM");
    const desk = await Desk.open(store, "C-4");
    await desk.answer(3, 1);
    const other = await Desk.open(store, "C-5");
    await other.answer(HEAD_CHANGES, 1);
    const reads = await countReads(store, "C-4");
    await desk.answer(1, 10);
    expect(reads.eventIds).toBe(4);
    expect(reads.changes).toBeLessThanOrEqual(HEAD_CHANGES);
    expect(await store.loadEvents("C-4")).toEqual(desk.session.events);
  });
});
