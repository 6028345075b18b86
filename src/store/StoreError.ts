/**
 * The fixed set of storage problems the store reports. The UI picks what to show the officer by `code`:
 * - `conflict`: another tab or device wrote to the case first; reload the case and retry.
 * - `storage-full`: the device's storage quota is used up; nothing was written.
 * - `not-found`: no such case on this device.
 * - `corrupt-log`: a stored log breaks the store's own rules (a gap, a wrong case id).
 * - `invalid-argument`: the caller broke the store's contract (a programmer error).
 * - `unavailable`: the browser refused the database (private mode, blocked, closed store), or the station could not
 *   be reached or answered out of its protocol.
 * - `not-permitted`: the signed-in officer may not do this: record or hold an event above their role's level, use a
 *   key they lack, or sign in with that password. (Not the engine's `forbidden`, a referral a standing instruction
 *   forbids: the UI words each code once, so the two must not share a name.)
 * - `unknown`: anything else, with the original error as `cause`.
 */
export type StoreErrorCode =
  | "conflict"
  | "storage-full"
  | "not-found"
  | "corrupt-log"
  | "invalid-argument"
  | "unavailable"
  | "not-permitted"
  | "unknown";

/** A storage problem with a `code` from a fixed set and the `path` (case or document id) it concerns. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly path: string;
  constructor(code: StoreErrorCode, message: string, path = "", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
    this.code = code;
    this.path = path;
  }
}

/** What a conflicting write knew, and what the store holds instead. */
export interface ConflictDetails {
  caseId: string;
  /** The sequence number the writer expected to write next. */
  expectedSeq: number;
  /** How many events the case holds now, when known. */
  storedSeq?: number;
}

/**
 * Another writer (a second tab, a replicated device) got there first: an event already exists at the sequence
 * number the caller wanted. Nothing of the failed write was kept. Reload the log, then retry or show the officer
 * what changed.
 */
export class ConflictError extends StoreError {
  override readonly code = "conflict" as const;
  readonly caseId: string;
  readonly expectedSeq: number;
  readonly storedSeq?: number;
  constructor(details: ConflictDetails, message?: string, options?: { cause?: unknown }) {
    const stored = details.storedSeq === undefined ? "" : ` It holds ${details.storedSeq} events.`;
    super(
      "conflict",
      message ??
        `Case "${details.caseId}" changed in another tab or on another device before event ${details.expectedSeq} could be saved.${stored} Reload the case and try again.`,
      details.caseId,
      options,
    );
    this.name = "ConflictError";
    this.caseId = details.caseId;
    this.expectedSeq = details.expectedSeq;
    this.storedSeq = details.storedSeq;
  }
}

/** The device's storage quota is used up, so the write was refused as a whole and nothing of it was kept. */
export class StorageFullError extends StoreError {
  override readonly code = "storage-full" as const;
  constructor(path = "", options?: { cause?: unknown }) {
    super(
      "storage-full",
      "The device's storage is full, so the last change was not saved (everything saved before it is intact). " +
        "Free space on the device or in the browser's site data, or sync and archive closed cases, then try again.",
      path,
      options,
    );
    this.name = "StorageFullError";
  }
}
