import type { Answer } from "../../definition/types";
import type { Literals } from "./collectAtoms";

/** A value an officer could enter, as JSON; `preferred` when it sits at a boundary an expression names. */
export interface Candidate {
  json: unknown;
  preferred: boolean;
}

/** The moment every analysed case happens at (the scenarios' default opening time). */
export const ANALYSIS_EPOCH = "2024-03-01T08:00:00Z";

/** Subsets are enumerated in full up to this many options; beyond, the options no expression names are sampled. */
const MAX_SUBSET_OPTIONS = 8;
const DURATION_UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The placeholder text for "any other text" answers. */
export const OTHER_TEXT = "other";

/**
 * The answers worth trying for a question: both sides of every literal its conditions compare with, each option,
 * subsets of options, the bounds of its range. The partition then groups those the SOP cannot tell apart.
 */
export function answerCandidates(answer: Answer, literals: Literals, notes: string[]): Candidate[] {
  switch (answer.type) {
    case "yes-no":
    case "consent":
      return [
        { json: true, preferred: true },
        { json: false, preferred: true },
      ];
    case "one-of":
      return answer.options.map((o) => ({ json: o.value, preferred: true }));
    case "several-of":
      return subsetCandidates(
        answer.options.map((o) => o.value),
        [],
        literals,
        notes,
      );
    case "number":
      return numberCandidates(literals.numbers, answer.integer !== false, answer.min, answer.max);
    case "duration": {
      const unit = DURATION_UNIT_SECONDS[answer.unit];
      const inUnit = [...literals.durations.map((s) => s / unit), ...literals.numbers];
      return numberCandidates(inUnit, true, 0, answer.max);
    }
    case "date":
    case "datetime":
      return timestampCandidates(literals, answer.type === "date");
    case "text": {
      const max = answer.maxLength ?? 200;
      const texts = [...new Set(literals.strings)].filter((s) => s.trim() !== "" && s.length <= max);
      const other = [OTHER_TEXT, "ZZ", "Z"].find((t) => t.length <= max && !texts.includes(t)) ?? OTHER_TEXT;
      return [...texts.map((s) => ({ json: s, preferred: true })), { json: other, preferred: false }];
    }
  }
}

/** Ticked-item candidates for a checklist whose variable a condition reads: every required item always ticked. */
export function checklistCandidates(
  items: { id: string; required?: boolean }[],
  literals: Literals,
  notes: string[],
): Candidate[] {
  const required = items.filter((i) => i.required).map((i) => i.id);
  const optional = items.filter((i) => !i.required).map((i) => i.id);
  return subsetCandidates(optional, required, literals, notes);
}

function subsetCandidates(options: string[], always: string[], literals: Literals, notes: string[]): Candidate[] {
  let chosen = options;
  if (options.length > MAX_SUBSET_OPTIONS) {
    const named = options.filter((o) => literals.strings.includes(o));
    const unnamed = options.filter((o) => !named.includes(o));
    chosen = [...named, ...unnamed.slice(0, Math.max(2, MAX_SUBSET_OPTIONS - named.length))].slice(0, 12);
    notes.push(
      `${options.length} options: every combination of ${chosen.join(", ")} is tried; the others (${options.filter((o) => !chosen.includes(o)).join(", ")}) are named by no condition and behave like the unnamed ones tried.`,
    );
  }
  const subsets: string[][] = [];
  for (let mask = 0; mask < 1 << chosen.length; mask++) subsets.push(chosen.filter((_, i) => mask & (1 << i)));
  subsets.sort((a, b) => a.length - b.length);
  return subsets.map((s) => ({ json: [...always, ...s].sort((x, y) => orderOf(x) - orderOf(y)), preferred: true }));
  function orderOf(value: string): number {
    const i = always.indexOf(value);
    return i >= 0 ? i : always.length + options.indexOf(value);
  }
}

function numberCandidates(literals: number[], integer: boolean, min?: number, max?: number): Candidate[] {
  const inRange = (v: number) => (min === undefined || v >= min) && (max === undefined || v <= max);
  const values = new Map<number, boolean>();
  const add = (v: number, preferred: boolean) => {
    if (!Number.isFinite(v) || !inRange(v)) return;
    const key = integer ? Math.round(v) : v;
    values.set(key, (values.get(key) ?? false) || preferred);
  };
  for (const l of literals) {
    if (integer) for (const v of [Math.floor(l) - 1, Math.floor(l), Math.ceil(l), Math.ceil(l) + 1]) add(v, true);
    else for (const v of [l - 0.5, l, l + 0.5]) add(v, true);
  }
  if (min !== undefined) add(min, false);
  if (max !== undefined) add(max, false);
  if (values.size === 0) add(min ?? (max !== undefined && max < 0 ? max : 0), false);
  return [...values.entries()].sort((a, b) => a[0] - b[0]).map(([json, preferred]) => ({ json, preferred }));
}

function timestampCandidates(literals: Literals, dateOnly: boolean): Candidate[] {
  const epoch = Date.parse(ANALYSIS_EPOCH);
  const at = new Set<number>([epoch]);
  for (const n of literals.numbers) {
    if (n < 0 || n > 150) continue;
    const yearsAgo = new Date(epoch);
    yearsAgo.setUTCFullYear(yearsAgo.getUTCFullYear() - Math.floor(n));
    for (const delta of [-DAY, 0, DAY]) at.add(yearsAgo.getTime() + delta);
    for (const delta of [-DAY, 0, DAY]) at.add(epoch - n * DAY + delta);
    if (!dateOnly) for (const delta of [-HOUR, 0, HOUR]) at.add(epoch - n * HOUR + delta);
  }
  for (const seconds of literals.durations)
    for (const delta of dateOnly ? [-DAY, 0, DAY] : [-HOUR, 0, HOUR]) at.add(epoch - seconds * 1000 + delta);
  for (const t of literals.timestamps) for (const delta of [-DAY, 0, DAY]) at.add(t + delta);
  const texts = new Set(
    [...at]
      .filter((t) => t <= epoch)
      .sort((a, b) => a - b)
      .map((t) => (dateOnly ? new Date(t).toISOString().slice(0, 10) : new Date(t).toISOString())),
  );
  return [...texts].map((json) => ({ json, preferred: true }));
}
