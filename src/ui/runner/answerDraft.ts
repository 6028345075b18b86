import type { Answer, AnswerValue } from "../../engine/index";
import type { MessageParams } from "../shared/i18n/formatMessage";
import type { MessageKey } from "../shared/i18n/messagesEs";

/** What an answer input holds while the officer fills it in: text as typed, choices as chosen. */
export type Draft = boolean | string | string[] | undefined;

/** A draft read as an answer, or the reason it cannot be one yet, as a message of the interface. */
export type DraftReading =
  | { ok: true; value: AnswerValue }
  | { ok: false; problem: MessageKey; params?: MessageParams };

/** The draft of an unanswered question. */
export function emptyDraft(answer: Answer): Draft {
  switch (answer.type) {
    case "yes-no":
    case "consent":
    case "one-of":
      return undefined;
    case "several-of":
      return [];
    default:
      return "";
  }
}

/** The draft that shows a recorded answer again, for a correction. */
export function draftFromValue(answer: Answer, value: unknown): Draft {
  switch (answer.type) {
    case "yes-no":
    case "consent":
      return typeof value === "boolean" ? value : undefined;
    case "one-of":
      return typeof value === "string" ? value : undefined;
    case "several-of":
      return Array.isArray(value) ? value.map(String) : [];
    case "datetime":
      return typeof value === "string" ? toLocalInput(value) : "";
    default:
      return value === undefined || value === null ? "" : String(value);
  }
}

/** Reads a draft into the value the engine expects, checking what the form can check (the engine checks again). */
export function readDraft(answer: Answer, draft: Draft): DraftReading {
  switch (answer.type) {
    case "yes-no":
    case "consent":
      return typeof draft === "boolean" ? { ok: true, value: draft } : { ok: false, problem: "answer.choose" };
    case "one-of":
      return typeof draft === "string" && draft ? { ok: true, value: draft } : { ok: false, problem: "answer.choose" };
    case "several-of":
      return { ok: true, value: Array.isArray(draft) ? draft : [] };
    case "number":
    case "duration": {
      const text = typeof draft === "string" ? draft.trim().replace(",", ".") : "";
      if (text === "") return { ok: false, problem: "answer.number" };
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, problem: "answer.number" };
      const min = answer.type === "number" ? answer.min : 0;
      const max = answer.max;
      if (answer.type === "number" && answer.integer !== false && !Number.isInteger(value))
        return { ok: false, problem: "answer.whole" };
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) return rangeProblem(min, max);
      return { ok: true, value };
    }
    case "date": {
      const text = typeof draft === "string" ? draft : "";
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))
        ? { ok: true, value: text }
        : { ok: false, problem: "answer.date" };
    }
    case "datetime": {
      const date = typeof draft === "string" && draft ? new Date(draft) : undefined;
      return date && !Number.isNaN(date.getTime())
        ? { ok: true, value: date.toISOString() }
        : { ok: false, problem: "answer.datetime" };
    }
    case "text": {
      const text = typeof draft === "string" ? draft.trim() : "";
      const max = answer.maxLength ?? 200;
      if (!text) return { ok: false, problem: "answer.text" };
      if (text.length > max) return { ok: false, problem: "answer.tooLong", params: { max } };
      return { ok: true, value: text };
    }
  }
}

function rangeProblem(min: number | undefined, max: number | undefined): DraftReading {
  if (min !== undefined && max !== undefined) return { ok: false, problem: "answer.between", params: { min, max } };
  if (min !== undefined) return { ok: false, problem: "answer.atLeast", params: { min } };
  return { ok: false, problem: "answer.atMost", params: { max: max ?? 0 } };
}

/** An ISO time as the value of a `datetime-local` input, in the device's time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
