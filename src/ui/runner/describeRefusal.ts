import type { I18n } from "../shared/i18n/I18nProvider";
import type { MessageKey } from "../shared/i18n/messagesEs";

const KNOWN = new Set([
  "bad-event",
  "case-closed",
  "case-finished",
  "unknown-step",
  "not-current",
  "wrong-kind",
  "invalid-value",
  "consent-required",
  "nothing-to-undo",
  "not-answered",
  "wrong-sop",
  "engine-error",
  "conflict",
  "storage-full",
  "not-found",
  "unavailable",
  "busy",
]);

/**
 * Why an input was not accepted, in the officer's language, chosen by the refusal's `code` (the engine's and the
 * store's reasons are in English, for logs and developers).
 */
export function describeRefusal(code: string, t: I18n["t"]): string {
  return KNOWN.has(code) ? t(`refusal.${code}` as MessageKey) : t("refusal.unknown");
}
