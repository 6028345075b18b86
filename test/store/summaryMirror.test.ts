// @vitest-environment jsdom
// The queue's first paint from the summaries' mirror (CaseStore.openEarly), before PouchDB is loaded: what it shows,
// and that PouchDB's summaries stay the truth. fake-indexeddb stands in for the browser's IndexedDB.
import "fake-indexeddb/auto";
import PouchDB from "pouchdb-browser";
import { CaseStore } from "../../src/store/index";
import { SummaryMirror } from "../../src/store/SummaryMirror";
import { type SummaryDoc, toSummaryDoc } from "../../src/store/storedDocuments";
import { compileMini, freshName, LiveCase } from "./LiveCase";

const compiled = compileMini();
const CLOCK = () => new Date("2024-03-01T09:00:00Z");
const opened: CaseStore[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function keep(store: Promise<CaseStore>): Promise<CaseStore> {
  const s = await store;
  opened.push(s);
  return s;
}

async function withCases(name: string, ...caseIds: string[]): Promise<CaseStore> {
  const store = await keep(CaseStore.open({ name, clock: CLOCK, mirror: true }));
  for (const caseId of caseIds) {
    const live = new LiveCase(store, compiled, caseId);
    await live.open();
    await live.send({ type: "ACKNOWLEDGED", step: "welcome" });
  }
  await store.mirrored();
  return store;
}

const ids = (store: CaseStore) =>
  store
    .listSummaries({ sort: "recent" })
    .map((s) => s.caseId)
    .sort();

describe("the summaries' mirror", () => {
  it("lists the stored cases before PouchDB has opened, and the same ones once it has", async () => {
    const name = freshName("mirror");
    const first = await withCases(name, "c-1", "c-2");
    const summaries = [first.getSummary("c-1"), first.getSummary("c-2")];
    await first.close();

    const early = await keep(CaseStore.openEarly({ name, clock: CLOCK }));
    expect(ids(early)).toEqual(["c-1", "c-2"]);
    expect([early.getSummary("c-1"), early.getSummary("c-2")]).toEqual(summaries);
    await early.ready;
    expect(ids(early)).toEqual(["c-1", "c-2"]);
    // Reads and writes work as from a store opened the usual way.
    expect((await early.loadEvents("c-1")).length).toBe(2);
  });

  it("waits for the database when there is no mirror yet, and writes one for the next start", async () => {
    const name = freshName("mirror-none");
    const plain = await keep(CaseStore.open({ name, clock: CLOCK }));
    const live = new LiveCase(plain, compiled, "c-1");
    await live.open();
    await plain.close();
    expect(await new SummaryMirror(name).read()).toBeUndefined();

    const early = await keep(CaseStore.openEarly({ name, clock: CLOCK }));
    expect(ids(early)).toEqual(["c-1"]);
    await early.mirrored();
    await early.close();
    expect((await new SummaryMirror(name).read())?.map((m) => m.summary.caseId)).toEqual(["c-1"]);
  });

  it("lets PouchDB's summaries replace a stale mirror: a case missing from it shows, one gone from PouchDB goes", async () => {
    const name = freshName("mirror-stale");
    const store = await withCases(name, "c-1", "c-2");
    await store.close();
    // Behind the mirror's back: c-3 written to PouchDB alone (as by a tab whose mirror write failed), c-2 removed.
    const db = new PouchDB(name);
    const c1 = (await db.get("summary/c-1")) as unknown as SummaryDoc;
    const c2 = await db.get("summary/c-2");
    await db.bulkDocs([
      toSummaryDoc({ ...c1.summary!, caseId: "c-3" }),
      { _id: c2._id, _rev: c2._rev, _deleted: true },
    ]);
    await db.close();

    const early = await keep(CaseStore.openEarly({ name, clock: CLOCK }));
    const seen: string[][] = [ids(early)];
    early.subscribe(() => seen.push(ids(early)));
    await early.ready;
    expect(seen[0]).toEqual(["c-1", "c-2"]);
    expect(ids(early)).toEqual(["c-1", "c-3"]);
    await early.mirrored();
    expect((await new SummaryMirror(name).read())?.map((m) => m.summary.caseId).sort()).toEqual(["c-1", "c-3"]);
  });

  it("keeps a write made before PouchDB opened, and mirrors it", async () => {
    const name = freshName("mirror-early-write");
    await (await withCases(name, "c-1")).close();
    const early = await keep(CaseStore.openEarly({ name, clock: CLOCK }));
    const live = new LiveCase(early, compiled, "c-9");
    await live.open();
    await early.ready;
    expect(ids(early)).toEqual(["c-1", "c-9"]);
    expect((await early.loadEvents("c-9")).length).toBe(1);
    await early.mirrored();
    expect((await new SummaryMirror(name).read())?.map((m) => m.summary.caseId).sort()).toEqual(["c-1", "c-9"]);
  });

  it("leaves out a malformed copy instead of failing", async () => {
    const name = freshName("mirror-bad");
    await (await withCases(name, "c-1")).close();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(`${name}~queue`, 1);
      open.onsuccess = () => {
        const tx = open.result.transaction("summaries", "readwrite");
        tx.objectStore("summaries").put({ caseId: "c-bad", rev: "1-x", summary: { caseId: "c-bad" } });
        tx.objectStore("summaries").put({ caseId: "c-worse", summary: 42 });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const read = await new SummaryMirror(name).read();
    expect(read?.map((m) => m.summary.caseId)).toEqual(["c-1"]);
  });

  it("is emptied by deleteAll", async () => {
    const name = freshName("mirror-delete");
    const store = await withCases(name, "c-1");
    await store.deleteAll();
    await store.mirrored();
    expect(store.size).toBe(0);
    expect((await new SummaryMirror(name).read()) ?? []).toEqual([]);
  });
});
