// Profiles Senda's officer screen in Chromium (CPU throttled 4×): where the time of an answer goes, and of "New
// case → first step". Builds the app unminified with source maps, records a CPU profile through
// the DevTools protocol while answering, times every IndexedDB transaction from the page, and prints the busy time
// per part (engine, XState, CEL, store, PouchDB, React, app UI) and the IndexedDB waits, per answer.
//   EVERY=6 node --import tsx scripts/bench/profile/profileBrowser.ts [steps]
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { setUpOfficer } from "../../../test/browser/officer";
import { readLibrary } from "../../../test/browser/readLibrary";
import { servePreview } from "../../../test/browser/servePreview";
import { launchBenchBrowser, takeSamples, throttle, waitForSamples } from "../browser/benchBrowser";
import { buildPages } from "../browser/buildPages";
import { openSendaCase, playSendaScenario, SENDA_SHAPE, walkQuestionnaire } from "../browser/walkPages";
import { median } from "../harness/measure";
import { generateAnswers } from "../questionnaire/generateQuestionnaire";
import { questionnaireSopId } from "../questionnaire/toSendaSop";
import type { CpuProfile } from "./readCpuProfile";
import { screeningSample } from "./screeningSample";

const steps = Number(process.argv[2] ?? 40);

/** Times every read-write IndexedDB transaction of the page: from its creation to `complete`, with its durability. */
const IDB_TIMER = `(() => {
  window.__idb = [];
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = original.call(this, stores, mode, options);
    if (mode === "readwrite") {
      const start = performance.now();
      tx.addEventListener("complete", () => window.__idb.push({ start, ms: performance.now() - start, durability: tx.durability }));
    }
    return tx;
  };
})();`;

/** Which source module each position of a built chunk comes from, read from the chunk's source map. */
function sourcesOf(file: string): (line: number, column: number) => string {
  if (!existsSync(`${file}.map`)) return () => `(${file.split("/").pop()})`;
  const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
  return (line, column) => {
    const entry = map.findEntry(line, column) as { originalSource?: string };
    return entry?.originalSource ?? "(chunk glue)";
  };
}

function partOf(module: string, functionName: string): string {
  if (functionName === "(idle)") return "idle (waiting: IndexedDB, timers)";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(program)") return "browser (style, layout, paint, parsing)";
  if (functionName === "(root)") return "browser (style, layout, paint, parsing)";
  if (/src\/engine\/case\//.test(module)) return "engine: case session and view";
  if (/src\/engine\/compile\//.test(module)) return "engine: compile, guards and actions";
  if (/src\/engine\/expression\//.test(module)) return "engine: CEL scope";
  if (/src\/engine\//.test(module)) return "engine: other";
  if (/node_modules\/xstate\//.test(module)) return "xstate";
  if (/cel-js/.test(module)) return "cel-js";
  if (/src\/store\//.test(module)) return "store (src/store)";
  if (/node_modules\/(pouchdb|spark-md5|uuid|vuvuzela|immediate|events)/.test(module)) return "PouchDB";
  if (/node_modules\/react-dom\//.test(module) || /node_modules\/scheduler\//.test(module))
    return "React (react-dom, scheduler)";
  if (/node_modules\/(react|@xstate\/react|@tanstack)\//.test(module)) return "React (other)";
  // The screens by file, to see which component's render costs.
  const ui = /src\/ui\/(.+)$/.exec(module);
  if (ui) return `app UI: ${ui[1]}`;
  if (/virtual:|\.sop\.json|\.json/.test(module)) return "SOP and catalog data";
  if (module === "") return `DOM and built-in calls (no script URL): ${functionName || "(anonymous)"}`;
  return module === "(chunk glue)" ? "other JavaScript" : `other: ${module}`;
}

/** A stretch of time on the profile's clock (µs), from a click to the next step painted. */
type Window = [number, number];

/**
 * Time per part in a profile, in ms, counting only samples inside `windows` (click → next step painted): what the
 * page does for an answer, not what Playwright does between answers.
 */
function breakdown(profile: CpuProfile, dist: string, windows: Window[]): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, (line: number, column: number) => string>();
  const parts = new Map<string, number>();
  let at = profile.startTime;
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (!sorted.some(([from, to]) => at >= from && at <= to)) return;
    const frame = byId.get(id)!.callFrame;
    let module = "";
    const path = /^https?:\/\/[^/]+\/(assets\/[^?#]+\.js)/.exec(frame.url)?.[1];
    if (path) {
      if (!sources.has(path)) sources.set(path, sourcesOf(join(dist, path)));
      module = sources.get(path)!(frame.lineNumber, frame.columnNumber);
    } else if (frame.url) module = frame.url;
    const part = partOf(module, frame.functionName);
    parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return new Map([...parts].sort((a, b) => b[1] - a[1]));
}

/** The page's clock (performance.now(), ms) to the profile's (CLOCK_MONOTONIC, µs), from the tightest of a few probes. */
async function clockOffset(page: Page): Promise<(pageMs: number) => number> {
  let best = { spread: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 9; i++) {
    const before = Number(process.hrtime.bigint()) / 1e6;
    const pageNow = await page.evaluate(() => performance.now());
    const after = Number(process.hrtime.bigint()) / 1e6;
    if (after - before < best.spread) best = { spread: after - before, offset: (before + after) / 2 - pageNow };
  }
  return (pageMs) => (pageMs + best.offset) * 1000;
}

async function profiled<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const result = await work();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  return { result, profile };
}

function print(
  title: string,
  parts: Map<string, number>,
  count: number,
  page: { latencies: number[]; idb: { ms: number; durability: string }[] },
) {
  const total = [...parts.values()].reduce((a, b) => a + b, 0);
  console.log(`\n## ${title}: ${count} measured, click → painted p50 ${median(page.latencies).toFixed(1)} ms`);
  console.log(
    `IndexedDB read-write transactions: ${page.idb.length} (${(page.idb.length / count).toFixed(1)} per answer), median ${median(page.idb.map((t) => t.ms)).toFixed(1)} ms, durability ${[...new Set(page.idb.map((t) => t.durability))].join("/")}`,
  );
  console.log(`inside the click → painted windows: ${(total / count).toFixed(1)} ms of samples per step, of which:`);
  for (const [part, ms] of parts)
    if (ms / total > 0.0005)
      console.log(
        `  ${(ms / count).toFixed(2).padStart(7)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${part}`,
      );
}

const pages = await buildPages(500, { profiling: true });
const { url, server } = await servePreview(pages.senda);
const timer = { click: ".step-card button[type=submit]", heading: "h2.step-title" };
const browser = await launchBenchBrowser(timer);
try {
  await browser.context.addInitScript({ content: IDB_TIMER });
  const { page } = browser;
  const cdp = await throttle(browser);
  // Each read converts the page's samples to windows on the profile's clock while the page (its time origin) is the
  // one that recorded them.
  const read = async (p: Page) => {
    const samples = await takeSamples(p);
    const toProfile = await clockOffset(p);
    return {
      latencies: samples.map((s) => s.painted),
      windows: samples.map((s): Window => [toProfile(s.t0), toProfile(s.t0 + s.painted)]),
      idb: await p.evaluate(() => {
        const w = window as unknown as { __idb: { ms: number; durability: string }[] };
        const all = w.__idb;
        w.__idb = [];
        return all;
      }),
    };
  };

  // The 500-question questionnaire.
  await page.goto(url);
  await openSendaCase(page, questionnaireSopId(500));
  await read(page);
  const walked = await profiled(cdp, () => walkQuestionnaire(page, SENDA_SHAPE, generateAnswers(500, 1), steps));
  const walkedPage = await read(page);
  print(
    `Answer → next step, ${questionnaireSopId(500)}`,
    breakdown(walked.profile, pages.senda, walkedPage.windows),
    walkedPage.windows.length,
    walkedPage,
  );

  // The screening SOP, through its scenarios.
  const library = readLibrary();
  // EVERY=n walks every n-th scenario by id (all 129 take long at 4×).
  const every = Number(process.env.EVERY ?? 1);
  const scenarios = screeningSample(library, every);
  const screening = await profiled(cdp, async () => {
    const latencies: number[] = [];
    const windows: Window[] = [];
    const idb: { ms: number; durability: string }[] = [];
    for (const scenario of scenarios) {
      await page.goto(url);
      await openSendaCase(page, "screening");
      await read(page);
      await playSendaScenario(page, library, scenario);
      await page.waitForTimeout(200);
      const r = await read(page);
      latencies.push(...r.latencies);
      windows.push(...r.windows);
      idb.push(...r.idb);
    }
    return { latencies, windows, idb };
  });
  print(
    "Answer → next step, screening scenarios (includes opening each case)",
    breakdown(screening.profile, pages.senda, screening.result.windows),
    screening.result.windows.length,
    screening.result,
  );

  // New case → first step, warm in the page.
  const newCase = await launchBenchBrowser({
    click: "button",
    clickText: es["newCase.start"],
    heading: ".step-card h2",
  });
  try {
    await newCase.context.addInitScript({ content: IDB_TIMER });
    const p = newCase.page;
    const cdp2 = await throttle(newCase);
    await p.goto(url);
    await setUpOfficer(p, { officer: "OF-PROF", sop: "screening" });
    await p.getByRole("button", { name: es["newCase.start"], exact: true }).click();
    await waitForSamples(p, 1, 30_000);
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const taps = 4;
    const tapped = await profiled(cdp2, async () => {
      const latencies: number[] = [];
      const windows: Window[] = [];
      const idb: { ms: number; durability: string }[] = [];
      for (let i = 0; i < taps; i++) {
        await p.evaluate(() => {
          window.location.hash = "#/cases";
        });
        if (i % 2 === 1) await p.reload();
        await p.getByRole("button", { name: es["newCase.start"], exact: true }).waitFor();
        await read(p);
        await p.getByRole("button", { name: es["newCase.start"], exact: true }).click();
        await waitForSamples(p, 1, 30_000);
        const r = await read(p);
        latencies.push(...r.latencies);
        windows.push(...r.windows);
        windows.push(...r.windows);
        idb.push(...r.idb);
      }
      return { latencies, windows, idb };
    });
    print(
      "New case → first step (two in the page, two after a reload; includes the reloads)",
      breakdown(tapped.profile, pages.senda, tapped.result.windows),
      taps,
      tapped.result,
    );
    console.log(`  taps: ${tapped.result.latencies.map((l) => l.toFixed(0)).join(", ")} ms`);
  } finally {
    await newCase.close();
  }
} finally {
  await browser.close();
  await server.close();
  pages.remove();
}
