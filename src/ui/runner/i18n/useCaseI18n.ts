import { formatMessage, type MessageParams } from "../../shared/i18n/formatMessage";
import { type I18n, useI18n } from "../../shared/i18n/I18nProvider";
import type { MessageKey } from "../../shared/i18n/messagesEs";
import { type CaseKey, type CaseMessage, caseMessagesEn, caseMessagesEs } from "./caseMessages";

/**
 * The case screens' messages (a lazy chunk of their own, so the queue does not carry them) and the app's shared
 * ones, in the interface language; plurals are chosen by `Intl.PluralRules` from the `count` parameter.
 */
export interface CaseI18n extends Omit<I18n, "t"> {
  t(key: CaseKey | MessageKey, params?: MessageParams): string;
}

/** One set of case messages per interface i18n, shared by every component of the case screens. */
const byI18n = new WeakMap<I18n, CaseI18n>();

/**
 * The case messages for the interface language. Shared, not made per component: the step card is mounted anew at
 * every answer, and an `Intl.PluralRules` per mount cost more than the rest of its render.
 */
export function useCaseI18n(): CaseI18n {
  const i18n = useI18n();
  let caseI18n = byI18n.get(i18n);
  if (!caseI18n) {
    caseI18n = withCaseMessages(i18n);
    byI18n.set(i18n, caseI18n);
  }
  return caseI18n;
}

function withCaseMessages(i18n: I18n): CaseI18n {
  const rules = new Intl.PluralRules(i18n.locale);
  const table: Record<string, CaseMessage> = i18n.locale === "es" ? caseMessagesEs : caseMessagesEn;
  return {
    ...i18n,
    t: (key, params) => {
      const message = table[key];
      if (message === undefined) return i18n.t(key as MessageKey, params);
      if (typeof message === "string") return formatMessage(message, params);
      const form = rules.select(Number(params?.count ?? 0)) as keyof typeof message;
      return formatMessage(message[form] ?? message.other, params);
    },
  };
}
