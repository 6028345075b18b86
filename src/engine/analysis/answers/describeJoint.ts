import { pickText } from "../../case/viewCase";
import { toCelValue } from "../../expression/ExpressionScope";
import { celTypeOf } from "../../expression/variables";
import { describeClass, wordsFor } from "./describeAnswer";
import type { AnswerSpace } from "./types";

const DURATION_UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;

/** The class of a JSON answer in a space, or undefined when the space cannot place it. */
export function classOfAnswer(space: AnswerSpace, answer: unknown): number | undefined {
  const text = JSON.stringify(answer);
  const candidate = space.candidates.findIndex((c) => JSON.stringify(c.json) === text);
  if (candidate >= 0) return space.classes.findIndex((c) => c.members.includes(candidate));
  if (!space.answer) return space.classify(answer);
  const unit = space.answer.type === "duration" ? DURATION_UNIT_SECONDS[space.answer.unit] : undefined;
  const index = space.classify(toCelValue(celTypeOf(space.answer), answer, unit));
  return index !== undefined && index >= 0 ? index : undefined;
}

/**
 * Describes an answer by what both versions of an SOP make of it: for a number, the range both versions put it in
 * ("16–17" when one version splits at 18 and the other at 16); for a choice, the options both group with it.
 */
export function describeJoint(
  spaces: (AnswerSpace | undefined)[],
  answer: unknown,
  locale: string,
): { text: string; matters: boolean } {
  const known = spaces.filter((s): s is AnswerSpace => s !== undefined);
  const matters = known.some((s) => s.classes.length > 1);
  if (known.length === 0) return { text: JSON.stringify(answer), matters: false };
  const type = known[0].answer?.type;
  const classes = known.map((s) => classOfAnswer(s, answer));
  if (classes.some((c) => c === undefined)) return { text: JSON.stringify(answer), matters };
  if ((type === "number" || type === "duration") && typeof answer === "number") {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const [i, space] of known.entries()) {
      const [l, h] = rangeAround(space, classes[i]!, answer);
      lo = Math.max(lo, l);
      hi = Math.min(hi, h);
    }
    const w = wordsFor(locale);
    const answerSpec = known[0].answer!;
    const unit =
      answerSpec.type === "duration"
        ? ` ${w.units[answerSpec.unit]}`
        : answerSpec.type === "number" && answerSpec.unit
          ? ` ${pickText(answerSpec.unit, locale)}`
          : "";
    const text =
      lo === hi
        ? `${lo}`
        : hi === Number.POSITIVE_INFINITY
          ? `${lo} ${w.orMore}`
          : lo === Number.NEGATIVE_INFINITY
            ? `${hi} ${w.orLess}`
            : `${lo}–${hi}`;
    return { text: text + unit, matters };
  }
  if (type === "one-of" && typeof answer === "string") {
    const answerSpec = known[0].answer as { options: { value: string; label: Record<string, string> }[] };
    let shared = answerSpec.options.map((o) => o.value);
    for (const [i, space] of known.entries()) {
      const members = new Set(space.classes[classes[i]!].members.map((m) => space.candidates[m].json));
      shared = shared.filter((o) => members.has(o));
    }
    const w = wordsFor(locale);
    if (shared.length === answerSpec.options.length) return { text: w.any, matters };
    const labels = shared.map((v) => pickText(answerSpec.options.find((o) => o.value === v)?.label, locale) || v);
    return { text: labels.join(w.or), matters };
  }
  const finest = known.reduce((a, b, i) => (b.classes.length > a.space.classes.length ? { space: b, i } : a), {
    space: known[0],
    i: 0,
  });
  return { text: describeClass(finest.space, classes[finest.i]!, locale), matters };
}

/** The interval of values around `value` that its class covers among the space's candidates. */
function rangeAround(space: AnswerSpace, classIndex: number, value: number): [number, number] {
  const members = new Set(space.classes[classIndex].members);
  const order = space.candidates
    .map((c, i) => ({ v: c.json as number, inClass: members.has(i) }))
    .sort((a, b) => a.v - b.v);
  const spec = space.answer as { min?: number; max?: number; type: string } | undefined;
  const floor = spec?.min ?? (spec?.type === "duration" ? 0 : Number.NEGATIVE_INFINITY);
  const ceiling = spec?.max ?? Number.POSITIVE_INFINITY;
  let lo = floor;
  let hi = ceiling;
  for (const { v, inClass } of order) {
    if (v <= value && !inClass) lo = Math.max(lo, nextUp(v, spec));
    if (v >= value && !inClass) hi = Math.min(hi, nextDown(v, spec));
  }
  return [lo, hi];
}

function nextUp(v: number, spec?: { type: string; integer?: boolean }): number {
  return spec?.type === "number" && spec.integer === false ? v : Math.floor(v) + 1;
}

function nextDown(v: number, spec?: { type: string; integer?: boolean }): number {
  return spec?.type === "number" && spec.integer === false ? v : Math.ceil(v) - 1;
}
