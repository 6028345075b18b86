import type { CaseSession, ReferralRecord, Step, Text } from "../../engine/index";

/** One piece of data a referral slip shows the receiving service. */
export interface SharedItem {
  variable: string;
  /** The question that asked for it, when one did (a value passed in by a calling procedure has none). */
  step?: Step;
  label?: Text;
  value: unknown;
}

/**
 * The data a referral shares with its service: exactly the variables listed in the referral's `shares`, read in the
 * procedure that made the referral, and nothing else. A variable with no value on this path is left out.
 */
export function collectSharedData(session: CaseSession, referral: ReferralRecord): SharedItem[] {
  const compiled = session.compiled;
  const referralStep = compiled.steps.get(referral.step);
  if (!referralStep) return [];
  const scope = referralStep.scope;
  const prefix = scope ? `${scope}/` : "";
  const scopeDefinition = compiled.scopes.get(scope)?.sop;
  const activation = (session.context.scopes.get(scope) ?? {}) as Record<string, unknown>;
  const items: SharedItem[] = [];
  for (const variable of referral.shares) {
    const entry = Object.entries(scopeDefinition?.steps ?? {}).find(
      ([, step]) => (step.kind === "question" || step.kind === "checklist") && step.variable === variable,
    );
    const answered = entry ? session.context.answers.get(`${prefix}${entry[0]}`) : undefined;
    const value = answered ? answered.value : plainValue(activation[variable]);
    if (value === undefined) continue;
    const step = entry?.[1];
    items.push({ variable, step, label: step && "title" in step ? step.title : undefined, value });
  }
  return items;
}

/** A CEL value (as held for variables passed in) as plain JSON: whole numbers, ISO dates, lists. */
export function plainValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === "object" && "seconds" in value) {
    const seconds = Number((value as { seconds: unknown }).seconds);
    return `${seconds / 3600} h`;
  }
  return value;
}
