// Quick look (dev aid): where the time under given functions goes while answering screening scenarios (every 16th by
// id) at 4× throttle, by source file and by function, on a profiling build (newCaseLoop.ts with PROFILE=1 rebuild).
//   node --import tsx scripts/bench/profile/answerProfile.ts <dir> [submit | performSyncWorkOnRoot,...]
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { readLibrary } from "../../../test/browser/readLibrary";
import { servePreview } from "../../../test/browser/servePreview";
import { launchBenchBrowser, takeSamples, throttle } from "../browser/benchBrowser";
import { openSendaCase, playSendaScenario } from "../browser/walkPages";
import type { CpuProfile } from "./readCpuProfile";
import { ANSWER_TIMER, screeningSample } from "./screeningSample";

const dir = process.argv[2];
const root = process.argv[3] ?? "submit";
const { url, server } = await servePreview(dir);
const browser = await launchBenchBrowser(ANSWER_TIMER);
const maps = new Map<string, SourceMap | undefined>();
const where = (u: string, line: number, col: number) => {
  if (!u) return "(native)";
  const file = join(dir, new URL(u).pathname);
  if (!maps.has(file))
    maps.set(
      file,
      existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))) : undefined,
    );
  const e = maps.get(file)?.findEntry(line, col) as { originalSource?: string; originalLine?: number } | undefined;
  return (
    (e?.originalSource ?? file).replace(/^.*node_modules\//, "").replace(/^.*\/src\//, "src/") +
    (e?.originalLine !== undefined ? `:${e.originalLine + 1}` : "")
  );
};
try {
  const { page } = browser;
  const cdp = await throttle(browser);
  const library = readLibrary();
  const scenarios = screeningSample(library, 16);
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  let n = 0;
  let rootTotal = 0;
  for (const sc of scenarios) {
    await page.goto(url);
    await openSendaCase(page, "screening");
    await takeSamples(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await playSendaScenario(page, library, sc);
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
    n += (await takeSamples(page)).length;
    const byId = new Map(profile.nodes.map((x) => [x.id, x]));
    const parent = new Map<number, number>();
    for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
    const under = new Map<number, boolean>();
    const isUnder = (id: number): boolean => {
      if (under.has(id)) return under.get(id)!;
      const node = byId.get(id)!;
      const r =
        root.split(",").includes(node.callFrame.functionName) || (parent.has(id) ? isUnder(parent.get(id)!) : false);
      under.set(id, r);
      return r;
    };
    profile.samples.forEach((id, i) => {
      if (!isUnder(id)) return;
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      rootTotal += ms;
      const f = byId.get(id)!.callFrame;
      const w = where(f.url, f.lineNumber, f.columnNumber);
      const file = w.replace(/:\d+$/, "");
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
      const fn = `${f.functionName || "(anon)"} ${w}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
    });
  }
  console.log(`under ${root}: ${(rootTotal / n).toFixed(2)} ms per answer (${n} answers)`);
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(v / n).toFixed(2).padStart(7)}  ${k}`);
  console.log("--- functions");
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(v / n).toFixed(2).padStart(7)}  ${k}`);
} finally {
  await browser.close();
  await server.close();
}
