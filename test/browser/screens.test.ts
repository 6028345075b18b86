import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { Step } from "../../src/engine/index";
import { editorEs as ed } from "../../src/ui/editor/i18n/editorMessages";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { trainerText } from "../../src/ui/trainer/i18n/trainerMessages";
import { launchPhone, measureOverflow, readCspViolations, runAxe, saveScreenshot } from "./launchBrowser";
import { openSummary, playAction, ROLE_SEEING_ALL, setUpOfficer, startNewCase } from "./officer";
import { findStep, pickScenario, readLibrary } from "./readLibrary";

const library = readLibrary();
const baseUrl = inject("baseUrl");
const tr = trainerText("es");
const scenario = pickScenario(library, ["screening-carlos-15-alone", "uasc-carlos-15-alone"]);

/** Checks a screen as a phone shows it: no sideways scrolling, no axe violation; saves its screenshot. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `screen-${name}-360`);
  expect(await measureOverflow(page), `${name} scrolls sideways`).toBe(0);
  expect(await runAxe(page), `axe on ${name}`).toEqual([]);
}

describe.skipIf(!scenario)("every main screen at 360 px: screenshots, no sideways scrolling, axe clean", () => {
  it("queue, case step, end, summary, correction, slip, editor, trainer, and the English switch", async () => {
    const s = scenario!;
    const phone = await launchPhone();
    try {
      const { page } = phone;
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-404", sop: s.sop, role: ROLE_SEEING_ALL });
      await checkScreen(page, "queue-empty");

      await startNewCase(page);
      let refused = false;
      for (const [i, action] of s.steps.entries()) {
        const step = findStep(library, s.sop, action.step);
        if (!refused && step.kind === "question" && step.answer.type === "number" && step.answer.min !== undefined) {
          // A wrong answer is refused next to the input, in the officer's language, and the step stays.
          await page.locator("h2.step-title", { hasText: step.title.es }).waitFor();
          await page.locator(".step-card input[type=number]").fill(String(step.answer.min - 1));
          await page.locator(".step-card button[type=submit]").click();
          await page.locator(".step-card .problem", { hasText: /^Escriba un número/ }).waitFor();
          await checkScreen(page, "case-step-refused");
          refused = true;
        }
        await playAction(page, library, s, action, "mouse");
        if (i === 2) await checkScreen(page, "case-step");
      }
      expect(refused, "the scenario has a number question to refuse a wrong answer at").toBe(true);
      await checkScreen(page, "case-end");

      await openSummary(page);
      await checkScreen(page, "summary");
      const reveal = page.getByRole("button", { name: new RegExp(`^${es["summary.reveal"]}: `) }).first();
      if (await reveal.count()) {
        await reveal.click();
        await page
          .getByRole("button", { name: new RegExp(`^${es["summary.hide"]}: `), pressed: true })
          .first()
          .waitFor();
      }

      await page
        .getByRole("link", { name: new RegExp(`^${es["case.slipFor"].split("{")[0]}`) })
        .first()
        .click();
      await page.locator(".slip").waitFor();
      await checkScreen(page, "slip");

      await page.goto(`${baseUrl}/#/cases`);
      await page.locator(".case-row").first().waitFor();
      await checkScreen(page, "queue");
      // The queue is a public surface whoever looks: only public flags are listed, and only they can be filtered on.
      const offered = await page
        .getByLabel(es["queue.flag"])
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const above = [...library.flags].filter(([, f]) => f.sensitivity !== "public").map(([id]) => id);
      expect(above.filter((id) => offered.includes(id))).toEqual([]);
      const publicFlag = (s.expect.flags ?? []).find((id) => library.flags.get(id)?.sensitivity === "public");
      if (publicFlag) {
        await page.getByLabel(es["queue.flag"]).selectOption(publicFlag);
        await expect(page.locator(".case-row").count()).resolves.toBe(1);
        await page.getByLabel(es["queue.flag"]).selectOption("");
      }

      // Correcting the age to an adult's undoes the child's path: the summary says what changed.
      const ageStep = s.steps.find((a) => {
        const step = findStep(library, s.sop, a.step);
        return step.kind === "question" && step.answer.type === "number" && a.answer === 15;
      });
      if (ageStep) {
        const title = (findStep(library, s.sop, ageStep.step) as Extract<Step, { kind: "question" }>).title.es;
        await page.locator(".case-link").first().click();
        await openSummary(page);
        const item = page
          .locator(".answer-item")
          .filter({ has: page.getByRole("heading", { name: title, exact: true }) });
        await item.getByRole("button", { name: es["summary.correct"] }).click();
        await item.locator("input[type=number]").fill("30");
        await item.getByRole("button", { name: es["correction.save"] }).click();
        const report = page.getByRole("status").filter({ hasText: es["correction.saved"].replace("{step}", title) });
        await report.waitFor();
        await expect(report.textContent()).resolves.toContain(es["correction.dropped"].split(":")[0]);
        await checkScreen(page, "correction");
      }

      await page.getByRole("link", { name: es["nav.edit"] }).click();
      await page.getByRole("heading", { level: 1, name: ed["library.title"] }).waitFor();
      await checkScreen(page, "edit-library");
      await page
        .locator('[data-sop="uasc"]')
        .getByRole("button", { name: new RegExp(`^${ed["library.edit"]}`) })
        .click();
      await page.getByRole("navigation", { name: ed["steps.listLabel"] }).getByRole("button").first().click();
      await page.locator('[data-pointer^="/steps/"]').first().waitFor();
      await page.getByTestId("problems-status").filter({ hasNotText: ed["problems.checking"] }).waitFor();
      await checkScreen(page, "edit");

      await page.getByRole("link", { name: es["nav.train"] }).click();
      await page.getByRole("heading", { level: 1, name: es["train.title"] }).waitFor();
      await page
        .getByRole("link", { name: tr("library.playNamed", { title: s.title.es }), exact: true })
        .first()
        .click();
      for (let i = 0; i < s.steps.length; i++) await page.getByRole("button", { name: tr("play.next") }).click();
      await page.getByRole("heading", { name: tr("play.passed") }).waitFor();
      await checkScreen(page, "train");

      // English, from any screen, remembered over a reload, with the SOP texts in English too.
      await page.getByRole("link", { name: es["nav.cases"] }).click();
      await page.getByRole("button", { name: "English" }).click();
      // The correction above put the case back to work.
      await page.getByRole("heading", { level: 1, name: en["queue.title"] }).waitFor();
      await page.reload();
      await page.getByRole("button", { name: en["newCase.start"], exact: true }).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("en");
      await expect(page.locator(".case-row-step").first().textContent()).resolves.toContain(
        library.sops.get(s.sop)!.title.en,
      );
      await checkScreen(page, "queue-en");
      expect(await readCspViolations(page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
