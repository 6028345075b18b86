// Quick look (dev aid): "New case" → first step painted at 4× throttle, in the same page and right after a reload
// (service worker warm), on a build of the bench app kept in a folder.
//   node --import tsx scripts/bench/profile/newCaseLoop.ts <dir> [rebuild] [rounds]
// WAIT_MS=2000 taps that long after the queue shows again after a reload instead of at once.
// PROFILE=1 (with a rebuild: unminified, with source maps) prints where the taps after a reload spend their time,
// by source file.
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { setUpOfficer } from "../../../test/browser/officer";
import { servePreview } from "../../../test/browser/servePreview";
import { launchBenchBrowser, takeSamples, throttle, waitForSamples } from "../browser/benchBrowser";
import { buildPages } from "../browser/buildPages";
import { median } from "../harness/measure";
import type { CpuProfile } from "./readCpuProfile";

const dir = process.argv[2] ?? "/tmp/perf/pages";
const rounds = Number(process.argv[4] ?? 4);
if (process.argv[3] === "rebuild" || !existsSync(dir)) {
  const pages = await buildPages(50, { profiling: process.env.PROFILE === "1" });
  rmSync(dir, { recursive: true, force: true });
  cpSync(pages.senda, dir, { recursive: true });
  pages.remove();
}
const { url, server } = await servePreview(dir);
const browser = await launchBenchBrowser({ click: "button", clickText: es["newCase.start"], heading: ".step-card h2" });
try {
  const { page } = browser;
  const tap = async () => {
    await page.getByRole("button", { name: es["newCase.start"], exact: true }).click();
    await waitForSamples(page, 1, 30_000);
    const [sample] = await takeSamples(page);
    if (process.env.MARKS) {
      const marks = await page.evaluate(() => {
        const m = performance.getEntriesByType("mark").filter((e) => e.name.startsWith("nc:"));
        performance.clearMarks();
        return m.map((e) => [e.name, e.startTime] as const);
      });
      console.log(marks.map(([n, t]) => `${n.slice(3)} ${(t - sample.t0).toFixed(0)}`).join(" · "));
    }
    return sample.painted;
  };
  const toQueue = async (reload: boolean) => {
    await page.evaluate(() => {
      window.location.hash = "#/cases";
    });
    const began = Date.now();
    if (reload) await page.reload();
    await page.getByRole("button", { name: es["newCase.start"], exact: true }).waitFor();
    if (reload) queue.push(Date.now() - began);
    // WAIT_MS: the officer looks at the queue that long before tapping (the queue prepares a new case when idle).
    if (reload && process.env.WAIT_MS) await page.waitForTimeout(Number(process.env.WAIT_MS));
    await takeSamples(page);
  };
  const cdp = await throttle(browser);
  await page.goto(url);
  await setUpOfficer(page, { officer: "OF-Q", sop: "screening" });
  const cold = await tap();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const totals = new Map<string, number>();
  /** Reload → the queue's "New case" button on screen, as Playwright sees it. */
  const queue: number[] = [];
  const same: number[] = [];
  const reload: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await toQueue(false);
    same.push(await tap());
    await toQueue(true);
    if (process.env.PROFILE === "1") {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    reload.push(await tap());
    if (process.env.PROFILE === "1") {
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
      bySource(profile, totals);
    }
  }
  const show = (xs: number[]) => `${xs.map((x) => x.toFixed(0)).join(", ")} (median ${median(xs).toFixed(0)})`;
  for (const [source, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(ms / rounds).toFixed(1).padStart(8)} ms  ${source}`);
  console.log(
    `new case: first ${cold.toFixed(0)}; same page ${show(same)}; after reload ${show(reload)}; reload → queue ${show(queue)}`,
  );
} finally {
  await browser.close();
  await server.close();
}

/** Adds each sample's time to the source file its function comes from (through the chunk's source map). */
function bySource(profile: CpuProfile, totals: Map<string, number>): void {
  const maps = new Map<string, SourceMap | undefined>();
  const sourceOf = (url: string, line: number, column: number, name: string) => {
    if (!url)
      return name === "(program)" || name === "(idle)" || name === "(garbage collector)" ? name : `(native) ${name}`;
    const file = join(dir, new URL(url).pathname);
    if (!maps.has(file)) {
      const map = `${file}.map`;
      maps.set(file, existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, "utf8"))) : undefined);
    }
    const entry = maps.get(file)?.findEntry(line, column) as { originalSource?: string } | undefined;
    return (entry?.originalSource ?? file).replace(/^.*node_modules\//, "").replace(/^.*\/src\//, "src/");
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const { url, lineNumber, columnNumber, functionName } = byId.get(id)!.callFrame;
    const source = sourceOf(url, lineNumber, columnNumber, functionName);
    totals.set(source, (totals.get(source) ?? 0) + profile.timeDeltas[i] / 1000);
  });
}
