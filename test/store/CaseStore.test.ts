// @vitest-environment jsdom
// The store runs pouchdb-browser, the very file the app ships, over fake-indexeddb: jsdom supplies the browser
// globals that file expects (self, navigator, localStorage).
import "fake-indexeddb/auto";
import PouchDB from "pouchdb-browser";
import { type CaseEvent, replayCase, viewCase } from "../../src/engine/index";
import { CaseStore, StoreError, summarizeCase } from "../../src/store/index";
import { toEventDoc, toSummaryDoc } from "../../src/store/storedDocuments";
import { compileMini, freshName, LiveCase } from "./LiveCase";

const compiled = compileMini();
const opened: Promise<CaseStore>[] = [];

async function openStore(name: string): Promise<CaseStore> {
  const store = CaseStore.open({ name, clock: () => new Date("2024-03-01T09:00:00Z") });
  opened.push(store);
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await (await store).close();
});

async function childAlone(store: CaseStore, caseId: string): Promise<LiveCase> {
  const live = new LiveCase(store, compiled, caseId, { site: "lajas-blancas", group: "family-9" });
  await live.open();
  await live.send({ type: "ACKNOWLEDGED", step: "welcome" });
  await live.send({ type: "ANSWERED", step: "ask-age", value: 15 });
  return live;
}

describe("appending and reloading a case", () => {
  it("keeps every event, in order, across a reopened store", async () => {
    const name = freshName("reload");
    const store = await openStore(name);
    const live = await childAlone(store, "c-1");
    await live.send({ type: "ANSWERED", step: "ask-with", value: "alone" });

    expect(await store.loadEvents("c-1")).toEqual(live.session.events);

    await store.close();
    const reopened = await openStore(name);
    expect(await reopened.loadEvents("c-1")).toEqual(live.session.events);
    expect(reopened.getSummary("c-1")).toEqual(live.summary());
    expect(reopened.size).toBe(1);
  });

  it("writes the summary with the events: current step, flags, priority, referrals, outcome", async () => {
    const store = await openStore(freshName("summary"));
    const live = await childAlone(store, "c-2");
    let summary = store.getSummary("c-2")!;
    expect(summary).toMatchObject({
      caseId: "c-2",
      sop: { id: "mini", version: "1.0.0", hash: compiled.hash },
      site: "lajas-blancas",
      group: "family-9",
      status: "active",
      current: [{ path: "ask-with", title: { es: "Con quién", en: "With whom" } }],
      flags: [],
      referrals: [],
      eventCount: 3,
    });
    expect(summary.priority).toBeUndefined();

    await live.send({ type: "ANSWERED", step: "ask-with", value: "alone" });
    summary = store.getSummary("c-2")!;
    // The summary is what the queue, a public surface, shows: the restricted flag and the step that refers to a
    // restricted service are not named; the flag still counts for the queue's order.
    expect(summary).toMatchObject({
      flags: [],
      hiddenFlags: { labels: [], unlabelled: 1 },
      priority: 1,
      current: [],
    });

    await live.send({ type: "REFERRED", step: "refer-senniaf", consent: true });
    summary = store.getSummary("c-2")!;
    // Its steps are done; the referral waits to be handed over.
    expect(summary).toMatchObject({
      status: "pending",
      outcome: "referred",
      current: [],
      referrals: [],
      nextDeadline: { id: "", dueAt: expect.any(String) },
      eventCount: 5,
      updatedAt: live.session.events[4].at,
    });
  });

  it("replays the stored log through the engine to exactly the live session's view", async () => {
    const store = await openStore(freshName("replay"));
    const live = await childAlone(store, "c-3");
    await live.send({ type: "ANSWERED", step: "ask-with", value: "parent" });
    await live.send({ type: "NOTE_ADDED", step: "ask-with", text: "Travels with her mother." });
    // A correction re-routes the case: the child turns out to be alone after all.
    await live.send({ type: "CORRECTED", step: "ask-with", value: "alone", reason: "misheard" });
    await live.send({ type: "WENT_BACK" });
    await live.send({ type: "ANSWERED", step: "ask-with", value: "alone" });
    await live.send({ type: "REFERRED", step: "refer-senniaf", consent: false });
    await live.send({ type: "CASE_CLOSED", reason: "completed" });

    const events = await store.loadEvents("c-3");
    expect(events.map((e) => e.type)).toEqual([
      "CASE_OPENED",
      "ACKNOWLEDGED",
      "ANSWERED",
      "ANSWERED",
      "NOTE_ADDED",
      "CORRECTED",
      "WENT_BACK",
      "ANSWERED",
      "REFERRED",
      "CASE_CLOSED",
    ]);
    const replayed = replayCase(compiled, events);
    if (!replayed.ok) throw new Error(replayed.reason);
    const now = new Date("2024-03-02T08:00:00Z");
    expect(viewCase(replayed.session, now)).toEqual(viewCase(live.session, now));
    expect(summarizeCase(viewCase(replayed.session, now), events.length)).toEqual(store.getSummary("c-3"));
    // SENNIAF is notified whatever the answer (requiresConsent: false), so the referral stands.
    expect(store.getSummary("c-3")).toMatchObject({
      status: "closed",
      hiddenFlags: { labels: [], unlabelled: 1 },
      referrals: [],
    });
    expect(live.session.context.referralByService.get("senniaf")?.status).toBe("made");
  });

  it("appends several events in one write", async () => {
    const store = await openStore(freshName("batch"));
    const live = new LiveCase(store, compiled, "c-4");
    const events: CaseEvent[] = [
      { type: "ACKNOWLEDGED", step: "welcome", at: "2024-03-01T08:01:00.000Z", by: "o" },
      { type: "ANSWERED", step: "ask-age", value: 40, at: "2024-03-01T08:02:00.000Z", by: "o" },
    ];
    for (const e of events) expect(live.session.send(e).ok).toBe(true);
    await store.appendEvents("c-4", 0, live.session.events, live.summary());
    expect(await store.loadEvents("c-4")).toEqual(live.session.events);
    expect(store.getSummary("c-4")?.eventCount).toBe(3);
  });

  it("says when a case is not on the device", async () => {
    const store = await openStore(freshName("missing"));
    await expect(store.loadEvents("nobody")).rejects.toMatchObject({ code: "not-found", path: "nobody" });
  });

  it("keeps cases whose ids hold slashes apart", async () => {
    const store = await openStore(freshName("slash"));
    await new LiveCase(store, compiled, "a").open();
    const tricky = new LiveCase(store, compiled, "a/event/00000001");
    await tricky.open();
    expect(await store.loadEvents("a")).toHaveLength(1);
    expect(await store.loadEvents("a/event/00000001")).toEqual(tricky.session.events);
  });
});

describe("durability", () => {
  it("asks IndexedDB to put each write on disk before it counts as saved, on the store's databases only", async () => {
    const store = await openStore(freshName("durable"));
    const spy = vi.spyOn(IDBDatabase.prototype, "transaction");
    try {
      await new LiveCase(store, compiled, "c-d").open();
      const writes = spy.mock.results.map((r) => r.value as IDBTransaction).filter((t) => t.mode === "readwrite");
      expect(writes.length).toBeGreaterThan(0);
      expect(writes.every((t) => t.durability === "strict")).toBe(true);

      const other = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open("not-the-store");
        request.onupgradeneeded = () => request.result.createObjectStore("things");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      expect(other.transaction("things", "readwrite").durability).toBe("default");
      expect(other.transaction("things", "readwrite", { durability: "relaxed" }).durability).toBe("relaxed");
      other.close();
    } finally {
      spy.mockRestore();
    }
  });
});

describe("refusing a write that breaks the store's contract", () => {
  it("names what is wrong and writes nothing", async () => {
    const store = await openStore(freshName("contract"));
    const live = new LiveCase(store, compiled, "c-5");
    const [opening] = live.session.events;
    const summary = live.summary();
    const attempts: [string, () => Promise<unknown>, RegExp][] = [
      ["negative seq", () => store.appendEvents("c-5", -1, [opening], summary), /expectedSeq must be a whole number/],
      ["no events", () => store.appendEvents("c-5", 0, [], summary), /Nothing to append/],
      ["empty id", () => store.appendEvents("", 0, [opening], summary), /non-empty string/],
      [
        "not opened first",
        () => store.appendEvents("c-5", 0, [{ type: "WENT_BACK", at: opening.at, by: "o" }], summary),
        /must be CASE_OPENED/,
      ],
      ["opened twice", () => store.appendEvents("c-5", 1, [opening], summary), /only starts a log/],
      ["wrong count", () => store.appendEvents("c-5", 0, [opening], { ...summary, eventCount: 2 }), /counts 2 events/],
      ["other case", () => store.appendEvents("c-5", 0, [opening], { ...summary, caseId: "c-6" }), /caseId is "c-6"/],
      [
        "stale summary",
        () => store.appendEvents("c-5", 0, [opening], { ...summary, updatedAt: "2024-01-01T00:00:00Z" }),
        /before the last event/,
      ],
      ["bad status", () => store.appendEvents("c-5", 0, [opening], { ...summary, status: "lost" as never }), /status/],
    ];
    for (const [label, attempt, message] of attempts) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, label).toBeInstanceOf(StoreError);
      expect((error as StoreError).code, label).toBe("invalid-argument");
      expect((error as StoreError).message, label).toMatch(message);
    }
    expect(store.size).toBe(0);
    await expect(store.loadEvents("c-5")).rejects.toMatchObject({ code: "not-found" });
  });

  it("refuses to work once closed", async () => {
    const store = await CaseStore.open({ name: freshName("closed") });
    await store.close();
    expect(() => store.listSummaries()).toThrow(/was closed/);
    await expect(store.loadEvents("c")).rejects.toMatchObject({ code: "unavailable" });
  });
});

describe("deleting every case (tests and training)", () => {
  it("empties the store and every store of the same name in this tab, which then work on", async () => {
    const name = freshName("delete");
    const store = await openStore(name);
    const other = await openStore(name);
    await childAlone(store, "c-7");
    await vi.waitFor(() => expect(other.size).toBe(1));

    const seen = vi.fn();
    other.subscribe(seen);
    await store.deleteAll();
    expect(store.size).toBe(0);
    await expect(store.loadEvents("c-7")).rejects.toMatchObject({ code: "not-found" });
    await vi.waitFor(() => expect(other.size).toBe(0));
    expect(seen).toHaveBeenCalled();

    await childAlone(store, "c-7");
    expect(await store.loadEvents("c-7")).toHaveLength(3);
    await vi.waitFor(() => expect(other.getSummary("c-7")?.eventCount).toBe(3));
  });
});

describe("documents that break the store's rules (replicated from elsewhere, or written by hand)", () => {
  it("refuses to load a log with a wrong start or a misnamed document, naming the case", async () => {
    const name = freshName("corrupt");
    const store = await openStore(name);
    const live = new LiveCase(store, compiled, "twice");
    await live.open();
    const raw = new PouchDB(name);
    const later: CaseEvent = { type: "ACKNOWLEDGED", step: "welcome", at: "2024-03-01T08:05:00.000Z", by: "o" };
    const key = (ms: number) => `${String(ms).padStart(15, "0")}-other`;
    await raw.bulkDocs([
      toEventDoc("headless", key(1), later, "public", {}),
      toEventDoc("wrong-case", key(1), live.session.events[0], "public", {}),
      toEventDoc("twice", key(Date.parse(later.at)), live.session.events[0], "public", {}),
      { ...toEventDoc("misnamed", key(2), later, "public", {}), key: key(3) },
    ]);
    await expect(store.loadEvents("headless")).rejects.toMatchObject({
      code: "corrupt-log",
      message: expect.stringMatching(/does not start with CASE_OPENED for that case/),
    });
    await expect(store.loadEvents("wrong-case")).rejects.toMatchObject({ code: "corrupt-log" });
    await expect(store.loadEvents("twice")).rejects.toMatchObject({
      code: "corrupt-log",
      message: expect.stringMatching(/opens the case twice/),
    });
    await expect(store.loadEvents("misnamed")).rejects.toMatchObject({
      code: "corrupt-log",
      path: `case/misnamed/event/${key(2)}`,
      message: expect.stringMatching(/not this event/),
    });
  });

  it("leaves a malformed summary out of the queue and reports it, on load and from the changes feed", async () => {
    const name = freshName("bad-summary");
    const raw = new PouchDB(name);
    const good = new LiveCase(await openStore(freshName("source")), compiled, "good");
    await good.open();
    await raw.bulkDocs([toSummaryDoc(good.summary()), { ...toSummaryDoc(good.summary()), _id: "summary/liar" }]);
    const reported: StoreError[] = [];
    const store = await CaseStore.open({ name, onError: (e) => reported.push(e) });
    opened.push(Promise.resolve(store));
    expect(store.listSummaries().map((s) => s.caseId)).toEqual(["good"]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ code: "corrupt-log", path: "summary/liar" });
    expect(reported[0].message).toMatch(/caseId is "good", not "liar"/);

    await raw.bulkDocs([{ _id: "summary/broken", kind: "summary", summary: { caseId: "broken" } }]);
    await vi.waitFor(() => expect(reported).toHaveLength(2));
    expect(reported[1]).toMatchObject({ code: "corrupt-log", path: "summary/broken" });
    expect(store.size).toBe(1);
  });
});
