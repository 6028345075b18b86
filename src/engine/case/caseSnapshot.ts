import type { AnswerRecord, CaseContext, ReferralRecord, TraceEntry } from "../compile/caseContext";
import { celDurationOf } from "../expression/ExpressionScope";

/**
 * The version of what a snapshot holds and means. Raise it whenever a change to the compiler or the case logic
 * changes what a case's state is after the same events: a snapshot of another version is ignored, and the case is
 * replayed from its log.
 */
export const SNAPSHOT_VERSION = 2;

/** JSON that stands for a case context: every field, Maps, Sets and CEL values included, as tagged plain data. */
export type SerialisedContext = { [K in keyof CaseContext]: unknown };

/**
 * A case's state after its first `count` events, as plain JSON: what `restoreCase` starts from instead of replaying
 * them. Valid only for the same SOP bundle (`bundle`), the same snapshot version and the same first events
 * (`events`, their fingerprint): the event log stays the truth.
 */
export interface CaseSnapshot {
  version: number;
  /** The content hash of the SOP bundle the case runs on. */
  bundle: string;
  /** How many events of the log it stands for. */
  count: number;
  /** A fingerprint of those events. */
  events: string;
  /** The statechart's state. */
  machine: { value: unknown; status: string };
  context: SerialisedContext;
  /** The session's own records, beside the machine's context. */
  session: {
    /** The inputs in force: an index into the log, or the input itself when it is not a log event (a correction). */
    inputs: (number | Record<string, unknown>)[];
    closedBy?: number;
    pausedBy?: number;
    language?: string;
    notes: unknown[];
    relationships: unknown[];
    reveals: unknown[];
  };
}

/**
 * A fingerprint of a case's first events: a snapshot stands only for the events it was taken after. Two FNV-1a
 * hashes of their JSON text as it is (not canonical: the same log read back keeps its key order; a log whose text
 * differs only in key order is replayed, which costs time, never correctness).
 */
export function fingerprintEvents(events: readonly unknown[], count: number): string {
  const text = JSON.stringify(events.length === count ? events : events.slice(0, count));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193 + 0x2b);
  }
  return `${count}:${(h1 >>> 0).toString(16).padStart(8, "0")}${(h2 >>> 0).toString(16).padStart(8, "0")}`;
}

// Tags of the values JSON has no form for. A plain object with a key that starts with "$" is wrapped, so that no
// answer is ever read as a tag.
const INT = "$int";
const TIME = "$ts";
const DURATION = "$dur";
const NUMBER = "$num";
const UNDEFINED = "$undef";
const OBJECT = "$obj";
/** An activation's built-ins that are the case's own lists, not copies: restored as the same lists. */
const LINK = "$link";
const LINKED: Record<string, (context: Partial<CaseContext>, scope: string) => unknown> = {
  flags: (context) => context.flags,
  referrals: (context) => context.referredServices,
  offered: (context) => context.offeredServices,
  visited: (context, scope) => context.visitedByScope?.get(scope),
};

/** Encodes a value of an answer, a CEL activation or a trace: BigInt, Date, CEL durations, non-finite numbers. */
export function encodeValue(value: unknown): unknown {
  switch (typeof value) {
    case "bigint":
      return { [INT]: value.toString() };
    case "number":
      return Number.isFinite(value) ? value : { [NUMBER]: String(value) };
    case "undefined":
      return { [UNDEFINED]: 1 };
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(encodeValue);
      if (value instanceof Date) return { [TIME]: Number.isNaN(value.getTime()) ? null : value.toISOString() };
      const record = value as Record<string, unknown>;
      if (typeof record.seconds === "bigint" && Object.getPrototypeOf(value) !== Object.prototype)
        return { [DURATION]: [record.seconds.toString(), Number(record.nanos ?? 0)] };
      const out: Record<string, unknown> = {};
      let tagged = false;
      for (const key in record) {
        if (key.startsWith("$")) tagged = true;
        out[key] = encodeValue(record[key]);
      }
      return tagged ? { [OBJECT]: out } : out;
    }
    default:
      return value;
  }
}

/** Decodes what `encodeValue` made. */
export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const record = value as Record<string, unknown>;
  if (INT in record) return BigInt(record[INT] as string);
  if (TIME in record) return new Date(record[TIME] === null ? Number.NaN : (record[TIME] as string));
  if (DURATION in record) {
    const [seconds, nanos] = record[DURATION] as [string, number];
    return celDurationOf(BigInt(seconds), nanos);
  }
  if (NUMBER in record) return Number(record[NUMBER]);
  if (UNDEFINED in record) return undefined;
  const fields = (OBJECT in record ? record[OBJECT] : record) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in fields) out[key] = decodeValue(fields[key]);
  return out;
}

/** How each field of the context is written and read back; `log` is the case's events the context stands for. */
interface Codec<T> {
  encode(value: T, context: CaseContext, log: EventLog): unknown;
  decode(json: unknown, decoded: Partial<CaseContext>, log: readonly LoggedEvent[]): T;
}

/** What the codecs read of a logged event. */
interface LoggedEvent {
  step?: string;
  at: string;
  by: string;
  value?: unknown;
}

/**
 * The case's events, looked up by step, time and author: an answer record or an input in the trace that repeats an
 * event of the log is written as the event's place in it, which keeps a long case's snapshot about a third of the
 * size (and as quick to read back).
 */
class EventLog {
  private index?: Map<string, number>;
  constructor(readonly events: readonly LoggedEvent[]) {}

  /** The place of the event at `step` recorded at `at` by `by`, if there is one. */
  find(step: string, at: string, by: string): number | undefined {
    if (!this.index) {
      this.index = new Map();
      this.events.forEach((event, i) => {
        if (typeof event.step === "string") this.index!.set(`${event.step}\u0000${event.at}\u0000${event.by}`, i);
      });
    }
    return this.index.get(`${step}\u0000${at}\u0000${by}`);
  }
}

/** An answer record that repeats its event: the event's place, or with another value the place and the value. */
const answerRecord = {
  encode(record: AnswerRecord, log: EventLog): unknown {
    const keys = Object.keys(record);
    const i = keys.length === 4 && keys[3] === "by" ? log.find(record.step, record.at, record.by) : undefined;
    if (i === undefined || typeof record.value === "object") return { record: encodeValue(record) };
    return record.value === log.events[i].value ? i : [i, encodeValue(record.value)];
  },
  decode(json: unknown, events: readonly LoggedEvent[]): AnswerRecord {
    if (typeof json === "number" || Array.isArray(json)) {
      const event = events[typeof json === "number" ? json : (json[0] as number)];
      const value = typeof json === "number" ? event.value : decodeValue(json[1]);
      return { step: event.step!, value, at: event.at, by: event.by };
    }
    return decodeValue((json as { record: unknown }).record) as AnswerRecord;
  },
};

/** The trace, with each input that repeats its event as the event's place. */
const traceOf: Codec<TraceEntry[]> = {
  encode: (trace, _context, log) =>
    trace.map((entry) => {
      if (entry.kind !== "input" || Object.keys(entry).length !== 4) return encodeValue(entry);
      return log.find(entry.step, entry.at, entry.by) ?? encodeValue(entry);
    }),
  decode: (json, _decoded, events) =>
    (json as unknown[]).map((entry) => {
      if (typeof entry !== "number") return decodeValue(entry) as TraceEntry;
      const event = events[entry];
      return { kind: "input", at: event.at, step: event.step!, by: event.by };
    }),
};

const plain: Codec<unknown> = { encode: encodeValue, decode: decodeValue };
const mapOf: Codec<Map<string, unknown>> = {
  encode: (map) => [...map].map(([key, value]) => [key, encodeValue(value)]),
  decode: (json) => new Map((json as [string, unknown][]).map(([key, value]) => [key, decodeValue(value)])),
};
const setOf: Codec<Set<string>> = {
  encode: (set) => [...set],
  decode: (json) => new Set(json as string[]),
};

/**
 * Every field of `CaseContext`, each with its codec: a field added to the context without one here does not
 * compile, and the round-trip tests compare every field of restored and replayed cases.
 */
const CODECS: { [K in keyof CaseContext]-?: Codec<CaseContext[K]> } = {
  now: { encode: (now) => now.toISOString(), decode: (json) => new Date(json as string) },
  nowIso: plain as Codec<string>,
  by: plain as Codec<string>,
  // Decoded after the lists its activations share (see `DECODE_ORDER`).
  scopes: {
    encode: (scopes, context) =>
      [...scopes].map(([scope, activation]) => {
        const out: Record<string, unknown> = {};
        for (const key in activation) {
          const value = activation[key];
          const linked = Object.hasOwn(LINKED, key) && value !== undefined && value === LINKED[key](context, scope);
          out[key] = linked ? { [LINK]: key } : encodeValue(value);
        }
        return [scope, out];
      }),
    decode: (json, decoded) =>
      new Map(
        (json as [string, Record<string, unknown>][]).map(([scope, fields]) => {
          const activation: Record<string, unknown> = {};
          for (const key in fields) {
            const value = fields[key] as Record<string, unknown> | null;
            const link = value && typeof value === "object" && !Array.isArray(value) ? value[LINK] : undefined;
            activation[key] =
              typeof link === "string" && Object.hasOwn(LINKED, link)
                ? LINKED[link](decoded, scope)
                : decodeValue(value);
          }
          return [scope, activation];
        }),
      ),
  },
  passedIn: {
    encode: (map) => [...map].map(([scope, names]) => [scope, [...names]]),
    decode: (json) => new Map((json as [string, string[]][]).map(([scope, names]) => [scope, new Set(names)])),
  },
  answers: {
    encode: (map, _context, log) => [...map].map(([key, record]) => [key, answerRecord.encode(record, log)]),
    decode: (json, _decoded, events) =>
      new Map((json as [string, unknown][]).map(([key, record]) => [key, answerRecord.decode(record, events)])),
  },
  updates: plain as Codec<CaseContext["updates"]>,
  flags: plain as Codec<string[]>,
  flagRaisedBy: mapOf as Codec<Map<string, string>>,
  manualFlags: plain as Codec<CaseContext["manualFlags"]>,
  visitedByScope: mapOf as Codec<Map<string, string[]>>,
  referrals: plain as Codec<ReferralRecord[]>,
  // The same records as `referrals`, by their place there: a change to one is a change to the other.
  referralByService: {
    encode: (map, context) =>
      [...map].map(([service, record]) => {
        const index = context.referrals.indexOf(record);
        return [service, index >= 0 ? index : { record: encodeValue(record) }];
      }),
    decode: (json, decoded) =>
      new Map(
        (json as [string, number | { record: unknown }][]).map(([service, at]) => [
          service,
          typeof at === "number" ? decoded.referrals![at] : (decodeValue(at.record) as ReferralRecord),
        ]),
      ),
  },
  referredServices: plain as Codec<string[]>,
  offeredServices: plain as Codec<string[]>,
  deadlines: mapOf as Codec<CaseContext["deadlines"]>,
  followUps: mapOf as Codec<CaseContext["followUps"]>,
  consents: setOf,
  visited: plain as Codec<string[]>,
  visitedSet: setOf,
  trace: traceOf,
  outcomes: mapOf as Codec<Map<string, string>>,
  violations: plain as Codec<CaseContext["violations"]>,
  resuming: setOf,
};

/** Fields whose decoding reads others: after them. */
const DECODE_LAST: ReadonlySet<string> = new Set(["scopes", "referralByService"]);

/**
 * Writes a case context as JSON-safe data, every field (see `CODECS`); `events` are the case's events it stands for,
 * which what repeats them refers to (read back with the same events).
 */
export function serialiseContext(context: CaseContext, events: readonly unknown[] = []): SerialisedContext {
  const out: Record<string, unknown> = {};
  const log = new EventLog(events as readonly LoggedEvent[]);
  for (const key of Object.keys(CODECS) as (keyof CaseContext)[])
    out[key] = (CODECS[key] as Codec<unknown>).encode(context[key], context, log);
  return out as SerialisedContext;
}

/** Reads back a context `serialiseContext` wrote over the same `events`; the lists the context shares stay shared. */
export function restoreContext(json: SerialisedContext, events: readonly unknown[] = []): CaseContext {
  const decoded: Record<string, unknown> = {};
  const logged = events as readonly LoggedEvent[];
  const keys = Object.keys(CODECS) as (keyof CaseContext)[];
  for (const key of keys)
    if (!DECODE_LAST.has(key))
      decoded[key] = (CODECS[key] as Codec<unknown>).decode(json[key], decoded as Partial<CaseContext>, logged);
  for (const key of keys)
    if (DECODE_LAST.has(key))
      decoded[key] = (CODECS[key] as Codec<unknown>).decode(json[key], decoded as Partial<CaseContext>, logged);
  return decoded as unknown as CaseContext;
}

/** The fields `serialiseContext` writes: every field of the context. */
export const SERIALISED_FIELDS: readonly string[] = Object.keys(CODECS);
