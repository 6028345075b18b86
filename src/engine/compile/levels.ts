import { categoryLevel } from "../definition/catalogSettings";
import type { CatalogIndex, Effect, Level, Step } from "../definition/types";
import type { ExpressionScope } from "../expression/ExpressionScope";

/** The levels from least to most sensitive. */
export const LEVELS: readonly Level[] = ["public", "restricted", "confidential"];

const RANK: Record<Level, number> = { public: 0, restricted: 1, confidential: 2 };

/** The more sensitive of the levels given (public when none). */
export function maxLevel(...levels: (Level | undefined)[]): Level {
  let top: Level = "public";
  for (const level of levels) if (level && RANK[level] > RANK[top]) top = level;
  return top;
}

/** Whether a fact at `level` may be shown to someone who sees `sees` (the levels of a catalog role). */
export function canSee(sees: readonly Level[], level: Level): boolean {
  return sees.includes(level);
}

/** Whether `level` is above `limit` (a fact at `level` may not go where only `limit` is allowed). */
export function isAbove(level: Level, limit: Level): boolean {
  return RANK[level] > RANK[limit];
}

/**
 * The level of a step inside a scope: its procedure's level (the scope level, which includes every calling
 * procedure's), raised by the step's own `level`, by the category of a sensitive question, and by how confidential a
 * referral's service is.
 */
export function stepLevel(catalog: CatalogIndex, scopeLevel: Level, step: Step): Level {
  return maxLevel(
    scopeLevel,
    step.level,
    step.kind === "question" ? categoryLevel(catalog, step.sensitive) : undefined,
    // A referral says where the person is sent, which can say as much as why.
    step.kind === "referral" ? catalog.services.get(step.service)?.confidentiality : undefined,
  );
}

/**
 * The level of what an effect produces (a deadline, a follow-up): the most sensitive of the step that produced
 * it, its own `level`, and the answers its expressions read (by the levels of the questions that ask them).
 */
export function effectLevel(
  base: Level,
  effect: Effect,
  expressions: ExpressionScope,
  variableLevels: ReadonlyMap<string, Level>,
): Level {
  const levels: (Level | undefined)[] = [base];
  if ("level" in effect) levels.push(effect.level);
  const read = (expression: string | undefined) => {
    if (!expression) return;
    for (const name of expressions.mentionedVariables(expression)) levels.push(variableLevels.get(name));
  };
  read(effect.when);
  if ("from" in effect) read(effect.from);
  return maxLevel(...levels);
}

/** The most sensitive facts a service may receive on a slip: its `receives`, or its `confidentiality`. */
export function receivesLevel(service: { confidentiality: Level; receives?: Level } | undefined): Level {
  return service ? (service.receives ?? service.confidentiality) : "public";
}
