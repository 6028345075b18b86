import type { RefusalCode } from "../../engine/index";
import type { StoreErrorCode } from "../../store/index";
import type { MessageKey } from "../shared/i18n/messagesEs";

/** Why the screen itself did not send an input: the case is still loading, or the last change is being saved. */
type ScreenCode = "not-ready" | "busy";

// Every code the engine, the store and the screens can give, with its message: a new code without one is a
// compile error here, not a vague "could not save" on an officer's screen.
const MESSAGES: Record<RefusalCode | StoreErrorCode | ScreenCode, MessageKey> = {
  "bad-event": "refusal.bad-event",
  "case-closed": "refusal.case-closed",
  "case-finished": "refusal.case-finished",
  "unknown-step": "refusal.unknown-step",
  "not-current": "refusal.not-current",
  "wrong-kind": "refusal.wrong-kind",
  "invalid-value": "refusal.invalid-value",
  "consent-required": "refusal.consent-required",
  "nothing-to-undo": "refusal.nothing-to-undo",
  "not-answered": "refusal.not-answered",
  "wrong-sop": "refusal.wrong-sop",
  "engine-error": "refusal.engine-error",
  forbidden: "refusal.forbidden",
  "not-permitted": "refusal.not-permitted",
  paused: "refusal.paused",
  "unknown-flag": "refusal.unknown-flag",
  "not-manual": "refusal.not-manual",
  "not-referred": "refusal.not-referred",
  "not-handed-over": "refusal.not-handed-over",
  "no-follow-up": "refusal.no-follow-up",
  "not-updatable": "refusal.not-updatable",
  conflict: "refusal.conflict",
  "storage-full": "refusal.storage-full",
  "not-found": "refusal.not-found",
  "corrupt-log": "refusal.corrupt-log",
  "invalid-argument": "refusal.bad-event",
  unavailable: "refusal.unavailable",
  unknown: "refusal.unknown",
  "not-ready": "refusal.not-ready",
  busy: "refusal.busy",
};

/**
 * Why an input was not accepted, in the officer's language, chosen by the refusal's `code` (the engine's and the
 * store's reasons are in English, for logs and developers).
 */
export function describeRefusal(code: string, t: (key: MessageKey) => string): string {
  return t(Object.hasOwn(MESSAGES, code) ? MESSAGES[code as keyof typeof MESSAGES] : "refusal.unknown");
}
