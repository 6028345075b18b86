import type { PouchDoc } from "pouchdb-browser";
import type { CaseEvent } from "../engine/index";
import { CASE_STATUSES, type CaseSummary } from "./CaseSummary";
import type { StoredSnapshot } from "./caseSnapshots";
import { caseIdOfSummaryId, detailDocId, eventDocId, summaryDocId } from "./documentIds";
import { parseEventKey } from "./eventKey";
import { LEVELS, type Level } from "./eventLevel";
import { StoreError } from "./StoreError";
import { isSealed, type Sealed } from "./sealing";

/*
 * The shapes written to PouchDB. The event or summary sits in a field of its own, so that PouchDB's `_id`, `_rev`
 * and `_deleted` never mix with case data, and `kind` tells them apart for anyone reading the CouchDB replica.
 * Documents read back may come from another device through replication, so they are checked before being trusted.
 */

/**
 * One immutable event of a case's log, in the public database. It always says who wrote it, when, at which level,
 * and what its writer had seen; it holds the event itself only when the event is public.
 */
export interface EventDoc extends PouchDoc {
  kind: "event";
  caseId: string;
  /** `<stamp>-<device>`: the log order. */
  key: string;
  /** The officer who recorded it (the signed-in CouchDB user): the server checks it. */
  by: string;
  at: string;
  level: Level;
  /** The last key of each device that the writer held for this case: what the event knew of the others. */
  seen: Record<string, string>;
  /** The event, when its level is public. */
  event?: CaseEvent;
  /** The public digest of the case after this event, for devices that cannot replay every event. */
  digest?: CaseSummary;
}

/** The content of a restricted or confidential event, in its level's database; sealed when the device has keys. */
export interface DetailDoc extends PouchDoc {
  kind: "detail";
  caseId: string;
  key: string;
  by: string;
  level: Level;
  event?: CaseEvent;
  sealed?: Sealed;
}

/** A case's summary: derived on this device, rewritten on every append, never replicated. */
export interface SummaryDoc extends PouchDoc {
  kind: "summary";
  summary?: CaseSummary;
  sealed?: Sealed;
}

/** One event of a case's log as a device holds it. */
export interface LogEntry {
  key: string;
  device: string;
  by: string;
  at: string;
  level: Level;
  seen: Readonly<Record<string, string>>;
  /** The event, when this device holds its content (always for public events). */
  event?: CaseEvent;
  digest?: CaseSummary;
}

/** A case's log, merged from every device that wrote to it, in the same order on every device. */
export interface CaseLog {
  caseId: string;
  entries: LogEntry[];
  /** Whether this device holds the content of every event (a public role's device never does, once one is sensitive). */
  complete: boolean;
  /** The case's state after the first entries, when this device stored one for this log (see `caseSnapshots.ts`). */
  snapshot?: StoredSnapshot;
}

/** The event document (public) for one event. */
export function toEventDoc(
  caseId: string,
  key: string,
  event: CaseEvent,
  level: Level,
  seen: Record<string, string>,
): EventDoc {
  return {
    _id: eventDocId(caseId, key),
    kind: "event",
    caseId,
    key,
    by: event.by,
    at: event.at,
    level,
    seen,
    ...(level === "public" ? { event } : {}),
  };
}

/** The detail document holding a sensitive event's content, sealed when `sealed` is given. */
export function toDetailDoc(caseId: string, key: string, event: CaseEvent, level: Level, sealed?: Sealed): DetailDoc {
  return {
    _id: detailDocId(caseId, key),
    kind: "detail",
    caseId,
    key,
    by: event.by,
    level,
    ...(sealed ? { sealed } : { event }),
  };
}

/** The log entry an event document stands for, or a `corrupt-log` error naming what is wrong. */
export function readEventDoc(doc: PouchDoc | undefined, caseId: string, key: string): LogEntry {
  const id = eventDocId(caseId, key);
  const fail = (what: string) =>
    new StoreError(
      "corrupt-log",
      `The log of case "${caseId}" is broken at ${id}: ${what}. The case cannot be shown; report it to the data manager.`,
      id,
    );
  const parsed = parseEventKey(key);
  if (!doc || doc._id !== id || !parsed) throw fail("the document is missing or misnamed");
  if (doc.kind !== "event" || doc.caseId !== caseId || doc.key !== key) throw fail("the document is not this event");
  if (typeof doc.by !== "string" || typeof doc.at !== "string" || !LEVELS.includes(doc.level as Level))
    throw fail("it has no author, time or level");
  const seen = doc.seen as Record<string, string> | undefined;
  if (!seen || typeof seen !== "object") throw fail("it does not say what its writer had seen");
  const entry: LogEntry = {
    key,
    device: parsed.device,
    by: doc.by,
    at: doc.at,
    level: doc.level as Level,
    seen,
  };
  if (doc.event !== undefined) entry.event = checkEvent(doc.event, fail);
  if (doc.digest !== undefined && !summaryProblem(doc.digest as CaseSummary, caseId))
    entry.digest = doc.digest as CaseSummary;
  return entry;
}

/** Checks an event's shape; `fail` makes the error. */
export function checkEvent(value: unknown, fail: (what: string) => StoreError): CaseEvent {
  const event = value as Partial<CaseEvent> | undefined;
  if (!event || typeof event !== "object" || typeof event.type !== "string" || typeof event.at !== "string")
    throw fail("the event has no type or time");
  return event as CaseEvent;
}

/** The summary a document holds, or a `corrupt-log` error when it is not a well-formed summary. */
export function readSummary(value: unknown, id: string): CaseSummary {
  const summary = value as Partial<CaseSummary> | undefined;
  const problem = summaryProblem(summary, caseIdOfSummaryId(id));
  if (problem)
    throw new StoreError(
      "corrupt-log",
      `The summary "${id}" is not well formed (${problem}); it is left out of the queue until the case is saved again.`,
      id,
    );
  return summary as CaseSummary;
}

/** Whether a summary document holds sealed content. */
export function summaryIsSealed(doc: PouchDoc | undefined): boolean {
  return doc?.kind === "summary" && isSealed(doc.sealed);
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

/** The plain (unsealed) document holding a case's summary; `rev` is the revision it replaces, absent for a new case. */
export function toSummaryDoc(summary: CaseSummary, rev?: string): SummaryDoc {
  return { _id: summaryDocId(summary.caseId), ...(rev ? { _rev: rev } : {}), kind: "summary", summary };
}
