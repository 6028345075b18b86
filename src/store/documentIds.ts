import { StoreError } from "./StoreError";

/*
 * Document ids carry the case and the order, so that a replica (a second tab, CouchDB later) needs no protocol of
 * ours: `case/<caseId>/event/<seq>` for each immutable event, `summary/<caseId>` for the case's projection.
 * The case id is URI-encoded so that a "/" in it cannot reach into another case's range, and the sequence number
 * is zero-padded so that id order is log order.
 */

const SEQ_DIGITS = 8;
/** The most events one case may hold; far beyond any procedure, and the limit of the padded sequence number. */
export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;
const SUMMARY_PREFIX = "summary/";
// Sorts after every character an encoded id or a digit can hold: the end of a prefix range.
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

/** The id of the event at `seq` (0 is CASE_OPENED) in a case's log. */
export function eventDocId(caseId: string, seq: number): string {
  return `${eventPrefix(caseId)}${String(seq).padStart(SEQ_DIGITS, "0")}`;
}

/** The `allDocs` key range holding every event of a case, in log order. */
export function eventRange(caseId: string): { startkey: string; endkey: string } {
  const prefix = eventPrefix(caseId);
  return { startkey: prefix, endkey: `${prefix}${HIGH}` };
}

/** The sequence number an event id ends with, or undefined when the id is not an event of that case. */
export function seqOfEventId(caseId: string, id: string): number | undefined {
  const prefix = eventPrefix(caseId);
  if (!id.startsWith(prefix)) return undefined;
  const digits = id.slice(prefix.length);
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/** The id of a case's summary document. */
export function summaryDocId(caseId: string): string {
  return `${SUMMARY_PREFIX}${encodeURIComponent(caseId)}`;
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

function eventPrefix(caseId: string): string {
  return `case/${encodeURIComponent(caseId)}/event/`;
}
