import { describe, expect, inject, it } from "vitest";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { launchPhone, readCspViolations } from "./launchBrowser";
import {
  compareWithSummary,
  openSummary,
  playAction,
  playActionUnacknowledged,
  ROLE_SEEING_ALL,
  setUpOfficer,
  startNewCase,
  titleOf,
} from "./officer";
import { pickScenario, readLibrary } from "./readLibrary";

const library = readLibrary();
const baseUrl = inject("baseUrl");
const scenario = pickScenario(library, [
  "uasc-carlos-15-alone",
  "screening-carlos-15-alone",
  "gbv-disclosure-woman-24-36h",
]);
const skip = !scenario || scenario.steps.length < 6;

describe.skipIf(skip)(`nothing answered is lost (${scenario?.id ?? "no scenario with six steps"})`, () => {
  it("resumes on the same step after a reload in the middle of a step, and after the tab is killed, before or after an answer is acknowledged", async () => {
    const s = scenario!;
    const phone = await launchPhone();
    try {
      const { context, page } = phone;
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-202", sop: s.sop, role: ROLE_SEEING_ALL });
      const caseId = await startNewCase(page);
      for (const action of s.steps.slice(0, 3)) await playAction(page, library, s, action, "mouse");

      // Mid-step: the officer has started on the fourth step but not continued; then the page reloads.
      const fourth = titleOf(library, s, s.steps[3].step);
      await page.locator("h2.step-title", { hasText: fourth }).waitFor();
      const input = page.locator(".step-card input").first();
      if (await input.count()) await input.click();
      await page.reload();
      await page.locator("h2.step-title", { hasText: fourth }).waitFor();
      await expect(page.locator(".progress-label").textContent()).resolves.toMatch(/^Pasos hechos: 3\b/);
      for (const action of s.steps.slice(3, 5)) await playAction(page, library, s, action, "mouse");

      // The renderer is killed right after the sixth step shows and the fifth answer is acknowledged as saved: no
      // unload, no chance to save anything more.
      const sixth = titleOf(library, s, s.steps[5].step);
      await page.locator("h2.step-title", { hasText: sixth }).waitFor();
      const crashed = new Promise((resolve) => page.once("crash", resolve));
      const cdp = await context.newCDPSession(page);
      // Page.crash never answers (the renderer it would answer from is gone): do not wait for the reply.
      void cdp.send("Page.crash").catch(() => undefined);
      await crashed;
      await page.close().catch(() => undefined);

      let reopened = await context.newPage();
      await reopened.goto(`${baseUrl}/#/cases/${encodeURIComponent(caseId)}`);
      await reopened.locator("h2.step-title", { hasText: sixth }).waitFor();
      await expect(reopened.locator(".progress-label").textContent()).resolves.toMatch(/^Pasos hechos: 5\b/);

      // The next step shows before the answer is stored (the write overlaps the paint); killed right then, before
      // "saved" shows, the answer is either stored whole or not at all, and the case goes on from what is stored.
      let from = 5;
      if (s.steps.length > 6) {
        await playActionUnacknowledged(reopened, library, s, s.steps[5]);
        const gone = new Promise((resolve) => reopened.once("crash", resolve));
        const cdp2 = await context.newCDPSession(reopened);
        void cdp2.send("Page.crash").catch(() => undefined);
        await gone;
        await reopened.close().catch(() => undefined);
        reopened = await context.newPage();
        await reopened.goto(`${baseUrl}/#/cases/${encodeURIComponent(caseId)}`);
        await reopened.locator(".step-card h2.step-title").waitFor();
        const progress = (await reopened.locator(".progress-label").textContent()) ?? "";
        expect(progress).toMatch(/^Pasos hechos: [56]\b/);
        from = progress.startsWith("Pasos hechos: 6") ? 6 : 5;
        await reopened
          .locator("h2.step-title", { hasText: titleOf(library, s, s.steps[from].step) })
          .waitFor({ timeout: 10_000 });
      }
      for (const action of s.steps.slice(from)) await playAction(reopened, library, s, action, "mouse");
      await openSummary(reopened);
      expect(await compareWithSummary(reopened, library, s)).toEqual([]);
      expect(await readCspViolations(reopened)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it("stores a new case's first event before its first answer is acknowledged: a tab killed at either point loses nothing acknowledged", async () => {
    const s = scenario!;
    const phone = await launchPhone();
    try {
      const { context } = phone;
      let page = phone.page;
      const crash = async () => {
        const gone = new Promise((resolve) => page.once("crash", resolve));
        const cdp = await context.newCDPSession(page);
        // Page.crash never answers: do not wait for the reply.
        void cdp.send("Page.crash").catch(() => undefined);
        await gone;
        await page.close().catch(() => undefined);
      };
      const reopen = async (caseId: string) => {
        page = await context.newPage();
        await page.goto(`${baseUrl}/#/cases/${encodeURIComponent(caseId)}`);
      };
      const first = titleOf(library, s, s.steps[0].step);
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-404", sop: s.sop, role: ROLE_SEEING_ALL });

      // Killed as soon as the first step shows: its first event is written after that paint, so the case is either
      // stored whole, on its first step, or not at all.
      const early = await startNewCase(page);
      await crash();
      await reopen(early);
      await page.locator(`h2.step-title:has-text("${first}"), h1:has-text("${es["case.notFound"]}")`).first().waitFor();
      if (await page.locator("h2.step-title").count())
        await expect(page.locator(".progress-label").textContent()).resolves.toMatch(/^Pasos hechos: 0\b/);

      // Killed once the first answer is acknowledged: the first event was stored before it, and the answer too.
      await page.goto(baseUrl);
      const caseId = await startNewCase(page);
      await playAction(page, library, s, s.steps[0], "mouse");
      await crash();
      await reopen(caseId);
      await page.locator("h2.step-title", { hasText: titleOf(library, s, s.steps[1].step) }).waitFor();
      await expect(page.locator(".progress-label").textContent()).resolves.toMatch(/^Pasos hechos: 1\b/);

      // The queue, reloaded, lists the stored case: painted from the summaries' mirror, then from PouchDB.
      await page.evaluate(() => {
        window.location.hash = "#/cases";
      });
      await page.reload();
      await page
        .getByRole("link", { name: new RegExp(caseId) })
        .first()
        .waitFor();
    } finally {
      await phone.close();
    }
  });

  it("keeps one log when two tabs answer the same case: the second is told and reloaded", async () => {
    const s = scenario!;
    const phone = await launchPhone();
    try {
      const { context, page: first } = phone;
      await first.goto(baseUrl);
      await setUpOfficer(first, { officer: "OF-303", sop: s.sop, role: ROLE_SEEING_ALL });
      const caseId = await startNewCase(first);
      await playAction(first, library, s, s.steps[0], "mouse");
      await playAction(first, library, s, s.steps[1], "mouse");

      const second = await context.newPage();
      await second.goto(`${baseUrl}/#/cases/${encodeURIComponent(caseId)}`);
      await second.locator("h2.step-title", { hasText: titleOf(library, s, s.steps[2].step) }).waitFor();

      // The first tab answers; the second, still showing that step, answers it too.
      await playAction(first, library, s, s.steps[2], "mouse");
      const radio = second.locator(".step-card").getByRole("radio").first();
      if (await radio.count()) await radio.check();
      const field = second.locator(".step-card input.answer-input");
      if (await field.count()) await field.fill("15");
      await second.locator(".step-card button[type=submit]").click();
      await second.getByRole("alert").filter({ hasText: es["notice.conflict"] }).waitFor();
      await second.locator("h2.step-title", { hasText: titleOf(library, s, s.steps[3].step) }).waitFor();

      // Both tabs go on from the one log: the second finishes the case.
      for (const action of s.steps.slice(3)) await playAction(second, library, s, action, "mouse");
      await openSummary(second);
      expect(await compareWithSummary(second, library, s)).toEqual([]);
      await first.reload();
      // No step waits any more (the case is finished, or pending its handovers and follow-ups).
      await first.locator("#case-end-title").waitFor();
    } finally {
      await phone.close();
    }
  });
});
