import { pickText } from "../../case/viewCase";
import type { CompiledSop } from "../../compile/CompiledSop";
import { wordsFor } from "../answers/describeAnswer";
import type { AnswerSpace } from "../answers/types";
import type { DiffEntry, ResultSummary } from "./types";

/** One person's comparison: the answers both versions ask, and what each version produced. */
export interface Comparison {
  who: DiffEntry["who"];
  before: ResultSummary;
  after: ResultSummary;
}

export interface Group extends Omit<DiffEntry, "sentence"> {
  /** Whether later answers (asked by one version only) change that side's results beyond what is stated. */
  variesBefore: boolean;
  variesAfter: boolean;
}

/**
 * Groups comparisons by the person (the shared answers): what every path of the group produces on each side, and
 * whether later answers add to it. Then groups that differ only in one answer, with the same results, are merged;
 * an answer merged over all its classes is dropped, since it makes no difference.
 */
export function mergeComparisons(
  raw: Comparison[],
  spacesOf: (step: string) => (AnswerSpace | undefined)[],
  locale: string,
): Group[] {
  const byWho = new Map<string, Comparison[]>();
  for (const c of raw) {
    const key = JSON.stringify(c.who);
    byWho.set(key, [...(byWho.get(key) ?? []), c]);
  }
  let groups: Group[] = [];
  for (const list of byWho.values()) {
    const b = common(list.map((c) => c.before));
    const a = common(list.map((c) => c.after));
    const changes = differences(b, a);
    if (changes.length === 0) continue;
    groups.push({
      who: list[0].who,
      before: b,
      after: a,
      changes,
      variesBefore: list.some((c) => differences(c.before, b).length > 0),
      variesAfter: list.some((c) => differences(c.after, a).length > 0),
    });
  }
  // Groups that say the same (the same changes, on each side) merge, whatever else they share.
  const resultKey = (g: Group) =>
    JSON.stringify([changedParts(g.before, g.after, g.changes), g.variesBefore, g.variesAfter]);
  const or = wordsFor(locale).or;
  // Merge groups that differ in one answer only and do the same: bucket by everything but that answer.
  let changed = true;
  while (changed) {
    changed = false;
    const steps = [...new Set(groups.flatMap((g) => g.who.map((w) => w.step)))];
    for (const step of steps) {
      const buckets = new Map<string, Group[]>();
      for (const g of groups) {
        const key = JSON.stringify([
          resultKey(g),
          g.who.filter((w) => w.step !== step),
          g.who.some((w) => w.step === step),
        ]);
        buckets.set(key, [...(buckets.get(key) ?? []), g]);
      }
      const next: Group[] = [];
      for (const bucket of buckets.values()) {
        if (bucket.length === 1 || !bucket[0].who.some((w) => w.step === step)) {
          next.push(...bucket);
          continue;
        }
        changed = true;
        const texts = [...new Set(bucket.flatMap((g) => g.who.find((w) => w.step === step)!.text.split(or)))];
        const classes = Math.max(...spacesOf(step).map((space) => space?.classes.length ?? 0));
        const first = bucket[0];
        const who =
          texts.length >= classes
            ? first.who.filter((w) => w.step !== step)
            : first.who.map((w) => (w.step === step ? { ...w, text: texts.join(or) } : w));
        next.push({ ...first, who });
      }
      groups = next;
    }
  }
  return groups;
}

/** What changed, side by side: the outcome, and the referrals, flags and deadlines only one side has. */
function changedParts(before: ResultSummary, after: ResultSummary, changes: string[]): unknown {
  const only = <T>(a: T[], b: T[], key: (t: T) => string) =>
    a
      .map(key)
      .filter((k) => !b.map(key).includes(k))
      .sort();
  return [
    changes,
    changes.includes("end") ? [before.status, before.where, after.status, after.where] : [],
    changes.includes("outcome") ? [before.outcome, after.outcome] : [],
    only(before.referrals, after.referrals, referralKey),
    only(after.referrals, before.referrals, referralKey),
    only(before.flags, after.flags, (f) => f),
    only(after.flags, before.flags, (f) => f),
    only(before.deadlines, after.deadlines, deadlineKey),
    only(after.deadlines, before.deadlines, deadlineKey),
  ];
}

/** What every summary of a list has in common. */
function common(list: ResultSummary[]): ResultSummary {
  const [first, ...rest] = list;
  const keep = <T>(items: T[], key: (t: T) => string, others: T[][]) =>
    items.filter((item) => others.every((o) => o.some((x) => key(x) === key(item))));
  return {
    status: first.status,
    where: first.where,
    // Outcomes that differ with later answers are listed together: "closed/referred".
    outcome: [...new Set(list.map((r) => r.outcome ?? "none"))].sort().join("/"),
    flags: keep(
      first.flags,
      (f) => f,
      rest.map((r) => r.flags),
    ),
    referrals: keep(
      first.referrals,
      referralKey,
      rest.map((r) => r.referrals),
    ),
    deadlines: keep(
      first.deadlines,
      deadlineKey,
      rest.map((r) => r.deadlines),
    ),
  };
}

const referralKey = (r: { service: string; urgency: string }) => `${r.service}|${r.urgency}`;
const deadlineKey = (d: { id: string; window: number }) => `${d.id}|${d.window}`;

export function differences(a: ResultSummary, b: ResultSummary): string[] {
  const sameSet = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join() === [...y].sort().join();
  const out: string[] = [];
  if (a.status !== b.status || a.where !== b.where) out.push("end");
  if (a.outcome !== b.outcome) out.push("outcome");
  if (!sameSet(a.referrals.map(referralKey), b.referrals.map(referralKey))) out.push("referrals");
  if (!sameSet(a.flags, b.flags)) out.push("flags");
  if (!sameSet(a.deadlines.map(deadlineKey), b.deadlines.map(deadlineKey))) out.push("deadlines");
  return out;
}

/** "before, referral to SENNIAF (immediate); now, none." with only what changed on each side. */
export function sentenceOf(before: CompiledSop, after: CompiledSop, group: Group, locale: string): string {
  const { before: b, after: a, changes } = group;
  const es = locale === "es";
  const side = (compiled: CompiledSop, mine: ResultSummary, other: ResultSummary) => {
    const parts: string[] = [];
    const service = (id: string) => pickText(compiled.catalog.services.get(id)?.name, locale) || id;
    const flag = (id: string) => pickText(compiled.catalog.flags.get(id)?.label, locale) || id;
    if (changes.includes("end"))
      parts.push(
        mine.status === "finished"
          ? es
            ? "el caso termina"
            : "the case ends"
          : es
            ? `el caso se detiene en "${mine.where}"`
            : `the case is stuck at "${mine.where}"`,
      );
    if (changes.includes("outcome") && mine.outcome) parts.push(`${es ? "resultado" : "outcome"} ${mine.outcome}`);
    if (changes.includes("referrals"))
      for (const r of mine.referrals)
        if (!other.referrals.some((o) => referralKey(o) === referralKey(r)))
          parts.push(`${es ? "derivación a" : "referral to"} ${service(r.service)} (${r.urgency})`);
    if (changes.includes("flags"))
      for (const f of mine.flags) if (!other.flags.includes(f)) parts.push(`${es ? "alerta" : "flag"} "${flag(f)}"`);
    if (changes.includes("deadlines"))
      for (const d of mine.deadlines)
        if (!other.deadlines.some((o) => deadlineKey(o) === deadlineKey(d)))
          parts.push(`${es ? "plazo" : "deadline"} "${d.id}" (${d.window} h)`);
    return parts.length ? parts.join(", ") : es ? "nada de eso" : "none";
  };
  const more = (varies: boolean) =>
    varies ? (es ? " (y más, según respuestas posteriores)" : " (and more, depending on later answers)") : "";
  return es
    ? `antes, ${side(before, b, a)}${more(group.variesBefore)}; ahora, ${side(after, a, b)}${more(group.variesAfter)}.`
    : `before, ${side(before, b, a)}${more(group.variesBefore)}; now, ${side(after, a, b)}${more(group.variesAfter)}.`;
}
