import type { Level } from "../eventLevel";
import { StoreError } from "../StoreError";
import { fromBase64 } from "../sealing";
import { DATABASE_PATH, DEVICES_DATABASE, KEY_DATABASES, KEY_DOC_ID } from "./stationDatabases";

/*
 * The few plain HTTP calls the station makes to CouchDB besides replication: all under one path of the app's own
 * origin (a reverse proxy), so the Content-Security-Policy keeps `connect-src 'self'`. Authentication is CouchDB's
 * cookie session (`_session`); the cookie is HttpOnly and never read by the app.
 */

/** The base URL of the station's CouchDB for this page. */
export function databaseBase(origin = globalThis.location?.origin ?? ""): string {
  return `${origin}${DATABASE_PATH}`;
}

/** Whether a CouchDB answers at the database path: the app then runs as a station, with sign-in. */
export async function detectStation(base = databaseBase()): Promise<boolean> {
  try {
    const response = await fetch(`${base}/`, { headers: { Accept: "application/json" } });
    if (!response.ok) return false;
    const body = (await response.json()) as Record<string, unknown>;
    return "couchdb" in body || "express-pouchdb" in body;
  } catch {
    return false;
  }
}

/** Signs in with CouchDB's cookie session; resolves with the user's name and roles. */
export async function openSession(
  base: string,
  name: string,
  password: string,
): Promise<{ name: string; roles: string[] }> {
  const response = await request(base, "POST", "/_session", { name, password });
  if (response.status === 401)
    throw new StoreError("not-permitted", "The name or the password is not right.", "_session");
  if (!response.ok)
    throw new StoreError("unavailable", `The station refused to sign in (${response.status}).`, "_session");
  const body = (await readJson(response, "/_session")) as { name?: string; roles?: string[] };
  return { name: body.name ?? name, roles: body.roles ?? [] };
}

/** Who the server thinks is signed in (null when the cookie is missing or expired). */
export async function readSession(base: string): Promise<string | null> {
  const response = await request(base, "GET", "/_session");
  if (!response.ok) return null;
  const body = (await readJson(response, "/_session")) as { userCtx?: { name?: string | null } };
  return body.userCtx?.name ?? null;
}

/** Ends the cookie session (best effort: offline, the cookie simply expires). */
export async function closeSession(base: string): Promise<void> {
  await request(base, "DELETE", "/_session").catch(() => undefined);
}

/**
 * The sealing keys of the levels the signed-in user may read, found by asking for each: the server's security
 * objects decide, so the levels a user "sees" are exactly those its roles are members of.
 */
export async function readLevelKeys(base: string): Promise<Map<Level, Uint8Array<ArrayBuffer>>> {
  const keys = new Map<Level, Uint8Array<ArrayBuffer>>();
  for (const [level, db] of Object.entries(KEY_DATABASES) as [Level, string][]) {
    const response = await request(base, "GET", `/${db}/${KEY_DOC_ID}`);
    if (response.status === 401 || response.status === 403 || response.status === 404) continue;
    if (!response.ok) throw new StoreError("unavailable", `Reading the ${level} key failed (${response.status}).`, db);
    const body = (await readJson(response, db)) as { key?: string };
    if (typeof body.key === "string") keys.set(level, fromBase64(body.key));
  }
  return keys;
}

// Three capital letters (no I, L, O: they are read aloud and copied by hand): 12,167 devices per station.
const LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * Claims a device code no other device of the station has: a random one, written to the device registry, where the
 * server refuses a second writer of the same code. After many taken codes it tries longer ones.
 */
export async function claimDeviceCode(base: string, by: string, at: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const length = attempt < 20 ? 3 : 4;
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    const code = [...bytes].map((b) => LETTERS[b % LETTERS.length]).join("");
    const response = await request(base, "PUT", `/${DEVICES_DATABASE}/${encodeURIComponent(`device/${code}`)}`, {
      by,
      at,
    });
    if (response.ok) return code;
    if (response.status !== 409 && response.status !== 403)
      throw new StoreError("unavailable", `The station could not register this device (${response.status}).`, code);
  }
  throw new StoreError("unavailable", "No free device code was found; ask the station's administrator.", "device");
}

/**
 * One call to the station. A station that cannot be reached (offline, no route, the proxy down) rejects with an
 * `unavailable` StoreError naming the path, the network error as its cause, so the screens word it from the code.
 */
async function request(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${base}${path}`, {
      method,
      credentials: "include",
      headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new StoreError(
      "unavailable",
      `The station could not be reached (${method} ${path}: ${String(error)}).`,
      path,
      {
        cause: error,
      },
    );
  }
}

/** The JSON body of a station's answer; anything else (a proxy's error page) is `unavailable`, naming the path. */
async function readJson(response: Response, path: string): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new StoreError(
      "unavailable",
      `The station answered ${path} with something that is not JSON (${response.status}); check the station's reverse proxy.`,
      path,
      { cause: error },
    );
  }
}
