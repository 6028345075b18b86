import { type CompiledSop, pickText, type Text } from "../../../engine/index";
import type { Locale } from "../../shared/i18n/I18nProvider";
import { trainerText } from "../i18n/trainerMessages";
import type { Miss } from "./scoreRun";

/**
 * A miss in plain words, in one language: flags, services, steps and deadlines by their names in the SOP and the
 * catalog, never by id. The one place a miss becomes a sentence (the score screen and the CSV both use it).
 */
export function describeMiss(miss: Miss, compiled: CompiledSop, locale: Locale): string {
  const tr = trainerText(locale);
  const flag = () => pickText(compiled.catalog.flags.get(miss.subject)?.label, locale) || miss.subject;
  const service = () => pickText(compiled.catalog.services.get(miss.subject)?.name, locale) || miss.subject;
  const step = () => stepTitle(compiled, miss.subject, locale);
  const status = (value?: string) => (value ? tr(`referral.${value}` as "referral.made") : "");
  const urgency = (value?: string) => (value ? tr(`urgency.${value}` as "urgency.routine") : "");
  const outcome = (value?: string) => tr(`outcome.${value ?? "none"}` as "outcome.none");
  switch (miss.kind) {
    case "missed-flag":
    case "wrong-flag":
      return tr(`miss.${miss.kind}`, { flag: flag() });
    case "missing-referral":
      return miss.got
        ? tr("miss.missing-referral-got", {
            service: service(),
            got: status(miss.got),
            expected: status(miss.expected),
          })
        : tr("miss.missing-referral", { service: service(), expected: status(miss.expected) });
    case "extra-referral":
      return tr("miss.extra-referral", { service: service() });
    case "wrong-urgency":
      return tr("miss.wrong-urgency", { service: service(), got: urgency(miss.got), expected: urgency(miss.expected) });
    case "without-consent":
    case "before-separation":
      return tr(`miss.${miss.kind}`, { step: step() });
    case "missed-deadline":
      return tr("miss.missed-deadline", { deadline: deadlineLabel(compiled, miss.subject, locale) });
    case "wrong-outcome":
      return tr("miss.wrong-outcome", { got: outcome(miss.got), expected: outcome(miss.expected) });
  }
}

/** A miss in every interface language, as a result keeps it. */
export function describeMissEverywhere(miss: Miss, compiled: CompiledSop): Text {
  return { es: describeMiss(miss, compiled, "es"), en: describeMiss(miss, compiled, "en") };
}

function stepTitle(compiled: CompiledSop, path: string, locale: Locale): string {
  const step = compiled.steps.get(path)?.step;
  return (step && "title" in step ? pickText(step.title, locale) : "") || path;
}

/** A deadline's label, from the effect of the SOP that sets it. */
function deadlineLabel(compiled: CompiledSop, id: string, locale: Locale): string {
  for (const placed of compiled.steps.values())
    for (const effect of placed.step.effects ?? [])
      if ("deadline" in effect && effect.deadline === id) return pickText(effect.label, locale) || id;
  return id;
}
