// @vitest-environment jsdom
import "fake-indexeddb/auto";
import PouchDB, { type PouchDoc } from "pouchdb-browser";
import { type CaseEvent, type CompiledSop, openCase, viewCase } from "../../src/engine/index";
import {
  type CaseLog,
  CaseStore,
  type CaseSummary,
  createSealer,
  findConflicts,
  publicDigest,
  replayLog,
  summarizeCase,
} from "../../src/store/index";
import { createAccount, unlockAccount } from "../../src/store/sync/keyring";
import { compileMini, freshName } from "./LiveCase";

const compiled = compileMini();
const opened: CaseStore[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/** A device: its own database and device code, deriving summaries by replaying merged logs. */
async function device(code: string, options: Partial<Parameters<typeof CaseStore.open>[0]> = {}): Promise<CaseStore> {
  const store = await CaseStore.open({
    name: freshName(code),
    device: code,
    derive: async (log) => derive(compiled, log),
    ...options,
  });
  opened.push(store);
  return store;
}

async function derive(sop: CompiledSop, log: CaseLog): Promise<CaseSummary | undefined> {
  const replay = replayLog(sop, log);
  if (!replay.ok) return undefined;
  const last = log.entries[log.entries.length - 1];
  return { ...summarizeCase(viewCase(replay.session, new Date(last.at)), log.entries.length), updatedAt: last.at };
}

/** Replication between two devices, both ways, as CouchDB's protocol does it (PouchDB to PouchDB here). */
async function exchange(a: CaseStore, b: CaseStore): Promise<void> {
  const [x, y] = [new PouchDB(a.name), new PouchDB(b.name)];
  const logs = { filter: (doc: PouchDoc) => doc._id.startsWith("case/") };
  await x.replicate.to(y, logs);
  await y.replicate.to(x, logs);
  await a.settled();
  await b.settled();
}

/** Appends what a session on `store` decides, from the log as the device holds it. */
async function write(store: CaseStore, sop: CompiledSop, caseId: string, event: CaseEvent): Promise<void> {
  const log = await store.loadLog(caseId);
  const replay = replayLog(sop, log);
  if (!replay.ok) throw new Error(replay.reason);
  const sent = replay.session.send(event);
  if (!sent.ok) throw new Error(sent.reason);
  const summary = summarizeCase(viewCase(replay.session, new Date(event.at)), log.entries.length + 1);
  await store.appendEvents(caseId, log.entries.length, [event], summary, { compiled: sop });
}

async function open(store: CaseStore, caseId: string, at: string, by = "ana"): Promise<void> {
  const session = openCase(compiled, { caseId, at, by });
  await store.appendEvents(caseId, 0, session.events, summarizeCase(viewCase(session, new Date(at)), 1), {
    compiled,
  });
}

const ack = (at: string, by: string): CaseEvent => ({ type: "ACKNOWLEDGED", step: "welcome", at, by });
const age = (value: number, at: string, by: string): CaseEvent => ({
  type: "ANSWERED",
  step: "ask-age",
  value,
  at,
  by,
});

describe("one case written on several devices", () => {
  it("orders an event after everything its writer had seen, even when that device's clock runs behind", async () => {
    const [a, b] = [await device("AAA"), await device("BBB")];
    await open(a, "AAA-0001", "2024-03-01T08:00:00.000Z");
    await write(a, compiled, "AAA-0001", ack("2024-03-01T08:05:00.000Z", "ana"));
    await exchange(a, b);
    // Bea's phone is an hour behind; her answer still follows what she saw.
    await write(b, compiled, "AAA-0001", age(15, "2024-03-01T07:06:00.000Z", "bea"));
    await exchange(a, b);
    const [onA, onB] = [await a.loadLog("AAA-0001"), await b.loadLog("AAA-0001")];
    expect(onA.entries.map((e) => e.key)).toEqual(onB.entries.map((e) => e.key));
    expect(onA.entries.map((e) => e.event?.type)).toEqual(["CASE_OPENED", "ACKNOWLEDGED", "ANSWERED"]);
    expect(onA.entries[2].key).toMatch(/-BBB$/);
    expect(Number(onA.entries[2].key.slice(0, 15))).toBe(Date.parse("2024-03-01T08:05:00.000Z") + 1);
    const replay = replayLog(compiled, onA);
    expect(replay.ok && replay.setAside).toEqual([]);
    expect(a.getSummary("AAA-0001")?.eventCount).toBe(3);
  });

  it("finds one conflict when two offline devices answer one step differently, the same on both, until an event resolves it", async () => {
    const [a, b] = [await device("AAA"), await device("BBB")];
    await open(a, "AAA-0002", "2024-03-01T08:00:00.000Z");
    await write(a, compiled, "AAA-0002", ack("2024-03-01T08:01:00.000Z", "ana"));
    await exchange(a, b);
    await write(a, compiled, "AAA-0002", age(15, "2024-03-01T08:02:00.000Z", "ana"));
    await write(b, compiled, "AAA-0002", age(31, "2024-03-01T08:03:00.000Z", "bea"));
    await exchange(a, b);

    for (const store of [a, b]) {
      const log = await store.loadLog("AAA-0002");
      expect(log.entries).toHaveLength(4);
      const conflicts = findConflicts(log.entries);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        step: "ask-age",
        answers: [
          { value: 15, by: "ana" },
          { value: 31, by: "bea" },
        ],
      });
      expect(conflicts[0].resolvedBy).toBeUndefined();
      const replay = replayLog(compiled, log);
      if (!replay.ok) throw new Error(replay.reason);
      expect(replay.session.context.answers.get("ask-age")?.value).toBe(15);
      expect(replay.setAside.map((s) => s.code)).toEqual(["not-current"]);
      expect(store.getSummary("AAA-0002")?.eventCount).toBe(4);
    }

    const resolution: CaseEvent = {
      type: "CONFLICT_RESOLVED",
      step: "ask-age",
      value: 31,
      at: "2024-03-01T08:10:00.000Z",
      by: "ana",
    };
    await write(a, compiled, "AAA-0002", resolution);
    await exchange(a, b);
    for (const store of [a, b]) {
      const log = await store.loadLog("AAA-0002");
      const [conflict] = findConflicts(log.entries);
      expect(conflict.resolvedBy).toMatchObject({ by: "ana", value: 31 });
      const replay = replayLog(compiled, log);
      if (!replay.ok) throw new Error(replay.reason);
      expect(replay.session.context.answers.get("ask-age")?.value).toBe(31);
    }
  });

  it("sees no conflict where two devices agree, or where one answered after seeing the other", async () => {
    const [a, b] = [await device("AAA"), await device("BBB")];
    await open(a, "AAA-0003", "2024-03-01T08:00:00.000Z");
    await write(a, compiled, "AAA-0003", ack("2024-03-01T08:01:00.000Z", "ana"));
    await exchange(a, b);
    await write(a, compiled, "AAA-0003", age(15, "2024-03-01T08:02:00.000Z", "ana"));
    await write(b, compiled, "AAA-0003", age(15, "2024-03-01T08:02:30.000Z", "bea"));
    await exchange(a, b);
    await write(b, compiled, "AAA-0003", {
      type: "CORRECTED",
      step: "ask-age",
      value: 16,
      at: "2024-03-01T08:04:00.000Z",
      by: "bea",
    });
    await exchange(a, b);
    expect(findConflicts((await a.loadLog("AAA-0003")).entries)).toEqual([]);
  });
});

describe("sensitive content on the device", () => {
  // The mini SOP with its age question made confidential, as a sensitive question's would be.
  const secret: CompiledSop = {
    ...compiled,
    steps: new Map(
      [...compiled.steps].map(([path, step]) => [path, path === "ask-age" ? { ...step, level: "confidential" } : step]),
    ),
  };

  it("seals a confidential answer at rest, keeps a stub in the public log, and leaves a public digest", async () => {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const a = await device("AAA", { sealer: createSealer(new Map([["confidential", key]])) });
    await open(a, "AAA-0004", "2024-03-01T08:00:00.000Z");
    await write(a, secret, "AAA-0004", ack("2024-03-01T08:01:00.000Z", "ana"));
    await write(a, secret, "AAA-0004", age(117, "2024-03-01T08:02:00.000Z", "ana"));

    const raw = await new PouchDB(a.name).allDocs({ include_docs: true });
    const text = JSON.stringify(raw.rows.map((r) => r.doc));
    expect(text).not.toContain('"value":117');
    expect(text).toContain('"sealed"');
    const stub = raw.rows.find((r) => r.doc?.kind === "event" && r.doc.level === "confidential")?.doc;
    expect(stub).toMatchObject({ by: "ana", level: "confidential" });
    expect(stub?.event).toBeUndefined();
    expect(stub?.digest).toMatchObject({ eventCount: 3 });
    const log = await a.loadLog("AAA-0004");
    expect(log.complete).toBe(true);
    expect(log.entries[2].event).toMatchObject({ value: 117 });

    // A public device holds the stub only: it knows the case has three events, and shows the digest.
    const b = await device("BBB", { holds: ["public"], derive: undefined });
    const logs = { filter: (doc: PouchDoc) => doc.kind === "event" };
    await new PouchDB(a.name).replicate.to(new PouchDB(b.name), logs);
    await b.settled();
    const seen = await b.loadLog("AAA-0004");
    expect(seen.complete).toBe(false);
    expect(seen.entries[2].event).toBeUndefined();
    expect(b.getSummary("AAA-0004")).toMatchObject({ eventCount: 3, withheld: true });
    await expect(write(b, secret, "AAA-0004", age(1, "2024-03-01T08:03:00.000Z", "carl"))).rejects.toThrow(
      /above what this device may hold/,
    );
  });

  it("refuses to record an event above the levels the device may hold", async () => {
    const b = await device("BBB", { holds: ["public"] });
    await open(b, "BBB-0001", "2024-03-01T08:00:00.000Z");
    await write(b, secret, "BBB-0001", ack("2024-03-01T08:01:00.000Z", "carl"));
    await expect(write(b, secret, "BBB-0001", age(9, "2024-03-01T08:02:00.000Z", "carl"))).rejects.toMatchObject({
      code: "not-permitted",
    });
  });

  it("leaves only public flags, referrals and steps in a public digest", () => {
    const summary: CaseSummary = {
      caseId: "c",
      sop: { id: "mini", version: "1.0.0", hash: compiled.hash },
      openedAt: "2024-03-01T08:00:00.000Z",
      updatedAt: "2024-03-01T08:00:00.000Z",
      status: "active",
      current: [{ path: "ask-with" }],
      flags: ["uasc", "pep-window"],
      priority: 0,
      referrals: ["senniaf"],
      eventCount: 3,
    };
    const digest = publicDigest(summary, compiled);
    expect(digest.flags).toEqual([]);
    expect(digest.withheld).toBe(true);
    expect(digest.current).toEqual([{ path: "ask-with" }]);
    expect(digest.priority).toBeUndefined();
  });
});

describe("an officer's keys", () => {
  it("unwraps the level keys with the password it was signed in with, and with no other", async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const { account, keys } = await createAccount(
      "ana",
      "clave-ana",
      ["iom-protection-officer"],
      ["public", "confidential"],
      new Map([["confidential", raw]]),
    );
    expect(JSON.stringify(account)).not.toContain(btoa(String.fromCharCode(...raw)));
    const again = await unlockAccount(account, "clave-ana");
    const sealer = createSealer(again);
    const sealed = await createSealer(keys).seal("confidential", { secret: 1 }, "doc");
    await expect(sealer.open("confidential", sealed, "doc")).resolves.toEqual({ secret: 1 });
    await expect(sealer.open("confidential", sealed, "other-doc")).rejects.toMatchObject({ code: "corrupt-log" });
    await expect(unlockAccount(account, "clave-otra")).rejects.toMatchObject({ code: "not-permitted" });
  });
});

describe("a fresh device", () => {
  it("derives a summary for every case it receives, reading the logs in pages", async () => {
    const a = await device("AAA");
    for (let i = 1; i <= 130; i++) {
      const caseId = `AAA-${String(i).padStart(4, "0")}`;
      await open(a, caseId, "2024-03-01T08:00:00.000Z");
      if (i % 2) await write(a, compiled, caseId, ack("2024-03-01T08:01:00.000Z", "ana"));
    }
    // The cases arrive before the device's store opens (a first replication): read in pages when it opens.
    const name = freshName("BBB");
    await new PouchDB(a.name).replicate.to(new PouchDB(name), {
      filter: (doc: PouchDoc) => doc._id.startsWith("case/"),
    });
    const b = await device("BBB", { name });
    await b.settled();
    expect(b.size).toBe(130);
    expect(b.getSummary("AAA-0001")).toEqual(a.getSummary("AAA-0001"));
    expect(b.getSummary("AAA-0130")?.eventCount).toBe(1);
  });
});
