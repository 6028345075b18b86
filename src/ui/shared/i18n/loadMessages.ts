import { type MessageKey, messagesEs } from "./messagesEs";

/** The interface's languages; SOP texts are shown in the same one. */
export type Locale = "es" | "en";

/** One language's interface messages. */
export type Messages = Record<MessageKey, string>;

/**
 * The messages of each language loaded so far. Spanish, the language of the stations, ships with the first screen;
 * English is a chunk of its own, loaded before the first render when it is the officer's language, or when they
 * switch to it.
 */
const loaded = new Map<Locale, Messages>([["es", messagesEs]]);

/** A language's messages if they are loaded. */
export function messagesFor(locale: Locale): Messages | undefined {
  return loaded.get(locale);
}

/** Loads a language's messages (once); resolves with them. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const found = loaded.get(locale);
  if (found) return found;
  const { messagesEn } = await import("./messagesEn");
  loaded.set("en", messagesEn);
  return messagesEn;
}
