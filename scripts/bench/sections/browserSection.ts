import { existsSync } from "node:fs";
import type { PreviewServer } from "vite";
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { readLibrary } from "../../../test/browser/readLibrary";
import { servePreview } from "../../../test/browser/servePreview";
import {
  type BenchBrowser,
  CPU_THROTTLE,
  launchBenchBrowser,
  type PaintSample,
  takeSamples,
  throttle,
  waitForSamples,
} from "../browser/benchBrowser";
import { type BuiltPages, buildPages } from "../browser/buildPages";
import { measureInitialSize } from "../browser/measureInitialSize";
import {
  openSendaCase,
  playSendaScenario,
  SENDA_SHAPE,
  SURVEYJS_SHAPE,
  walkQuestionnaire,
  XSTATE_SHAPE,
} from "../browser/walkPages";
import { formatNumber, formatRatio, median, percentile } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, SectionResult, TargetResult } from "../harness/types";
import { generateAnswers } from "../questionnaire/generateQuestionnaire";
import { questionnaireSopId } from "../questionnaire/toSendaSop";

const SIZE = 500;
const STEP_TIMER = {
  click: ".step-card button[type=submit], .sd-navigation__next-btn, form.card button[type=submit]",
  heading: "h2.step-title, .sd-question__title, h2.q-title",
};
const NEW_CASE_TIMER = { click: "button", clickText: es["newCase.start"], heading: ".step-card h2" };

/** Latency figures of one page: click → next step painted, and click → its DOM in place, in ms. */
export interface LatencyFigures {
  samples: number;
  p50: number;
  p95: number;
  domP50: number;
  all: number[];
}

function summarize(samples: readonly PaintSample[]): LatencyFigures {
  const painted = samples.map((s) => s.painted);
  return {
    samples: samples.length,
    p50: percentile(painted, 0.5),
    p95: percentile(painted, 0.95),
    domP50: percentile(
      samples.map((s) => s.dom),
      0.5,
    ),
    all: painted.map((p) => Math.round(p * 10) / 10),
  };
}

async function withBrowser<T>(
  timer: typeof STEP_TIMER | typeof NEW_CASE_TIMER,
  work: (b: BenchBrowser) => Promise<T>,
): Promise<T> {
  const browser = await launchBenchBrowser(timer);
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

/** With --quick, one shipped screening scenario in this many is walked. */
const QUICK_SCENARIO_STRIDE = 6;

async function measureSteps(context: BenchContext, urls: Record<keyof Omit<BuiltPages, "remove">, string>) {
  const steps = context.quick ? 40 : 150;
  const answers = generateAnswers(SIZE, 1);
  const library = readLibrary();
  const all = [...library.scenarios.values()]
    .filter((s) => s.sop === "screening")
    .sort((a, b) => a.id.localeCompare(b.id));
  // Quick runs walk every sixth scenario (by id, so the same ones each time): all 129 took over 40 minutes at 4×.
  const scenarios = context.quick ? all.filter((_, i) => i % QUICK_SCENARIO_STRIDE === 0) : all;
  const screening = await withBrowser(STEP_TIMER, async (browser) => {
    const { page } = browser;
    await throttle(browser);
    const samples: PaintSample[] = [];
    const unplayable = new Set<string>();
    for (let round = 0; round < (context.quick ? 1 : 2); round++)
      for (const scenario of scenarios) {
        await page.goto(urls.senda);
        await openSendaCase(page, "screening");
        await takeSamples(page);
        if (!(await playSendaScenario(page, library, scenario))) unplayable.add(scenario.id);
        // The last step ends the case: no next heading to wait for.
        await page.waitForTimeout(200);
        samples.push(...(await takeSamples(page)));
      }
    if (unplayable.size) context.log(`  scenarios played only in part: ${[...unplayable].join(", ")}`);
    return { ...summarize(samples), scenarios: scenarios.length, of: all.length, unplayable: [...unplayable] };
  });
  context.log(`  Senda, screening SOP: ${screening.samples} steps`);
  const walk = async (url: string, shape: typeof SENDA_SHAPE, open?: (b: BenchBrowser) => Promise<void>) =>
    withBrowser(STEP_TIMER, async (browser) => {
      await throttle(browser);
      await browser.page.goto(url);
      await open?.(browser);
      await browser.page.locator(shape.heading).first().waitFor();
      await takeSamples(browser.page);
      await walkQuestionnaire(browser.page, shape, answers, steps);
      return summarize(await takeSamples(browser.page));
    });
  const senda = await walk(urls.senda, SENDA_SHAPE, (b) => openSendaCase(b.page, questionnaireSopId(SIZE)));
  context.log(`  Senda, ${SIZE} questions: ${senda.samples} steps`);
  const surveyjs = await walk(urls.surveyjs, SURVEYJS_SHAPE);
  context.log(`  React + SurveyJS: ${surveyjs.samples} steps`);
  const xstate = await walk(urls.xstate, XSTATE_SHAPE);
  context.log(`  React + raw XState: ${xstate.samples} steps`);
  return { screening, senda, surveyjs, xstate };
}

/** "New case" → first step painted: from a first (cold) load, again in the same page, and after a reload with the service worker warm. */
async function measureNewCase(context: BenchContext, url: string) {
  const rounds = context.quick ? 2 : 3;
  const tap = async (browser: BenchBrowser) => {
    const { page } = browser;
    await page.getByRole("button", { name: es["newCase.start"], exact: true }).click();
    await waitForSamples(page, 1, 30_000);
    const [sample] = await takeSamples(page);
    return sample.painted;
  };
  const toQueue = async (browser: BenchBrowser) => {
    await browser.page.evaluate(() => {
      window.location.hash = "#/cases";
    });
    await browser.page.getByRole("button", { name: es["newCase.start"], exact: true }).waitFor();
    await takeSamples(browser.page);
  };
  const cold: number[] = [];
  const inPage: number[] = [];
  const reloaded: number[] = [];
  for (let round = 0; round < rounds; round++)
    await withBrowser(NEW_CASE_TIMER, async (browser) => {
      const { page } = browser;
      await throttle(browser);
      await page.goto(url);
      await openSendaSettings(browser);
      cold.push(await tap(browser));
      for (let i = 0; i < 2; i++) {
        await toQueue(browser);
        inPage.push(await tap(browser));
      }
      // The service worker has precached the app once it controls the page.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
      for (let i = 0; i < 2; i++) {
        await toQueue(browser);
        await page.reload();
        await page.getByRole("button", { name: es["newCase.start"], exact: true }).waitFor();
        await takeSamples(page);
        // The tap's wait for its sample (waitForFunction) would otherwise inject Playwright's page script into the
        // new document inside the measured window: some 30 ms of the harness's own work at 4×, seen in traces.
        await page.waitForFunction(() => true);
        reloaded.push(await tap(browser));
      }
    });
  context.log(`  new case: ${cold.length + inPage.length + reloaded.length} taps`);
  return { cold, inPage, reloaded };
}

async function openSendaSettings(browser: BenchBrowser) {
  const { setUpOfficer } = await import("../../../test/browser/officer");
  await setUpOfficer(browser.page, { officer: "OF-BENCH", sop: "screening" });
  await takeSamples(browser.page);
}

async function run(context: BenchContext): Promise<SectionResult> {
  context.log("  building the app and the two pages…");
  const pages = await buildPages(SIZE);
  const servers: PreviewServer[] = [];
  try {
    const serve = async (dir: string) => {
      const { url, server } = await servePreview(dir);
      servers.push(server);
      return url;
    };
    const urls = {
      senda: await serve(pages.senda),
      surveyjs: await serve(pages.surveyjs),
      xstate: await serve(pages.xstate),
    };
    const steps = await measureSteps(context, urls);
    const newCase = await measureNewCase(context, urls.senda);
    const sizes = {
      // The queue paints from the summaries' mirror while PouchDB loads (CaseStore.openEarly); a device's first start,
      // with no mirror yet, waits for PouchDB.
      senda: measureInitialSize(pages.senda),
      sendaFirst: measureInitialSize(pages.senda, [/node_modules\/pouchdb-browser\//]),
      sendaCase: measureInitialSize(
        pages.senda,
        [/node_modules\/pouchdb-browser\//],
        /src\/ui\/runner\/CasePage\.tsx$/,
      ),
      surveyjs: measureInitialSize(pages.surveyjs),
      xstate: measureInitialSize(pages.xstate),
    };
    return report(steps, newCase, sizes);
  } finally {
    for (const server of servers) await server.close();
    pages.remove();
  }
}

function report(
  steps: Awaited<ReturnType<typeof measureSteps>>,
  newCase: Awaited<ReturnType<typeof measureNewCase>>,
  sizes: Record<"senda" | "sendaFirst" | "sendaCase" | "surveyjs" | "xstate", { js: number; css: number }>,
): SectionResult {
  const row = (label: string, f: LatencyFigures) => [
    label,
    String(f.samples),
    `${formatNumber(f.p50)} ms`,
    `${formatNumber(f.p95)} ms`,
    `${formatNumber(f.domP50)} ms`,
    formatRatio(f.p50 / steps.xstate.p50),
    formatRatio(f.p50 / steps.surveyjs.p50),
  ];
  const taps = (label: string, xs: number[]) => [
    label,
    String(xs.length),
    `${formatNumber(median(xs))} ms`,
    `${formatNumber(Math.max(...xs))} ms`,
  ];
  const kb = (bytes: number) => `${formatNumber(bytes / 1024)} KB`;
  const targets: TargetResult[] = [
    {
      target: `Answer → next step painted at ${CPU_THROTTLE}× throttle, shipped SOPs: p50 ≤ 25 ms and p95 ≤ 40 ms`,
      measured: `screening: p50 ${formatNumber(steps.screening.p50)} ms, p95 ${formatNumber(steps.screening.p95)} ms`,
      met: steps.screening.p50 <= 25 && steps.screening.p95 <= 40,
    },
    {
      target: `New case → first step on screen at ${CPU_THROTTLE}× throttle ≤ 150 ms, warm or right after a reload`,
      measured: `in the same page ${formatNumber(median(newCase.inPage))} ms, after a reload ${formatNumber(median(newCase.reloaded))} ms (first load ${formatNumber(median(newCase.cold))} ms)`,
      met: median(newCase.inPage) <= 150 && median(newCase.reloaded) <= 150,
    },
    {
      target: "Officers' initial JavaScript ≤ 0.3× the React+SurveyJS page",
      measured: `${kb(sizes.senda.js)} vs ${kb(sizes.surveyjs.js)} (${formatRatio(sizes.senda.js / sizes.surveyjs.js)}; a device's first start ${kb(sizes.sendaFirst.js)}, ${formatRatio(sizes.sendaFirst.js / sizes.surveyjs.js)})`,
      met: sizes.senda.js <= 0.3 * sizes.surveyjs.js,
    },
  ];
  return {
    tables: [
      {
        caption: `Answer → next step painted, Chromium with the CPU throttled ${CPU_THROTTLE}×`,
        head: ["page", "steps", "p50", "p95", "p50 to DOM updated", "p50 ÷ React+XState", "p50 ÷ React+SurveyJS"],
        rows: [
          row(
            `Senda officer screen, shipped screening SOP (${steps.screening.scenarios === steps.screening.of ? `its ${steps.screening.scenarios}` : `${steps.screening.scenarios} of its ${steps.screening.of}`} scenarios${steps.screening.unplayable.length ? `, ${steps.screening.unplayable.length} only in part` : ""})`,
            steps.screening,
          ),
          row(`Senda officer screen, ${SIZE}-question questionnaire`, steps.senda),
          row(`React + SurveyJS, ${SIZE} questions`, steps.surveyjs),
          row(`React + raw XState, ${SIZE} questions`, steps.xstate),
        ],
      },
      {
        caption: `"New case" tapped → first step painted (screening SOP), CPU throttled ${CPU_THROTTLE}×`,
        head: ["when", "taps", "median", "slowest"],
        rows: [
          taps("first visit (nothing cached)", newCase.cold),
          taps("again in the same page", newCase.inPage),
          taps("after a reload, service worker warm", newCase.reloaded),
        ],
      },
      {
        caption: "Initial JavaScript and CSS, gzipped (-9)",
        head: ["page", "JavaScript", "CSS", "JS ÷ React+SurveyJS"],
        rows: [
          [
            "Senda, officers' area (queue, painted from the summaries' mirror)",
            kb(sizes.senda.js),
            kb(sizes.senda.css),
            formatRatio(sizes.senda.js / sizes.surveyjs.js),
          ],
          [
            "Senda, officers' area on a device's first start (waits for PouchDB)",
            kb(sizes.sendaFirst.js),
            kb(sizes.sendaFirst.css),
            formatRatio(sizes.sendaFirst.js / sizes.surveyjs.js),
          ],
          [
            "Senda, once a case is opened (adds the engine)",
            kb(sizes.sendaCase.js),
            kb(sizes.sendaCase.css),
            formatRatio(sizes.sendaCase.js / sizes.surveyjs.js),
          ],
          ["minimal React + SurveyJS page", kb(sizes.surveyjs.js), kb(sizes.surveyjs.css), "1×"],
          [
            "minimal React + raw XState page",
            kb(sizes.xstate.js),
            kb(sizes.xstate.css),
            formatRatio(sizes.xstate.js / sizes.surveyjs.js),
          ],
        ],
      },
    ],
    targets,
    data: { steps, newCase, sizes },
  };
}

registerBenchSection({
  id: "browser",
  title: `In Chromium, CPU throttled ${CPU_THROTTLE}×`,
  order: 50,
  method: `Debian's Chromium driven by Playwright, 360×760, each page in a fresh profile, the renderer's CPU slowed
${CPU_THROTTLE}× with the DevTools protocol's \`Emulation.setCPUThrottlingRate\`. The pages: Senda's production build
(served by \`vite preview\`, service worker included) with the ${SIZE}-question questionnaire shipped as an extra SOP;
a minimal React + SurveyJS page (survey-react-ui, its default CSS, question-per-page mode) and a minimal React + raw
XState page (@xstate/react, the heading focused per question), both built with Vite from bench-only entries in
\`scripts/bench/browser/pages/\`, on the same questionnaire. **Click → next step painted** is measured in the page:
from the click event's \`timeStamp\` to the first frame after the next step's heading text changed in the DOM (a
\`MutationObserver\` notices the change; a \`requestAnimationFrame\` callback then posts a message, which runs after that
frame is produced). It includes everything the page does after the click (Senda: the engine, the IndexedDB write with
strict durability, the summary, React, the focus). The screening SOP is walked through its shipped scenarios (with --quick, every sixth by id) with
the browser tests' own officer (\`test/browser/officer.ts\`). **New case** is the same timer from the "Nuevo caso"
tap to the first step's heading painted: on a first visit, again in the same page, and after a reload once the
service worker controls the page (tapping as soon as the queue shows; Playwright's page script is injected into the
reloaded page before the tap, so that the harness's own work is not timed). **Sizes** are the gzipped (-9) files of each build's entry chunk and its static
imports, as \`scripts/reportSizes.js\` counts them. Senda's queue paints from a copy of the case summaries kept in a
small IndexedDB database of its own (\`SummaryMirror\`), while PouchDB loads; PouchDB's summaries replace the copy once
it is open, and every read or write of a case waits for it. A device's first start has no copy yet and waits for
PouchDB: that figure is shown too.`,
  available: () =>
    existsSync("/usr/bin/chromium")
      ? { ok: true }
      : { ok: false, why: "Debian's Chromium (/usr/bin/chromium) is not installed" },
  run,
});
