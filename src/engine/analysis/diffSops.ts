import { pickText } from "../case/viewCase";
import type { CompiledSop } from "../compile/CompiledSop";
import type { ScenarioAction } from "../definition/types";
import type { AnswerSpaces } from "./answers/AnswerSpaces";
import { wordsFor } from "./answers/describeAnswer";
import { describeJoint } from "./answers/describeJoint";
import { drive, projectAnswer } from "./driveVersion";
import { type Combination, enumerateCombinations } from "./enumeratePaths";
import { type Exploration, exploreSop } from "./exploreSop";
import { type Comparison, differences, mergeComparisons, type ResultSummary, sentenceOf } from "./groupDifferences";

export type { ResultSummary } from "./groupDifferences";

/** One kind of person for whom the two versions do different things. */
export interface DiffEntry {
  /** The answers that lead there, in words: question title and answer. */
  who: { step: string; title: string; text: string }[];
  before: ResultSummary;
  after: ResultSummary;
  /** What changed: "outcome", "referrals", "flags", "deadlines", "end". */
  changes: string[];
  sentence: string;
}

/** The path-level difference between two versions of an SOP. */
export interface SopDiff {
  sop: string;
  before: string;
  after: string;
  entries: DiffEntry[];
  /** Paths of either version replayed through the other. */
  compared: number;
  /** False when either version was not explored or listed in full. */
  complete: boolean;
}

/**
 * Compares two versions of an SOP path by path: every path of each version is replayed through the other with the
 * same answers (questions only one version asks are tried with each of their answer classes), and the kinds of
 * person whose outcome, flags, referrals or deadlines change are described in a sentence, e.g. "Age: 16–17 years;
 * Travelling with: Unrelated adult: before, referral to SENNIAF (immediate); now, none." Unless `declines` is set,
 * the person accepts every referral offered (declining changes results in both versions alike, and multiplies
 * the paths).
 */
export function diffSops(
  before: CompiledSop,
  after: CompiledSop,
  options: { budget?: number; limit?: number; locale?: string; declines?: boolean } = {},
): SopDiff {
  const locale = options.locale ?? "en";
  const limit = options.limit ?? 50_000;
  const referralConsent = options.declines ? "both" : "accept";
  const old = exploreSop(before, { budget: options.budget, referralConsent });
  const now = exploreSop(after, { budget: options.budget, referralConsent });
  const oldPaths = enumerateCombinations(old, limit);
  const newPaths = enumerateCombinations(now, limit);
  const raw: Comparison[] = [];
  let compared = 0;
  const seen = new Set<string>();
  const capped = { value: false };
  // The other version only sees the classes of the answers: paths alike there are driven once.
  const driven = new Map<string, ReturnType<typeof drive>>();
  const compare = (source: Exploration, target: Exploration, path: Combination, sourceIsOld: boolean) => {
    if (path.status === "unexplored") return;
    const mine = summaryOfCombination(path);
    // Two combinations the other version cannot tell apart, with the same results here, compare the same way.
    const projected = JSON.stringify([sourceIsOld, path.actions.map((a) => projectAnswer(target, source, a))]);
    const key = JSON.stringify([mine, projected]);
    if (seen.has(key)) return;
    seen.add(key);
    let completions = driven.get(projected);
    if (!completions) {
      completions = drive(target, path.actions, source, referralConsent, capped);
      driven.set(projected, completions);
    }
    for (const completion of completions) {
      compared++;
      const theirs = completion.summary;
      if (differences(mine, theirs).length === 0) continue;
      // A person is described by the answers both versions ask; what only one version asks comes after they part.
      const shared = path.actions.filter((a) => completion.taken.some((t) => t.step === a.step));
      const who = describeWho(before, after, old.spaces, now.spaces, shared, locale);
      raw.push({ who, before: sourceIsOld ? mine : theirs, after: sourceIsOld ? theirs : mine });
    }
  };
  for (const path of oldPaths.combinations) compare(old, now, path, true);
  for (const path of newPaths.combinations) compare(now, old, path, false);
  const spacesOf = (step: string) =>
    [before, after].map((compiled, i) => {
      const at = compiled.steps.get(step);
      const s = at?.step;
      return at && s && (s.kind === "question" || s.kind === "checklist") && s.variable
        ? (i === 0 ? old : now).spaces.space(compiled.scopes.get(at.scope)!.sop.id, s.variable)
        : undefined;
    });
  const entries = mergeComparisons(raw, spacesOf, locale).map((group) => ({
    ...group,
    sentence: `${group.who.map((w) => `${w.title}: ${w.text}`).join("; ") || (locale === "es" ? "Toda persona" : "Everyone")}: ${sentenceOf(before, after, group, locale)}`,
  }));
  return {
    sop: after.id,
    before: before.version,
    after: after.version,
    entries,
    compared,
    complete: old.complete && now.complete && !oldPaths.truncated && !newPaths.truncated && !capped.value,
  };
}

function summaryOfCombination(path: Combination): ResultSummary {
  const r = path.results;
  return {
    status: path.status,
    where: path.status === "finished" ? undefined : path.where,
    outcome: r.outcome,
    flags: [...r.flags].sort(),
    referrals: r.referrals.filter((x) => x.status === "made").map((x) => ({ service: x.service, urgency: x.urgency })),
    deadlines: r.deadlines.map((d) => ({ id: d.id, window: d.window })),
  };
}

function describeWho(
  before: CompiledSop,
  after: CompiledSop,
  oldSpaces: AnswerSpaces,
  newSpaces: AnswerSpaces,
  actions: readonly ScenarioAction[],
  locale: string,
): DiffEntry["who"] {
  const who: DiffEntry["who"] = [];
  const seen = new Set<string>();
  for (const action of actions) {
    if (seen.has(action.step)) continue;
    seen.add(action.step);
    const at = after.steps.get(action.step) ?? before.steps.get(action.step);
    if (!at) continue;
    const step = at.step;
    const title = "title" in step && step.title ? pickText(step.title, locale) : at.id;
    if (step.kind === "referral") {
      if (action.answer === false && step.requiresConsent !== false)
        who.push({ step: action.step, title, text: wordsFor(locale).declinesReferral });
      continue;
    }
    if ((step.kind !== "question" && step.kind !== "checklist") || !step.variable) continue;
    const spaceIn = (compiled: CompiledSop, spaces: AnswerSpaces) => {
      const here = compiled.steps.get(action.step);
      return here ? spaces.space(compiled.scopes.get(here.scope)!.sop.id, step.variable!) : undefined;
    };
    const { text, matters } = describeJoint(
      [spaceIn(before, oldSpaces), spaceIn(after, newSpaces)],
      action.answer,
      locale,
    );
    if (matters) who.push({ step: action.step, title, text });
  }
  return who;
}
