import { type AnswerText, pickText, type Text } from "../../../engine/index";
import { LOCALES } from "../../shared/i18n/I18nProvider";
import { trainerText } from "../i18n/trainerMessages";

/**
 * A short persona for an analysis path, in every interface language: the procedure, then what the person tells or
 * the officer observes at each step where the answer decides the path (the analysis's own words for each answer
 * class, `describeActions`). The one place a path's data becomes a persona's words. Pure.
 *
 * @example
 * writePersona({ es: "Trata", en: "Trafficking" }, { es: [...], en: [{ title: "Age", text: "18 or more", … }] })
 * // { en: "A person arrives for the procedure “Trafficking”. What they tell you or what you observe: Age: 18 or more.", … }
 */
export function writePersona(sopTitle: Text, answers: Readonly<Record<string, readonly AnswerText[]>>): Text {
  const out: Text = {};
  for (const locale of LOCALES) {
    const tr = trainerText(locale);
    const facts = (answers[locale] ?? []).filter((a) => a.matters).map((a) => `${plainTitle(a.title)}: ${a.text}`);
    out[locale] = [
      tr("persona.opening", { sop: pickText(sopTitle, locale) }),
      facts.length ? tr("persona.facts", { facts: facts.join("; ") }) : tr("persona.nothing"),
    ].join(" ");
  }
  return out;
}

/** A step title without its note to the officer in brackets ("Signs of control seen (do not read aloud)"). */
function plainTitle(title: string): string {
  return title.replace(/\s*\([^)]*\)$/, "");
}
