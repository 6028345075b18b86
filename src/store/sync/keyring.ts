import type { Level } from "../eventLevel";
import { StoreError } from "../StoreError";
import { fromBase64, isSealed, type Sealed, toBase64 } from "../sealing";

/*
 * The keys a device holds for a signed-in officer, never stored in the clear. At an online sign-in the device reads
 * the sealing key of each level the officer's role may see (from a database only that level's roles can read) and
 * stores it wrapped (AES-GCM) under a key derived from the officer's password (PBKDF2-SHA-256). An offline sign-in
 * derives the same key from the password typed and unwraps them: a wrong password fails to unwrap. The raw keys then
 * live in memory only, as non-extractable CryptoKeys. Signing out forgets the wrapped copy.
 */

const ITERATIONS = 310_000;
const encoder = new TextEncoder();
const CHECK = "senda-account";

/** What a device remembers of an officer who signed in on it: enough to sign in again offline. */
export interface Account {
  name: string;
  /** The officer's CouchDB roles (catalog role ids). */
  roles: string[];
  /** The levels the officer may see. */
  sees: Level[];
  salt: string;
  iterations: number;
  /** A known text sealed under the password key: unwrapping it proves the password. */
  check: Sealed;
  /** Each level's sealing key, wrapped under the password key. */
  keys: Partial<Record<Level, Sealed>>;
}

/** The keys of a signed-in officer, in memory. */
export type LevelKeys = Map<Level, CryptoKey>;

/** Makes the account record for an officer who just signed in online, from the raw level keys the server gave. */
export async function createAccount(
  name: string,
  password: string,
  roles: string[],
  sees: Level[],
  rawKeys: ReadonlyMap<Level, Uint8Array<ArrayBuffer>>,
): Promise<{ account: Account; keys: LevelKeys }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const kek = await derivePasswordKey(password, salt, ITERATIONS);
  const keys: Partial<Record<Level, Sealed>> = {};
  const live: LevelKeys = new Map();
  for (const [level, raw] of rawKeys) {
    keys[level] = await sealBytes(kek, raw, `${name}/${level}`);
    live.set(level, await importLevelKey(raw));
  }
  const check = await sealBytes(kek, encoder.encode(CHECK), `${name}/check`);
  return { account: { name, roles, sees, salt: toBase64(salt), iterations: ITERATIONS, check, keys }, keys: live };
}

/** Unlocks a remembered account with the password typed; rejects with `not-permitted` when the password is wrong. */
export async function unlockAccount(account: Account, password: string): Promise<LevelKeys> {
  const kek = await derivePasswordKey(password, fromBase64(account.salt), account.iterations);
  try {
    await openBytes(kek, account.check, `${account.name}/check`);
  } catch {
    throw new StoreError("not-permitted", "The password is not the one this officer signed in with.", account.name);
  }
  const keys: LevelKeys = new Map();
  for (const [level, sealed] of Object.entries(account.keys) as [Level, Sealed][])
    keys.set(level, await importLevelKey(await openBytes(kek, sealed, `${account.name}/${level}`)));
  return keys;
}

/** Whether a value read back from storage is an account record. */
export function isAccount(value: unknown): value is Account {
  const a = value as Partial<Account> | undefined;
  return (
    !!a &&
    typeof a.name === "string" &&
    Array.isArray(a.roles) &&
    Array.isArray(a.sees) &&
    typeof a.salt === "string" &&
    isSealed(a.check) &&
    typeof a.keys === "object"
  );
}

/** A key for a short secret (the lock screen's PIN), with its own salt: compared, never stored. */
export async function hashPin(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_000 },
    material,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

async function derivePasswordKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function importLevelKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

async function sealBytes(key: CryptoKey, bytes: Uint8Array<ArrayBuffer>, bindTo: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(bindTo) }, key, bytes);
  return { alg: "A256GCM", iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

async function openBytes(key: CryptoKey, sealed: Sealed, bindTo: string): Promise<Uint8Array<ArrayBuffer>> {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: encoder.encode(bindTo) },
    key,
    fromBase64(sealed.data),
  );
  return new Uint8Array(plain);
}
