import type { Page } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import { type CouchServer, couch } from "../../../scripts/station/couchRequest";
import { type EmbeddedServer, findFreePort, startEmbeddedServer } from "../../../scripts/station/embeddedServer";
import { readCatalogRoles } from "../../../scripts/station/readCatalogRoles";
import { type StationUser, setupStation } from "../../../scripts/station/setupStation";

/** A station on loopback: the embedded server, set up with `users`, and the built app with /db proxied to it. */
export interface TestStation {
  server: EmbeddedServer;
  url: string;
  preview: PreviewServer;
  close(): Promise<void>;
}

/** The officers the station tests sign in as: two who see everything, one who sees public facts only. */
export const OFFICERS = {
  ana: { name: "ana", password: "clave-ana-1", roles: ["iom-protection-officer"] },
  bea: { name: "bea", password: "clave-bea-2", roles: ["iom-protection-officer"] },
  carl: { name: "carl", password: "clave-carl-3", roles: ["snm-officer"] },
} satisfies Record<string, StationUser>;

export async function startTestStation(distDir: string, options: { dir?: string } = {}): Promise<TestStation> {
  const server = await startEmbeddedServer(options);
  await setupStation(server.admin, readCatalogRoles(), Object.values(OFFICERS));
  const port = await findFreePort();
  const app = await preview({
    configFile: false,
    // Silent: the fault tests stop the server on purpose, and the proxy would log every refused request.
    logLevel: "silent",
    build: { outDir: distDir },
    preview: {
      host: "127.0.0.1",
      port,
      strictPort: true,
      proxy: { "/db": { target: server.url, rewrite: (path: string) => path.replace(/^\/db/, "") || "/" } },
    },
  });
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    preview: app,
    close: async () => {
      await app.close();
      await server.stop();
    },
  };
}

/** Signs in on the station's sign-in screen and waits for the app (the sync status bar shows). */
export async function signInAs(page: Page, officer: { name: string; password: string }, pin = "2468"): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "Iniciar sesión en la estación" }).waitFor();
  await page.getByLabel("Usuario").fill(officer.name);
  await page.getByLabel("Contraseña").fill(officer.password);
  await page.getByLabel("PIN para desbloquear (4 a 8 cifras)").fill(pin);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.locator(".station-bar").waitFor({ timeout: 30_000 });
}

/** Waits until the device has sent and received everything: "up to date", nothing pending. */
export async function waitUntilSynced(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector(".sync-idle") !== null && document.querySelector(".sync-pending") === null,
    undefined,
    { timeout, polling: 200 },
  );
}

/** Every document of a server database, as its administrator reads it. */
export async function serverDocs(admin: CouchServer, db: string): Promise<Record<string, unknown>[]> {
  const answer = await couch(admin, "GET", `/${db}/_all_docs?include_docs=true`);
  const rows = (answer.body.rows ?? []) as { id: string; doc: Record<string, unknown> }[];
  return rows.filter((r) => !r.id.startsWith("_design/")).map((r) => r.doc);
}

/**
 * Everything the page's origin holds in IndexedDB, as text: every database, every object store, every record. What a
 * person who takes the device could read.
 */
export function dumpIndexedDb(page: Page): Promise<{ databases: string[]; text: string }> {
  return page.evaluate(async () => {
    const infos = await indexedDB.databases();
    const parts: string[] = [];
    for (const info of infos) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName, "readonly").objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        parts.push(`${info.name}/${storeName}: ${JSON.stringify(records)}`);
      }
      db.close();
    }
    return { databases: infos.map((i) => i.name ?? ""), text: parts.join("\n") };
  });
}
