// The store runs on IndexedDB: in Node, fake-indexeddb's, installed globally by this import (Node has none of its own).
import "fake-indexeddb/auto";
import { type CaseEvent, type CompiledSop, openCase, viewCase } from "../../../src/engine/index";
import type { CaseStore as CaseStoreType } from "../../../src/store/index";
import { formatNumber, median, now } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, SectionResult } from "../harness/types";
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { questionIndex, runSession, senda } from "../questionnaire/systems";
import { toSendaSop } from "../questionnaire/toSendaSop";

/** The events of the long case opened from the store. */
const LONG_CASE = 1000;

const CASES = 10_000;
const BATCH = 50;

/**
 * PouchDB's browser build over fake-indexeddb in Node, as the store's own tests run it; PouchDB reads `self` and
 * `navigator`, which Node 20 lacks.
 */
async function loadStore(): Promise<typeof CaseStoreType> {
  const g = globalThis as { self?: unknown; navigator?: unknown };
  g.self ??= globalThis;
  g.navigator ??= { userAgent: "node" };
  return (await import("../../../src/store/index")).CaseStore;
}

async function timeQuery(work: () => unknown, runs: number): Promise<number> {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    work();
    samples.push(now() - t);
  }
  return median(samples);
}

/**
 * A 1,000-event case of the largest questionnaire written to a store with sealing keys as the client writes it (ten
 * answers an append, with the snapshot the store keeps each 50 events), then opened as the case screen opens it:
 * `loadLog` (its documents, the sealed snapshot opened and checked) and `replayLog` from the snapshot, beside
 * `replayLog` of the same log without it.
 */
async function openLongCase(CaseStore: typeof CaseStoreType, runs: number) {
  const { createSealer, replayLog, summarizeCase, LEVELS } = await import("../../../src/store/index");
  const keys = new Map();
  for (const level of LEVELS)
    keys.set(level, await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]));
  const store = await CaseStore.open({
    name: `senda-bench-long-${process.pid}-${Date.now()}`,
    sealer: createSealer(keys),
  });
  const compiled = senda.build(JSON.stringify(toSendaSop(generateQuestionnaire(5000)))) as CompiledSop;
  const played = runSession(senda, compiled, generateAnswers(5000, 1), { limit: LONG_CASE - 1 });
  const events: readonly CaseEvent[] = played.session.events;
  const caseId = "240301-LONG";
  const live = openCase(compiled, { caseId: "240301-LONG", at: events[0].at, by: "bench" });
  for (let at = 0; at < events.length; at += 10) {
    const batch = at === 0 ? [live.events[0], ...events.slice(1, 10)] : events.slice(at, at + 10);
    for (const event of at === 0 ? batch.slice(1) : batch) live.send(event);
    const last = batch[batch.length - 1];
    await store.appendEvents(caseId, at, batch, summarizeCase(viewCase(live, new Date(last.at)), at + batch.length), {
      compiled,
      snapshot: () => ({ session: live.snapshot(), setAside: [] }),
    });
  }
  await store.snapshotsWritten();
  const load: number[] = [];
  const fromSnapshot: number[] = [];
  const fromLog: number[] = [];
  let snapshotCount = 0;
  for (let i = 0; i < runs + 1; i++) {
    let t = now();
    const log = await store.loadLog(caseId);
    const loaded = now() - t;
    snapshotCount = log.snapshot?.count ?? 0;
    t = now();
    const a = replayLog(compiled, log);
    const restored = now() - t;
    t = now();
    const b = replayLog(compiled, { ...log, snapshot: undefined });
    const replayed = now() - t;
    if (!a.ok || !b.ok || a.session.events.length !== LONG_CASE) throw new Error("the long case does not open");
    if (i === 0) continue;
    load.push(loaded);
    fromSnapshot.push(restored);
    fromLog.push(replayed);
  }
  await store.deleteAll();
  await store.close();
  return { loadMs: median(load), fromSnapshotMs: median(fromSnapshot), fromLogMs: median(fromLog), snapshotCount };
}

async function run(context: BenchContext): Promise<SectionResult> {
  const CaseStore = await loadStore();
  const { summarizeCase } = await import("../../../src/store/index");
  const name = `senda-bench-${process.pid}-${Date.now()}`;
  const count = CASES;
  const compiled = senda.build(senda.source(generateQuestionnaire(50)));
  const store = await CaseStore.open({ name, clock: () => new Date("2024-03-02T08:00:00Z") });
  // Cases with 0 to 11 answers, so that they wait at different questions; every event is written as the client does.
  const seedStart = now();
  for (let first = 0; first < count; first += BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(BATCH, count - first) }, async (_, j) => {
        const i = first + j;
        const caseId = `240301-${String(i).padStart(5, "0")}`;
        const session = openCase(compiled, { caseId, at: "2024-03-01T08:00:00Z", by: "bench" });
        const answers = generateAnswers(50, i);
        for (let n = 0; n < i % 12; n++) {
          const step = senda.current(session)!;
          senda.answer(session, step, answers[questionIndex(step)]);
        }
        const last = session.events[session.events.length - 1];
        const summary = summarizeCase(viewCase(session, new Date(last.at)), session.events.length);
        await store.appendEvents(caseId, 0, session.events, summary);
      }),
    );
  }
  const seedMs = now() - seedStart;
  await store.close();
  context.log(`  ${count.toLocaleString("en")} cases stored in ${(seedMs / 1000).toFixed(1)} s`);

  const openStart = now();
  const reopened = await CaseStore.open({ name, clock: () => new Date("2024-03-02T08:00:00Z") });
  const openMs = now() - openStart;
  if (reopened.size !== count) throw new Error(`the store holds ${reopened.size} cases, expected ${count}`);
  const runs = Math.max(3, context.runs);
  const listMs = await timeQuery(() => reopened.listSummaries(), runs);
  const byIdMs = await timeQuery(() => reopened.listSummaries({ text: "240301-04242" }), runs);
  const byTitleMs = await timeQuery(() => reopened.listSummaries({ text: "pregunta 7" }), runs);
  const byStatusMs = await timeQuery(() => reopened.listSummaries({ status: "active", sort: "recent" }), runs);
  const found = reopened.listSummaries({ text: "pregunta 7" }).length;

  // One more answer to a stored case, with all the others on the device.
  const loadStart = now();
  const events = await reopened.loadEvents("240301-00011");
  const loadMs = now() - loadStart;
  const appendSamples: number[] = [];
  const replayed = senda.restore(compiled, JSON.stringify(events));
  const answers = generateAnswers(50, 11);
  for (let n = 0; n < 5; n++) {
    const step = senda.current(replayed)!;
    const expected = replayed.events.length;
    senda.answer(replayed, step, answers[questionIndex(step)]);
    const last = replayed.events[replayed.events.length - 1];
    const summary = summarizeCase(viewCase(replayed, new Date(last.at)), replayed.events.length);
    const t = now();
    await reopened.appendEvents("240301-00011", expected, [last], summary);
    appendSamples.push(now() - t);
  }
  await reopened.deleteAll();
  await reopened.close();
  const long = await openLongCase(CaseStore, runs);
  context.log(`  a ${LONG_CASE}-event case opened from the store`);

  return {
    tables: [
      {
        caption: `${count.toLocaleString("en")} stored cases (pouchdb-browser over fake-indexeddb, in Node)`,
        head: ["what", "time"],
        rows: [
          ["store every case (open + up to 11 answers each, with summaries)", `${formatNumber(seedMs / 1000)} s`],
          ["open the store and load every summary", `${formatNumber(openMs)} ms`],
          ["list all, sorted by urgency", `${formatNumber(listMs)} ms`],
          ["search a case code", `${formatNumber(byIdMs)} ms`],
          [`search a step title ("pregunta 7": ${found.toLocaleString("en")} found)`, `${formatNumber(byTitleMs)} ms`],
          ["filter by status, most recent first", `${formatNumber(byStatusMs)} ms`],
          ["load one case's log", `${formatNumber(loadMs)} ms`],
          ["append one answer (with its summary)", `${formatNumber(median(appendSamples))} ms`],
        ],
      },
      {
        caption: `A ${LONG_CASE.toLocaleString("en")}-event case opened from a store with sealing keys (the 5,000-question questionnaire)`,
        head: ["what", "time"],
        rows: [
          ["read its log and its sealed snapshot (`loadLog`)", `${formatNumber(long.loadMs)} ms`],
          [
            `replay it from the stored snapshot (${long.snapshotCount} events in), then the events after it`,
            `${formatNumber(long.fromSnapshotMs)} ms`,
          ],
          ["replay it from its log alone", `${formatNumber(long.fromLogMs)} ms`],
        ],
      },
    ],
    notes: [
      "fake-indexeddb keeps everything in memory: these figures show how the store's own work scales with the cases on the device, not the speed of a phone's disk. The browser section measures the real IndexedDB.",
    ],
    data: {
      count,
      seedMs,
      openMs,
      listMs,
      byIdMs,
      byTitleMs,
      byStatusMs,
      found,
      loadMs,
      appendMs: appendSamples,
      longCase: long,
    },
  };
}

registerBenchSection({
  id: "store",
  title: "Listing and searching 10,000 stored cases",
  order: 30,
  method: `The case store (\`src/store\`) on pouchdb-browser over fake-indexeddb in Node, as \`test/store/scale.test.ts\`
runs it. 10,000 cases of the 50-question questionnaire, each opened and answered 0 to 11 times, are written with
\`appendEvents\` as the client writes them (log and summary in one transaction); the store is then reopened (which
loads every summary into memory) and the queue's queries are timed (median of several runs).`,
  run,
});
