import { StoreError } from "./StoreError";

/*
 * Document ids carry the case and the order, so that a replica (a second tab, another device, CouchDB) needs no
 * protocol of ours:
 * - `case/<caseId>/event/<key>`: one immutable event of a case's log (its content when public, else a stub);
 * - `case/<caseId>/detail/<key>`: the content of a restricted or confidential event, in its level's database;
 * - `summary/<caseId>`: the case's projection, derived on each device and never replicated;
 * - `snapshot/<caseId>`: the case's state after the first events of its log, kept on this device to open it faster.
 * An event's key is `<stamp>-<device>` (see `eventKey.ts`): unique per device, ordered the same on every device.
 * The case id is URI-encoded so that a "/" in it cannot reach into another case's range.
 */

const SUMMARY_PREFIX = "summary/";
// Sorts after every character an encoded id or a key can hold: the end of a prefix range.
const HIGH = "\uffff";

/** Checks a case id before it becomes part of a document id. */
export function checkCaseId(caseId: unknown): string {
  if (typeof caseId !== "string" || caseId.length === 0)
    throw new StoreError(
      "invalid-argument",
      `A case id must be a non-empty string; got ${JSON.stringify(caseId) ?? String(caseId)}.`,
    );
  return caseId;
}

/** The id of the event with `key` in a case's log. */
export function eventDocId(caseId: string, key: string): string {
  return `${casePrefix(caseId)}event/${key}`;
}

/** The id of the restricted or confidential content of the event with `key`. */
export function detailDocId(caseId: string, key: string): string {
  return `${casePrefix(caseId)}detail/${key}`;
}

/** The `allDocs` key range holding every event of a case, in log order. */
export function eventRange(caseId: string): { startkey: string; endkey: string } {
  const prefix = `${casePrefix(caseId)}event/`;
  return { startkey: prefix, endkey: `${prefix}${HIGH}` };
}

/** The `allDocs` key range holding every document of a case's log: details, then events. */
export function caseRange(caseId: string): { startkey: string; endkey: string } {
  const prefix = casePrefix(caseId);
  return { startkey: prefix, endkey: `${prefix}${HIGH}` };
}

/** The `allDocs` key range holding every document of every case's log. */
export const LOG_RANGE = { startkey: "case/", endkey: `case/${HIGH}` } as const;

/** What a log document's id names: its case, whether it is an event or a detail, and the event's key. */
export function parseLogDocId(id: string): { caseId: string; part: "event" | "detail"; key: string } | undefined {
  const match = /^case\/([^/]+)\/(event|detail)\/([^/]+)$/.exec(id);
  if (!match) return undefined;
  try {
    return { caseId: decodeURIComponent(match[1]), part: match[2] as "event" | "detail", key: match[3] };
  } catch {
    return undefined;
  }
}

/** The id of a case's summary document. */
export function summaryDocId(caseId: string): string {
  return `${SUMMARY_PREFIX}${encodeURIComponent(caseId)}`;
}

/** The id of a case's snapshot document. */
export function snapshotDocId(caseId: string): string {
  return `snapshot/${encodeURIComponent(caseId)}`;
}

/** The `allDocs` key range holding every summary on the device. */
export const SUMMARY_RANGE = { startkey: SUMMARY_PREFIX, endkey: `${SUMMARY_PREFIX}${HIGH}` } as const;

/** Whether a document id is a summary's. */
export function isSummaryId(id: string): boolean {
  return id.startsWith(SUMMARY_PREFIX);
}

/** The case id a summary id names. */
export function caseIdOfSummaryId(id: string): string {
  return decodeURIComponent(id.slice(SUMMARY_PREFIX.length));
}

function casePrefix(caseId: string): string {
  return `case/${encodeURIComponent(caseId)}/`;
}
