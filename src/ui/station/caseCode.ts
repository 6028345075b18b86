/*
 * Case codes, read aloud and copied onto paper slips: the device's code and a number, "KQM-0417". The device code
 * is unique in the station (claimed from the server at the first sign-in), and the number counts up on the device,
 * so two devices can never draw the same code, offline or not. Standalone (no station), the device makes up its
 * own code, which only has to be unique on the device.
 */

const DEVICE_KEY = "senda.device";
// No I, L, O: read aloud and copied by hand.
const LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ";

interface DeviceRecord {
  code: string;
  /** The next case number. */
  next: number;
  /** Whether the code was claimed from a station (else made up on the device). */
  claimed: boolean;
}

function read(): DeviceRecord | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(DEVICE_KEY) ?? "null") as DeviceRecord | null;
    return value && typeof value.code === "string" && Number.isSafeInteger(value.next) ? value : undefined;
  } catch {
    return undefined;
  }
}

function write(record: DeviceRecord): void {
  localStorage.setItem(DEVICE_KEY, JSON.stringify(record));
}

/** The station-claimed device code remembered on this device, if any. */
export function claimedDeviceCode(): string | undefined {
  const record = read();
  return record?.claimed ? record.code : undefined;
}

/** Remembers the code the station gave this device; case numbers go on from where they were. */
export function rememberDeviceCode(code: string): void {
  const record = read();
  write({ code, next: record?.code === code ? record.next : 1, claimed: true });
}

/** This device's code: the claimed one, or one made up for a standalone device. */
export function localDeviceCode(): string {
  const record = read();
  if (record) return record.code;
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  const code = [...bytes].map((b) => LETTERS[b % LETTERS.length]).join("");
  write({ code, next: 1, claimed: false });
  return code;
}

/** The next case code of `device`, e.g. "KQM-0417" (five digits and more once past 9999). */
export function nextCaseCode(device: string): string {
  const record = read();
  const next = record?.code === device ? record.next : 1;
  write({ code: device, next: next + 1, claimed: record?.code === device ? record.claimed : false });
  return `${device}-${String(next).padStart(4, "0")}`;
}
