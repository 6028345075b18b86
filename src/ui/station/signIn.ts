import {
  claimDeviceCode,
  createAccount,
  hashPin,
  type Level,
  openSession,
  readLevelKeys,
  StoreError,
  type StoreErrorCode,
  unlockAccount,
} from "../../store/index";
import { detailOf } from "../shared/ProblemAlert";
import { readAccount, writeAccount } from "./accountStorage";
import { claimedDeviceCode, rememberDeviceCode } from "./caseCode";
import type { SignedIn } from "./StationContext";

/** Why a sign-in failed, for the screen to say. */
export type SignInProblem = "wrong" | "offline-first" | "offline-other" | "failed";

/**
 * A sign-in that failed, as data: the problem; for `offline-other`, the `name` of the officer who may sign in here;
 * for `failed`, the store's `code` (what the screen words) and its English `detail` (for support).
 */
export type SignInFailure =
  | { problem: "wrong" | "offline-first" }
  | { problem: "offline-other"; name: string }
  | { problem: "failed"; code: StoreErrorCode; detail: string };

/**
 * Signs an officer in: online with CouchDB's session (then the level keys are read and wrapped under the password,
 * and the device claims its code if it has none), or offline with the account remembered on the device (its keys
 * unwrapped with the password). Online is tried first; a station that cannot be reached falls back to offline. Never
 * throws: every failure comes back as a `SignInFailure`.
 */
export async function signIn(
  base: string,
  name: string,
  password: string,
  pin: string,
  now: Date,
): Promise<SignedIn | SignInFailure> {
  try {
    return await signInOnlineOrOffline(base, name, password, pin, now);
  } catch (error) {
    return {
      problem: "failed",
      code: error instanceof StoreError ? error.code : "unknown",
      detail: detailOf(error),
    };
  }
}

async function signInOnlineOrOffline(
  base: string,
  name: string,
  password: string,
  pin: string,
  now: Date,
): Promise<SignedIn | SignInFailure> {
  const pinSalt = crypto.getRandomValues(new Uint8Array(16));
  const pinHash = await hashPin(pin, pinSalt);
  let session: { name: string; roles: string[] } | undefined;
  try {
    session = await openSession(base, name, password);
  } catch (error) {
    if (error instanceof StoreError && error.code === "not-permitted") return { problem: "wrong" };
    // The station could not be reached, or answered out of its protocol: sign in offline, if this device can.
    if (!(error instanceof StoreError && error.code === "unavailable")) throw error;
  }
  if (session) {
    const raw = await readLevelKeys(base);
    const sees: Level[] = ["public", ...raw.keys()];
    const { account, keys } = await createAccount(session.name, password, session.roles, sees, raw);
    let device = claimedDeviceCode();
    if (!device) {
      device = await claimDeviceCode(base, session.name, now.toISOString());
      rememberDeviceCode(device);
    }
    writeAccount(account);
    return { name: session.name, roles: session.roles, sees, device, keys, pinHash, pinSalt };
  }
  // Offline: only the officer remembered on this device, with the same password.
  const account = readAccount();
  const device = claimedDeviceCode();
  if (!account || !device) return { problem: "offline-first" };
  if (account.name !== name) return { problem: "offline-other", name: account.name };
  try {
    const keys = await unlockAccount(account, password);
    return { name: account.name, roles: account.roles, sees: account.sees, device, keys, pinHash, pinSalt };
  } catch {
    return { problem: "wrong" };
  }
}
