import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseMessagesEs as caseEs } from "../../src/ui/runner/i18n/caseMessages";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { launchPhone, measureOverflow, type Phone, readCspViolations, runAxe, saveScreenshot } from "./launchBrowser";
import { setUpOfficer, shownStep, startNewCase, waitForNextStep } from "./officer";
import { servePreview } from "./servePreview";

/*
 * The protection mechanisms as an officer meets them, on the app built with the runner's fixture library
 * (test/fixtures/runner-library): a front desk that sees public facts only, a protection team that also sees
 * restricted ones, a health team that sees everything.
 */

const HIV = "Tratamiento del VIH";
const REFILL = "Reposición de antirretrovirales";
const NEUTRAL_HIV = "Necesidad de salud confidencial: vea al equipo de salud";
const OFF_LISTS = "No poner a esta persona en listas públicas ni leer su nombre en voz alta.";

let baseUrl = "";
let server: PreviewServer | undefined;
let distDir = "";

beforeAll(() => {
  distDir = mkdtempSync(join(tmpdir(), "senda-runner-dist-"));
  execFileSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--outDir", distDir, "--emptyOutDir", "--logLevel", "error"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", SENDA_LIBRARY: "test/fixtures/runner-library" },
    },
  );
  return servePreview(distDir).then((served) => {
    baseUrl = served.url;
    server = served.server;
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(distDir, { recursive: true, force: true });
});

/** Checks a screen as a phone shows it: no sideways scrolling, no axe violation; saves its screenshot. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `protection-${name}-360`);
  expect(await measureOverflow(page), `${name} scrolls sideways`).toBe(0);
  expect(await runAxe(page), `axe on ${name}`).toEqual([]);
}

/** Waits for the step titled `title`, then answers it with the keyboard: number keys, or text typed into its field. */
async function answer(page: Page, title: string, keys: { pick?: number[]; type?: string } = {}): Promise<void> {
  const heading = page.locator("h2.step-title", { hasText: title });
  await heading.waitFor();
  const before = await shownStep(page);
  if (keys.type !== undefined) await page.locator(".step-card input.answer-input").fill(keys.type);
  else await heading.focus();
  for (const index of keys.pick ?? []) await page.keyboard.press(String(index));
  await page.locator(".step-card button[type=submit]").click();
  await waitForNextStep(page, before);
}

/** The desk SOP up to the clinic's first referral, for a 30-year-old on HIV treatment. */
async function playToTreatment(page: Page): Promise<void> {
  await answer(page, "Bienvenida");
  await answer(page, "Edad", { type: "30" });
  await answer(page, "Viaja sin acompañante", { pick: [1] });
  await answer(page, "Consentimiento para hablar de salud", { pick: [1] });
  await answer(page, "Tratamiento antirretroviral", { pick: [1] });
  await answer(page, "Clínica: continuidad del tratamiento", { pick: [1] });
}

async function chooseRole(page: Page, role: string): Promise<void> {
  await page.goto(`${baseUrl}/#/cases`);
  const select = page.getByLabel(es["newCase.role"]);
  if (!(await select.isVisible())) await page.getByText(es["newCase.change"]).click();
  await select.selectOption(role);
}

async function openCase(page: Page, caseId: string, view = ""): Promise<void> {
  await page.goto(`${baseUrl}/#/cases/${encodeURIComponent(caseId)}${view ? `/${view}` : ""}`);
}

async function withPhone(run: (page: Page) => Promise<void>): Promise<void> {
  const phone: Phone = await launchPhone();
  try {
    await run(phone.page);
    expect(await readCspViolations(phone.page)).toEqual([]);
  } finally {
    await phone.close();
  }
}

describe("what each role sees of a case", () => {
  it("keeps a confidential flag and its deadline off the queue and the header for the front desk, and names them in the case body for the health team", async () => {
    await withPhone(async (page) => {
      await page.goto(baseUrl);
      // A new device: the least privileged role, the front desk.
      await setUpOfficer(page, { officer: "OF-1" });
      await expect(page.getByLabel(es["newCase.role"]).inputValue()).resolves.toBe("front-desk");
      const caseId = await startNewCase(page);
      await playToTreatment(page);
      await page.locator("h2.step-title", { hasText: "Medicinas que necesita" }).waitFor();
      const header = (await page.locator(".status-bar").textContent()) ?? "";
      expect(header).toContain(NEUTRAL_HIV);
      expect(header).not.toContain(HIV);
      expect(header).not.toContain(REFILL);
      await checkScreen(page, "step-front-desk");

      await page.goto(`${baseUrl}/#/cases`);
      const row = page.locator(".case-row").first();
      await row.waitFor();
      const rowText = (await row.textContent()) ?? "";
      expect(rowText).toContain(NEUTRAL_HIV);
      expect(rowText).toContain(es["queue.hiddenDeadline"]);
      expect(rowText).not.toContain(HIV);
      expect(rowText).not.toContain(REFILL);
      // Search never matches what the queue may not show.
      await page.getByLabel(es["queue.search"], { exact: true }).fill("antirretro");
      await page.getByText(es["queue.emptyFilter"]).waitFor();
      await page.getByLabel(es["queue.search"], { exact: true }).fill("");
      // The deadline filter counts every kind of deadline, hidden ones included.
      await page.getByLabel(es["queue.deadline"]).selectOption("24");
      await expect(page.locator(".case-row").count()).resolves.toBe(1);
      await checkScreen(page, "queue-front-desk");

      await openCase(page, caseId, "summary");
      await page.getByRole("heading", { level: 1, name: `Resumen del caso ${caseId}` }).waitFor();
      const summary = (await page.locator(".summary-screen").textContent()) ?? "";
      expect(summary).not.toContain(HIV);
      expect(summary).not.toContain(REFILL);
      expect(summary).not.toContain("Clínica de la estación");
      expect(await page.getByRole("button", { name: new RegExp(`^${es["summary.reveal"]}`) }).count()).toBe(0);
      await checkScreen(page, "summary-front-desk");

      // The health team sees them in the case body; the header and the queue stay public.
      await chooseRole(page, "health");
      await openCase(page, caseId, "summary");
      const flags = page.getByRole("region", { name: es["case.flags"] });
      await flags.getByText(HIV).waitFor();
      await flags.getByText(REFILL).waitFor();
      await page.getByRole("button", { name: `${es["summary.reveal"]}: Tratamiento antirretroviral` }).click();
      await page.getByRole("button", { name: `${es["summary.hide"]}: Tratamiento antirretroviral` }).waitFor();
      await checkScreen(page, "summary-health");
      await openCase(page, caseId);
      await page.locator("h2.step-title", { hasText: "Medicinas que necesita" }).waitFor();
      expect(await page.locator(".status-bar").textContent()).not.toContain(HIV);
      await page.goto(`${baseUrl}/#/cases`);
      await page.locator(".case-row").first().waitFor();
      expect(await page.locator(".case-row").first().textContent()).not.toContain(HIV);
    });
  });
});

describe("standing instructions, referrals and what keeps a case open", () => {
  it("shows a standing instruction on every screen and slip, prints a merged referral as one slip, and keeps the case pending until its follow-up and handovers are recorded", async () => {
    await withPhone(async (page) => {
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-2", role: "health" });
      const caseId = await startNewCase(page);
      await answer(page, "Bienvenida");

      // Raised by hand, with a reason, on the step screen.
      await page.getByText(caseEs["instruction.open"]).click();
      await page.getByLabel(caseEs["instruction.choose"]).selectOption("not-on-lists");
      await page.getByLabel(caseEs["instruction.reason"]).fill("Lo pidió la persona.");
      await checkScreen(page, "instruction-form");
      await page.getByRole("button", { name: caseEs["instruction.submit"] }).click();
      const banner = page.getByRole("region", { name: caseEs["instruction.title"] });
      await banner.getByText(OFF_LISTS, { exact: false }).waitFor();

      await answer(page, "Edad", { type: "30" });
      await answer(page, "Viaja sin acompañante", { pick: [1] });
      await answer(page, "Consentimiento para hablar de salud", { pick: [1] });
      await answer(page, "Tratamiento antirretroviral", { pick: [1] });
      await answer(page, "Clínica: continuidad del tratamiento", { pick: [1] });
      // Every step shows it.
      await expect(banner.textContent()).resolves.toContain(OFF_LISTS);
      await page.locator("h2.step-title", { hasText: "Medicinas que necesita" }).waitFor();
      await page.locator(".step-card input.answer-input").fill("Insulina");
      await page.locator(".step-card button[type=submit]").click();
      // The second referral to the clinic is an addition to the first: not offered again, the person is asked
      // whether to add it, with the read-aloud question in place of the step's offer.
      await page.locator("h2.step-title", { hasText: "Clínica: revisión" }).waitFor();
      await page.getByText(/La persona ya tiene una referencia a Clínica de la estación\./).waitFor();
      await expect(page.getByRole("radio", { name: es["referral.add"] }).count()).resolves.toBe(1);
      await expect(page.getByRole("radio", { name: es["referral.doNotAdd"] }).count()).resolves.toBe(1);
      await expect(page.getByRole("radio", { name: es["referral.consents"] }).count()).resolves.toBe(0);
      await expect(page.locator(".say-text").textContent()).resolves.toMatch(/añadir/);
      await checkScreen(page, "addition");
      await answer(page, "Clínica: revisión", { pick: [1] });
      await answer(page, "Oficina del sitio: alojamiento", { pick: [1] });
      await answer(page, "Busca a un familiar", { pick: [2] });
      await page.getByRole("heading", { level: 2, name: caseEs["case.pendingTitle"] }).waitFor();
      await expect(banner.textContent()).resolves.toContain(OFF_LISTS);
      await checkScreen(page, "case-pending");

      // One slip per service: one for the clinic, with both reasons and the most urgent urgency.
      const slipLinks = page.getByRole("link", { name: "Hoja de referencia: Clínica de la estación" });
      await expect(slipLinks.count()).resolves.toBe(1);
      await slipLinks.click();
      await page.getByRole("heading", { level: 1, name: "Clínica de la estación" }).waitFor();
      const slip = (await page.locator(".slip").textContent()) ?? "";
      expect(slip).toContain("Continuidad del tratamiento");
      expect(slip).toContain("Revisión médica");
      expect(slip).toContain("Insulina");
      expect(slip).toContain(OFF_LISTS);
      expect(slip).toContain("Nivel de esta hoja: confidencial");
      await expect(page.locator(".slip-facts .badge").textContent()).resolves.toBe(es["urgency.immediate"]);
      await checkScreen(page, "slip-clinic");
      await page.emulateMedia({ media: "print" });
      await expect(page.locator(".slip-actions").isVisible()).resolves.toBe(false);
      await expect(page.locator(".slip .instructions").isVisible()).resolves.toBe(true);
      await saveScreenshot(page, "protection-slip-clinic-print");
      await page.emulateMedia({ media: "screen" });

      // The public site office's slip: the instruction, the age, never the medicines.
      await openCase(page, caseId, "slip/site-office");
      await page.getByRole("heading", { level: 1, name: "Oficina del sitio" }).waitFor();
      const siteSlip = (await page.locator(".slip").textContent()) ?? "";
      expect(siteSlip).toContain(OFF_LISTS);
      expect(siteSlip).not.toContain("Insulina");
      expect(siteSlip).toContain("Nivel de esta hoja: pública");
      await checkScreen(page, "slip-site");

      // The queue row shows the instruction and the pending status.
      await page.goto(`${baseUrl}/#/cases`);
      const row = page.locator(".case-row").first();
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(`${es["queue.instructions"]}: Fuera de listas públicas`);
      await expect(row.locator(".badge").textContent()).resolves.toBe(es["status.pending"]);

      // Record the follow-up and both handovers: only then is the case finished.
      await openCase(page, caseId, "summary");
      await page.getByRole("heading", { level: 1, name: `Resumen del caso ${caseId}` }).waitFor();
      await expect(page.getByRole("region", { name: caseEs["instruction.title"] }).textContent()).resolves.toContain(
        OFF_LISTS,
      );
      await page
        .getByRole("button", { name: `${caseEs["followUp.recordDone"]}: Confirmar que llegó a la clínica` })
        .click();
      await page.getByText(/^Confirmar que llegó a la clínica · hecho:/).waitFor();
      await expect(page.locator(".facts").textContent()).resolves.toContain(es["status.pending"]);
      for (const service of ["Clínica de la estación", "Oficina del sitio"]) {
        await page.getByRole("button", { name: `${caseEs["referral.markHandedOver"]}: ${service}` }).click();
        await page.getByRole("button", { name: `${caseEs["referral.markAcknowledged"]}: ${service}` }).waitFor();
      }
      await page.locator(".facts dd", { hasText: es["status.finished"] }).waitFor();
      await checkScreen(page, "summary-finished");
      await page.goto(`${baseUrl}/#/cases`);
      await page.getByLabel(es["queue.status"]).selectOption("finished");
      await expect(page.locator(".case-row .badge").first().textContent()).resolves.toBe(es["status.finished"]);
    });
  });

  it("pauses a case with a reason, resumes it where it was, and offers only 'not made' for a referral an instruction forbids", async () => {
    await withPhone(async (page) => {
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-3", role: "protection" });
      await startNewCase(page);
      await answer(page, "Bienvenida");
      await answer(page, "Edad", { type: "40" });
      await page.getByText(caseEs["pause.open"]).click();
      await page.getByLabel(caseEs["pause.reason"]).fill("Llevada a la clínica.");
      await page.getByRole("button", { name: caseEs["pause.submit"] }).click();
      await page.getByRole("heading", { level: 2, name: caseEs["pause.title"] }).waitFor();
      await checkScreen(page, "paused");
      await page.getByRole("button", { name: caseEs["pause.resume"] }).click();
      await page.locator("h2.step-title", { hasText: "Viaja sin acompañante" }).waitFor();

      await page.getByText(caseEs["instruction.open"]).click();
      await page.getByLabel(caseEs["instruction.choose"]).selectOption("no-consular-contact");
      await page.getByLabel(caseEs["instruction.reason"]).fill("Teme a las autoridades de su país.");
      await page.getByRole("button", { name: caseEs["instruction.submit"] }).click();
      await page
        .getByRole("region", { name: caseEs["instruction.title"] })
        .getByText("Ningún contacto con el consulado", { exact: false })
        .waitFor();
      await answer(page, "Viaja sin acompañante", { pick: [1] });
      await answer(page, "Consentimiento para hablar de salud", { pick: [2] });
      await answer(page, "Busca a un familiar", { pick: [1] });
      await answer(page, "Búsqueda de familia", { pick: [1] });
      await page.locator("h2.step-title", { hasText: "Consulado: documentos" }).waitFor();
      await expect(page.locator(".step-card input[type=radio]").count()).resolves.toBe(1);
      await page.getByText(caseEs["referral.forbidden"]).waitFor();
      await checkScreen(page, "referral-forbidden");
      await answer(page, "Consulado: documentos", { pick: [1] });
      await page.getByRole("heading", { level: 2, name: caseEs["case.pendingTitle"] }).waitFor();
      // The tracing slip carries the instruction that concerns it.
      await page.getByRole("link", { name: "Hoja de referencia: Búsqueda de familia" }).click();
      await page.getByRole("heading", { level: 1, name: "Búsqueda de familia" }).waitFor();
      await expect(page.locator(".slip .instructions").textContent()).resolves.toContain(
        "Ningún contacto con el consulado",
      );
    });
  });
});

describe("people travelling together", () => {
  it("links a household of three on both sides and screens each member, children first", async () => {
    await withPhone(async (page) => {
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-4" });
      const mother = await startNewCase(page);
      await answer(page, "Bienvenida");
      await answer(page, "Edad", { type: "34" });

      await page.getByRole("link", { name: caseEs["group.open"] }).click();
      await page.getByRole("heading", { level: 1, name: caseEs["group.title"] }).waitFor();
      const form = page.getByRole("region", { name: caseEs["group.add"] });
      for (const [relation, claimedBy] of [
        ["child", "this"],
        ["partner", "both"],
      ]) {
        await form.getByLabel(caseEs["group.relation"]).selectOption(relation);
        await form.getByLabel(caseEs["group.claimedBy"]).selectOption(claimedBy);
        const before = await page.locator(".group-member").count();
        const submit = form.getByRole("button", { name: caseEs["group.addSubmit"] });
        await submit.click();
        await expect.poll(() => page.locator(".group-member").count(), { timeout: 10_000 }).toBe(before + 1);
        // Both sides are recorded once the form is free again.
        await expect.poll(() => submit.getAttribute("aria-busy"), { timeout: 10_000 }).toBe("false");
      }
      await page.getByText(/^2 personas del grupo todavía no fueron entrevistadas/).waitFor();
      await checkScreen(page, "group");

      // Screen each member from the group view: the child is offered first once its relation is known.
      for (const [who, age] of [
        ["Su hijo o hija", "9"],
        ["Su pareja", "36"],
      ]) {
        await page.getByRole("link", { name: new RegExp(`^${caseEs["group.screen"]}: ${who}`) }).click();
        await answer(page, "Bienvenida");
        await answer(page, "Edad", { type: age });
        await answer(page, "Viaja sin acompañante", { pick: [2] });
        await answer(page, "Consentimiento para hablar de salud", { pick: [2] });
        await answer(page, "Busca a un familiar", { pick: [2] });
        await page
          .getByRole("heading", { level: 2, name: caseEs["case.pendingTitle"] })
          .or(page.getByRole("heading", { level: 2, name: es["case.finishedTitle"] }))
          .waitFor();
        // The relationship is on this member's case too, seen from their side.
        await page.getByRole("link", { name: caseEs["group.open"] }).click();
        await page.getByRole("heading", { level: 1, name: caseEs["group.title"] }).waitFor();
        await page
          .locator(".group-member", { hasText: who === "Su hijo o hija" ? "Su padre o madre" : "Su pareja" })
          .waitFor();
        await openCase(page, mother, "group");
        await page.getByRole("heading", { level: 1, name: caseEs["group.title"] }).waitFor();
      }
      await expect.poll(() => page.locator(".group-member").first().textContent()).toMatch(/^Su hijo o hija · 9 años/);
      await expect.poll(() => page.getByText(/todavía no fue/).count()).toBe(0);
      await checkScreen(page, "group-screened");
    });
  });
});

describe("the interview language", () => {
  it("shows Creole above Spanish with a 'not reviewed' mark, remembers it on the case, and keeps the interface in Spanish", async () => {
    await withPhone(async (page) => {
      await page.goto(baseUrl);
      await setUpOfficer(page, { officer: "OF-5" });
      const caseId = await startNewCase(page);
      await page.getByLabel(caseEs["language.label"]).selectOption("ht");
      const say = page.locator(".say");
      await say.locator("[lang=ht]").waitFor();
      const creole = await say.locator("[lang=ht]").boundingBox();
      const spanish = await say.locator(".say-own").boundingBox();
      expect(creole!.y).toBeLessThan(spanish!.y);
      await expect(say.locator("[lang=ht]").textContent()).resolves.toBe(
        "Byenveni. Nou pral poze w kèk kesyon pou nou ka ede w.",
      );
      await expect(say.locator(".say-own").textContent()).resolves.toContain("Bienvenido.");
      await expect(say.textContent()).resolves.toContain(caseEs["step.unreviewed"]);
      await expect(page.locator(".step-card button[type=submit]").textContent()).resolves.toBe(es["step.done"]);
      await checkScreen(page, "language-creole");

      await page.reload();
      await page.locator(".say [lang=ht]").waitFor();
      await page.getByLabel(caseEs["language.label"]).selectOption("fr");
      await page.locator(".say [lang=fr]").waitFor();
      await expect(page.locator(".say").textContent()).resolves.not.toContain(caseEs["step.unreviewed"]);
      await openCase(page, caseId, "summary");
      await page.locator(".facts", { hasText: "francés" }).waitFor();
    });
  });
});
