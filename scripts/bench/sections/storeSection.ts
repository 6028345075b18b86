// The store runs on IndexedDB: in Node, fake-indexeddb's, installed globally by this import (Node has none of its own).
import "fake-indexeddb/auto";
import { openCase, viewCase } from "../../../src/engine/index";
import type { CaseStore as CaseStoreType } from "../../../src/store/index";
import { formatNumber, median, now } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, SectionResult } from "../harness/types";
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { questionIndex, senda } from "../questionnaire/systems";

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
    ],
    notes: [
      "fake-indexeddb keeps everything in memory: these figures show how the store's own work scales with the cases on the device, not the speed of a phone's disk. The browser section measures the real IndexedDB.",
    ],
    data: { count, seedMs, openMs, listMs, byIdMs, byTitleMs, byStatusMs, found, loadMs, appendMs: appendSamples },
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
