import type { ASTNode } from "@marcbachmann/cel-js";
import { serialize } from "@marcbachmann/cel-js/serialize";
import type { CompiledSop } from "../../compile/CompiledSop";
import { nextEdges } from "../../definition/stepGraph";
import { identifiersOf, parseExpression } from "./symbolicCel";
import type { ModelOptions } from "./types";

/** Which members of a case list are read: named ones, or (when read as a whole) all. */
export interface ListNeed {
  members: Set<string>;
  all: boolean;
}

/**
 * What the analysis must keep track of in a case state: the facts some condition, binding or invariant reads. A
 * fact nothing reads is never tracked, so the sets of states stay small.
 */
export interface Needs {
  /** "scope:variable" of every variable read in its scope (by a condition, a binding, a deadline, an invariant). */
  variables: Set<string>;
  flags: ListNeed;
  referrals: ListNeed;
  /** The services `offered` (made or declined) is read for. */
  offered: ListNeed;
  /** Per scope: the steps of its SOP that `visited` reads. */
  visited: Map<string, ListNeed>;
  /** Services whose referral's status something reads (made, declined, forbidden…). */
  referralStatus: Set<string>;
  /** Services whose referral's urgency, or whether it is a mandatory notification, an expectation reads. */
  referralUrgency: Set<string>;
  referralMandatory: Set<string>;
  /** "scope|service" for each `noReferral` of an SOP run as a procedure: whether that run asked for it. */
  madeIn: Set<string>;
  /** "scope|service|variable" for each `slip` expectation: whether a step of that scope merged a share of it. */
  sharedIn: Set<string>;
  /** Deadlines and follow-ups an expectation names. */
  deadlines: Set<string>;
  followUps: Set<string>;
  /** Follow-ups an expectation bounds with `within`: which effect set them matters. */
  followUpWindows: Set<string>;
  /** "A|B" step paths of `before` expectations: whether A was visited before B first was. */
  orders: Set<string>;
  /** Flags a `noFlag` expectation names: who raised them matters. */
  flagOwners: Set<string>;
  /** Step paths a `visits` or `avoids` expectation names. */
  visitedSteps: Set<string>;
  /** Step paths a `notAsked` expectation names: whether the officer put that question (not known beforehand). */
  askedSteps: Set<string>;
  /** Consent categories a sensitive question needs. */
  consents: Set<string>;
  /**
   * Parts of conditions that ask whether any referral so far meets a test of the service alone
   * (`referrals.exists(r, r != "x")`, `size(referrals) > 0`), by their text: one fact each, instead of every referral.
   */
  anyReferral: Set<string>;
}

const emptyList = (): ListNeed => ({ members: new Set(), all: false });

/** Reads, over every scope of a compiled SOP, what its expressions and invariants need. Pure. */
export function readNeeds(compiled: CompiledSop, options: ModelOptions): Needs {
  const needs: Needs = {
    variables: new Set(),
    flags: emptyList(),
    referrals: emptyList(),
    offered: emptyList(),
    visited: new Map(),
    madeIn: new Set(),
    sharedIn: new Set(),
    flagOwners: new Set(),
    visitedSteps: new Set(),
    askedSteps: new Set(),
    consents: new Set(),
    anyReferral: new Set(),
    referralStatus: new Set(),
    referralUrgency: new Set(),
    referralMandatory: new Set(),
    deadlines: new Set(),
    followUps: new Set(),
    followUpWindows: new Set(),
    orders: new Set(),
  };
  const read = (scope: string, expression: string | undefined) => {
    if (!expression) return;
    let ast: ASTNode;
    try {
      ast = parseExpression(expression);
    } catch {
      return;
    }
    const declared = compiled.scopes.get(scope)!.expressions.variables;
    const visited = needs.visited.get(scope) ?? emptyList();
    needs.visited.set(scope, visited);
    const lists: Record<string, ListNeed> = {
      flags: needs.flags,
      referrals: needs.referrals,
      offered: needs.offered,
      visited,
    };
    const visit = (node: ASTNode) => {
      if (isAnyReferral(node, declared)) {
        needs.anyReferral.add(serialize(node));
        return;
      }
      if (node.op === "in") {
        const [left, right] = node.args as [ASTNode, ASTNode];
        if (right.op === "id" && right.args in lists && !declared.has(right.args as string) && left.op === "value") {
          if (typeof left.args === "string") lists[right.args as string].members.add(left.args);
          return;
        }
      }
      if (node.op === "id") {
        const name = node.args as string;
        if (name in lists && !declared.has(name)) lists[name].all = true;
        else if (declared.has(name)) needs.variables.add(`${scope}:${name}`);
        return;
      }
      if (node.op === "value") return;
      const each = (value: unknown) => {
        if (Array.isArray(value)) for (const v of value) each(v);
        else if (value && typeof value === "object" && "op" in value) visit(value as ASTNode);
      };
      each(node.args);
    };
    visit(ast);
  };

  for (const [path, at] of compiled.steps) {
    const scope = at.scope;
    const step = at.step;
    for (const edge of nextEdges(at.id, step)) read(scope, edge.when);
    for (const effect of step.effects ?? []) {
      read(scope, effect.when);
      if ("deadline" in effect) read(scope, effect.from);
    }
    if (step.kind === "procedure") for (const expression of Object.values(step.with ?? {})) read(scope, expression);
    if (step.kind === "question" && step.sensitive) needs.consents.add(step.sensitive);
    if (step.kind === "referral") {
      // The flags whose standing instructions may forbid this referral: who raised them decides what it becomes.
      const kind = compiled.catalog.services.get(step.service)?.kind;
      for (const [flag, entry] of compiled.catalog.flags)
        for (const rule of entry.forbids ?? [])
          if (
            (rule.kind === undefined && rule.service === undefined) ||
            rule.service === step.service ||
            (kind && rule.kind === kind)
          ) {
            needs.flags.members.add(flag);
            if (rule.unlessFlag) needs.flags.members.add(rule.unlessFlag);
          }
    }
    if (step.kind === "question" && step.answer.type === "consent") {
      // A consent question's answer is read wherever its consent is needed.
      needs.variables.add(`${scope}:${step.variable}`);
    }
    if (options.purpose === "results" && (step.kind === "question" || step.kind === "checklist") && step.variable)
      needs.variables.add(`${scope}:${step.variable}`);
    void path;
  }
  for (const [scope, { sop }] of compiled.scopes) {
    const prefix = scope ? `${scope}/` : "";
    for (const invariant of sop.invariants ?? []) {
      read(scope, invariant.when);
      for (const e of invariant.expect) {
        const status = (service: string) => {
          needs.referralStatus.add(service);
          if (scope !== "") needs.madeIn.add(`${scope}|${service}`);
        };
        if ("holds" in e) read(scope, e.holds);
        else if ("referral" in e) {
          needs.referralStatus.add(e.referral);
          if (e.urgency) needs.referralUrgency.add(e.referral);
          if (e.mandatory) needs.referralMandatory.add(e.referral);
        } else if ("noReferral" in e) status(e.noReferral);
        else if ("slip" in e) {
          status(e.slip);
          for (const variable of e.shares) needs.sharedIn.add(`${scope}|${e.slip}|${variable}`);
          for (const flag of e.instructions ?? []) needs.flags.members.add(flag);
        } else if ("noReferralKind" in e) {
          for (const [id, service] of compiled.catalog.services) if (service.kind === e.noReferralKind) status(id);
        } else if ("offered" in e) {
          needs.referralStatus.add(e.offered);
          if (e.urgency) needs.referralUrgency.add(e.offered);
        } else if ("flag" in e) needs.flags.members.add(e.flag);
        else if ("noFlag" in e) {
          needs.flags.members.add(e.noFlag);
          needs.flagOwners.add(e.noFlag);
        } else if ("visits" in e) needs.visitedSteps.add(prefix + e.visits);
        else if ("avoids" in e) needs.visitedSteps.add(prefix + e.avoids);
        else if ("notAsked" in e || "asked" in e) {
          const path = prefix + ("asked" in e ? e.asked : e.notAsked);
          needs.askedSteps.add(path);
          // Whether the question is put depends on whether a caller passed its answer in: keep that answer's
          // variable, so that what was passed in is known (without it, every binding looked like nothing passed).
          const asked = compiled.steps.get(path);
          if (asked?.step.kind === "question" && asked.step.variable)
            needs.variables.add(`${asked.scope}:${asked.step.variable}`);
        } else if ("deadline" in e) needs.deadlines.add(e.deadline);
        else if ("noDeadline" in e) needs.deadlines.add(e.noDeadline);
        else if ("followUp" in e) {
          needs.followUps.add(e.followUp);
          if (e.within) needs.followUpWindows.add(e.followUp);
        } else if ("before" in e) {
          const [first, then] = e.before;
          needs.visitedSteps.add(prefix + first);
          needs.visitedSteps.add(prefix + then);
          needs.orders.add(`${prefix}${first}|${prefix}${then}`);
        }
      }
    }
  }
  // A referral to a service asked for by more than one step: whether it was already asked for (a warning).
  const askedAt = new Map<string, number>();
  for (const at of compiled.steps.values())
    if (at.step.kind === "referral") askedAt.set(at.step.service, (askedAt.get(at.step.service) ?? 0) + 1);
  for (const [service, count] of askedAt) if (count > 1) needs.referralStatus.add(service);
  for (const member of needs.referrals.members) needs.referralStatus.add(member);
  if (needs.referrals.all) for (const service of askedAt.keys()) needs.referralStatus.add(service);
  for (const member of needs.offered.members) needs.referralStatus.add(member);
  if (needs.offered.all) for (const service of askedAt.keys()) needs.referralStatus.add(service);
  if (options.purpose === "results") {
    needs.flags.all = true;
    needs.referrals.all = true;
    for (const service of askedAt.keys()) {
      needs.referralStatus.add(service);
      needs.referralUrgency.add(service);
    }
    for (const at of compiled.steps.values())
      for (const effect of at.step.effects ?? []) if ("deadline" in effect) needs.deadlines.add(effect.deadline);
  }
  return needs;
}

/**
 * Whether a part of a condition asks only whether some referral made so far passes a test of the service alone:
 * `referrals.exists(r, <test of r>)`, `size(referrals) > 0`, or `"a" in referrals || "b" in referrals`. Referrals are only ever added, so such a part is
 * true from the first referral that passes on: one fact can stand for it.
 */
export function isAnyReferral(node: ASTNode, declared: ReadonlyMap<string, unknown>): boolean {
  if (declared.has("referrals")) return false;
  if (node.op === "||") {
    // "a" in referrals || "b" in referrals || …: any of the services named.
    const leaves: ASTNode[] = [];
    const flatten = (n: ASTNode) => {
      if (n.op === "||") for (const a of n.args as ASTNode[]) flatten(a);
      else leaves.push(n);
    };
    flatten(node);
    return leaves.every((leaf) => {
      if (leaf.op !== "in") return false;
      const [left, right] = leaf.args as [ASTNode, ASTNode];
      return left.op === "value" && typeof left.args === "string" && right.op === "id" && right.args === "referrals";
    });
  }
  if (node.op === "rcall") {
    const [macro, receiver, args] = node.args as [string, ASTNode, ASTNode[]];
    if (macro !== "exists" || receiver.op !== "id" || receiver.args !== "referrals" || args.length !== 2) return false;
    const bound = args[0].op === "id" ? (args[0].args as string) : undefined;
    const reads = identifiersOf(args[1]);
    return bound !== undefined && [...reads].every((id) => id === bound && !declared.has(id));
  }
  if (node.op === ">" || node.op === "!=") {
    const [left, right] = node.args as [ASTNode, ASTNode];
    const isSize =
      left.op === "call" &&
      (left.args as [string, ASTNode[]])[0] === "size" &&
      (left.args as [string, ASTNode[]])[1].length === 1 &&
      (left.args as [string, ASTNode[]])[1][0].op === "id" &&
      (left.args as [string, ASTNode[]])[1][0].args === "referrals";
    return isSize && right.op === "value" && (right.args === 0n || right.args === 0);
  }
  return false;
}
