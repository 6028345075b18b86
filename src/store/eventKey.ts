import { StoreError } from "./StoreError";

/*
 * The order of a case's log, the same on every device. Each event gets a key `<stamp>-<device>`:
 * - `stamp` is a hybrid logical clock kept per case: the event's time in milliseconds, raised to one more than the
 *   largest stamp the writing device holds for that case. So an event always sorts after every event its writer had
 *   seen (a device whose clock runs behind cannot slip an answer in before the one it followed), and otherwise
 *   stays the time the officer recorded it. A plain (time, device, seq) order would let a slow clock do that.
 * - `device` is the writing device's code, unique in the deployment (claimed from the server at first sign-in), so
 *   two devices can never write the same key, even at the same millisecond.
 * Keys compare as strings: the stamp is zero-padded, and a tie on the stamp is broken by the device code.
 */

const STAMP_DIGITS = 15;
const DEVICE = /^[A-Za-z0-9]{1,16}$/;

/** Checks a device code before it becomes part of event keys. */
export function checkDeviceCode(device: unknown): string {
  if (typeof device !== "string" || !DEVICE.test(device))
    throw new StoreError(
      "invalid-argument",
      `A device code must be 1 to 16 letters or digits; got ${JSON.stringify(device) ?? String(device)}.`,
      "device",
    );
  return device;
}

/** The key of an event written by `device` at `stamp`. */
export function makeEventKey(stamp: number, device: string): string {
  return `${String(stamp).padStart(STAMP_DIGITS, "0")}-${device}`;
}

/** The stamp and device a key is made of, or undefined when it is not an event key. */
export function parseEventKey(key: string): { stamp: number; device: string } | undefined {
  const match = /^(\d{15})-([A-Za-z0-9]{1,16})$/.exec(key);
  return match ? { stamp: Number(match[1]), device: match[2] } : undefined;
}

/** The stamp of the next event: its time in milliseconds, or one more than the last stamp held, whichever is later. */
export function nextStamp(at: string, lastStamp: number | undefined): number {
  const time = Date.parse(at);
  return lastStamp === undefined ? time : Math.max(time, lastStamp + 1);
}

/** Log order: by key. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
