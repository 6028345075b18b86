import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { launchPhone, measureOverflow, readCspViolations, runAxe, saveScreenshot } from "./launchBrowser";

const baseUrl = inject("baseUrl");

/** The screen at its width: no sideways scrolling, no axe violation, and a screenshot to look at. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `surge-${name}`);
  expect(await measureOverflow(page), `${name} scrolls sideways`).toBe(0);
  expect(await runAxe(page), `axe on ${name}`).toEqual([]);
}

describe("a trainer simulates a surge", () => {
  it("runs the default week, sees the charts and the alert timeline, then a CSV of daily counts turns the level red", async () => {
    const phone = await launchPhone();
    try {
      const { page } = phone;
      await page.goto(`${baseUrl}/#/train`);
      await page.getByRole("link", { name: "Simulacro de afluencia" }).click();
      await page.getByRole("heading", { level: 1, name: "Simulacro de afluencia" }).waitFor();
      await page.getByRole("button", { name: "Simular" }).waitFor();
      await checkScreen(page, "form-360");

      const days = page.getByLabel("Días a simular");
      await days.fill("5");
      await page.getByRole("button", { name: "Simular" }).click();
      await page.getByRole("heading", { level: 2, name: "Resultados" }).waitFor({ timeout: 60_000 });

      // Four charts drawn on canvases, each with its legend and its data table.
      await expect(page.locator(".surge-chart canvas").count()).resolves.toBeGreaterThanOrEqual(4);
      await expect(page.getByRole("img", { name: /Personas en fila por mesa/ }).count()).resolves.toBe(1);
      // The alert timeline: one day per simulated day, each with its level in words.
      const strip = page.locator(".alert-strip li");
      await expect(strip.count()).resolves.toBe(5);
      for (const text of await strip.allTextContents())
        expect(text).toMatch(/^\d+ (verde|amarilla|naranja|roja|sin nivel)$/);
      await expect(page.locator(".alert-changes li").first().textContent()).resolves.toMatch(/^Día 1 \(2024-03-01\): /);
      await page.getByText("Ver los datos en una tabla").first().click();
      await page.locator(".surge-table table").first().waitFor();
      await checkScreen(page, "results-360");

      // Real daily counts from a file: three days above 1,000 arrivals is red in the site-contingency SOP.
      await page.getByLabel("Conteos diarios reales (archivo CSV)").check();
      await page.getByLabel("Archivo CSV con una fila por día (fecha,llegadas)").setInputFiles({
        name: "llegadas.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "fecha,llegadas\n2024-03-01,300\n2024-03-02,300\n2024-03-03,1200\n2024-03-04,1200\n2024-03-05,1200\n",
        ),
      });
      await page.getByText("Se leyeron 5 días del archivo.").waitFor();
      await page.getByRole("button", { name: "Simular" }).click();
      await page.locator(".alert-strip li").nth(4).filter({ hasText: "roja" }).waitFor({ timeout: 60_000 });
      const levels = await page.locator(".alert-strip li").allTextContents();
      expect(levels[0]).toBe("1 verde");
      expect(levels[4]).toBe("5 roja");
      await expect(page.locator(".alert-changes").textContent()).resolves.toContain("Llegadas de hoy: 1200");

      // The same screen in English, and on a wide screen.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 1, name: "Surge simulation" }).waitFor();
      await expect(page.locator(".alert-strip li").nth(4).textContent()).resolves.toBe("5 red");
      await page.setViewportSize({ width: 1100, height: 900 });
      await checkScreen(page, "results-wide-en");
      expect(await readCspViolations(page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
