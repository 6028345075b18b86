import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { Scenario, ScenarioAction } from "../../src/engine/index";
import { trainerText } from "../../src/ui/trainer/i18n/trainerMessages";
import { launchPhone, measureOverflow, readCspViolations, runAxe, saveScreenshot } from "./launchBrowser";
import { playActionUnacknowledged } from "./officer";
import { readLibrary } from "./readLibrary";

const baseUrl = inject("baseUrl");
const tr = trainerText("es");
const library = readLibrary();
const woman = library.scenarios.get("trafficking-woman-22-chooses-to-report")!;
const flagLabel = "Indicios de trata de personas";

/** The screen at its width: no sideways scrolling, no axe violation, and a screenshot to look at. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `trainer-${name}`);
  expect(await measureOverflow(page), `${name} scrolls sideways`).toBe(0);
  expect(await runAxe(page), `axe on ${name}`).toEqual([]);
}

describe("a trainer runs a lesson", () => {
  it("plays a scenario through on the projector with the keyboard, then a trainee misses a trafficking indicator, is told so, and finds it in the CSV", async () => {
    const phone = await launchPhone();
    try {
      const { page } = phone;
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${baseUrl}/#/train`);
      await page.getByRole("heading", { level: 1, name: tr("library.title") }).waitFor();
      await page.getByLabel(tr("library.sop"), { exact: true }).selectOption("trafficking");
      await page
        .getByRole("status")
        .filter({ hasText: /^\d+ escenarios$/ })
        .waitFor();
      // The library reads what each scenario teaches: filter on the flag.
      await page.getByLabel(tr("library.teaches")).selectOption("flag:trafficking-indicators");
      await page.locator(`[data-scenario="${woman.id}"]`).waitFor();
      await checkScreen(page, "library-1280");
      await page.getByRole("link", { name: tr("library.playNamed", { title: woman.title.es }) }).click();

      // The projector: persona, each action, why, and the flags as they appear.
      await page.getByRole("heading", { level: 1, name: tr("play.title", { title: woman.title.es }) }).waitFor();
      const total = woman.steps.length;
      await page.getByText(tr("play.position", { done: 0, total })).waitFor();
      await page.keyboard.press("ArrowRight");
      await page.getByText(tr("play.position", { done: 1, total })).waitFor();
      await expect(page.locator(".projector-answer").textContent()).resolves.toContain("22");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      // The safety checklist raised the flag: it appears, marked new, and the trace says why.
      await page.getByText(tr("play.position", { done: 4, total })).waitFor();
      await page
        .locator(".projector-facts .chip", { hasText: flagLabel })
        .filter({ hasText: tr("play.new") })
        .waitFor();
      await expect(page.locator(".projector-why").textContent()).resolves.toContain(`Se marcó «${flagLabel}»`);
      await page.keyboard.press("ArrowLeft");
      await page.getByText(tr("play.position", { done: 3, total })).waitFor();
      await page.keyboard.press("End");
      await page.getByRole("heading", { name: tr("play.passed") }).waitFor();
      await expect(page.locator(".projector-facts").textContent()).resolves.toContain("Ministerio Público");
      await checkScreen(page, "projector-1280");
      await page.setViewportSize({ width: 360, height: 760 });
      await checkScreen(page, "projector-360");
      await page.keyboard.press("Home");
      await page.getByText(tr("play.position", { done: 0, total })).waitFor();

      // A trainee practises the same persona on a phone: the man watching her goes unrecorded, every answer is no.
      await page.goto(`${baseUrl}/#/train/practice/${woman.id}`);
      await page.getByRole("heading", { level: 1, name: tr("practice.title", { title: woman.title.es }) }).waitFor();
      await page.getByLabel(tr("practice.trainee")).fill("Ana Pérez");
      await page.getByLabel(tr("practice.session")).fill("Academia grupo 3");
      await page.getByLabel(tr("practice.perStep")).check();
      await checkScreen(page, "practice-start-360");
      await page.getByRole("button", { name: tr("practice.start") }).click();
      const missed: ScenarioAction[] = [
        { step: "ask-age", answer: 22 },
        { step: "ask-travelling-with", answer: "group" },
        { step: "observe-control", answer: false },
        { step: "assess-safety", answer: [] },
        { step: "offer-pfa" },
        { step: "consent-interview", answer: true },
        ...[
          "ask-arranged",
          "ask-debt",
          "ask-deceived",
          "ask-documents",
          "ask-control",
          "ask-fear",
          "ask-exploitation",
        ].map((step) => ({ step, answer: "no" })),
      ];
      const trainee: Scenario = { ...woman, steps: missed };
      for (const [i, action] of missed.entries()) {
        await playActionUnacknowledged(page, library, trainee, action, "mouse");
        if (i === 0) await page.getByText(tr("practice.asExpected")).waitFor();
        if (i === 2) {
          // Asked for, the feedback after each step says the scenario saw signs of control.
          await page
            .getByRole("status")
            .filter({ hasText: /«Señales de control observadas.*» el escenario esperaba: Sí\./ })
            .waitFor();
          await checkScreen(page, "practice-step-360");
        }
      }
      await playActionUnacknowledged(page, library, trainee, { step: "ask-return-fear", answer: "no" }, "mouse");
      await page.getByText(tr("practice.ended")).waitFor();
      await page.getByRole("button", { name: tr("practice.finish") }).click();
      const score = page.getByRole("heading", { level: 2, name: /^Su nota: \d+ %$/ });
      await score.waitFor();
      const percent = Number((await score.textContent())?.match(/\d+/)?.[0]);
      expect(percent).toBeLessThan(100);
      const missText = tr("miss.missed-flag", { flag: flagLabel });
      const miss = page.locator(".miss", { hasText: missText });
      await miss.waitFor();
      // Explained with the SOP's own guidance for the safety checklist.
      await expect(miss.textContent()).resolves.toContain("Marque lo que observa.");
      await page.locator(".miss", { hasText: "delante de un posible controlador" }).waitFor();
      await page.getByText(tr("score.saved")).waitFor();
      await checkScreen(page, "score-360");

      // The result is on the device, and in the CSV.
      await page.getByRole("link", { name: tr("nav.results") }).click();
      await page.getByRole("heading", { level: 1, name: tr("results.title") }).waitFor();
      await page.locator(".result-card", { hasText: "Ana Pérez" }).waitFor();
      await checkScreen(page, "results-360");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: tr("results.download") }).click(),
      ]);
      const csv = readFileSync((await download.path())!, "utf8");
      const [header, row] = csv.trim().split("\r\n");
      expect(header).toBe(
        "fecha,sesion,participante,procedimiento,escenario,tipo,nota_por_ciento,puntos,puntos_posibles,para_revisar",
      );
      expect(row).toContain("Academia grupo 3,Ana Pérez,trafficking 1.0.0");
      expect(row).toContain(`,${percent},`);
      expect(row).toContain(missText);
      expect(await readCspViolations(page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it("generates an unscripted persona from the SOP's paths and practises it, and the path explorer shows coverage", async () => {
    const phone = await launchPhone();
    try {
      const { page } = phone;
      await page.goto(`${baseUrl}/#/train/paths/trafficking`);
      await page.getByRole("heading", { level: 1, name: tr("paths.title") }).waitFor();
      await page.getByRole("heading", { level: 2, name: tr("paths.coverage") }).waitFor({ timeout: 60_000 });
      await page.getByTestId("graph-view").locator(".react-flow__node").first().waitFor({ timeout: 30_000 });
      await page.getByLabel(tr("paths.scenario")).selectOption(woman.id);
      await page.locator(".graph-node-path").first().waitFor();
      await checkScreen(page, "paths-360");

      // From the first path of the list to practising it as an unscripted persona.
      await page
        .getByRole("link", { name: `${tr("paths.practise")}: ${tr("paths.pathName", { n: 1 })}`, exact: true })
        .click();
      await page.getByRole("heading", { level: 1, name: tr("unscripted.title") }).waitFor();
      const persona = page.locator(".unscripted-persona .persona");
      await persona.waitFor({ timeout: 60_000 });
      await expect(persona.textContent()).resolves.toMatch(/^Una persona llega para el procedimiento «Posible víctima/);
      await checkScreen(page, "unscripted-360");
      const first = await persona.textContent();
      await page.getByRole("button", { name: tr("unscripted.generate") }).click();
      await page.waitForFunction(
        (before) => document.querySelector(".unscripted-persona .persona")?.textContent !== before,
        first,
      );
      await page.getByRole("button", { name: tr("unscripted.practise") }).click();
      await page.getByLabel(tr("practice.trainee")).fill("Luis");
      await page.getByRole("button", { name: tr("practice.start") }).click();
      // The first step of this SOP is the age; then the trainee stops and is scored against the engine's own run.
      await page.locator(".step-card input").first().fill("30");
      await page.getByRole("button", { name: "Continuar" }).click();
      await page.getByRole("button", { name: tr("practice.finish") }).click();
      await page.getByRole("heading", { level: 2, name: /^Su nota: \d+ %$/ }).waitFor();
      await page.getByText(tr("score.saved")).waitFor();
      await checkScreen(page, "unscripted-score-360");
      await page.getByRole("link", { name: tr("nav.results") }).click();
      await expect(page.locator(".result-card", { hasText: "Luis" }).textContent()).resolves.toContain(
        tr("results.unscripted"),
      );
    } finally {
      await phone.close();
    }
  });
});
