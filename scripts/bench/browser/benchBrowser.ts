import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";

/** A Chromium with its own profile (IndexedDB, service worker), phone-sized, removed on close. */
export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** What the in-page timer needs: the button whose click starts a measure, and the heading whose change ends it. */
export interface PaintTimerConfig {
  click: string;
  /** Only buttons with this text start a measure (for "New case"). */
  clickText?: string;
  heading: string;
}

/** One measure: click to the frame after the next heading is in the DOM, and click to that DOM change, in ms. */
export interface PaintSample {
  painted: number;
  dom: number;
  /** The click's time on the page's clock (performance.now()). */
  t0: number;
}

export const CPU_THROTTLE = 4;

/**
 * Runs in the page before its own scripts. On a click on `config.click` it notes the click's time (the event's
 * timeStamp) and the heading's text; when a DOM mutation changes that text, it waits for the next animation frame
 * and then for a message posted from it, which runs once that frame has been produced, and records the time since
 * the click. So a sample is "click → the next step's heading is painted", whatever the page does in between
 * (engine, IndexedDB, React, focus). Kept as plain JavaScript text: a function would be sent to the page as its
 * source, which the TypeScript loader of the benchmark rewrites with helpers the page does not have.
 */
const PAINT_TIMER = `(config) => {
  window.__paint = [];
  let pending;
  const headingText = () => document.querySelector(config.heading)?.textContent ?? null;
  document.addEventListener("click", (event) => {
    const button = event.target?.closest?.(config.click);
    if (!button || (config.clickText && button.textContent?.trim() !== config.clickText)) return;
    pending = { t0: event.timeStamp, text: headingText() };
  }, true);
  new MutationObserver(() => {
    if (!pending) return;
    const text = headingText();
    if (text === null || text === pending.text) return;
    const t0 = pending.t0;
    pending = undefined;
    const dom = performance.now() - t0;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__paint.push({ painted: performance.now() - t0, dom, t0 });
      channel.port2.postMessage(null);
    });
  }).observe(document, { subtree: true, childList: true, characterData: true });
}`;

/** Launches Debian's Chromium, 360 px wide, with a fresh profile and the paint timer in every page. */
export async function launchBenchBrowser(timer: PaintTimerConfig): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "senda-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 360, height: 760 },
    deviceScaleFactor: 1,
    timezoneId: "UTC",
    locale: "es-PA",
  });
  await context.addInitScript({ content: `(${PAINT_TIMER})(${JSON.stringify(timer)});` });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Slows the page's CPU `rate` times through the DevTools protocol (Emulation.setCPUThrottlingRate). */
export async function throttle(
  browser: BenchBrowser,
  page: Page = browser.page,
  rate = CPU_THROTTLE,
): Promise<CDPSession> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return cdp;
}

/** The samples the page has recorded since it loaded, and forgets them. */
export async function takeSamples(page: Page): Promise<PaintSample[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __paint: PaintSample[] };
    const samples = w.__paint;
    w.__paint = [];
    return samples;
  });
}

/** Waits until the page has recorded `count` samples (the last frame is painted after the DOM change Playwright sees). */
export async function waitForSamples(page: Page, count: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __paint: unknown[] }).__paint.length >= n, count, {
    timeout,
  });
}

/** Ends a Chromium trace started with `Tracing.start` (transferMode "ReturnAsStream") and returns its events. */
export async function endTrace<T>(cdp: CDPSession): Promise<T[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once("Tracing.tracingComplete", (e) => resolve(e.stream as string)),
  );
  await cdp.send("Tracing.end");
  const stream = await done;
  let text = "";
  for (;;) {
    const chunk = (await cdp.send("IO.read", { handle: stream })) as { data: string; eof: boolean };
    text += chunk.data;
    if (chunk.eof) break;
  }
  return JSON.parse(text).traceEvents as T[];
}
