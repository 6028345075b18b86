import type { PouchDoc } from "pouchdb-browser";
import type { CaseEvent } from "../engine/index";
import { CASE_STATUSES, type CaseSummary } from "./CaseSummary";
import { caseIdOfSummaryId, eventDocId, summaryDocId } from "./documentIds";
import { StoreError } from "./StoreError";

/*
 * The shapes written to PouchDB. The event or summary sits in a field of its own, so that PouchDB's `_id`, `_rev`
 * and `_deleted` never mix with case data, and `kind` tells the two apart for anyone reading the CouchDB replica.
 * Documents read back may come from another device through replication, so they are checked before being trusted.
 */

/** One immutable event of a case's log. */
export interface EventDoc extends PouchDoc {
  kind: "event";
  caseId: string;
  seq: number;
  event: CaseEvent;
}

/** A case's summary; the one document of a case that is rewritten, on every append. */
export interface SummaryDoc extends PouchDoc {
  kind: "summary";
  summary: CaseSummary;
}

/** The document holding the event at `seq` of a case. */
export function toEventDoc(caseId: string, seq: number, event: CaseEvent): EventDoc {
  return { _id: eventDocId(caseId, seq), kind: "event", caseId, seq, event };
}

/** The document holding a case's summary; `rev` is the revision it replaces, absent for a new case. */
export function toSummaryDoc(summary: CaseSummary, rev?: string): SummaryDoc {
  return { _id: summaryDocId(summary.caseId), ...(rev ? { _rev: rev } : {}), kind: "summary", summary };
}

/** The event stored at `seq` of a case's log, or a `corrupt-log` error naming the document and what is wrong. */
export function readEventDoc(doc: PouchDoc | undefined, caseId: string, seq: number): CaseEvent {
  const id = eventDocId(caseId, seq);
  const fail = (what: string) =>
    new StoreError(
      "corrupt-log",
      `The log of case "${caseId}" is broken at event ${seq} (${doc?._id ?? id}): ${what}. The case cannot be shown; report it to the data manager.`,
      doc?._id ?? id,
    );
  if (!doc || doc._id !== id) throw fail(seq === 0 ? "the log does not start at event 0" : `event ${seq} is missing`);
  if (doc.kind !== "event" || doc.seq !== seq || doc.caseId !== caseId) throw fail("the document is not this event");
  const event = doc.event as Partial<CaseEvent> | undefined;
  if (!event || typeof event !== "object" || typeof event.type !== "string" || typeof event.at !== "string")
    throw fail("the event has no type or time");
  if (seq === 0 && (event.type !== "CASE_OPENED" || event.caseId !== caseId))
    throw fail("a log must start with CASE_OPENED for the same case");
  if (seq > 0 && event.type === "CASE_OPENED") throw fail("CASE_OPENED may only start a log");
  return event as CaseEvent;
}

/** The summary a document holds, or a `corrupt-log` error when it is not a well-formed summary. */
export function readSummaryDoc(doc: PouchDoc | undefined, id: string): CaseSummary {
  const summary = doc?.summary as Partial<CaseSummary> | undefined;
  const problem = summaryProblem(summary, caseIdOfSummaryId(id));
  if (problem || doc?.kind !== "summary")
    throw new StoreError(
      "corrupt-log",
      `The summary "${id}" is not well formed (${problem ?? "not a summary document"}); it is left out of the queue until the case is saved again.`,
      id,
    );
  return summary as CaseSummary;
}

/** What is wrong with a summary of case `caseId`, or undefined when it is well formed. */
export function summaryProblem(s: Partial<CaseSummary> | undefined, caseId: string): string | undefined {
  if (!s || typeof s !== "object") return "no summary";
  if (s.caseId !== caseId) return `caseId is ${JSON.stringify(s.caseId)}, not ${JSON.stringify(caseId)}`;
  if (!s.sop || typeof s.sop.id !== "string" || typeof s.sop.version !== "string" || typeof s.sop.hash !== "string")
    return "sop needs id, version and hash";
  if (!isTime(s.openedAt) || !isTime(s.updatedAt)) return "openedAt and updatedAt must be ISO times";
  if (!CASE_STATUSES.includes(s.status as CaseSummary["status"]))
    return `status ${JSON.stringify(s.status)} is unknown`;
  if (!Array.isArray(s.current) || !s.current.every((c) => c && typeof c.path === "string"))
    return "current must list step paths";
  if (!isStringList(s.flags) || !isStringList(s.referrals)) return "flags and referrals must be lists of ids";
  if (s.priority !== undefined && typeof s.priority !== "number") return "priority must be a number";
  if (s.nextDeadline !== undefined && (typeof s.nextDeadline?.id !== "string" || !isTime(s.nextDeadline.dueAt)))
    return "nextDeadline needs an id and an ISO dueAt";
  if (!Number.isSafeInteger(s.eventCount) || (s.eventCount as number) < 1) return "eventCount must be 1 or more";
  return undefined;
}

function isTime(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
