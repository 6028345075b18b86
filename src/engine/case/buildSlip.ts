import { isAbove, maxLevel, receivesLevel } from "../compile/levels";
import type { Level, Text } from "../definition/types";
import { fromCelValue } from "../expression/ExpressionScope";
import type { CaseSession } from "./CaseSession";
import type { InstructionView, ReferralView } from "./viewCase";
import { viewCase } from "./viewCase";

/** One answer a slip shows to its service. */
export interface SlipAnswer {
  step: string;
  title?: Text;
  kind: string;
  value: unknown;
  level: Level;
}

/** A member of the person's household, as a slip may state it: never a name. */
export interface HouseholdMember {
  relation?: string;
  age?: number;
  /** This case's person. */
  self?: boolean;
}

/**
 * A referral slip: what one service receives about one case. It carries only facts at or below the level the
 * service may receive (its `receives`, or its `confidentiality`); `level` is the real level of what it carries (the most
 * sensitive fact on it), and `withheld` counts what was left off because the service may not receive it.
 */
export interface SlipView {
  caseId: string;
  service: { id: string; name: Text; agency: string; receives: Level; contact?: string; hours?: Text };
  referral: ReferralView;
  reasons: { text: Text; urgency: string; level: Level }[];
  answers: SlipAnswer[];
  /** Standing instructions that concern this service, in the words the service may read. */
  instructions: { label: Text; text: Text; level: Level }[];
  household?: HouseholdMember[];
  level: Level;
  withheld: number;
}

/**
 * Builds the slip for the case's referral to `service` at `now`, or undefined when the case has no referral to
 * it. `household` is the composition of the person's group (from the linked cases), stated only when a referral
 * step to the service asks for it.
 */
export function buildSlip(
  session: CaseSession,
  service: string,
  now: Date,
  household?: HouseholdMember[],
): SlipView | undefined {
  const view = viewCase(session, now);
  const referral = view.referrals.find((r) => r.service === service);
  if (!referral) return undefined;
  const compiled = session.compiled;
  const entry = compiled.catalog.services.get(service);
  const receives = receivesLevel(entry);
  let withheld = 0;
  let level: Level = "public";
  const keep = (factLevel: Level) => {
    if (isAbove(factLevel, receives)) {
      withheld++;
      return false;
    }
    level = maxLevel(level, factLevel);
    return true;
  };

  // A step that did not make the referral (the person said no there) gives the slip nothing: not its reason either.
  const reasons = referral.reasons
    .filter((r) => !r.notMade && keep(r.level))
    .map((r) => ({ text: r.reason, urgency: r.urgency, level: r.level }));
  const answers: SlipAnswer[] = [];
  for (const share of referral.shares) {
    const scope = compiled.scopes.get(share.scope);
    const stepId = scope && findDeclaringStep(scope.sop.steps, share.variable);
    if (!stepId) continue;
    const path = share.scope ? `${share.scope}/${stepId}` : stepId;
    const answer = view.answers.find((a) => a.step === path);
    if (answer) {
      if (keep(answer.level))
        answers.push({ step: path, title: answer.title, kind: answer.kind, value: answer.value, level: answer.level });
      continue;
    }
    // Not asked here: the calling procedure passed it in.
    const passed = session.context.scopes.get(share.scope)?.[share.variable];
    const passedLevel = scope.variableLevels.get(share.variable) ?? scope.level;
    if (passed === undefined || !keep(passedLevel)) continue;
    const step = scope.sop.steps[stepId];
    answers.push({
      step: path,
      title: "title" in step ? step.title : undefined,
      kind: step.kind,
      value: fromCelValue(passed),
      level: passedLevel,
    });
  }
  const instructions = view.instructions
    .filter((i) => concerns(i, entry?.kind))
    .flatMap((i) => {
      if (!isAbove(i.level, receives)) {
        level = maxLevel(level, i.level);
        return [{ label: i.label, text: i.instruction, level: i.level }];
      }
      // The service may not know why, but must still follow it: its public words, when it has them.
      if (i.publicLabel) return [{ label: i.publicLabel, text: i.publicLabel, level: "public" as Level }];
      withheld++;
      return [];
    });
  return {
    caseId: view.caseId,
    service: {
      id: service,
      name: entry?.name ?? { en: service, es: service },
      agency: entry?.agency ?? "",
      receives,
      ...(entry?.contact ? { contact: entry.contact } : {}),
      ...(entry?.hours ? { hours: entry.hours } : {}),
    },
    referral,
    reasons,
    answers,
    instructions,
    ...(referral.sharesHousehold && household ? { household } : {}),
    level,
    withheld,
  };
}

function concerns(instruction: InstructionView, kind: string | undefined): boolean {
  return !instruction.concerns || (kind !== undefined && instruction.concerns.includes(kind));
}

function findDeclaringStep(steps: Record<string, { kind: string; variable?: string }>, variable: string) {
  for (const [id, step] of Object.entries(steps))
    if ((step.kind === "question" || step.kind === "checklist") && step.variable === variable) return id;
  return undefined;
}
