import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const RESULTS_DIR = "test-results";

/** A phone-sized Chromium with its own profile (IndexedDB, service worker, localStorage), removed on close. */
export interface Phone {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium, 360 px wide, in UTC, with a fresh profile. Every page records Content-Security-Policy
 * violations and the time from each "continue" (click or Enter) to the next step's heading taking the focus.
 */
export async function launchPhone(): Promise<Phone> {
  const profile = mkdtempSync(join(tmpdir(), "senda-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
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
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __latencies: number[] };
    w.__csp = [];
    w.__latencies = [];
    let started: number | undefined;
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener(
      "click",
      (e) => {
        if ((e.target as Element).closest?.(".step-card button[type=submit]")) started = performance.now();
      },
      true,
    );
    document.addEventListener(
      "keydown",
      (e) => {
        if (e.key === "Enter" && (e.target as Element).closest?.(".step-card")) started = performance.now();
      },
      true,
    );
    document.addEventListener(
      "focusin",
      (e) => {
        if (started !== undefined && (e.target as Element).matches?.("h2.step-title")) {
          w.__latencies.push(performance.now() - started);
          started = undefined;
        }
      },
      true,
    );
  });
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

/** The CSP violations the page has seen since it loaded. */
export function readCspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** The step latencies (ms, click or Enter to the next heading focused) the page has measured since it loaded. */
export function readLatencies(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
}

/**
 * Runs axe-core on the page and returns its violations as readable lines. axe is evaluated through the DevTools
 * protocol, which the page's CSP does not govern, so the policy stays as strict as it ships.
 */
export async function runAxe(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  return violations;
}

interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** Saves a full-page screenshot to test-results/<name>.png and returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How much wider than the window the page is (0 when nothing scrolls sideways). */
export function measureOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
