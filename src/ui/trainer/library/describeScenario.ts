import type { Level, Scenario, SopDefinition, Step } from "../../../engine/index";

/** How hard a scenario is to play well (see `DIFFICULTY_RULE`). */
export type Difficulty = "basic" | "intermediate" | "advanced";

/** What a scenario teaches beyond its flags and services: read off its expectations and actions. */
export type Lesson =
  | "sensitive"
  | "consent-declined"
  | "deadline"
  | "mandatory"
  | "restraint"
  | "correction"
  | "handover"
  | "follow-up";

/** What the library filters on. */
export interface ScenarioFacets {
  id: string;
  sop: string;
  /** Flags the scenario expects raised. */
  flags: string[];
  /** Services it expects referrals to. */
  services: string[];
  /** The principles its tags name (`principle-N`), by number. */
  principles: number[];
  lessons: Lesson[];
  difficulty: Difficulty;
  /** What the difficulty was measured from. */
  measure: { actions: number; flags: number; sensitive: number; level: Level; points: number };
}

/**
 * The difficulty rule, shown to trainers in words: one point per action, two per flag expected, three per sensitive
 * question on the path, two per level of sensitivity of the procedure (restricted one, confidential two).
 */
export const DIFFICULTY_RULE = { action: 1, flag: 2, sensitive: 3, level: 2, intermediate: 16, advanced: 36 } as const;

const LEVEL_RANK: Record<Level, number> = { public: 0, restricted: 1, confidential: 2 };

/**
 * Reads what a scenario teaches and how hard it is from its own data: the flags and referrals it expects, its
 * `principle-N` tags, the kinds of expectation and action it has, and the path it takes through the SOP (resolved
 * in the definitions given, procedures included). Pure.
 */
export function describeScenario(scenario: Scenario, definitions: ReadonlyMap<string, SopDefinition>): ScenarioFacets {
  const expect = scenario.expect;
  const lessons = new Set<Lesson>();
  let sensitive = 0;
  let level: Level = definitions.get(scenario.sop)?.level ?? "public";
  for (const action of scenario.steps) {
    const placed = action.step ? resolveStep(action.step, scenario.sop, definitions) : undefined;
    if (placed) {
      if (LEVEL_RANK[placed.level] > LEVEL_RANK[level]) level = placed.level;
      const step = placed.step;
      if (step.kind === "question" && step.sensitive && (action.do ?? "answer") === "answer") sensitive++;
      if (step.kind === "question" && step.answer.type === "consent" && action.answer === false)
        lessons.add("consent-declined");
      if (step.kind === "referral" && action.answer === false) lessons.add("consent-declined");
    }
    if (action.do === "correct" || action.do === "update") lessons.add("correction");
    if (action.do === "hand-over" || action.do === "acknowledge") lessons.add("handover");
  }
  if (sensitive > 0) lessons.add("sensitive");
  if ((expect.deadlines ?? []).length > 0) lessons.add("deadline");
  if ((expect.referrals ?? []).some((r) => r.mandatory)) lessons.add("mandatory");
  if ((expect.referrals ?? []).some((r) => r.status === "declined")) lessons.add("consent-declined");
  if ((expect.noReferrals ?? []).length + (expect.notFlags ?? []).length + (expect.avoids ?? []).length > 0)
    lessons.add("restraint");
  if ((expect.followUps ?? []).length > 0) lessons.add("follow-up");

  const flags = [...new Set(expect.flags ?? [])];
  const rule = DIFFICULTY_RULE;
  const points =
    scenario.steps.length * rule.action +
    flags.length * rule.flag +
    sensitive * rule.sensitive +
    LEVEL_RANK[level] * rule.level;
  return {
    id: scenario.id,
    sop: scenario.sop,
    flags,
    services: [...new Set((expect.referrals ?? []).map((r) => r.service))],
    principles: [
      ...new Set(
        (scenario.tags ?? []).flatMap((tag) => {
          const match = /^principle-(\d+)$/.exec(tag);
          return match ? [Number(match[1])] : [];
        }),
      ),
    ].sort((a, b) => a - b),
    lessons: [...lessons],
    difficulty: points >= rule.advanced ? "advanced" : points >= rule.intermediate ? "intermediate" : "basic",
    measure: { actions: scenario.steps.length, flags: flags.length, sensitive, level, points },
  };
}

/** A step by its path ("procedure-step/step"), from the SOP the scenario enters, with the level it runs at. */
function resolveStep(
  path: string,
  sop: string,
  definitions: ReadonlyMap<string, SopDefinition>,
): { step: Step; level: Level } | undefined {
  let definition = definitions.get(sop);
  let level: Level = definition?.level ?? "public";
  const parts = path.split("/");
  for (const [i, part] of parts.entries()) {
    const step: Step | undefined = definition?.steps[part];
    if (!step) return undefined;
    if (i === parts.length - 1) {
      const own = "level" in step && step.level ? step.level : level;
      return { step, level: LEVEL_RANK[own] > LEVEL_RANK[level] ? own : level };
    }
    if (step.kind !== "procedure") return undefined;
    definition = definitions.get(step.sop);
    const inner = definition?.level ?? "public";
    if (LEVEL_RANK[inner] > LEVEL_RANK[level]) level = inner;
  }
  return undefined;
}
