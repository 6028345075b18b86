// Quick look (dev aid): answer → next step painted on the screening SOP at 4× throttle, as the browser section of
// `npm run bench -- --quick` measures it (every EVERY-th shipped scenario by id, default 6), on two or more builds kept
// in folders (newCaseLoop.ts), scenario by scenario alternating between them (the first build first on even
// scenarios, last on odd ones), so that a shared machine's load falls on each alike. Prints p50/p95 per build.
//   EVERY=6 node --import tsx scripts/bench/profile/answerAB.ts <dir> <dir> […]
import { loadavg } from "node:os";
import { readLibrary } from "../../../test/browser/readLibrary";
import { servePreview } from "../../../test/browser/servePreview";
import { launchBenchBrowser, takeSamples, throttle } from "../browser/benchBrowser";
import { openSendaCase, playSendaScenario } from "../browser/walkPages";
import { ANSWER_TIMER, screeningSample } from "./screeningSample";

const dirs = process.argv.slice(2);
const every = Number(process.env.EVERY ?? 6);
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const servers = await Promise.all(dirs.map((dir) => servePreview(dir)));
const browser = await launchBenchBrowser(ANSWER_TIMER);
const painted = dirs.map(() => [] as number[]);
const loads: number[] = [];
try {
  const { page } = browser;
  await throttle(browser);
  const library = readLibrary();
  const scenarios = screeningSample(library, every);
  for (const [n, scenario] of scenarios.entries()) {
    const order = dirs.map((_, i) => i);
    if (n % 2) order.reverse();
    for (const i of order) {
      await page.goto(servers[i].url);
      await openSendaCase(page, "screening");
      await takeSamples(page);
      await playSendaScenario(page, library, scenario);
      await page.waitForTimeout(200);
      painted[i].push(...(await takeSamples(page)).map((s) => s.painted));
    }
    loads.push(loadavg()[0]);
  }
  for (const [i, dir] of dirs.entries())
    console.log(
      `${dir}: p50 ${q(painted[i], 0.5).toFixed(1)} ms, p95 ${q(painted[i], 0.95).toFixed(1)} ms (${painted[i].length} answers)`,
    );
  console.log(
    `load average (1 min) during the run: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`,
  );
} finally {
  await browser.close();
  for (const s of servers) await s.server.close();
}
