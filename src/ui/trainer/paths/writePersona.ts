import { type AnswerText, pickText, type Text } from "../../../engine/index";
import { LOCALES } from "../../shared/i18n/I18nProvider";
import { trainerText } from "../i18n/trainerMessages";

/**
 * A short persona for an analysis path, in every interface language: the procedure, then what this one person
 * tells the officer and what the officer sees, at each step where the answer decides the path. Each fact is the
 * path's own answer ("17 years", not the class "12–17"), so trainees meet a person rather than a kind of person;
 * the class words (`describeActions`) stand in when a path has no concrete answer. The one place a path's data
 * becomes a persona's words. Pure.
 *
 * @example
 * writePersona({ es: "Trata", en: "Trafficking" }, { en: [{ title: "Age", text: "18 or more", value: "34 years", … }] })
 * // { en: "A person arrives for the procedure “Trafficking”. They tell you: Age: 34 years.", … }
 */
export function writePersona(sopTitle: Text, answers: Readonly<Record<string, readonly AnswerText[]>>): Text {
  const out: Text = {};
  for (const locale of LOCALES) {
    const tr = trainerText(locale);
    const facts = (answers[locale] ?? []).filter((a) => a.matters);
    // One fact a line, so a long path reads as a list on a phone (the screens keep the line breaks).
    const words = (list: readonly AnswerText[]) =>
      list.map((a) => `\n– ${plainTitle(a.title)}: ${a.value ?? a.text}`).join("");
    const told = facts.filter((a) => !a.observed);
    const seen = facts.filter((a) => a.observed);
    out[locale] = [
      tr("persona.opening", { sop: pickText(sopTitle, locale) }),
      ...(told.length ? [tr("persona.told", { facts: words(told) })] : []),
      ...(seen.length ? [tr("persona.seen", { facts: words(seen) })] : []),
      ...(facts.length ? [] : [tr("persona.nothing")]),
    ].join("\n");
  }
  return out;
}

/** A step title without its note to the officer in brackets ("Signs of control seen (do not read aloud)"). */
function plainTitle(title: string): string {
  return title.replace(/\s*\([^)]*\)$/, "");
}
