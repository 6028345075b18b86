import { type ASTNode, Environment } from "@marcbachmann/cel-js";
// The parser's source ranges leave out a leading parenthesis; serializing the node gives its exact text back.
import { serialize } from "@marcbachmann/cel-js/serialize";
import { nextEdges } from "../../definition/stepGraph";
import type { SopDefinition } from "../../definition/types";
import type { Activation, CelValue, ExpressionScope } from "../../expression/ExpressionScope";
import { celValueKey } from "./celValueKey";

/** The constants an expression compares with: where the boundaries of an answer's classes lie. */
export interface Literals {
  numbers: number[];
  strings: string[];
  /** Durations in seconds (`duration("72h")`, a deadline's `within`). */
  durations: number[];
  /** Timestamps in epoch milliseconds (`timestamp("…")`). */
  timestamps: number[];
}

/** An extra input of a composed atom: a variable of a called SOP that the caller does not pass in. */
export interface ForeignInput {
  name: string;
  values: CelValue[];
}

/**
 * The smallest part of a condition whose value the boolean connectives (`&&`, `||`, `!`, `?:`) combine: an expression
 * is a function of its atoms' values, so two answers that give every atom the same value are alike to the SOP.
 */
export interface Atom {
  id: number;
  /** The SOP whose variables the atom reads. */
  sop: string;
  text: string;
  /** The SOP's declared variables the atom mentions. */
  reads: string[];
  readsFlags: boolean;
  readsReferrals: boolean;
  readsOffered: boolean;
  readsOutcome: boolean;
  literals: Literals;
  /** Inputs beside `reads` (for atoms of a called SOP, seen from its caller). */
  foreign: ForeignInput[];
  /** Evaluates the atom; `undefined` when it fails (an unanswered variable). Never throws. */
  evaluate(values: Activation): unknown;
}

/** What a condition reads of the case-wide lists `flags`, `referrals` and `offered`. */
export interface ListReads {
  /** Ids tested by membership (`"uasc" in flags`). */
  members: Set<string>;
  /** When it uses the whole list (`size(flags)`, `referrals.exists(…)`): how many ids beyond `members` matter. */
  othersCap: number;
}

/**
 * A part of a condition that reads `flags`, `referrals` or `offered` and none of the SOP's variables, such as
 * `"minsa-cmr" in referrals || "inamu" in referrals`: kept whole, because what matters is its value, not which
 * of the ids it names are present.
 */
export interface ListReader {
  id: number;
  sop: string;
  text: string;
  flags?: ListReads;
  referrals?: ListReads;
  offered?: ListReads;
  evaluate(values: Activation): unknown;
}

/** A whole expression of the SOP: a route's `when`, an effect's `when` or `from`, an invariant's `when` or `holds`. */
export interface Condition {
  id: number;
  sop: string;
  text: string;
  /** The SOP's declared variables it mentions. */
  reads: string[];
  /** Whether it reads `flags`, `referrals`, `offered` or `outcome`, which change as the case goes on. */
  readsLists: boolean;
  atoms: Atom[];
  evaluate(values: Activation): unknown;
}

/** The atoms of one SOP, by where they are evaluated. */
export interface SopAtoms {
  sop: SopDefinition;
  expressions: ExpressionScope;
  /** Per step id: the conditions of its routes and effects. */
  byStep: Map<string, Condition[]>;
  /** The conditions of the effects and routes of a parallel step, evaluated when its tracks join. */
  byJoin: Map<string, Condition[]>;
  invariants: InvariantReads[];
  all: Atom[];
  /** List readers per step id (and "join:<parallel step>"). */
  readersByStep: Map<string, ListReader[]>;
  /** Flags and services a condition reads together with a variable: their exact presence matters. */
  exactFlags: Set<string>;
  exactReferrals: Set<string>;
}

/** What one invariant reads when it is checked at the end of its procedure. */
export interface InvariantReads {
  id: string;
  conditions: Condition[];
  readers: ListReader[];
  /** Step ids it names in `visits` or `avoids`; flags and services it names. */
  steps: Set<string>;
  flags: Set<string>;
  referrals: Set<string>;
}

const parser = new Environment();
const CONNECTIVES = new Set(["&&", "||", "!_", "?:"]);
const BUILT_INS = new Set(["now", "flags", "referrals", "offered", "outcome"]);

/** Numbers the atom ids from, shared by every SOP of an analysis so that ids are unique. */
export class AtomCounter {
  next = 0;
}

/**
 * Splits every expression of an SOP (route conditions, effect conditions, deadline `from`s, `with` bindings,
 * invariant conditions and `holds`) into atoms, each with the variables and literals it reads. Pure.
 */
export function collectAtoms(sop: SopDefinition, expressions: ExpressionScope, counter: AtomCounter): SopAtoms {
  const byText = new Map<string, Atom>();
  const readerByText = new Map<string, ListReader>();
  const exactFlags = new Set<string>();
  const exactReferrals = new Set<string>();
  let readers: ListReader[] = [];
  const declared = (name: string) => expressions.variables.has(name) && !BUILT_INS.has(name);
  const conditions = new Map<string, Condition>();
  const readersOf = new Map<Condition, ListReader[]>();
  const conditionsOf = (expression: string, extra: Partial<Literals> = {}): Condition[] => {
    const memo = `${expression}\u0000${JSON.stringify(extra)}`;
    const known = conditions.get(memo);
    if (known) {
      readers.push(...readersOf.get(known)!);
      return [known];
    }
    let ast: ASTNode;
    try {
      ast = parser.parse(expression).ast;
    } catch {
      return []; // lint reports expressions that do not parse; the SOP would not have compiled.
    }
    const before = readers.length;
    for (const node of listOnlyParts(ast, declared)) {
      const text = serialize(node);
      let reader = readerByText.get(text);
      if (!reader) {
        reader = makeReader(counter.next++, sop.id, text, node, expressions);
        readerByText.set(text, reader);
      }
      readers.push(reader);
    }
    const found: Atom[] = [];
    for (const node of splitAtoms(ast)) {
      const text = serialize(node);
      const key = `${text}\u0000${JSON.stringify(extra)}`;
      let atom = byText.get(key);
      if (!atom) {
        atom = makeAtom(counter.next++, sop.id, text, node, expressions, extra);
        byText.set(key, atom);
        if (atom.reads.length > 0 && (atom.readsFlags || atom.readsReferrals || atom.readsOffered)) {
          const mixed = { flags: emptyReads(), referrals: emptyReads(), offered: emptyReads() };
          readLists(node, mixed);
          for (const m of mixed.flags.members) exactFlags.add(m);
          for (const m of mixed.referrals.members) exactReferrals.add(m);
          for (const m of mixed.offered.members) exactReferrals.add(m);
        }
      }
      found.push(atom);
    }
    const ids = new Set<string>();
    walk(ast, (n) => {
      if (n.op === "id") ids.add(n.args as string);
    });
    const condition: Condition = {
      id: counter.next++,
      sop: sop.id,
      text: expression,
      reads: [...ids].filter(declared),
      readsLists: ids.has("flags") || ids.has("referrals") || ids.has("offered") || ids.has("outcome"),
      atoms: unique(found),
      evaluate: (values) => expressions.evaluate(expression, values),
    };
    conditions.set(memo, condition);
    readersOf.set(condition, readers.slice(before));
    return [condition];
  };

  const byStep = new Map<string, Condition[]>();
  const byJoin = new Map<string, Condition[]>();
  const readersByStep = new Map<string, ListReader[]>();
  for (const [id, step] of Object.entries(sop.steps)) {
    readers = [];
    const own: Condition[] = [];
    for (const edge of nextEdges(id, step)) if (edge.when) own.push(...conditionsOf(edge.when));
    for (const effect of step.effects ?? []) {
      if (effect.when) own.push(...conditionsOf(effect.when));
      // What matters of a deadline's `from` is whether the deadline is already past when it is set: the exact
      // time it falls due is a result of the path, not a reason to tell answers apart.
      if ("deadline" in effect && effect.from)
        own.push(
          ...conditionsOf(`(${effect.from}) + duration("${withinSeconds(effect.within)}s") < now`, {
            durations: [withinSeconds(effect.within)],
          }),
        );
    }
    // A `with` binding matters through the called SOP's conditions only: see `AnswerSpaces` and `StateKeys`.
    if (step.kind === "parallel") byJoin.set(id, own);
    else byStep.set(id, own);
    readersByStep.set(step.kind === "parallel" ? `join:${id}` : id, unique(readers));
  }
  const invariants: InvariantReads[] = [];
  for (const invariant of sop.invariants ?? []) {
    readers = [];
    const reads: InvariantReads = {
      id: invariant.id,
      conditions: [],
      readers: [],
      steps: new Set(),
      flags: new Set(),
      referrals: new Set(),
    };
    if (invariant.when) reads.conditions.push(...conditionsOf(invariant.when));
    for (const expectation of invariant.expect) {
      if ("holds" in expectation) reads.conditions.push(...conditionsOf(expectation.holds));
      if ("visits" in expectation) reads.steps.add(expectation.visits);
      if ("avoids" in expectation) reads.steps.add(expectation.avoids);
      if ("notAsked" in expectation) reads.steps.add(expectation.notAsked);
      if ("asked" in expectation) reads.steps.add(expectation.asked);
      if ("flag" in expectation) reads.flags.add(expectation.flag);
      if ("noFlag" in expectation) reads.flags.add(expectation.noFlag);
      if ("referral" in expectation) reads.referrals.add(expectation.referral);
      if ("noReferral" in expectation) reads.referrals.add(expectation.noReferral);
      if ("slip" in expectation) reads.referrals.add(expectation.slip);
    }
    reads.readers = unique(readers);
    invariants.push(reads);
  }
  return {
    sop,
    expressions,
    byStep,
    byJoin,
    invariants,
    all: [...byText.values()],
    readersByStep,
    exactFlags,
    exactReferrals,
  };
}

/** Parses a deadline's `within` ("90m", "72h", "5d") into seconds. */
export function withinSeconds(within: string): number {
  const match = /^([0-9.]+)(m|h|d)$/.exec(within);
  if (!match) return 0;
  return Number(match[1]) * { m: 60, h: 3600, d: 86400 }[match[2] as "m" | "h" | "d"];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function splitAtoms(node: ASTNode): ASTNode[] {
  if (!CONNECTIVES.has(node.op)) return [node];
  const args = node.args as ASTNode | ASTNode[];
  return (Array.isArray(args) ? args : [args]).flatMap(splitAtoms);
}

function makeAtom(
  id: number,
  sop: string,
  text: string,
  node: ASTNode,
  expressions: ExpressionScope,
  extra: Partial<Literals>,
): Atom {
  const ids = new Set<string>();
  const literals: Literals = { numbers: [], strings: [], durations: [...(extra.durations ?? [])], timestamps: [] };
  walk(node, (n) => {
    if (n.op === "id") ids.add(n.args as string);
    else if (n.op === "value") {
      const v = n.args as unknown;
      if (typeof v === "bigint") literals.numbers.push(Number(v));
      else if (typeof v === "number") literals.numbers.push(v);
      else if (typeof v === "string") literals.strings.push(v);
    } else if (n.op === "-_") {
      const inner = n.args as ASTNode;
      if (inner.op === "value" && (typeof inner.args === "bigint" || typeof inner.args === "number"))
        literals.numbers.push(-Number(inner.args));
    } else if (n.op === "call") {
      const [name, args] = n.args as [string, ASTNode[]];
      const first = args[0];
      if (first?.op === "value" && typeof first.args === "string") {
        if (name === "duration") literals.durations.push(parseDuration(first.args));
        if (name === "timestamp" && !Number.isNaN(Date.parse(first.args)))
          literals.timestamps.push(Date.parse(first.args));
      }
    }
  });
  return {
    id,
    sop,
    text,
    reads: [...ids].filter((name) => expressions.variables.has(name) && !BUILT_INS.has(name)),
    readsFlags: ids.has("flags"),
    readsReferrals: ids.has("referrals"),
    readsOffered: ids.has("offered"),
    readsOutcome: ids.has("outcome"),
    literals,
    foreign: [],
    evaluate: (values) => expressions.evaluate(text, values),
  };
}

function walk(node: ASTNode, visit: (node: ASTNode) => void) {
  visit(node);
  const visitAll = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) visitAll(v);
    else if (value && typeof value === "object" && "op" in value) walk(value as ASTNode, visit);
  };
  if (node.op !== "value" && node.op !== "id") visitAll(node.args);
}

function emptyReads(): ListReads {
  return { members: new Set(), othersCap: 0 };
}

/** The largest parts of an expression that read `flags`, `referrals` or `offered` and no declared variable. */
function listOnlyParts(node: ASTNode, declared: (name: string) => boolean): ASTNode[] {
  const ids = new Set<string>();
  walk(node, (n) => {
    if (n.op === "id") ids.add(n.args as string);
  });
  const readsList = ids.has("flags") || ids.has("referrals") || ids.has("offered");
  if (!readsList) return [];
  if (![...ids].some(declared)) return [node];
  const out: ASTNode[] = [];
  const visitAll = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) visitAll(v);
    else if (value && typeof value === "object" && "op" in value)
      out.push(...listOnlyParts(value as ASTNode, declared));
  };
  if (node.op !== "value" && node.op !== "id") visitAll(node.args);
  return out;
}

function makeReader(id: number, sop: string, text: string, node: ASTNode, expressions: ExpressionScope): ListReader {
  const reads = { flags: emptyReads(), referrals: emptyReads(), offered: emptyReads() };
  readLists(node, reads);
  const ids = new Set<string>();
  walk(node, (n) => {
    if (n.op === "id") ids.add(n.args as string);
  });
  return {
    id,
    sop,
    text,
    flags: ids.has("flags") ? reads.flags : undefined,
    referrals: ids.has("referrals") ? reads.referrals : undefined,
    offered: ids.has("offered") ? reads.offered : undefined,
    evaluate: (values) => expressions.evaluate(text, values),
  };
}

/** Records how `flags`, `referrals` and `offered` are read: by membership of named ids, or as a whole list. */
function readLists(ast: ASTNode, lists: Record<"flags" | "referrals" | "offered", ListReads>) {
  const numbers: number[] = [];
  walk(ast, (n) => {
    if (n.op === "value" && (typeof n.args === "bigint" || typeof n.args === "number")) numbers.push(Number(n.args));
  });
  const cap = Math.max(1, ...numbers.map((n) => Math.ceil(n) + 1));
  const visit = (node: ASTNode) => {
    if (node.op === "in") {
      const [left, right] = node.args as [ASTNode, ASTNode];
      if (right.op === "id" && right.args in lists && left.op === "value" && typeof left.args === "string") {
        lists[right.args as keyof typeof lists].members.add(left.args);
        return;
      }
    }
    if (node.op === "id" && (node.args as string) in lists) {
      const list = lists[node.args as keyof typeof lists];
      list.othersCap = Math.max(list.othersCap, cap);
      return;
    }
    if (node.op === "value" || node.op === "id") return;
    const visitAll = (value: unknown) => {
      if (Array.isArray(value)) for (const v of value) visitAll(v);
      else if (value && typeof value === "object" && "op" in value) visit(value as ASTNode);
    };
    visitAll(node.args);
  };
  visit(ast);
}

/** Parses a CEL duration literal ("72h", "1h30m", "90s") into seconds. */
export function parseDuration(text: string): number {
  let seconds = 0;
  for (const match of text.matchAll(/(-?[0-9.]+)(h|ms|us|ns|m|s)/g)) {
    const unit = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 }[match[2] as "h"];
    seconds += Number(match[1]) * unit;
  }
  return seconds;
}

/** The atom's value for a set of inputs, as comparable text (see `celValueKey`). */
export const atomValueText = celValueKey;
