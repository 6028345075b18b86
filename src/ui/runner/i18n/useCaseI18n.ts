import { useMemo } from "react";
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

export function useCaseI18n(): CaseI18n {
  const i18n = useI18n();
  return useMemo(() => {
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
  }, [i18n]);
}
