import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { pickText, type Text } from "../../../engine/index";
import { formatMessage, type MessageParams } from "./formatMessage";
import { type Locale, loadMessages, type Messages, messagesFor } from "./loadMessages";
import type { MessageKey } from "./messagesEs";

export type { Locale } from "./loadMessages";
export { loadMessages } from "./loadMessages";

export const LOCALES: readonly Locale[] = ["es", "en"];
const STORAGE_KEY = "senda.locale";

/** What every screen uses to speak the officer's language. */
export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** An interface message, with `{placeholders}` filled from `params`. */
  t(key: MessageKey, params?: MessageParams): string;
  /** An SOP or catalog text in the current language (falling back to the other). */
  text(value: Text | undefined): string;
  /** A date and time, short, in the current language and the device's time zone. */
  formatDateTime(iso: string): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** The remembered language, or Spanish (the language of the stations) on a first visit. */
export function readStoredLocale(storage: Pick<Storage, "getItem"> | undefined = safeStorage()): Locale {
  const stored = storage?.getItem(STORAGE_KEY);
  return stored === "en" || stored === "es" ? stored : "es";
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    // Storage can be blocked (privacy settings); the app still works, it just forgets the choice.
    return undefined;
  }
}

/**
 * Provides the language: read from localStorage, switchable at any time, remembered on change. A language whose
 * messages are not loaded yet (see `loadMessages`, which the app awaits before its first render) is switched to once
 * they are: until then the screen stays in the language it shows.
 */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [wanted, setWanted] = useState<Locale>(() => initial ?? readStoredLocale());
  const [shown, setShown] = useState<{ locale: Locale; messages: Messages }>(() => {
    const messages = messagesFor(wanted);
    return messages ? { locale: wanted, messages } : { locale: "es", messages: messagesFor("es")! };
  });
  useEffect(() => {
    let current = true;
    void loadMessages(wanted).then((messages) => {
      if (current) setShown((s) => (s.locale === wanted ? s : { locale: wanted, messages }));
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  const setLocale = useCallback((next: Locale) => {
    setWanted(next);
    const messages = messagesFor(next);
    if (messages) setShown({ locale: next, messages });
    try {
      safeStorage()?.setItem(STORAGE_KEY, next);
    } catch {
      // A full or blocked storage must not stop the switch.
    }
  }, []);
  const { locale, messages } = shown;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    // Month names, not numbers: "03/01" reads as March or January depending on the agency.
    const dateTime = new Intl.DateTimeFormat(locale === "es" ? "es" : "en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    return {
      locale,
      setLocale,
      t: (key, params) => formatMessage(messages[key] ?? key, params),
      text: (value) => pickText(value, locale),
      formatDateTime: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
    };
  }, [locale, messages, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its messages. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n needs an <I18nProvider> above it.");
  return value;
}
