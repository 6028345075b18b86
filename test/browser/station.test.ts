import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchPhone, type Phone, readCspViolations, runAxe, saveScreenshot } from "./launchBrowser";
import {
  dumpIndexedDb,
  OFFICERS,
  serverDocs,
  signInAs,
  startTestStation,
  type TestStation,
  waitUntilSynced,
} from "./station/stationServer";

const distDir = inject("distDir");
let station: TestStation;
const phones: Phone[] = [];

beforeAll(async () => {
  station = await startTestStation(distDir);
});

afterAll(async () => {
  for (const phone of phones.splice(0)) await phone.close();
  await station?.close();
});

async function phoneOf(officer: (typeof OFFICERS)[keyof typeof OFFICERS]): Promise<Phone> {
  const phone = await launchPhone();
  phones.push(phone);
  await phone.page.goto(station.url);
  await signInAs(phone.page, officer);
  return phone;
}

/** Answers the step shown: a number typed, or an acknowledgement. */
async function answer(phone: Phone, value?: string): Promise<void> {
  const { page } = phone;
  const card = page.locator(".step-card");
  const title = await card.locator("h2.step-title").textContent();
  if (value !== undefined) await card.locator("input.answer-input").fill(value);
  await card.locator("button[type=submit]").click();
  await page.waitForFunction(
    (before) => document.querySelector(".step-card h2.step-title")?.textContent !== before,
    title,
  );
}

async function newCase(phone: Phone): Promise<string> {
  await phone.page.goto(`${station.url}/#/cases`);
  await phone.page.getByRole("button", { name: "Nuevo caso", exact: true }).click();
  await phone.page.waitForURL(/#\/cases\/[^/]+$/);
  await phone.page.locator(".step-card h2").first().waitFor();
  return decodeURIComponent(phone.page.url().split("#/cases/")[1]);
}

describe("a station of devices, offline and back", () => {
  it("merges two devices' offline work on one case: every event everywhere, the conflict shown once and resolved by an event", async () => {
    const a = await phoneOf(OFFICERS.ana);
    const caseId = await newCase(a);
    expect(caseId).toMatch(/^[A-Z]{3,4}-\d{4}$/);
    await answer(a); // the introduction, acknowledged
    await waitUntilSynced(a.page);

    const b = await phoneOf(OFFICERS.bea);
    await b.page.getByRole("link", { name: caseId }).waitFor({ timeout: 30_000 });
    await waitUntilSynced(b.page);
    await b.page.getByRole("link", { name: caseId }).click();
    await b.page.locator(".step-card input.answer-input").waitFor();

    // Both offline: each records an age for the same person, and opens a case of its own. Ana's tab is reloaded
    // offline too: she signs in again with her password, which unwraps her keys on the device.
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await a.page.reload();
    await signInAs(a.page, OFFICERS.ana, "1357");
    await a.page.locator(".step-card input.answer-input").waitFor();
    await answer(a, "15");
    await answer(b, "31");
    const ownA = await newCase(a);
    await answer(a);
    const ownB = await newCase(b);
    await answer(b);
    expect(ownA).not.toBe(ownB);
    expect(ownA.split("-")[0]).not.toBe(ownB.split("-")[0]);

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await waitUntilSynced(a.page);
    await waitUntilSynced(b.page);
    await waitUntilSynced(a.page);

    // The server has every event of the three cases, each once.
    const docs = await serverDocs(station.server.admin, "senda-cases");
    const ofCase = (id: string) => docs.filter((d) => d.caseId === id && d.kind === "event");
    expect(ofCase(caseId)).toHaveLength(4);
    expect(ofCase(ownA)).toHaveLength(2);
    expect(ofCase(ownB)).toHaveLength(2);
    expect(new Set(docs.map((d) => d.key)).size).toBe(docs.length);

    // Both devices show one conflict on the shared case, with both answers.
    for (const phone of [a, b]) {
      await phone.page.goto(`${station.url}/#/cases/${encodeURIComponent(caseId)}`);
      await phone.page.locator(".station-conflict").waitFor({ timeout: 20_000 });
      expect(await phone.page.locator(".station-conflict").count()).toBe(1);
      const answers = await phone.page.locator(".station-conflict li").allInnerTexts();
      expect(answers.map((t) => t.split(" · ")[0])).toEqual(["15", "31"]);
    }
    await saveScreenshot(a.page, "station-conflict");
    expect(await runAxe(a.page)).toEqual([]);

    // Ana keeps Bea's answer: a CONFLICT_RESOLVED event, which Bea's device receives.
    await a.page.locator(".station-conflict li", { hasText: /^31 ·/ }).getByRole("button").click();
    await a.page.locator(".station-resolved").waitFor();
    await waitUntilSynced(a.page);
    await b.page.locator(".station-resolved").waitFor({ timeout: 30_000 });
    expect(await b.page.locator(".station-conflict").count()).toBe(0);
    const after = await serverDocs(station.server.admin, "senda-cases");
    const resolution = after.find(
      (d) => d.caseId === caseId && (d.event as { type?: string } | undefined)?.type === "CONFLICT_RESOLVED",
    );
    expect(resolution).toMatchObject({ by: "ana", event: { step: "ask-age", value: 31 } });
    expect(await readCspViolations(a.page)).toEqual([]);
  });

  it("never sends a confidential answer to a device whose role may not see it, and keeps it sealed where it goes", async () => {
    const marker = "marcador-confidencial-7731";
    const a = await phoneOf(OFFICERS.ana);
    await a.page.getByText("Funcionario, función, estación y procedimiento").click();
    await a.page.getByLabel("Procedimiento de entrada").selectOption("lgbtiq");
    const caseId = await newCase(a);
    // The LGBTIQ+ procedure: a safe conversation, the age, consent, then how the person names themself.
    await answer(a);
    await answer(a, "35");
    await a.page.locator(".step-card").getByRole("radio").first().check();
    await answer(a);
    await answer(a, marker);
    await waitUntilSynced(a.page);

    const details = await serverDocs(station.server.admin, "senda-cases-confidential");
    expect(details.some((d) => d.caseId === caseId)).toBe(true);
    expect(JSON.stringify(details)).not.toContain(marker);
    const sealedHere = await dumpIndexedDb(a.page);
    expect(sealedHere.text).not.toContain(marker);

    const c = await phoneOf(OFFICERS.carl);
    await c.page.getByRole("link", { name: caseId }).waitFor({ timeout: 30_000 });
    await waitUntilSynced(c.page);
    await c.page.getByRole("link", { name: caseId }).click();
    await c.page.getByRole("heading", { name: "Parte de este caso no es visible para su rol" }).waitFor();
    const held = await dumpIndexedDb(c.page);
    expect(held.text).toContain(caseId);
    expect(held.text).not.toContain(marker);
    expect(held.text).not.toContain("/detail/");
    expect(held.text).not.toContain('"sealed"');
    await saveScreenshot(c.page, "station-withheld");

    // Carl hands the case over to the protection desk; Ana's station view lists it there.
    await c.page.getByLabel("Rol que continúa").selectOption("iom-protection-officer");
    await c.page.getByLabel("Mesa (opcional)").fill("Protección 2");
    await c.page.getByRole("button", { name: "Traspasar" }).click();
    await c.page.getByText("Caso traspasado a").waitFor();
    await waitUntilSynced(c.page);
    await a.page.goto(`${station.url}/#/station`);
    const desk = a.page.locator("section", { has: a.page.getByRole("heading", { name: /Protección 2/ }) });
    await desk.getByRole("link", { name: caseId }).waitFor({ timeout: 30_000 });
    await saveScreenshot(a.page, "station-view");
    expect(await runAxe(a.page)).toEqual([]);

    // Carl locks the shared phone: the PIN unlocks it, a wrong one does not.
    await c.page.getByRole("button", { name: "Bloquear" }).click();
    const lock = c.page.getByRole("dialog", { name: "Dispositivo bloqueado" });
    await lock.waitFor();
    await saveScreenshot(c.page, "station-lock");
    expect(await runAxe(c.page)).toEqual([]);
    await lock.getByLabel("PIN").fill("0000");
    await lock.getByRole("button", { name: "Desbloquear" }).click();
    await lock.getByRole("alert").filter({ hasText: "PIN incorrecto" }).waitFor();
    await lock.getByLabel("PIN").fill("2468");
    await lock.getByRole("button", { name: "Desbloquear" }).click();
    await lock.waitFor({ state: "detached" });

    // Signing out, everything sent, leaves nothing of the cases on the phone.
    await waitUntilSynced(c.page);
    await c.page.getByRole("button", { name: "Cerrar sesión" }).click();
    await c.page.getByRole("heading", { level: 1, name: "Iniciar sesión en la estación" }).waitFor();
    await c.page.waitForFunction(() => localStorage.getItem("senda.station.account") === null);
    const left = await dumpIndexedDb(c.page);
    expect(left.text).not.toContain(caseId);
  });
});
