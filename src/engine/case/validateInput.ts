import { INPUT_EVENT } from "../compile/buildConfig";
import type { CompiledStep } from "../compile/CompiledSop";
import type { CaseContext } from "../compile/caseContext";
import { referralForbiddenBy } from "../compile/standingInstructions";
import type { Answer, CaseEvent, CatalogIndex } from "../definition/types";

/** Why the case refused an event. */
export type RefusalCode =
  | "bad-event"
  | "case-closed"
  | "case-finished"
  | "unknown-step"
  | "not-current"
  | "wrong-kind"
  | "invalid-value"
  | "consent-required"
  | "nothing-to-undo"
  | "not-answered"
  | "wrong-sop"
  | "engine-error"
  | "forbidden"
  | "paused"
  | "unknown-flag"
  | "not-manual"
  | "not-referred"
  | "not-handed-over"
  | "no-follow-up"
  | "not-updatable";

export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
}

export function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

/** The event an input step expects, and what it carries. */
export type InputEvent =
  | { type: "ANSWERED"; step: string; value: unknown; at: string; by: string }
  | { type: "CHECKED"; step: string; items: string[]; at: string; by: string }
  | { type: "ACKNOWLEDGED"; step: string; at: string; by: string }
  | { type: "REFERRED"; step: string; consent: boolean; notNeeded?: string; at: string; by: string };

/** The events a case replays to rebuild its state: the officer's step inputs and the case-level changes. */
export type CaseInput =
  | InputEvent
  | Extract<CaseEvent, { type: "INFORMATION_UPDATED" | "FLAG_SET" | "REFERRAL_UPDATED" | "FOLLOW_UP_DONE" }>;

const STEP_INPUTS = new Set(["ANSWERED", "CHECKED", "ACKNOWLEDGED", "REFERRED"]);

/** Whether an input answers a step (rather than changing the case as a whole). */
export function isStepInput(input: CaseInput): input is InputEvent {
  return STEP_INPUTS.has(input.type);
}

/**
 * Checks an input against the step it names: the right event for the step's kind, a value of the declared
 * type and range, the required checklist items, and a recorded consent before a sensitive question.
 * Returns a refusal with a reason an officer understands, or undefined when the input is acceptable.
 */
export function validateInput(
  compiled: CompiledStep,
  input: InputEvent,
  context: CaseContext,
  catalog: CatalogIndex,
): Refusal | undefined {
  const step = compiled.step;
  const expected = step.kind in INPUT_EVENT ? INPUT_EVENT[step.kind as keyof typeof INPUT_EVENT] : undefined;
  if (expected !== input.type)
    return refuse(
      "wrong-kind",
      `Step "${compiled.path}" is a ${step.kind} step; it takes ${expected ?? "no input"}, not ${input.type}.`,
    );
  switch (step.kind) {
    case "question": {
      if (step.sensitive && !context.consents.has(step.sensitive))
        return refuse(
          "consent-required",
          `Step "${compiled.path}" asks about ${step.sensitive}: record the person's consent first.`,
        );
      const problem = checkAnswer(step.answer, (input as { value: unknown }).value);
      return problem ? refuse("invalid-value", `Step "${compiled.path}": ${problem}`) : undefined;
    }
    case "checklist": {
      const items = (input as { items: unknown }).items;
      if (!Array.isArray(items) || items.some((i) => typeof i !== "string"))
        return refuse("invalid-value", `Step "${compiled.path}": the ticked items must be a list of item ids.`);
      const known = new Set(step.items.map((i) => i.id));
      const unknown = items.filter((i) => !known.has(i));
      if (unknown.length)
        return refuse(
          "invalid-value",
          `Step "${compiled.path}" has no item ${unknown.map((u) => `"${u}"`).join(", ")}.`,
        );
      const missing = step.items.filter((i) => i.required && !items.includes(i.id));
      if (missing.length)
        return refuse(
          "invalid-value",
          `Step "${compiled.path}": tick the required item${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m.id}"`).join(", ")} first.`,
        );
      return undefined;
    }
    case "referral": {
      const { consent, notNeeded } = input as { consent: unknown; notNeeded?: unknown };
      if (typeof consent !== "boolean")
        return refuse(
          "invalid-value",
          `Step "${compiled.path}": say whether the person consents to the referral (true or false).`,
        );
      if (notNeeded !== undefined && (typeof notNeeded !== "string" || notNeeded.trim() === "" || consent))
        return refuse(
          "invalid-value",
          `Step "${compiled.path}": a referral that is not needed says why, and is not made.`,
        );
      const forbidden = consent
        ? referralForbiddenBy(context.flags, catalog, step.service, step.requiresConsent === false, consent)
        : [];
      if (forbidden.length)
        return refuse(
          "forbidden",
          `Step "${compiled.path}": a standing instruction (${forbidden.join(", ")}) forbids this referral; record it as not made.`,
        );
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Why a value does not fit an answer type, or undefined when it does. */
export function checkAnswer(answer: Answer, value: unknown): string | undefined {
  switch (answer.type) {
    case "yes-no":
    case "consent":
      return typeof value === "boolean" ? undefined : "the answer must be yes or no.";
    case "one-of": {
      const values = answer.options.map((o) => o.value);
      return typeof value === "string" && values.includes(value)
        ? undefined
        : `the answer must be one of ${values.join(", ")}.`;
    }
    case "several-of": {
      const values = answer.options.map((o) => o.value);
      if (!Array.isArray(value)) return "the answer must be a list of options.";
      const bad = value.filter((v) => !values.includes(v));
      if (bad.length)
        return `${bad.map((b) => JSON.stringify(b)).join(", ")} ${bad.length > 1 ? "are not options" : "is not an option"}; the options are ${values.join(", ")}.`;
      return new Set(value).size === value.length ? undefined : "an option is chosen twice.";
    }
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return "the answer must be a number.";
      if (answer.integer !== false && !Number.isInteger(value)) return "the answer must be a whole number.";
      if (answer.min !== undefined && value < answer.min) return `the answer must be at least ${answer.min}.`;
      if (answer.max !== undefined && value > answer.max) return `the answer must be at most ${answer.max}.`;
      return undefined;
    }
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value)
        ? undefined
        : "the answer must be a date that exists, like 2024-03-01.";
    case "datetime":
      return isInstant(value)
        ? undefined
        : "the answer must be a date and time with its offset from UTC, like 2024-03-01T06:00:00Z or 2024-03-01T01:00:00-05:00.";
    case "duration": {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
        return `the answer must be a number of ${answer.unit}, 0 or more.`;
      return answer.max !== undefined && value > answer.max
        ? `the answer must be at most ${answer.max} ${answer.unit}.`
        : undefined;
    }
    case "text": {
      if (typeof value !== "string" || value.trim() === "") return "the answer must be a text.";
      const max = answer.maxLength ?? 200;
      return value.length > max ? `the answer is longer than ${max} characters.` : undefined;
    }
  }
}

/** Whether `YYYY-MM-DD…` names a day that exists (Date.parse rolls 2024-02-30 over into March). */
/** Whether the YYYY-MM-DD that starts `value` is a day of the calendar (no 31 April, no 29 February in 2023). */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a value is an ISO 8601 date and time with an offset, as case events carry. Without an offset a time
 * would be read in the device's own time zone, and the same log would replay differently on another device.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (lastInstant.text === value) return true;
  const canonical = canonicalInstantMs(value);
  if (canonical !== undefined) {
    lastInstant = { text: value, ms: canonical, canonical: true };
    return true;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !isCalendarDate(value)) return false;
  lastInstant = { text: value, ms, canonical: false };
  return true;
}

/**
 * The last instant `isInstant` accepted, with its time: an input's time is checked, then read by the case's clock,
 * and parsing it once is enough. `canonical`: written as `toISOString` writes it.
 */
let lastInstant: { text: string; ms: number; canonical: boolean } = { text: "", ms: 0, canonical: false };

/**
 * The time of an instant written as `Date.prototype.toISOString` writes one (`2024-03-01T08:00:00.000Z`, years
 * 1000 to 9999, every field in its range), read without a regular expression or `Date.parse`: what every event of
 * the officers' client carries. Undefined for any other text, which takes the general way (and gets the same time).
 */
function canonicalInstantMs(text: string): number | undefined {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 /* . */ ||
    text.charCodeAt(23) !== 90 /* Z */
  )
    return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  const millis = digitsAt(text, 20, 3);
  // digitsAt gives -1 for a field that is not all digits.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || millis < 0) return undefined;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1])) return undefined;
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, millis);
}

/** The time of an instant (milliseconds since 1970, UTC), as `Date.parse` reads it. */
export function instantMs(text: string): number {
  return lastInstant.text === text ? lastInstant.ms : Date.parse(text);
}

/**
 * An instant's text as `Date.prototype.toISOString` would write it: the text itself when it is written so already
 * (24 characters, UTC, milliseconds; the usual case), which saves writing it again on every answer.
 */
export function isoOf(text: string, date: Date): string {
  const ms = date.getTime();
  // An instant read the canonical way is written so, and that date is its time.
  if (lastInstant.canonical && lastInstant.text === text && lastInstant.ms === ms) return text;
  if (
    text.length === 24 &&
    text.charCodeAt(23) === 90 /* Z */ &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 46 &&
    ms >= 0 &&
    digitsAt(text, 0, 4) === date.getUTCFullYear() &&
    digitsAt(text, 5, 2) === date.getUTCMonth() + 1 &&
    digitsAt(text, 8, 2) === date.getUTCDate() &&
    digitsAt(text, 11, 2) === date.getUTCHours() &&
    digitsAt(text, 14, 2) === date.getUTCMinutes() &&
    digitsAt(text, 17, 2) === date.getUTCSeconds() &&
    digitsAt(text, 20, 3) === date.getUTCMilliseconds()
  )
    return text;
  return date.toISOString();
}

/** The number written by `length` decimal digits at `start`, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
