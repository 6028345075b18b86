import type { CatalogIndex, Effect, Expectation, SopDefinition, Urgency } from "../definition/types";
import { type Activation, type ExpressionScope, fromCelValue, toCelValue } from "../expression/ExpressionScope";
import type { CompiledScope, CompiledStep } from "./CompiledSop";
import type { CaseContext, InvariantViolation, ReferralRecord, ReferralStatus } from "./caseContext";
import { maxLevel } from "./levels";
import { referralForbiddenBy, slipStatesInstruction } from "./standingInstructions";
import { addDuration, durationMs } from "./within";

/** The events the machine understands; the case session builds them from case events after checking them. */
export type MachineEvent =
  | { type: "ANSWERED"; step: string; value: unknown }
  | { type: "CHECKED"; step: string; items: string[] }
  | { type: "ACKNOWLEDGED"; step: string }
  | { type: "REFERRED"; step: string; consent: boolean; notNeeded?: string }
  | { type: "UPDATED"; step: string; value: unknown; reason: string };

type Params = { path: string; index?: number };
type AnyEvent = {
  type: string;
  value?: unknown;
  items?: string[];
  consent?: boolean;
  notNeeded?: string;
  reason?: string;
  step?: string;
};
type Args = { context: CaseContext; event: AnyEvent };

const DURATION_UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
const URGENCY_RANK: Record<Urgency, number> = { immediate: 0, urgent: 1, routine: 2 };

/**
 * The closed set of guards and actions of every compiled SOP, bound to its step and scope tables and the catalog.
 * Pure with respect to the world: time comes from `context.now`, set from each event's timestamp.
 */
export function createCaseLogic(
  steps: ReadonlyMap<string, CompiledStep>,
  scopes: ReadonlyMap<string, CompiledScope>,
  catalog: CatalogIndex,
) {
  const stepAt = (path: string) => steps.get(path)!;
  const scopeOf = (step: CompiledStep) => scopes.get(step.scope)!;

  const guards = {
    isStep: ({ event }: Args, { path }: Params) => event.step === path,
    isKnown: ({ context }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      const variable = compiled.step.kind === "question" ? compiled.step.variable : undefined;
      return variable !== undefined && context.passedIn.get(compiled.scope)?.has(variable) === true;
    },
    routeHolds: ({ context }: Args, { path, index }: Params) => {
      const compiled = stepAt(path);
      const when = routeCondition(compiled, index!);
      return when === undefined || scopeOf(compiled).expressions.test(when, activation(context, compiled.scope));
    },
  };

  const actions = {
    enter: ({ context }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      context.visited.push(path);
      context.visitedSet.add(path);
      let ids = context.visitedByScope.get(compiled.scope);
      if (!ids) {
        ids = [];
        context.visitedByScope.set(compiled.scope, ids);
      }
      ids.push(compiled.id);
      if (compiled.step.kind === "decision") applyEffects(context, compiled, scopeOf(compiled), catalog);
    },
    complete: ({ context, event }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      recordInput(context, compiled, scopeOf(compiled), event, catalog);
      applyEffects(context, compiled, scopeOf(compiled), catalog);
    },
    completeKnown: ({ context }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      const step = compiled.step;
      if (step.kind !== "question") return;
      const value = activation(context, compiled.scope)[step.variable];
      context.trace.push({
        kind: "skip",
        at: context.nowIso,
        step: path,
        variable: step.variable,
        value: fromCelValue(value),
      });
      if (step.answer.type === "consent") recordConsent(context, step.answer.covers, value === true);
      applyEffects(context, compiled, scopeOf(compiled), catalog);
    },
    takeRoute: ({ context }: Args, { path, index }: Params) => {
      const compiled = stepAt(path);
      const when = routeCondition(compiled, index!);
      const step = compiled.step;
      const to = step.kind !== "end" && typeof step.next !== "string" ? step.next[index!].to : "";
      const expressions = scopeOf(compiled).expressions;
      context.trace.push({
        kind: "route",
        at: context.nowIso,
        step: path,
        index: index!,
        to,
        ...(when
          ? { expression: when, values: traceValues(expressions, when, activation(context, compiled.scope)) }
          : {}),
      });
    },
    bindInputs: ({ context }: Args, { path }: Params) => {
      // Re-entered while new information re-routes inside it: its answers so far stay.
      if (context.resuming.delete(path)) return;
      const compiled = stepAt(path);
      const step = compiled.step;
      const callee = scopes.get(path)!;
      const fresh: Activation = {};
      const passed = new Set<string>();
      context.scopes.set(path, fresh);
      context.visitedByScope.set(path, []);
      context.passedIn.set(path, passed);
      if (step.kind !== "procedure" || !step.with) return;
      const parent = activation(context, compiled.scope);
      for (const [name, expression] of Object.entries(step.with)) {
        const value = scopeOf(compiled).expressions.evaluate(expression, parent);
        if (value !== undefined && callee.expressions.variables.has(name)) {
          fresh[name] = value;
          passed.add(name);
        }
      }
    },
    reachEnd: ({ context }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      const step = compiled.step;
      if (step.kind !== "end") return;
      applyEffects(context, compiled, scopeOf(compiled), catalog);
      context.trace.push({ kind: "end", at: context.nowIso, step: path, outcome: step.outcome });
      if (compiled.track) return;
      context.outcomes.set(compiled.scope, step.outcome);
      const scope = scopeOf(compiled);
      context.violations.push(...checkInvariants(scope.sop, scope, context, step.outcome, catalog));
    },
    applyUpdate: ({ context, event }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      const step = compiled.step;
      if (step.kind !== "question" || !step.updatable) return;
      const scope = scopeOf(compiled);
      const previous = context.answers.get(path);
      context.updates.push({
        step: path,
        before: previous?.value,
        after: event.value,
        at: context.nowIso,
        by: context.by,
        reason: event.reason ?? "",
      });
      setAnswer(context, compiled, scope, event.value);
      // What the person already told stays known: re-routing asks only the questions the new path adds.
      const known = context.passedIn.get(compiled.scope) ?? new Set<string>();
      context.passedIn.set(compiled.scope, known);
      const answered = activation(context, compiled.scope);
      for (const name of scope.expressions.variables.keys()) if (answered[name] !== undefined) known.add(name);
      const resume = compiled.scope ? `${compiled.scope}/${step.updatable.resume}` : step.updatable.resume;
      context.trace.push({
        kind: "update",
        at: context.nowIso,
        step: path,
        variable: step.variable,
        value: event.value,
        resume,
      });
      // Every procedure between the case and the resume step is entered again: keep what each has answered, and
      // forget the ends they had reached.
      for (let scopePath = compiled.scope; scopePath !== ""; scopePath = stepAt(scopePath).scope)
        context.resuming.add(scopePath);
      for (const scopePath of [...context.outcomes.keys()])
        if (scopePath === "" || compiled.scope === scopePath || compiled.scope.startsWith(`${scopePath}/`))
          context.outcomes.delete(scopePath);
      applyEffects(context, compiled, scope, catalog);
    },
  };

  return { guards, actions };
}

/** The activation of a scope with the case's built-ins brought up to date; no copying of answers. */
export function activation(context: CaseContext, scope: string): Activation {
  let a = context.scopes.get(scope);
  if (!a) {
    a = {};
    context.scopes.set(scope, a);
  }
  a.now = context.now;
  a.flags = context.flags;
  a.referrals = context.referredServices;
  a.offered = context.offeredServices;
  a.outcome = context.outcomes.get(scope) ?? "";
  let visited = context.visitedByScope.get(scope);
  if (!visited) {
    visited = [];
    context.visitedByScope.set(scope, visited);
  }
  a.visited = visited;
  return a;
}

function routeCondition(compiled: CompiledStep, index: number): string | undefined {
  const step = compiled.step;
  if (step.kind === "end" || typeof step.next === "string") return undefined;
  return step.next[index]?.when;
}

/** Records a question's answer under its variable (and its consent, for a consent question). */
function setAnswer(context: CaseContext, compiled: CompiledStep, scope: CompiledScope, value: unknown) {
  const step = compiled.step;
  if (step.kind !== "question") return;
  context.answers.set(compiled.path, { step: compiled.path, value, at: context.nowIso, by: context.by });
  const declaration = scope.expressions.variables.get(step.variable)!;
  const unit = step.answer.type === "duration" ? DURATION_UNIT_SECONDS[step.answer.unit] : undefined;
  activation(context, compiled.scope)[step.variable] = toCelValue(declaration.type, value, unit);
  if (step.answer.type === "consent") recordConsent(context, step.answer.covers, value === true);
}

function recordInput(
  context: CaseContext,
  compiled: CompiledStep,
  scope: CompiledScope,
  event: AnyEvent,
  catalog: CatalogIndex,
) {
  const step = compiled.step;
  const path = compiled.path;
  const at = context.nowIso;
  const by = context.by;
  switch (step.kind) {
    case "question":
      setAnswer(context, compiled, scope, event.value);
      break;
    case "checklist": {
      const items = event.items ?? [];
      context.answers.set(path, { step: path, value: items, at, by });
      if (step.variable) activation(context, compiled.scope)[step.variable] = [...items];
      break;
    }
    case "instruction":
      context.answers.set(path, { step: path, value: true, at, by });
      break;
    case "referral": {
      const addition = isAddition(context, step, event);
      context.answers.set(path, {
        step: path,
        value: event.consent === true,
        at,
        by,
        ...(addition ? { addition: true as const } : {}),
      });
      recordReferral(context, compiled, event, catalog);
      break;
    }
    default:
      return;
  }
  context.trace.push({ kind: "input", at, step: path, by });
}

/**
 * Whether a referral step's decision is an addition: its service is already referred (made) in this case and the step
 * asks the person, so the question is whether to add this reason, urgency and details to that referral, never a second
 * offer. "Not needed" stays what it is (the need went away).
 */
function isAddition(context: CaseContext, step: CompiledStep["step"], event: AnyEvent): boolean {
  if (step.kind !== "referral" || step.requiresConsent === false || event.notNeeded) return false;
  return context.referralByService.get(step.service)?.status === "made";
}

/**
 * Records a referral step's decision, merged into the case's one referral to that service. An addition the person
 * does not want ("do not add") leaves the referral made and as it was.
 */
function recordReferral(context: CaseContext, compiled: CompiledStep, event: AnyEvent, catalog: CatalogIndex) {
  const step = compiled.step;
  if (step.kind !== "referral") return;
  const consent = event.consent === true;
  const mandatory = step.requiresConsent === false;
  const forbiddenBy = referralForbiddenBy(context.flags, catalog, step.service, mandatory, consent);
  const decision: ReferralStatus = forbiddenBy.length
    ? "forbidden"
    : event.notNeeded
      ? "not-needed"
      : consent || mandatory
        ? "made"
        : "declined";
  const at = context.nowIso;
  const reason = {
    step: compiled.path,
    reason: step.reason,
    urgency: step.urgency,
    at,
    by: context.by,
    level: maxLevel(compiled.level, catalog.services.get(step.service)?.confidentiality),
    mandatory,
    ...(decision === "made" ? {} : { notMade: true as const }),
  };
  // Only a referral made passes the step's answers on: a no, a "not needed" or a forbidden referral shares nothing,
  // not even later, when another step to the same service is made with consent (what the person refused stays out).
  const made = decision === "made";
  const shares = made ? (step.shares ?? []).map((variable) => ({ scope: compiled.scope, variable })) : [];
  const sharesHousehold = made && step.sharesHousehold === true;
  const note = forbiddenBy.length ? undefined : event.notNeeded;
  const existing = context.referralByService.get(step.service);
  const addition = isAddition(context, step, event);
  const notAdded =
    existing?.status === "made" && !event.notNeeded && (decision === "declined" || decision === "forbidden");
  if (notAdded) {
    // Nothing merges: the referral stays made, with its reasons, urgency, due time and slip as they were.
  } else if (!existing) {
    const record: ReferralRecord = {
      service: step.service,
      step: compiled.path,
      urgency: step.urgency,
      reason: step.reason,
      reasons: [reason],
      status: decision,
      consent,
      mandatory: mandatory && decision === "made",
      at,
      by: context.by,
      shares,
      sharesHousehold,
      level: reason.level,
      delivery: [],
      ...(note ? { note } : {}),
      ...(forbiddenBy.length ? { forbiddenBy } : {}),
    };
    if (decision === "made") record.dueAt = dueAt(catalog, step.service, step.urgency, context.now);
    context.referrals.push(record);
    context.referralByService.set(step.service, record);
  } else {
    // A referral handed over, then carried through a correction, that the corrected path makes again keeps the one
    // reason per step it had, not the same reason twice.
    if (isHandedOver(existing)) existing.reasons = existing.reasons.filter((r) => r.step !== reason.step);
    existing.reasons.push(reason);
    existing.level = maxLevel(existing.level, reason.level);
    // Once made, the referral is as urgent as the steps that made it: a no given earlier at a more urgent step does
    // not make the service hurry for a reason the person did not agree to pass on. (One handed over before a
    // correction keeps its urgency: it never becomes less urgent by being made again.)
    if (decision === "made" && existing.status !== "made" && !isHandedOver(existing)) existing.urgency = step.urgency;
    else if (URGENCY_RANK[step.urgency] < URGENCY_RANK[existing.urgency]) existing.urgency = step.urgency;
    for (const share of shares)
      if (!existing.shares.some((s) => s.scope === share.scope && s.variable === share.variable))
        existing.shares.push(share);
    existing.sharesHousehold ||= sharesHousehold;
    if (decision === "made") {
      const due = dueAt(catalog, step.service, step.urgency, context.now);
      if (existing.status !== "made") {
        existing.status = "made";
        existing.mandatory = mandatory;
        existing.note = undefined;
        existing.supersededBy = undefined;
        existing.forbiddenBy = undefined;
        // Handed over before a correction, it is due by the earlier of the two times, never later for being made again.
        existing.dueAt = isHandedOver(existing) && existing.dueAt && existing.dueAt < due ? existing.dueAt : due;
      } else if (!existing.dueAt || due < existing.dueAt) existing.dueAt = due;
      existing.consent ||= consent;
      existing.mandatory ||= mandatory;
    } else if (existing.status !== "made") {
      // Until it is made, the latest decision stands: declined, then not needed, reads "not needed".
      existing.status = decision;
      existing.note = note;
      existing.supersededBy = undefined;
      existing.forbiddenBy = forbiddenBy.length ? forbiddenBy : undefined;
    } else if (decision === "not-needed" && !existing.delivery.some((d) => d.status === "handed-over")) {
      // The need went away before the referral was handed over (a relative found): it is not needed any more.
      existing.status = "not-needed";
      existing.note = note;
      existing.dueAt = undefined;
      const i = context.referredServices.indexOf(step.service);
      if (i >= 0) context.referredServices.splice(i, 1);
    }
  }
  if (decision === "made" && !context.referredServices.includes(step.service))
    context.referredServices.push(step.service);
  const status = context.referralByService.get(step.service)!.status;
  const offeredAt = context.offeredServices.indexOf(step.service);
  if ((status === "made" || status === "declined") && offeredAt < 0) context.offeredServices.push(step.service);
  else if (status !== "made" && status !== "declined" && offeredAt >= 0) context.offeredServices.splice(offeredAt, 1);
  context.trace.push({
    kind: "referral",
    at,
    step: compiled.path,
    service: step.service,
    status: decision,
    urgency: step.urgency,
    merged: existing !== undefined,
    ...(addition ? { addition: decision === "made" ? ("added" as const) : ("not-added" as const) } : {}),
    ...(forbiddenBy.length ? { forbiddenBy } : {}),
  });
}

function isHandedOver(record: ReferralRecord): boolean {
  return record.delivery.some((d) => d.status === "handed-over");
}

/**
 * Folds into `record`, made or decided again on the path a correction left, what the same referral was when it was
 * handed over before the correction (`before`): a referral never becomes less urgent by being made again, its due
 * time is the earlier of the two, and it keeps the reasons, consent and shares it was handed over with.
 */
export function keepHandedOver(record: ReferralRecord, before: ReferralRecord): void {
  if (URGENCY_RANK[before.urgency] < URGENCY_RANK[record.urgency]) record.urgency = before.urgency;
  if (before.dueAt && (!record.dueAt || before.dueAt < record.dueAt)) record.dueAt = before.dueAt;
  for (const reason of before.reasons)
    if (!record.reasons.some((r) => r.step === reason.step)) record.reasons.push(reason);
  for (const share of before.shares)
    if (!record.shares.some((s) => s.scope === share.scope && s.variable === share.variable)) record.shares.push(share);
  record.sharesHousehold ||= before.sharesHousehold;
  record.level = maxLevel(record.level, before.level);
  record.consent ||= before.consent;
  record.mandatory ||= before.mandatory;
}

/** When a referral of this urgency to this service must be handed over, counted from `from`. */
export function dueAt(catalog: CatalogIndex, service: string, urgency: Urgency, from: Date): string {
  const within = catalog.services.get(service)?.due?.[urgency] ?? catalog.urgencies[urgency];
  return addDuration(from, within).toISOString();
}

function recordConsent(context: CaseContext, covers: readonly string[], given: boolean) {
  for (const category of covers) {
    if (given) context.consents.add(category);
    else context.consents.delete(category);
  }
}

function applyEffects(context: CaseContext, compiled: CompiledStep, scope: CompiledScope, _catalog: CatalogIndex) {
  const effects: Effect[] = compiled.step.effects ?? [];
  if (effects.length === 0) return;
  const a = activation(context, compiled.scope);
  for (const [i, effect] of effects.entries()) {
    if (effect.when && !scope.expressions.test(effect.when, a)) continue;
    const condition = effect.when
      ? { expression: effect.when, values: traceValues(scope.expressions, effect.when, a) }
      : {};
    if ("raise" in effect) {
      raiseFlag(context, effect.raise, compiled.scope);
      context.trace.push({
        kind: "flag",
        at: context.nowIso,
        step: compiled.path,
        flag: effect.raise,
        raise: true,
        ...condition,
      });
    } else if ("clear" in effect) {
      clearFlag(context, effect.clear);
      context.trace.push({
        kind: "flag",
        at: context.nowIso,
        step: compiled.path,
        flag: effect.clear,
        raise: false,
        ...condition,
      });
    } else if ("followUp" in effect) {
      const due = addDuration(context.now, effect.within).toISOString();
      context.followUps.set(effect.followUp, {
        id: effect.followUp,
        label: effect.label,
        step: compiled.path,
        at: context.nowIso,
        dueAt: due,
        ...(effect.who ? { who: effect.who } : {}),
        ...(effect.why ? { why: effect.why } : {}),
        level: compiled.effectLevels[i] ?? compiled.level,
      });
      context.trace.push({
        kind: "follow-up",
        at: context.nowIso,
        step: compiled.path,
        followUp: effect.followUp,
        dueAt: due,
      });
    } else {
      const from = effect.from ? scope.expressions.evaluate(effect.from, a) : context.now;
      // A timestamp from CEL is a Date; test its shape rather than its class, which a test's fake clock replaces.
      if (typeof (from as Date | undefined)?.getTime !== "function") continue;
      const due = addDuration(from as Date, effect.within).toISOString();
      const fromIso = (from as Date).toISOString();
      context.deadlines.set(effect.deadline, {
        id: effect.deadline,
        label: effect.label,
        step: compiled.path,
        from: fromIso,
        dueAt: due,
        level: compiled.effectLevels[i] ?? compiled.level,
      });
      context.trace.push({
        kind: "deadline",
        at: context.nowIso,
        step: compiled.path,
        deadline: effect.deadline,
        from: fromIso,
        dueAt: due,
        ...(effect.from ? { expression: effect.from, values: traceValues(scope.expressions, effect.from, a) } : {}),
      });
    }
  }
}

/** Raises a flag for the case; `by` is the scope that raised it ("#manual" for an officer's hand). */
export function raiseFlag(context: CaseContext, flag: string, by: string) {
  if (!context.flags.includes(flag)) context.flags.push(flag);
  context.flagRaisedBy.set(flag, by);
}

export function clearFlag(context: CaseContext, flag: string) {
  const i = context.flags.indexOf(flag);
  if (i >= 0) context.flags.splice(i, 1);
}

function traceValues(expressions: ExpressionScope, expression: string, a: Activation): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of expressions.mentionedVariables(expression))
    values[name] = Object.hasOwn(a, name) ? fromCelValue(a[name]) : null;
  return values;
}

/**
 * Checks an SOP's invariants against the state of a case where that SOP (running as `scope`) has just ended.
 * Used by the runtime at every end, and by path analysis on every enumerated path.
 */
export function checkInvariants(
  sop: SopDefinition,
  scope: CompiledScope,
  context: CaseContext,
  outcome: string,
  catalog: CatalogIndex,
): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  const a = activation(context, scope.path);
  a.outcome = outcome;
  const prefix = scope.path ? `${scope.path}/` : "";
  for (const invariant of sop.invariants ?? []) {
    if (invariant.when && !scope.expressions.test(invariant.when, a)) continue;
    for (const expectation of invariant.expect) {
      if (!meets(expectation, context, scope, a, prefix, outcome, catalog))
        violations.push({
          scope: scope.path,
          sop: sop.id,
          invariant: invariant.id,
          text: invariant.text,
          expectation: expectation as Record<string, unknown>,
        });
    }
  }
  return violations;
}

function meets(
  e: Expectation,
  context: CaseContext,
  scope: CompiledScope,
  a: Activation,
  prefix: string,
  outcome: string,
  catalog: CatalogIndex,
): boolean {
  // What must be absent counts only what this procedure (or one it ran) did: a caller's flags are its own.
  const ownedHere = (path: string) => scope.path === "" || path === scope.path || path.startsWith(prefix);
  const madeHere = (r: ReferralRecord) => r.status === "made" && r.reasons.some((reason) => ownedHere(reason.step));
  if ("referral" in e) {
    const r = context.referralByService.get(e.referral);
    if (r?.status !== "made") return false;
    if (e.urgency && URGENCY_RANK[r.urgency] > URGENCY_RANK[e.urgency]) return false;
    return !e.mandatory || r.reasons.some((reason) => reason.mandatory);
  }
  if ("offered" in e) {
    const r = context.referralByService.get(e.offered);
    if (r === undefined || r.status === "forbidden") return false;
    return !e.urgency || URGENCY_RANK[r.urgency] <= URGENCY_RANK[e.urgency];
  }
  if ("noReferral" in e) {
    const r = context.referralByService.get(e.noReferral);
    return !(r && madeHere(r));
  }
  if ("slip" in e) {
    // The slip of a referral this procedure made shares each answer of this procedure it names.
    const r = context.referralByService.get(e.slip);
    if (!r || !madeHere(r)) return true;
    const shared = e.shares.every((variable) =>
      r.shares.some((s) => s.scope === scope.path && s.variable === variable),
    );
    const stated = (e.instructions ?? []).every(
      (flag) => !context.flags.includes(flag) || slipStatesInstruction(catalog, e.slip, flag),
    );
    return shared && stated;
  }
  if ("noReferralKind" in e)
    return !context.referrals.some((r) => madeHere(r) && catalog.services.get(r.service)?.kind === e.noReferralKind);
  if ("flag" in e) return context.flags.includes(e.flag);
  if ("noFlag" in e) return !(context.flags.includes(e.noFlag) && ownedHere(context.flagRaisedBy.get(e.noFlag) ?? ""));
  if ("visits" in e) return context.visitedSet.has(`${prefix}${e.visits}`);
  if ("avoids" in e) return !context.visitedSet.has(`${prefix}${e.avoids}`);
  if ("notAsked" in e) return !context.answers.has(`${prefix}${e.notAsked}`);
  if ("asked" in e) return context.answers.has(`${prefix}${e.asked}`);
  if ("outcome" in e) return (e.outcome as string[]).includes(outcome);
  if ("deadline" in e) {
    const d = context.deadlines.get(e.deadline);
    if (!d) return false;
    return !e.within || Date.parse(d.dueAt) - Date.parse(d.from) <= durationMs(e.within);
  }
  if ("noDeadline" in e) return !context.deadlines.has(e.noDeadline);
  if ("followUp" in e) {
    const f = context.followUps.get(e.followUp);
    if (!f) return false;
    return !e.within || Date.parse(f.dueAt) - Date.parse(f.at) <= durationMs(e.within);
  }
  if ("before" in e) {
    const [first, then] = e.before;
    const thenAt = context.visited.indexOf(`${prefix}${then}`);
    if (thenAt < 0) return true;
    const firstAt = context.visited.indexOf(`${prefix}${first}`);
    return firstAt >= 0 && firstAt < thenAt;
  }
  return scope.expressions.test(e.holds, a);
}
