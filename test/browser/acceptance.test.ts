import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { Step } from "../../src/engine/index";
import { editorEs as ed } from "../../src/ui/editor/i18n/editorMessages";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { launchPhone, measureOverflow, RESULTS_DIR, readCspViolations, runAxe, saveScreenshot } from "./launchBrowser";
import { compareWithSummary, openSummary, playScenario, ROLE_SEEING_ALL, setUpOfficer, startNewCase } from "./officer";
import { findStep, pickScenario, readLibrary } from "./readLibrary";
import { servePreview } from "./servePreview";

const library = readLibrary();
const distDir = inject("distDir");
// A child travelling alone, entering through screening (the SOP a new user's first case opens on).
const scenario = pickScenario(library, ["screening-carlos-15-alone", "uasc-carlos-15-alone"]);
const senniafStep = scenario?.steps.find((a) => {
  const step = findStep(library, scenario.sop, a.step);
  return step.kind === "referral" && step.service === "senniaf";
});

/** Waits until the service worker controls the page, which it does once the whole app is precached. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
}

describe.skipIf(!scenario || !senniafStep)("the acceptance story", () => {
  it("a new user runs a child-alone case to the printed SENNIAF slip, in Spanish, offline, and finds it intact after a reload", async () => {
    const s = scenario!;
    const { url, server } = await servePreview(distDir);
    const phone = await launchPhone();
    let serverOpen = true;
    try {
      const { context, page } = phone;
      await page.goto(url);
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("es");
      await waitForServiceWorker(page);

      // No network at all from here on: the server is gone, and the browser says it is offline.
      await server.close();
      serverOpen = false;
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("status").filter({ hasText: es["app.offline"] }).waitFor();

      // A new user: nothing remembered but the defaults; they give their code and their role (a protection
      // officer, who may see and print the child-protection slip) and press "New case".
      await expect(page.getByLabel(es["newCase.sop"]).inputValue()).resolves.toBe(s.sop);
      await setUpOfficer(page, { officer: "OF-001", role: ROLE_SEEING_ALL });
      const caseId = await startNewCase(page);
      await playScenario(page, library, s, "mouse");
      await openSummary(page);
      expect(await compareWithSummary(page, library, s)).toEqual([]);

      const senniaf = library.services.get("senniaf")!.name.es;
      await page.getByRole("link", { name: es["case.slipFor"].replace("{service}", senniaf) }).click();
      await page.getByRole("heading", { level: 1, name: senniaf }).waitFor();
      const slip = await readSlip(page);
      const referral = findStep(library, s.sop, senniafStep!.step) as Extract<Step, { kind: "referral" }>;
      expect(slip.urgency).toBe(es[`urgency.${referral.urgency}`]);
      // Only what the referral shares, and each of those that has a value on this path.
      const sharedLabels = (referral.shares ?? []).map((v) => labelOfVariable(s.sop, senniafStep!.step, v));
      for (const label of slip.dataLabels) expect(sharedLabels).toContain(label);
      expect(slip.dataLabels.length).toBeGreaterThan(0);
      await saveScreenshot(page, "acceptance-slip-360");

      // Printing: the app's chrome and buttons disappear, the slip stays.
      await page.emulateMedia({ media: "print" });
      await expect(page.locator(".app-header").isVisible()).resolves.toBe(false);
      await expect(page.locator(".slip-actions").isVisible()).resolves.toBe(false);
      await expect(page.locator(".slip-data").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "acceptance-slip-print");
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.pdf({ path: join(RESULTS_DIR, "acceptance-senniaf-slip.pdf"), format: "A4" });
      await page.emulateMedia({ media: "screen" });

      // Still offline, the page is reloaded: the slip, the summary and the queue are as they were.
      await page.reload();
      await page.getByRole("heading", { level: 1, name: senniaf }).waitFor();
      expect(await readSlip(page)).toEqual(slip);
      await page.goto(`${url}/#/cases/${encodeURIComponent(caseId)}/summary`);
      await page.getByRole("heading", { level: 1, name: /^Resumen del caso / }).waitFor();
      expect(await compareWithSummary(page, library, s)).toEqual([]);
      await page.goto(`${url}/#/cases`);
      await page.getByRole("link", { name: new RegExp(caseId) }).waitFor();
      expect(await measureOverflow(page)).toBe(0);
      expect(await runAxe(page)).toEqual([]);
      expect(await readCspViolations(page)).toEqual([]);
    } finally {
      await phone.close();
      if (serverOpen) await server.close();
    }
  });

  it("opens the Edit and Train areas with no network once the app has been loaded", async () => {
    const { url, server } = await servePreview(distDir);
    const phone = await launchPhone();
    let serverOpen = true;
    try {
      const { context, page } = phone;
      await page.goto(url);
      await waitForServiceWorker(page);
      await server.close();
      serverOpen = false;
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("link", { name: es["nav.train"] }).click();
      await page.getByRole("heading", { level: 1, name: es["train.title"] }).waitFor();
      await page
        .getByRole("link", { name: /^Proyectar «/ })
        .first()
        .waitFor();
      await page.getByRole("link", { name: es["nav.edit"] }).click();
      await page.getByRole("heading", { level: 1, name: ed["library.title"] }).waitFor();
    } finally {
      await phone.close();
      if (serverOpen) await server.close();
    }
  });
});

async function readSlip(page: Page) {
  const facts = page.locator(".slip-facts");
  return {
    service: await page.locator("#slip-title").textContent(),
    urgency: ((await facts.locator("dd .badge").textContent()) ?? "").trim(),
    dataLabels: (await page.locator(".slip-data dt").allInnerTexts()).map((t) => t.trim()),
    dataValues: (await page.locator(".slip-data dd").allInnerTexts()).map((t) => t.trim()),
  };
}

/** The Spanish title of the question that declares `variable` in the procedure that holds `referralPath`. */
function labelOfVariable(rootSop: string, referralPath: string | undefined, variable: string): string {
  const parts = (referralPath ?? "").split("/");
  let sop = library.sops.get(rootSop)!;
  for (const part of parts.slice(0, -1)) {
    const step = sop.steps[part];
    if (step.kind === "procedure") sop = library.sops.get(step.sop)!;
  }
  for (const step of Object.values(sop.steps))
    if ((step.kind === "question" || step.kind === "checklist") && step.variable === variable) return step.title.es;
  return variable;
}
