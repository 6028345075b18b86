// @vitest-environment jsdom
import "fake-indexeddb/auto";
import PouchDB from "pouchdb-browser";
import type { CaseEvent } from "../../src/engine/index";
import { commitDocs } from "../../src/store/commitDocs";
import { type CaseStore, ConflictError, CaseStore as Store } from "../../src/store/index";
import { compileMini, freshName, LiveCase } from "./LiveCase";

const compiled = compileMini();
const opened: CaseStore[] = [];

/** Two stores on one database: two tabs of the app. */
async function twoTabs(label: string): Promise<[CaseStore, CaseStore]> {
  const name = freshName(label);
  const pair: [CaseStore, CaseStore] = [await Store.open({ name }), await Store.open({ name })];
  opened.push(...pair);
  return pair;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/** The same case as a second tab sees it: replayed from what is stored. */
async function reloadIn(store: CaseStore, first: LiveCase): Promise<LiveCase> {
  const copy = new LiveCase(store, compiled, first.caseId);
  const events = await store.loadEvents(first.caseId);
  expect(events[0]).toEqual(copy.session.events[0]);
  for (const event of events.slice(1)) expect(copy.session.send(event).ok).toBe(true);
  return copy;
}

function ageAnswer(value: number, minute: number): CaseEvent {
  return {
    type: "ANSWERED",
    step: "ask-age",
    value,
    at: `2024-03-01T08:${String(minute).padStart(2, "0")}:00.000Z`,
    by: "o",
  };
}

describe("two writers on one case", () => {
  it("lets exactly one of two simultaneous writes at the same sequence number through", async () => {
    const [tabA, tabB] = await twoTabs("race");
    const a = new LiveCase(tabA, compiled, "c-1");
    await a.open();
    await a.send({ type: "ACKNOWLEDGED", step: "welcome" });
    const b = await reloadIn(tabB, a);

    const eventA = ageAnswer(15, 10);
    const eventB = ageAnswer(51, 11);
    a.session.send(eventA);
    b.session.send(eventB);
    const results = await Promise.allSettled([
      tabA.appendEvents("c-1", 2, [eventA], a.summary()),
      tabB.appendEvents("c-1", 2, [eventB], b.summary()),
    ]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = lost[0].reason as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "conflict", caseId: "c-1", expectedSeq: 2, storedSeq: 3 });
    expect(error.message).toMatch(/Reload the case and try again/);

    const winner = results[0].status === "fulfilled" ? eventA : eventB;
    const stored = await tabA.loadEvents("c-1");
    expect(stored).toHaveLength(3);
    expect(stored[2]).toEqual(winner);
    expect(tabA.getSummary("c-1")?.eventCount).toBe(3);
  });

  it("refuses a stale tab's write, and takes it once the tab has reloaded", async () => {
    const [tabA, tabB] = await twoTabs("stale");
    const a = new LiveCase(tabA, compiled, "c-2");
    await a.open();
    const b = await reloadIn(tabB, a);
    await a.send({ type: "ACKNOWLEDGED", step: "welcome" });

    const late: CaseEvent = { type: "ACKNOWLEDGED", step: "welcome", at: "2024-03-01T08:30:00.000Z", by: "other" };
    b.session.send(late);
    await expect(tabB.appendEvents("c-2", 1, [late], b.summary())).rejects.toMatchObject({
      code: "conflict",
      expectedSeq: 1,
      storedSeq: 2,
    });

    const reloaded = await reloadIn(tabB, a);
    expect(reloaded.session.activeSteps()).toEqual(["ask-age"]);
    await reloaded.send({ type: "ANSWERED", step: "ask-age", value: 30 });
    expect((await tabA.loadEvents("c-2")).map((e) => e.type)).toEqual(["CASE_OPENED", "ACKNOWLEDGED", "ANSWERED"]);
  });

  it("keeps no part of a longer batch that lost the race", async () => {
    const [tabA, tabB] = await twoTabs("batch");
    const a = new LiveCase(tabA, compiled, "c-3");
    await a.open();
    const b = await reloadIn(tabB, a);
    await a.send({ type: "ACKNOWLEDGED", step: "welcome" });

    const batch: CaseEvent[] = [
      { type: "ACKNOWLEDGED", step: "welcome", at: "2024-03-01T08:20:00.000Z", by: "other" },
      ageAnswer(12, 21),
      { type: "ANSWERED", step: "ask-with", value: "alone", at: "2024-03-01T08:22:00.000Z", by: "other" },
    ];
    for (const e of batch) b.session.send(e);
    await expect(tabB.appendEvents("c-3", 1, batch, b.summary())).rejects.toBeInstanceOf(ConflictError);
    expect(await tabA.loadEvents("c-3")).toEqual(a.session.events);
    await vi.waitFor(() => expect(tabB.getSummary("c-3")?.eventCount).toBe(2));
  });

  it("refuses a write that would leave a gap in the log, or open a case twice", async () => {
    const [tab] = await twoTabs("gap");
    const a = new LiveCase(tab, compiled, "c-4");
    await a.open();
    const far = ageAnswer(5, 5);
    await expect(
      tab.appendEvents("c-4", 5, [far], { ...a.summary(), eventCount: 6, updatedAt: far.at }),
    ).rejects.toMatchObject({ code: "conflict", expectedSeq: 5, storedSeq: 1 });
    await expect(tab.appendEvents("c-4", 0, a.session.events, a.summary())).rejects.toMatchObject({
      code: "conflict",
      expectedSeq: 0,
      storedSeq: 1,
    });
    expect(await tab.loadEvents("c-4")).toEqual(a.session.events);
  });

  it("shows a second tab's writes in the first tab's queue", async () => {
    const [tabA, tabB] = await twoTabs("feed");
    const heard = vi.fn();
    tabA.subscribe(heard);
    const b = new LiveCase(tabB, compiled, "from-b");
    await b.open();
    await b.send({ type: "ACKNOWLEDGED", step: "welcome" });
    await vi.waitFor(() => expect(tabA.getSummary("from-b")?.eventCount).toBe(2));
    expect(heard).toHaveBeenCalled();
    expect(tabA.listSummaries({ text: "from-b" }).map((s) => s.caseId)).toEqual(["from-b"]);
  });
});

describe("writing documents all or nothing", () => {
  it("undoes the documents written when another is refused, and gives an updated one its old body back", async () => {
    const db = new PouchDB(freshName("commit"));
    const [, summary] = await db.bulkDocs([
      { _id: "e/2", by: "first writer" },
      { _id: "s", eventCount: 2 },
    ]);
    const prior = await db.get("s");
    const result = await commitDocs(
      db,
      [
        { _id: "e/1", by: "second writer" },
        { _id: "e/2", by: "second writer" },
        { _id: "e/3", by: "second writer" },
        { _id: "s", _rev: summary.error ? "" : summary.rev, eventCount: 4 },
      ],
      new Map([["s", prior]]),
      "c",
    );
    expect(result).toEqual({ ok: false, conflicts: ["e/2"] });
    const { rows } = await db.allDocs({ include_docs: true });
    expect(rows.map((r) => r.id)).toEqual(["e/2", "s"]);
    expect(rows[0].doc).toMatchObject({ by: "first writer" });
    expect(rows[1].doc).toMatchObject({ eventCount: 2 });
    // An undone event leaves only a tombstone: the next writer can still create it.
    const again = await commitDocs(db, [{ _id: "e/3", by: "third writer" }], new Map(), "c");
    expect(again.ok).toBe(true);
    await db.destroy();
  });
});
