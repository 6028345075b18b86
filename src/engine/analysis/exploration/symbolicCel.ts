import { type ASTNode, Environment } from "@marcbachmann/cel-js";
import { serialize } from "@marcbachmann/cel-js/serialize";
import type { Activation, CelValue } from "../../expression/ExpressionScope";
import { celValueKey } from "../answers/celValueKey";
import type { Bdd, BddNode } from "./Bdd";

/** A boolean over a set of case states: where it is true, where false; elsewhere CEL fails (an unanswered input). */
export interface SymbolicBool {
  t: BddNode;
  f: BddNode;
}

/** A value that depends on the case state: each possible CEL value with the states that give it (disjoint). */
export interface SymbolicValue {
  entries: { value: CelValue; key: string; guard: BddNode }[];
}

/** What an expression can read, as functions of the case state. */
export interface SymbolicInputs {
  bdd: Bdd;
  /** A declared variable of the scope: its values, each with the states where it holds (absent elsewhere). */
  variable(name: string): SymbolicValue | undefined;
  /** Whether `name` is a variable the scope declares. */
  declares(name: string): boolean;
  /** The case-wide lists (`flags`, `referrals`, `offered`) and the scope's `visited`: each possible member and where it is in. */
  list(name: ListName): ReadonlyMap<string, BddNode> | undefined;
  /** The fact standing for a part of a condition that asks whether any referral so far passes a test (see `isAnyReferral`). */
  anyReferral?(text: string): BddNode | undefined;
  /** Values that are the same in every state: `now`, `outcome`. */
  constants: Activation;
  /** Evaluates an expression on concrete values, as the case runtime does (undefined when CEL fails). */
  evaluate(expression: string, activation: Activation): CelValue | undefined;
}

export type ListName = "flags" | "referrals" | "offered" | "visited";

const LISTS: ReadonlySet<string> = new Set(["flags", "referrals", "offered", "visited"]);
const parser = new Environment();
/** Beyond this many input combinations, one condition part is too large to tabulate. */
const TABLE_LIMIT = 200_000;

/** An expression the analysis cannot turn into sets of states; the invariants that depend on it stay unproven. */
export class UnsupportedExpression extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`the analysis cannot reason about "${expression}": ${reason}`);
  }
}

/** Parses an expression once. */
export function parseExpression(expression: string): ASTNode {
  return parser.parse(expression).ast;
}

/**
 * Evaluates a CEL expression over every case state at once: the result says, as sets of states, where it is true
 * and where false (CEL failing on an unanswered input is neither). Boolean connectives (`&&`, `||`, `!`, `?:`)
 * combine their parts' sets with CEL's rules (an error is absorbed where the other side decides); each part in
 * between is tabulated over the values its inputs can take, with the real CEL evaluator, so it means exactly what
 * the runtime computes. Membership of `flags`, `referrals` and `offered`, `exists`/`all`/`exists_one` over them and `size`
 * of them are taken member by member.
 */
export function evaluateBool(expression: string, inputs: SymbolicInputs): SymbolicBool {
  return toBool(evaluateNode(parseExpression(expression), inputs), inputs.bdd, expression);
}

/** Evaluates an expression to its possible values, each with the states that give it. */
export function evaluateValue(expression: string, inputs: SymbolicInputs): SymbolicValue {
  const result = evaluateNode(parseExpression(expression), inputs);
  if ("t" in result) {
    const entries: SymbolicValue["entries"] = [];
    if (result.t !== inputs.bdd.false) entries.push({ value: true, key: "true", guard: result.t });
    if (result.f !== inputs.bdd.false) entries.push({ value: false, key: "false", guard: result.f });
    return { entries };
  }
  return result;
}

/** The identifiers an expression names that are declared variables or built-ins. */
export function identifiersOf(node: ASTNode): Set<string> {
  const ids = new Set<string>();
  walk(node, (n) => {
    if (n.op === "id") ids.add(n.args as string);
  });
  return ids;
}

function evaluateNode(node: ASTNode, inputs: SymbolicInputs): SymbolicBool | SymbolicValue {
  const bdd = inputs.bdd;
  if (node.op === "||") {
    const any = inputs.anyReferral?.(serialize(node));
    if (any !== undefined) return { t: any, f: bdd.not(any) };
  }
  switch (node.op) {
    case "!_": {
      const inner = toBool(evaluateNode(node.args as ASTNode, inputs), bdd, serialize(node));
      return { t: inner.f, f: inner.t };
    }
    case "&&":
    case "||": {
      const [l, r] = (node.args as ASTNode[]).map((a) => toBool(evaluateNode(a, inputs), bdd, serialize(node)));
      return node.op === "&&"
        ? { t: bdd.and(l.t, r.t), f: bdd.or(l.f, r.f) }
        : { t: bdd.or(l.t, r.t), f: bdd.and(l.f, r.f) };
    }
    case "?:": {
      const [c, a, b] = node.args as ASTNode[];
      const condition = toBool(evaluateNode(c, inputs), bdd, serialize(node));
      const left = evaluateNode(a, inputs);
      const right = evaluateNode(b, inputs);
      if ("t" in left && "t" in right)
        return {
          t: bdd.or(bdd.and(condition.t, left.t), bdd.and(condition.f, right.t)),
          f: bdd.or(bdd.and(condition.t, left.f), bdd.and(condition.f, right.f)),
        };
      return mergeValues(
        [
          [condition.t, toValue(left, bdd)],
          [condition.f, toValue(right, bdd)],
        ],
        bdd,
      );
    }
    default:
      return evaluatePart(node, inputs);
  }
}

/** One part of a condition between connectives. */
function evaluatePart(node: ASTNode, inputs: SymbolicInputs): SymbolicBool | SymbolicValue {
  const text = serialize(node);
  const any = inputs.anyReferral?.(text);
  if (any !== undefined) return { t: any, f: inputs.bdd.not(any) };
  const ids = identifiersOf(node);
  const lists = [...ids].filter((id) => LISTS.has(id) && !inputs.declares(id));
  const variables = [...ids].filter((id) => inputs.declares(id) && !LISTS.has(id));
  if (lists.length === 0) return tabulate(text, variables, {}, inputs);
  if (lists.length > 1)
    return enumerateLists(node, text, variables, lists as ListName[], inputs, "it reads two case lists at once");
  const name = lists[0] as ListName;
  const universe = inputs.list(name) ?? new Map<string, BddNode>();
  const bdd = inputs.bdd;
  const uses = usesOf(node, name);

  // `x in flags`: the member's presence, for each value x can take.
  if (node.op === "in" && isId((node.args as ASTNode[])[1], name) && uses.length === 1) {
    const left = toValue(evaluateNode((node.args as ASTNode[])[0], inputs), bdd);
    let t = bdd.false;
    let f = bdd.false;
    for (const entry of left.entries) {
      const present = typeof entry.value === "string" ? (universe.get(entry.value) ?? bdd.false) : bdd.false;
      t = bdd.or(t, bdd.and(entry.guard, present));
      f = bdd.or(f, bdd.and(entry.guard, bdd.not(present)));
    }
    return { t, f };
  }

  // `flags.exists(x, p)` and its kin: the predicate member by member, found by running the macro on one member.
  if (node.op === "rcall" && uses.length === 1) {
    const [macro, receiver] = node.args as [string, ASTNode, ASTNode[]];
    if (isId(receiver, name) && (macro === "exists" || macro === "all" || macro === "exists_one")) {
      const members = [...universe].map(([member, present]) => ({
        present,
        holds: toBool(tabulate(text, variables, { [name]: [member] }, inputs), bdd, text),
      }));
      if (macro === "exists")
        return {
          t: bdd.orAll(members.map((m) => bdd.and(m.present, m.holds.t))),
          f: bdd.andAll(members.map((m) => bdd.or(bdd.not(m.present), m.holds.f))),
        };
      if (macro === "all")
        return {
          t: bdd.andAll(members.map((m) => bdd.or(bdd.not(m.present), m.holds.t))),
          f: bdd.orAll(members.map((m) => bdd.and(m.present, m.holds.f))),
        };
      // exists_one: exactly one member holds, and none fails.
      const defined = bdd.andAll(members.map((m) => bdd.or(bdd.not(m.present), bdd.or(m.holds.t, m.holds.f))));
      let none = bdd.true;
      let one = bdd.false;
      for (const m of members) {
        const yes = bdd.and(m.present, m.holds.t);
        one = bdd.or(bdd.and(one, bdd.not(yes)), bdd.and(none, yes));
        none = bdd.and(none, bdd.not(yes));
      }
      return { t: bdd.and(one, defined), f: bdd.and(bdd.not(one), defined) };
    }
  }

  // `size(flags)` alone: the value for each count of members, with the states that have that many.
  if (uses.every((use) => use === "size")) {
    const counts = countMembers([...universe.values()], bdd);
    const parts: [BddNode, SymbolicValue][] = [];
    for (const [n, guard] of counts.entries()) {
      if (guard === bdd.false) continue;
      const dummies = Array.from({ length: n }, (_, i) => `\u0000${i}`);
      parts.push([guard, toValue(tabulate(text, variables, { [name]: dummies }, inputs), bdd)]);
    }
    return simplify(mergeValues(parts, bdd), bdd);
  }
  return enumerateLists(
    node,
    text,
    variables,
    [name],
    inputs,
    "it reads a case list in a way only tried member by member",
  );
}

/** Tries every combination of members of the lists read (only when there are few). */
function enumerateLists(
  node: ASTNode,
  text: string,
  variables: string[],
  lists: ListName[],
  inputs: SymbolicInputs,
  why: string,
): SymbolicBool | SymbolicValue {
  const bdd = inputs.bdd;
  // A list read only as `"member" in list` depends on those members alone; the others need not be tried.
  const members = lists.flatMap((name) => {
    const read = literalMembers(node, name);
    return [...(inputs.list(name) ?? new Map<string, BddNode>())]
      .filter(([m]) => read === undefined || read.has(m))
      .map(([m, p]) => ({ name, m, p }));
  });
  if (members.length > 12) throw new UnsupportedExpression(serialize(node), why);
  const parts: [BddNode, SymbolicValue][] = [];
  for (let mask = 0; mask < 1 << members.length; mask++) {
    let guard = bdd.true;
    const fixed: Activation = Object.fromEntries(lists.map((l) => [l, [] as string[]]));
    members.forEach((member, i) => {
      const inside = (mask >> i) & 1;
      guard = bdd.and(guard, inside ? member.p : bdd.not(member.p));
      if (inside) (fixed[member.name] as string[]).push(member.m);
    });
    if (guard === bdd.false) continue;
    parts.push([guard, toValue(tabulate(text, variables, fixed, inputs), bdd)]);
  }
  return simplify(mergeValues(parts, bdd), bdd);
}

/**
 * Evaluates `text` with the real CEL evaluator for every combination of the values its variables can take
 * (each also unanswered), and groups the states by the value they give.
 */
function tabulate(
  text: string,
  variables: string[],
  fixed: Activation,
  inputs: SymbolicInputs,
): SymbolicBool | SymbolicValue {
  const bdd = inputs.bdd;
  const options = variables.map((name) => {
    const value = inputs.variable(name);
    const entries = value?.entries ?? [];
    const absent = bdd.not(bdd.orAll(entries.map((e) => e.guard)));
    return absent === bdd.false ? entries : [...entries, { value: undefined, key: "⊥", guard: absent }];
  });
  const size = options.reduce((n, o) => n * Math.max(1, o.length), 1);
  if (size > TABLE_LIMIT)
    throw new UnsupportedExpression(text, `its answers have ${size} combinations, too many to try one by one`);
  const results = new Map<string, { value: CelValue; guard: BddNode }>();
  const activation: Activation = { ...inputs.constants, ...fixed };
  const visit = (i: number, guard: BddNode) => {
    if (guard === bdd.false) return;
    if (i === variables.length) {
      const value = inputs.evaluate(text, activation);
      const key = value === undefined ? "⊥" : celValueKey(value);
      const known = results.get(key);
      if (known) known.guard = bdd.or(known.guard, guard);
      else results.set(key, { value, guard });
      return;
    }
    for (const option of options[i]) {
      if (option.value === undefined) delete activation[variables[i]];
      else activation[variables[i]] = option.value;
      visit(i + 1, bdd.and(guard, option.guard));
    }
    delete activation[variables[i]];
  };
  // CEL fails on every unanswered input tried here; its errors need no stack trace, which costs most of the time.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    visit(0, bdd.true);
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  results.delete("⊥");
  return simplify({ entries: [...results].map(([key, { value, guard }]) => ({ value, key, guard })) }, bdd);
}

/** A value whose entries are all booleans, as a boolean. */
function simplify(value: SymbolicValue, bdd: Bdd): SymbolicBool | SymbolicValue {
  if (!value.entries.every((e) => typeof e.value === "boolean")) return value;
  let t = bdd.false;
  let f = bdd.false;
  for (const e of value.entries) {
    if (e.value === true) t = bdd.or(t, e.guard);
    else f = bdd.or(f, e.guard);
  }
  return { t, f };
}

function toBool(value: SymbolicBool | SymbolicValue, bdd: Bdd, where: string): SymbolicBool {
  if ("t" in value) return value;
  const simple = simplify(value, bdd);
  if ("t" in simple) return simple;
  throw new UnsupportedExpression(where, "a part of it is not true or false");
}

function toValue(value: SymbolicBool | SymbolicValue, bdd: Bdd): SymbolicValue {
  if (!("t" in value)) return value;
  const entries: SymbolicValue["entries"] = [];
  if (value.t !== bdd.false) entries.push({ value: true, key: "true", guard: value.t });
  if (value.f !== bdd.false) entries.push({ value: false, key: "false", guard: value.f });
  return { entries };
}

function mergeValues(parts: [BddNode, SymbolicValue][], bdd: Bdd): SymbolicValue {
  const byKey = new Map<string, { value: CelValue; guard: BddNode }>();
  for (const [guard, value] of parts)
    for (const e of value.entries) {
      const g = bdd.and(guard, e.guard);
      if (g === bdd.false) continue;
      const known = byKey.get(e.key);
      if (known) known.guard = bdd.or(known.guard, g);
      else byKey.set(e.key, { value: e.value, guard: g });
    }
  return { entries: [...byKey].map(([key, { value, guard }]) => ({ value, key, guard })) };
}

/** For each n, the states where exactly n of the given members are present. */
function countMembers(present: BddNode[], bdd: Bdd): BddNode[] {
  let counts: BddNode[] = [bdd.true];
  for (const p of present) {
    const next: BddNode[] = new Array(counts.length + 1).fill(bdd.false);
    for (const [n, guard] of counts.entries()) {
      next[n] = bdd.or(next[n], bdd.and(guard, bdd.not(p)));
      next[n + 1] = bdd.or(next[n + 1], bdd.and(guard, p));
    }
    counts = next;
  }
  return counts;
}

function isId(node: ASTNode | undefined, name: string): boolean {
  return node?.op === "id" && node.args === name;
}

/** How an expression uses a list: "size" (as the argument of size), or "other". */
function usesOf(node: ASTNode, name: string): ("size" | "other")[] {
  const uses: ("size" | "other")[] = [];
  const visit = (n: ASTNode) => {
    if (n.op === "call") {
      const [fn, args] = n.args as [string, ASTNode[]];
      if (fn === "size" && args.length === 1 && isId(args[0], name)) {
        uses.push("size");
        return;
      }
    }
    if (n.op === "rcall") {
      const [fn, receiver, args] = n.args as [string, ASTNode, ASTNode[]];
      if (fn === "size" && args.length === 0 && isId(receiver, name)) {
        uses.push("size");
        return;
      }
    }
    if (isId(n, name)) {
      uses.push("other");
      return;
    }
    visitChildren(n, visit);
  };
  visit(node);
  return uses;
}

/**
 * The members an expression can tell apart in a list it reads only as `"member" in list` (a string literal on the
 * left), or undefined when it reads the list any other way (then every member may matter).
 */
export function literalMembers(node: ASTNode, name: string): Set<string> | undefined {
  const members = new Set<string>();
  let other = false;
  const visit = (n: ASTNode) => {
    if (n.op === "in") {
      const [left, right] = n.args as [ASTNode, ASTNode];
      if (isId(right, name) && left.op === "value" && typeof left.args === "string") {
        members.add(left.args);
        return;
      }
    }
    if (isId(n, name)) {
      other = true;
      return;
    }
    visitChildren(n, visit);
  };
  visit(node);
  return other ? undefined : members;
}

function walk(node: ASTNode, visit: (node: ASTNode) => void) {
  visit(node);
  visitChildren(node, (child) => walk(child, visit));
}

function visitChildren(node: ASTNode, visit: (node: ASTNode) => void) {
  if (node.op === "value" || node.op === "id") return;
  const each = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) each(v);
    else if (value && typeof value === "object" && "op" in value) visit(value as ASTNode);
  };
  each(node.args);
}
