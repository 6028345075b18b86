import { StorageFullError, StoreError } from "./StoreError";

/** The fields PouchDB errors and DOMExceptions carry; any of them may be missing. */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  reason?: unknown;
  status?: unknown;
}

// Chrome, Safari and current Firefox say QuotaExceededError; older Firefox said NS_ERROR_DOM_QUOTA_REACHED.
// PouchDB's IndexedDB adapter wraps a transaction abort as `indexed_db_went_bad` with the DOM error's name as `reason`.
const QUOTA = /quota/i;

/** Whether an error from PouchDB or IndexedDB means the storage quota is used up. */
export function isQuotaError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as ErrorLike;
  return [e.name, e.reason, e.message, nameOf(e.reason)].some(
    (field) => typeof field === "string" && QUOTA.test(field),
  );
}

/**
 * Maps whatever PouchDB or IndexedDB threw onto a `StoreError` the UI can show: the quota onto
 * `StorageFullError`, a 404 onto `not-found`, a broken or refused database onto `unavailable`, anything else onto
 * `unknown` with the original as `cause`. A `StoreError` passes through unchanged. Conflicts are detected by the
 * caller, which knows the sequence numbers a `ConflictError` must name.
 */
export function toStoreError(error: unknown, path: string, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  if (isQuotaError(error)) return new StorageFullError(path, { cause: error });
  const e = (error && typeof error === "object" ? error : {}) as ErrorLike;
  const detail = [e.name, nameOf(e.reason) ?? e.reason ?? e.message]
    .filter((x) => typeof x === "string" && x)
    .join(": ");
  const said = detail ? ` (${detail})` : error === undefined ? "" : ` (${String(error)})`;
  if (e.status === 404) return new StoreError("not-found", `Nothing stored at "${path}" while ${doing}${said}.`, path);
  if (
    e.name === "indexed_db_went_bad" ||
    e.name === "InvalidStateError" ||
    e.name === "UnknownError" ||
    e.name === "VersionError"
  )
    return new StoreError(
      "unavailable",
      `The device's database could not be used while ${doing}${said}. Close other tabs of the app and reload; in a private window, open the app in a normal one.`,
      path,
      { cause: error },
    );
  return new StoreError("unknown", `Storage failed while ${doing}${said}.`, path, { cause: error });
}

/** The name of an error nested as a PouchDB error's `reason` (a DOMException), if it is one. */
function nameOf(value: unknown): string | undefined {
  const name = value && typeof value === "object" ? (value as ErrorLike).name : undefined;
  return typeof name === "string" ? name : undefined;
}
