import { useMemo } from "react";
import { formatMessage, type MessageParams } from "../../shared/i18n/formatMessage";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { type EditorKey, type EditorMessage, editorEn, editorEs } from "./editorMessages";

/** The editor's messages in the interface language, with plurals chosen by `Intl.PluralRules` from `count`. */
export interface EditorI18n {
  locale: "es" | "en";
  t(key: EditorKey, params?: MessageParams): string;
  /** A message if the key exists (field labels for schema properties), else undefined. */
  maybe(key: string, params?: MessageParams): string | undefined;
  text: ReturnType<typeof useI18n>["text"];
  formatDateTime(iso: string): string;
}

/** Picks and fills an editor message; exported for components outside React's tree (workers' results). */
export function formatEditorMessage(
  locale: "es" | "en",
  key: EditorKey,
  params?: MessageParams,
  rules = new Intl.PluralRules(locale),
): string {
  const table: Record<string, EditorMessage> = locale === "es" ? editorEs : editorEn;
  return fill(table[key] ?? key, params, rules);
}

function fill(message: EditorMessage, params: MessageParams | undefined, rules: Intl.PluralRules): string {
  if (typeof message === "string") return formatMessage(message, params);
  const count = Number(params?.count ?? 0);
  const form = rules.select(count) as keyof typeof message;
  return formatMessage(message[form] ?? message.other, params);
}

export function useEditorI18n(): EditorI18n {
  const { locale, text, formatDateTime } = useI18n();
  return useMemo(() => {
    const rules = new Intl.PluralRules(locale);
    const table: Record<string, EditorMessage> = locale === "es" ? editorEs : editorEn;
    return {
      locale,
      t: (key, params) => fill(table[key] ?? key, params, rules),
      maybe: (key, params) => (key in table ? fill(table[key], params, rules) : undefined),
      text,
      formatDateTime,
    };
  }, [locale, text, formatDateTime]);
}
