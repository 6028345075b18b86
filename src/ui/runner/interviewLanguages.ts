import type { CompiledSop } from "../../engine/index";
import { LOCALES } from "../shared/i18n/I18nProvider";

// The languages of the people who arrive, in the order the picker offers them; any other comes after, by code.
const ORDER = ["es", "en", "ht", "fr", "pt"];
// What each language calls itself, so the person can point at theirs. ICU has no Haitian Creole name for itself.
const ENDONYMS: Record<string, string> = {
  es: "Español",
  en: "English",
  ht: "Kreyòl ayisyen",
  fr: "Français",
  pt: "Português",
};

const languagesOf = new WeakMap<CompiledSop, readonly string[]>();

/**
 * The languages an SOP's texts read aloud (`say`) exist in, across the SOP and the procedures it runs. Worked out once
 * per compiled SOP: the case screen asks at every answer, and a bundle has hundreds of steps.
 */
export function listInterviewLanguages(compiled: CompiledSop): readonly string[] {
  let languages = languagesOf.get(compiled);
  if (!languages) {
    const found = new Set<string>();
    for (const { step } of compiled.steps.values())
      if ("say" in step && step.say) for (const language of Object.keys(step.say)) found.add(language);
    const rank = (l: string) => (ORDER.includes(l) ? ORDER.indexOf(l) : ORDER.length);
    languages = [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    languagesOf.set(compiled, languages);
  }
  return languages;
}

/**
 * Whether the texts of the step at `path` were reviewed by a native speaker in `language`: the languages SOPs are
 * written in (the interface's, Spanish and English) are; any other only when the step's SOP marks it `reviewed` in
 * its `translations`.
 */
export function isTranslationReviewed(compiled: CompiledSop, path: string, language: string): boolean {
  if ((LOCALES as readonly string[]).includes(language)) return true;
  const scope = compiled.steps.get(path)?.scope;
  const sop = scope === undefined ? undefined : compiled.scopes.get(scope)?.sop;
  return sop?.translations?.[language]?.reviewed === true;
}

/** A language's name in the interface language, with its own name after it when that differs ("criollo haitiano · Kreyòl ayisyen"). */
export function describeLanguage(code: string, locale: string): string {
  // Building an Intl.DisplayNames costs more than a render of the picker: each name is worked out once per page.
  const key = `${locale}|${code}`;
  let described = describedLanguages.get(key);
  if (described === undefined) {
    let name = code;
    try {
      name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
    } catch {
      // An unknown code keeps its code.
    }
    const own = ENDONYMS[code];
    described = own && own.toLocaleLowerCase(locale) !== name.toLocaleLowerCase(locale) ? `${name} · ${own}` : name;
    describedLanguages.set(key, described);
  }
  return described;
}

const describedLanguages = new Map<string, string>();
