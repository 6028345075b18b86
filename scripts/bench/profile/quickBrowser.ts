// Quick look (dev aid): builds the bench pages once into a folder, then walks Senda's screen at 4× throttle and
// prints click → painted p50/p95, DOM size and a DevTools timeline breakdown.
//   node --import tsx scripts/bench/profile/quickBrowser.ts <dir> [rebuild]
import { cpSync, existsSync, rmSync } from "node:fs";
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { setUpOfficer } from "../../../test/browser/officer";
import { readLibrary } from "../../../test/browser/readLibrary";
import { servePreview } from "../../../test/browser/servePreview";
import { endTrace, launchBenchBrowser, takeSamples, throttle, waitForSamples } from "../browser/benchBrowser";
import { buildPages } from "../browser/buildPages";
import { openSendaCase, playSendaScenario, SENDA_SHAPE, walkQuestionnaire } from "../browser/walkPages";
import { generateAnswers } from "../questionnaire/generateQuestionnaire";
import { questionnaireSopId } from "../questionnaire/toSendaSop";
import { ANSWER_TIMER } from "./screeningSample";

const dir = process.argv[2] ?? "/tmp/perf/pages";
if (process.argv[3] === "rebuild" || !existsSync(dir)) {
  const pages = await buildPages(500);
  rmSync(dir, { recursive: true, force: true });
  cpSync(pages.senda, dir, { recursive: true });
  pages.remove();
}
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const { url, server } = await servePreview(dir);
const browser = await launchBenchBrowser(ANSWER_TIMER);
try {
  const { page } = browser;
  const cdp = await throttle(browser);
  await page.goto(url);
  await openSendaCase(page, questionnaireSopId(500));
  await takeSamples(page);
  console.log("DOM nodes on the case screen:", await page.evaluate(() => document.querySelectorAll("*").length));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline",
    transferMode: "ReturnAsStream",
  });
  await walkQuestionnaire(page, SENDA_SHAPE, generateAnswers(500, 1), 30);
  const events = await endTrace<{ name: string; dur?: number; ph: string }>(cdp);
  const sums = new Map<string, number>();
  for (const e of events) if (e.ph === "X" && e.dur) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [n, ms] of top) console.log(`${(ms / 30).toFixed(2).padStart(8)} ms/answer  ${n}`);
  const s = (await takeSamples(page)).map((x) => x.painted);
  console.log(`questionnaire-500: p50 ${q(s, 0.5).toFixed(1)} p95 ${q(s, 0.95).toFixed(1)} (${s.length})`);

  const library = readLibrary();
  const all: number[] = [];
  for (const scenario of [...library.scenarios.values()].filter((x) => x.sop === "screening")) {
    await page.goto(url);
    await openSendaCase(page, "screening");
    await takeSamples(page);
    await playSendaScenario(page, library, scenario);
    await page.waitForTimeout(200);
    all.push(...(await takeSamples(page)).map((x) => x.painted));
  }
  console.log(`screening: p50 ${q(all, 0.5).toFixed(1)} p95 ${q(all, 0.95).toFixed(1)} (${all.length})`);
} finally {
  await browser.close();
}
const nc = await launchBenchBrowser({ click: "button", clickText: es["newCase.start"], heading: ".step-card h2" });
try {
  const p = nc.page;
  await throttle(nc);
  await p.goto(url);
  await setUpOfficer(p, { officer: "OF-Q", sop: "screening" });
  await p.getByRole("button", { name: es["newCase.start"], exact: true }).click();
  await waitForSamples(p, 1, 30_000);
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const same: number[] = [];
  const reload: number[] = [];
  for (let i = 0; i < 6; i++) {
    await p.evaluate(() => {
      window.location.hash = "#/cases";
    });
    if (i % 2 === 1) await p.reload();
    await p.getByRole("button", { name: es["newCase.start"], exact: true }).waitFor();
    await takeSamples(p);
    await p.getByRole("button", { name: es["newCase.start"], exact: true }).click();
    await waitForSamples(p, 1, 30_000);
    const [x] = await takeSamples(p);
    (i % 2 === 1 ? reload : same).push(x.painted);
  }
  console.log(
    `new case: same page ${same.map((x) => x.toFixed(0)).join(", ")}; after reload ${reload.map((x) => x.toFixed(0)).join(", ")}`,
  );
} finally {
  await nc.close();
  await server.close();
}
