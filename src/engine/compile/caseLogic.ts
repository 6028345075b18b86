import type { Effect, Expectation, SopDefinition } from "../definition/types";
import { type Activation, type ExpressionScope, fromCelValue, toCelValue } from "../expression/ExpressionScope";
import type { CompiledScope, CompiledStep } from "./CompiledSop";
import type { CaseContext, InvariantViolation } from "./caseContext";

/** The events the machine understands; the case session builds them from case events after checking them. */
export type MachineEvent =
  | { type: "ANSWERED"; step: string; value: unknown }
  | { type: "CHECKED"; step: string; items: string[] }
  | { type: "ACKNOWLEDGED"; step: string }
  | { type: "REFERRED"; step: string; consent: boolean };

type Params = { path: string; index?: number };
type AnyEvent = { type: string; value?: unknown; items?: string[]; consent?: boolean; step?: string };
type Args = { context: CaseContext; event: AnyEvent };

const DURATION_UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
const WITHIN_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * The closed set of guards and actions of every compiled SOP, bound to its step and scope tables.
 * Pure with respect to the world: time comes from `context.now`, set from each event's timestamp.
 */
export function createCaseLogic(steps: ReadonlyMap<string, CompiledStep>, scopes: ReadonlyMap<string, CompiledScope>) {
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
      if (compiled.step.kind === "decision") applyEffects(context, compiled, scopeOf(compiled));
    },
    complete: ({ context, event }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      recordInput(context, compiled, scopeOf(compiled), event);
      applyEffects(context, compiled, scopeOf(compiled));
    },
    completeKnown: ({ context }: Args, { path }: Params) => {
      const compiled = stepAt(path);
      const step = compiled.step;
      if (step.kind !== "question") return;
      const value = activation(context, compiled.scope)[step.variable];
      context.trace.push({
        at: context.nowIso,
        step: path,
        kind: "skip",
        detail: `already known: ${step.variable}`,
        values: { [step.variable]: fromCelValue(value) },
      });
      if (step.answer.type === "consent") recordConsent(context, step.answer.covers, value === true);
      applyEffects(context, compiled, scopeOf(compiled));
    },
    takeRoute: ({ context }: Args, { path, index }: Params) => {
      const compiled = stepAt(path);
      const when = routeCondition(compiled, index!);
      const step = compiled.step;
      const to = step.kind !== "end" && typeof step.next !== "string" ? step.next[index!].to : undefined;
      const expressions = scopeOf(compiled).expressions;
      context.trace.push({
        at: context.nowIso,
        step: path,
        kind: "route",
        expression: when,
        values: when ? traceValues(expressions, when, activation(context, compiled.scope)) : undefined,
        result: true,
        detail: to,
      });
    },
    bindInputs: ({ context }: Args, { path }: Params) => {
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
      applyEffects(context, compiled, scopeOf(compiled));
      context.trace.push({ at: context.nowIso, step: path, kind: "end", detail: step.outcome });
      if (compiled.track) return;
      context.outcomes.set(compiled.scope, step.outcome);
      const scope = scopeOf(compiled);
      context.violations.push(...checkInvariants(scope.sop, scope, context, step.outcome));
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

function recordInput(context: CaseContext, compiled: CompiledStep, scope: CompiledScope, event: AnyEvent) {
  const step = compiled.step;
  const path = compiled.path;
  const at = context.nowIso;
  const by = context.by;
  const target = activation(context, compiled.scope);
  switch (step.kind) {
    case "question": {
      const value = event.value;
      context.answers.set(path, { step: path, value, at, by });
      const declaration = scope.expressions.variables.get(step.variable)!;
      const unit = step.answer.type === "duration" ? DURATION_UNIT_SECONDS[step.answer.unit] : undefined;
      target[step.variable] = toCelValue(declaration.type, value, unit);
      if (step.answer.type === "consent") recordConsent(context, step.answer.covers, value === true);
      break;
    }
    case "checklist": {
      const items = event.items ?? [];
      context.answers.set(path, { step: path, value: items, at, by });
      if (step.variable) target[step.variable] = [...items];
      break;
    }
    case "instruction":
      context.answers.set(path, { step: path, value: true, at, by });
      break;
    case "referral": {
      const consent = event.consent === true;
      const made = consent || step.requiresConsent === false;
      context.answers.set(path, { step: path, value: consent, at, by });
      context.referrals.push({
        step: path,
        service: step.service,
        urgency: step.urgency,
        reason: step.reason,
        status: made ? "made" : "declined",
        consent,
        at,
        by,
        shares: step.shares ?? [],
      });
      if (made && !context.referredServices.includes(step.service)) context.referredServices.push(step.service);
      break;
    }
    default:
      return;
  }
  context.trace.push({ at, step: path, kind: "input" });
}

function recordConsent(context: CaseContext, covers: readonly string[], given: boolean) {
  for (const category of covers) {
    if (given) context.consents.add(category);
    else context.consents.delete(category);
  }
}

function applyEffects(context: CaseContext, compiled: CompiledStep, scope: CompiledScope) {
  const effects: Effect[] = compiled.step.effects ?? [];
  if (effects.length === 0) return;
  const a = activation(context, compiled.scope);
  for (const effect of effects) {
    if (effect.when && !scope.expressions.test(effect.when, a)) continue;
    const values = effect.when ? traceValues(scope.expressions, effect.when, a) : undefined;
    const traceEffect = (detail: string) =>
      context.trace.push({
        at: context.nowIso,
        step: compiled.path,
        kind: "effect",
        expression: effect.when,
        values,
        detail,
      });
    if ("raise" in effect) {
      if (!context.flags.includes(effect.raise)) context.flags.push(effect.raise);
      context.flagRaisedBy.set(effect.raise, compiled.scope);
      traceEffect(`raise ${effect.raise}`);
    } else if ("clear" in effect) {
      const i = context.flags.indexOf(effect.clear);
      if (i >= 0) context.flags.splice(i, 1);
      traceEffect(`clear ${effect.clear}`);
    } else {
      const from = effect.from ? scope.expressions.evaluate(effect.from, a) : context.now;
      // A timestamp from CEL is a Date; test its shape rather than its class, which a test's fake clock replaces.
      if (typeof (from as Date | undefined)?.getTime !== "function") continue;
      const match = /^([0-9.]+)(m|h|d)$/.exec(effect.within)!;
      const dueAt = new Date((from as Date).getTime() + Number(match[1]) * WITHIN_UNIT_MS[match[2] as "m" | "h" | "d"]);
      context.deadlines.set(effect.deadline, {
        id: effect.deadline,
        label: effect.label,
        step: compiled.path,
        from: (from as Date).toISOString(),
        dueAt: dueAt.toISOString(),
      });
      context.trace.push({
        at: context.nowIso,
        step: compiled.path,
        kind: "effect",
        expression: effect.from,
        values: effect.from ? traceValues(scope.expressions, effect.from, a) : undefined,
        detail: `deadline ${effect.deadline} due ${dueAt.toISOString()}`,
      });
    }
  }
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
): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  const a = activation(context, scope.path);
  a.outcome = outcome;
  const prefix = scope.path ? `${scope.path}/` : "";
  for (const invariant of sop.invariants ?? []) {
    if (invariant.when && !scope.expressions.test(invariant.when, a)) continue;
    for (const expectation of invariant.expect) {
      if (!meets(expectation, context, scope, a, prefix, outcome))
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
): boolean {
  // What must be absent counts only what this procedure (or one it ran) did: a caller's flags are its own.
  const ownedHere = (path: string) => scope.path === "" || path === scope.path || path.startsWith(prefix);
  if ("referral" in e) return context.referredServices.includes(e.referral);
  if ("offered" in e) return context.referrals.some((r) => r.service === e.offered);
  if ("noReferral" in e)
    return !context.referrals.some((r) => r.service === e.noReferral && r.status === "made" && ownedHere(r.step));
  if ("flag" in e) return context.flags.includes(e.flag);
  if ("noFlag" in e) return !(context.flags.includes(e.noFlag) && ownedHere(context.flagRaisedBy.get(e.noFlag) ?? ""));
  if ("visits" in e) return context.visitedSet.has(`${prefix}${e.visits}`);
  if ("avoids" in e) return !context.visitedSet.has(`${prefix}${e.avoids}`);
  if ("outcome" in e) return (e.outcome as string[]).includes(outcome);
  return scope.expressions.test(e.holds, a);
}
