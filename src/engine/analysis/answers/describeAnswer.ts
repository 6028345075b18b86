import { pickText } from "../../case/viewCase";
import type { CompiledSop } from "../../compile/CompiledSop";
import type { StepAction } from "../../definition/types";
import type { AnswerSpaces } from "./AnswerSpaces";
import type { AnswerSpace, AnswerText } from "./types";

const WORDS = {
  en: {
    yes: "yes",
    no: "no",
    consents: "consents",
    declines: "declines",
    any: "any answer",
    none: "none",
    or: " or ",
    orLess: "or less",
    orMore: "or more",
    otherText: "any other text",
    alike: " (or a choice alike)",
    declinesReferral: "declines the referral",
    units: { minutes: "minutes", hours: "hours", days: "days" },
  },
  es: {
    yes: "sí",
    no: "no",
    consents: "da su consentimiento",
    declines: "no da su consentimiento",
    any: "cualquier respuesta",
    none: "ninguno",
    or: " o ",
    orLess: "o menos",
    orMore: "o más",
    otherText: "cualquier otro texto",
    alike: " (o una elección equivalente)",
    declinesReferral: "rechaza la derivación",
    units: { minutes: "minutos", hours: "horas", days: "días" },
  },
};

/** The words for a locale (English when the locale has none). */
export function wordsFor(locale: string) {
  return locale === "es" ? WORDS.es : WORDS.en;
}

/** Describes an answer class of a variable in words, in `locale`. */
export function describeClass(space: AnswerSpace, classIndex: number, locale: string): string {
  const w = wordsFor(locale);
  const answerClass = space.classes[classIndex];
  if (!answerClass) return "?";
  if (space.classes.length === 1 && space.answer?.type !== "yes-no" && space.answer?.type !== "consent") return w.any;
  const members = answerClass.members.map((m) => space.candidates[m].json);
  const rep = space.candidates[answerClass.representative].json;
  const answer = space.answer;
  if (!answer) return describeSubset(rep as string[], space, locale, members.length > 1);
  switch (answer.type) {
    case "yes-no":
      return members.length === 2 ? w.any : rep === true ? w.yes : w.no;
    case "consent":
      return members.length === 2 ? w.any : rep === true ? w.consents : w.declines;
    case "one-of":
      return members
        .map((value) => pickText(answer.options.find((o) => o.value === value)?.label, locale) || String(value))
        .join(w.or);
    case "several-of":
      return describeSubset(rep as string[], space, locale, members.length > 1);
    case "number":
    case "duration": {
      const unit =
        answer.type === "duration"
          ? ` ${w.units[answer.unit]}`
          : answer.unit
            ? ` ${pickText(answer.unit, locale)}`
            : "";
      return describeRanges(space, classIndex, locale) + unit;
    }
    case "text":
      return space.candidates[answerClass.representative].preferred ? `"${rep}"` : w.otherText;
    default:
      return String(rep);
  }
}

/** One concrete answer in words: an option's label, a number with its unit, the items ticked. */
export function describeValue(space: AnswerSpace, value: unknown, locale: string): string {
  const w = wordsFor(locale);
  const answer = space.answer;
  if (Array.isArray(value)) return describeSubset(value as string[], space, locale, false);
  switch (answer?.type) {
    case "yes-no":
      return value === true ? w.yes : w.no;
    case "consent":
      return value === true ? w.consents : w.declines;
    case "one-of":
      return pickText(answer.options.find((o) => o.value === value)?.label, locale) || String(value);
    case "number":
      return answer.unit ? `${value} ${pickText(answer.unit, locale)}` : String(value);
    case "duration":
      return `${value} ${w.units[answer.unit]}`;
    case "text":
      return `"${String(value)}"`;
    default:
      return String(value);
  }
}

function describeSubset(items: string[], space: AnswerSpace, locale: string, more: boolean): string {
  const w = wordsFor(locale);
  const labelOf = (id: string) => {
    const option =
      space.answer && "options" in space.answer ? space.answer.options.find((o) => o.value === id) : undefined;
    const item = space.items?.find((i) => i.id === id);
    return pickText(option?.label ?? item?.text, locale) || id;
  };
  const text = items.length ? items.map(labelOf).join(", ") : w.none;
  return more ? text + w.alike : text;
}

/** Number classes as ranges over the candidates tried: "12–17", "60 or more", "9 or less". */
function describeRanges(space: AnswerSpace, classIndex: number, locale: string): string {
  const w = wordsFor(locale);
  const order = space.candidates.map((c, i) => ({ value: c.json as number, i })).sort((a, b) => a.value - b.value);
  const classOf = new Map<number, number>();
  for (const c of space.classes) for (const m of c.members) classOf.set(m, c.index);
  const runs: [number, number][] = [];
  for (const [k, { value, i }] of order.entries()) {
    if (classOf.get(i) !== classIndex) continue;
    const previous = order[k - 1];
    if (runs.length && previous && classOf.get(previous.i) === classIndex) runs[runs.length - 1][1] = value;
    else runs.push([value, value]);
  }
  const answer = space.answer as { min?: number; max?: number } | undefined;
  const lowest = order[0]?.value;
  const highest = order[order.length - 1]?.value;
  const hasMin = answer?.min !== undefined || space.answer?.type === "duration";
  return runs
    .map(([lo, hi]) => {
      if (lo === hi) return String(lo);
      if (hi === highest && answer?.max === undefined) return `${lo} ${w.orMore}`;
      if (lo === lowest && !hasMin) return `${hi} ${w.orLess}`;
      return `${lo}–${hi}`;
    })
    .join(w.or);
}

/** The answers of a list of actions, in words, as far as they are answers (not acknowledgements). */
export function describeActions(
  compiled: CompiledSop,
  spaces: AnswerSpaces,
  actions: readonly StepAction[],
  locale: string,
): AnswerText[] {
  const w = wordsFor(locale);
  const out: AnswerText[] = [];
  for (const action of actions) {
    const at = compiled.steps.get(action.step);
    if (!at) continue;
    const step = at.step;
    const sop = compiled.scopes.get(at.scope)!.sop.id;
    const title = "title" in step && step.title ? pickText(step.title, locale) : at.id;
    if (step.kind === "question" || (step.kind === "checklist" && step.variable)) {
      const space = spaces.space(sop, step.variable!);
      if (!space) continue;
      const index = space.candidates.findIndex((c) => JSON.stringify(c.json) === JSON.stringify(action.answer));
      const classIndex = index >= 0 ? space.classes.findIndex((c) => c.members.includes(index)) : -1;
      const text = classIndex >= 0 ? describeClass(space, classIndex, locale) : JSON.stringify(action.answer);
      out.push({
        step: action.step,
        title,
        text,
        matters: space.classes.length > 1,
        value: describeValue(space, action.answer, locale),
        observed: !("say" in step && step.say),
      });
    } else if (step.kind === "referral" && action.answer === false && step.requiresConsent !== false)
      out.push({ step: action.step, title, text: w.declinesReferral, matters: true });
  }
  return out;
}
