import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchPhone, type Phone } from "./launchBrowser";
import {
  OFFICERS,
  serverDocs,
  signInAs,
  startTestStation,
  type TestStation,
  waitUntilSynced,
} from "./station/stationServer";

const distDir = inject("distDir");
const ANSWERS = 100;
let station: TestStation;
let dataDir: string;
const phones: Phone[] = [];

beforeAll(async () => {
  // On disk, so that the server keeps what it had when it is killed and started again.
  dataDir = mkdtempSync(join(tmpdir(), "senda-station-faults-"));
  station = await startTestStation(distDir, { dir: dataDir });
});

afterAll(async () => {
  for (const phone of phones.splice(0)) await phone.close();
  await station?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32), so that the crash points are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ages this device holds for the case (ANSWERED at ask-age), in log order, read from its IndexedDB. */
async function storedAges(page: Page, caseId: string): Promise<number[]> {
  const docs = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("_pouch_senda-cases");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const records = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const request = db.transaction("by-sequence", "readonly").objectStore("by-sequence").getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return records;
  });
  const ages = new Map<string, number>();
  for (const doc of docs) {
    const id = typeof doc._id === "string" ? doc._id : String(doc._doc_id_rev ?? "").split("::")[0];
    const event = doc.event as { type?: string; step?: string; value?: number } | undefined;
    if (doc._deleted || !id.startsWith(`case/${caseId}/event/`)) continue;
    if (event?.type === "ANSWERED" && event.step === "ask-age") ages.set(id, Number(event.value));
  }
  return [...ages].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
}

async function heading(page: Page): Promise<string> {
  return ((await page.locator(".step-card h2.step-title").first().textContent()) ?? "").trim();
}

async function waitForHeading(page: Page, not: string): Promise<void> {
  await page.waitForFunction((before) => {
    const now = document.querySelector(".step-card h2.step-title")?.textContent?.trim();
    return !!now && now !== before;
  }, not);
}

describe("faults while a station syncs", () => {
  it(`loses no answer and duplicates none when the tab is killed at random points during ${ANSWERS} answers and the server is killed mid-replication`, async () => {
    const random = seeded(20240301);
    const crashAt = new Set(Array.from({ length: 3 }, () => 5 + Math.floor(random() * (ANSWERS - 10))));
    const phone = await launchPhone();
    phones.push(phone);
    let page = phone.page;
    await page.goto(station.url);
    await signInAs(page, OFFICERS.ana);
    await page.getByRole("button", { name: "Nuevo caso", exact: true }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    const caseId = decodeURIComponent(page.url().split("#/cases/")[1]);
    await page.locator(".step-card button[type=submit]").click(); // the introduction
    await page.locator(".step-card input.answer-input").waitFor();
    const ageTitle = await heading(page);

    let next = 1;
    let serverDown = false;
    while (next <= ANSWERS) {
      if (next === 30 && !serverDown) {
        await station.server.kill();
        serverDown = true;
      }
      if (next === 55 && serverDown) {
        await station.server.restart();
        serverDown = false;
      }
      if (crashAt.has(next)) {
        crashAt.delete(next);
        // The renderer dies at once: no unload, nothing more saved.
        const crashed = new Promise((resolve) => page.once("crash", resolve));
        const cdp = await phone.context.newCDPSession(page);
        void cdp.send("Page.crash").catch(() => undefined);
        await crashed;
        await page.close().catch(() => undefined);
        page = await phone.context.newPage();
        await page.goto(`${station.url}/#/cases/${encodeURIComponent(caseId)}`);
        await signInAs(page, OFFICERS.ana);
        await page.goto(`${station.url}/#/cases/${encodeURIComponent(caseId)}`);
        await page.locator(".step-card h2.step-title").waitFor();
        // Go on from what the device really holds: an answer saved just before the crash is not given twice.
        const ages = await storedAges(page, caseId);
        next = Math.max(0, ...ages) + 1;
        const shown = await heading(page);
        if (shown !== ageTitle) {
          // The heading before the tap: the screen moves as soon as the engine takes the step back.
          await page.getByRole("button", { name: "Atrás" }).click();
          await waitForHeading(page, shown);
        }
        continue;
      }
      await page.locator(".step-card input.answer-input").fill(String(next));
      await page.locator(".step-card button[type=submit]").click();
      await waitForHeading(page, ageTitle);
      next++;
      if (next <= ANSWERS) {
        const shown = await heading(page);
        await page.getByRole("button", { name: "Atrás" }).click();
        await waitForHeading(page, shown);
      }
    }
    await waitUntilSynced(page, 120_000);

    const expected = Array.from({ length: ANSWERS }, (_, i) => i + 1);
    expect(await storedAges(page, caseId)).toEqual(expected);
    const docs = (await serverDocs(station.server.admin, "senda-cases")).filter((d) => d.caseId === caseId);
    const onServer = docs
      .filter((d) => (d.event as { step?: string } | undefined)?.step === "ask-age")
      .filter((d) => (d.event as { type: string }).type === "ANSWERED")
      .sort((x, y) => String(x.key).localeCompare(String(y.key)))
      .map((d) => (d.event as { value: number }).value);
    expect(onServer).toEqual(expected);
    expect(new Set(docs.map((d) => d.key)).size).toBe(docs.length);

    // Replay equals live: the screen after a reload, and on a second device, is the one the officer left.
    const live = { step: await heading(page), progress: await page.locator(".progress-label").textContent() };
    await page.reload();
    await signInAs(page, OFFICERS.ana);
    await page.goto(`${station.url}/#/cases/${encodeURIComponent(caseId)}`);
    await page.locator(".step-card h2.step-title").waitFor();
    expect({ step: await heading(page), progress: await page.locator(".progress-label").textContent() }).toEqual(live);
    const other = await launchPhone();
    phones.push(other);
    await other.page.goto(station.url);
    await signInAs(other.page, OFFICERS.bea);
    await other.page.getByRole("link", { name: caseId }).waitFor({ timeout: 60_000 });
    await waitUntilSynced(other.page);
    await other.page.getByRole("link", { name: caseId }).click();
    await other.page.locator(".step-card h2.step-title").waitFor();
    expect({
      step: await heading(other.page),
      progress: await other.page.locator(".progress-label").textContent(),
    }).toEqual(live);
    expect(await other.page.locator(".station-conflict").count()).toBe(0);
  });
});
