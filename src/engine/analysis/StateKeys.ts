import type { CaseSession } from "../case/CaseSession";
import type { CompiledSop } from "../compile/CompiledSop";
import { nextEdges } from "../definition/stepGraph";
import type { SopDefinition } from "../definition/types";
import type { Activation } from "../expression/ExpressionScope";
import { ABSENT, type AnswerSpaces } from "./answers/AnswerSpaces";
import {
  type Atom,
  atomValueText,
  type Condition,
  type InvariantReads,
  type ListReader,
  type ListReads,
} from "./answers/collectAtoms";

/** Beyond this many combinations of unanswered inputs, an atom keys on its answered inputs' classes instead. */
const KEY_TABLE_LIMIT = 4096;
/** Beyond this many ways the lists can change, a list reader keys on the ids it names that are present. */
const READER_TABLE_LIMIT = 2048;

/**
 * Says when two moments of cases are alike for everything that can still happen: the same steps waiting, the same
 * consents, the same flags and referrals as far as any condition or invariant reads them, the same visits of
 * steps an invariant names, and, for each running procedure, answers that give every condition still ahead the
 * same values whatever is answered later. Two such moments have the same futures, so the analysis explores one.
 * What the case has produced so far (flags, referrals, deadlines, violations) travels on the path instead.
 */
export class StateKeys {
  private readonly ahead = new Map<string, Ahead>();
  private readonly graphs = new Map<string, Map<string, string[]>>();
  private readonly tables = new Map<string, string>();
  private readonly declared = new Map<string, Set<string>>();
  private readonly bindings = new Map<string, Condition[]>();

  /**
   * `focus`, when given, names the invariants to keep track of, as "<sop id>:<invariant id>" (the others are
   * ignored): proving one invariant at a time keeps apart only the answers that invariant can tell apart.
   */
  constructor(
    private readonly compiled: CompiledSop,
    private readonly spaces: AnswerSpaces,
    private readonly focus?: ReadonlySet<string>,
  ) {
    for (const scope of compiled.scopes.values())
      this.declared.set(scope.sop.id, new Set(scope.expressions.variables.keys()));
  }

  /**
   * The key of the session's present moment, as far as the procedure running as `within` (and what it runs) can
   * tell: "" for the whole case.
   */
  keyOf(session: CaseSession, within = ""): string {
    const context = session.context;
    const active = session.activeSteps();
    const parts: unknown[] = [active, session.finished ? 1 : 0];
    const positions = new Map<string, Set<string>>();
    for (const path of active) {
      let step = this.compiled.steps.get(path);
      while (step && isWithin(step.scope, within)) {
        const ids = positions.get(step.scope) ?? new Set<string>();
        ids.add(step.id);
        positions.set(step.scope, ids);
        step = step.scope ? this.compiled.steps.get(step.scope) : undefined;
      }
    }
    const future = emptyAhead();
    for (const scope of [...positions.keys()].sort()) {
      const sop = this.compiled.scopes.get(scope)!.sop;
      const act = context.scopes.get(scope) ?? {};
      const declared = this.declared.get(sop.id)!;
      const answered = new Set(Object.keys(act).filter((name) => declared.has(name)));
      parts.push(scope, [...answered].sort());
      const conditions = new Set<Condition>();
      for (const id of positions.get(scope)!) {
        const ahead = this.aheadOf(sop, id);
        for (const condition of ahead.conditions) conditions.add(condition);
        mergeAhead(future, ahead);
      }
      const observed = new Set<Atom | Condition>();
      const settledParts: unknown[] = [];
      for (const condition of [...conditions].sort((a, b) => a.id - b.id)) {
        if (!condition.reads.some((r) => answered.has(r))) continue;
        // A condition over answers alone is keyed whole (its parts may differ while it does not); one that also
        // reads the lists, or has too many unanswered inputs, is keyed by its atoms, unless it is already settled.
        if (!condition.readsLists && this.openCombinations(condition, answered) <= KEY_TABLE_LIMIT) {
          observed.add(condition);
          continue;
        }
        const settled = this.settledValue(condition, act, answered);
        if (settled !== undefined) settledParts.push(condition.id, settled);
        else for (const atom of condition.atoms) if (atom.reads.some((r) => answered.has(r))) observed.add(atom);
      }
      for (const o of [...observed].sort((a, b) => a.id - b.id)) parts.push(o.id, this.tableOf(o, act, answered));
      parts.push(settledParts);
    }
    parts.push(this.listsKey(session, future));
    // Consents matter only to sensitive questions still ahead; visits only to invariants of running procedures.
    parts.push([...context.consents].filter((c) => future.sensitive.has(c)).sort());
    const visits: string[] = [];
    for (const scope of positions.keys()) {
      const prefix = scope ? `${scope}/` : "";
      const sop = this.compiled.scopes.get(scope)!.sop.id;
      for (const invariant of this.invariantsOf(sop))
        for (const id of invariant.steps) if (context.visitedSet.has(prefix + id)) visits.push(prefix + id);
    }
    parts.push(visits.sort());
    return JSON.stringify(parts);
  }

  /**
   * The `with` bindings of a procedure step, each as a condition whose value is the class of the bound answer in the
   * called SOP: two answers the called SOP cannot tell apart pass in alike.
   */
  private bindingsOf(sop: SopDefinition, stepId: string): Condition[] {
    const memo = `${sop.id}\u0000${stepId}`;
    const known = this.bindings.get(memo);
    if (known) return known;
    const step = sop.steps[stepId];
    const found: Condition[] = [];
    if (step.kind === "procedure") {
      const expressions = this.spaces.atoms.get(sop.id)!.expressions;
      for (const [name, expression] of Object.entries(step.with ?? {})) {
        const reads = expressions.mentionedVariables(expression).filter((v) => this.declared.get(sop.id)!.has(v));
        if (reads.length === 0) continue;
        const space = this.spaces.space(step.sop, name);
        found.push({
          id: this.spaces.nextId(),
          sop: sop.id,
          text: `${stepId}.with.${name}`,
          reads,
          readsLists: false,
          atoms: [],
          evaluate: (values) => {
            const value = expressions.evaluate(expression, values);
            if (value === undefined) return undefined;
            return space ? BigInt(space.classify(value) ?? -1) : value;
          },
        });
      }
    }
    this.bindings.set(memo, found);
    return found;
  }

  private invariantsOf(sop: string): InvariantReads[] {
    const all = this.spaces.atoms.get(sop)!.invariants;
    return this.focus ? all.filter((i) => this.focus!.has(`${sop}:${i.id}`)) : all;
  }

  /** What a future (`Ahead`) can read of the case's flags and referrals, as comparable data. */
  listsKey(session: CaseSession, future: Ahead): unknown[] {
    const context = session.context;
    const parts: unknown[] = [
      context.flags.filter((f) => future.exactFlags.has(f)).sort(),
      context.referredServices.filter((r) => future.exactReferrals.has(r)).sort(),
    ];
    for (const reader of [...future.readers].sort((a, b) => a.id - b.id))
      parts.push(reader.id, this.readerTable(reader, context.flags, context.referredServices, future));
    return parts;
  }

  /** What the callers of the procedure running as `scope` may still read, once it has ended. */
  callerFuture(scope: string): Ahead {
    const future = emptyAhead();
    let step = this.compiled.steps.get(scope);
    while (step) {
      mergeAhead(future, this.aheadOf(this.compiled.scopes.get(step.scope)!.sop, step.id));
      step = step.scope ? this.compiled.steps.get(step.scope) : undefined;
    }
    return future;
  }

  /**
   * What may still be evaluated, raised or referred once a procedure is at `stepId`: the atoms of every step ahead
   * and of its invariants, and, through the SOPs that steps ahead run, the list readers, flags and services.
   */
  aheadOf(sop: SopDefinition, stepId: string): Ahead {
    const memo = `${sop.id}\u0000${stepId}`;
    const known = this.ahead.get(memo);
    if (known) return known;
    const atoms = this.spaces.atoms.get(sop.id)!;
    const graph = this.graphOf(sop);
    const seen = new Set<string>();
    const queue = [stepId];
    while (queue.length) {
      const node = queue.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      queue.push(...(graph.get(node) ?? []));
    }
    const result = emptyAhead();
    const found = new Set<Condition>();
    for (const f of atoms.exactFlags) result.exactFlags.add(f);
    for (const r of atoms.exactReferrals) result.exactReferrals.add(r);
    for (const invariant of this.invariantsOf(sop.id)) {
      for (const c of invariant.conditions) found.add(c);
      for (const r of invariant.readers) result.readers.add(r);
      for (const f of invariant.flags) result.exactFlags.add(f);
      for (const r of invariant.referrals) result.exactReferrals.add(r);
    }
    for (const node of seen) {
      const list = node.startsWith("join:") ? atoms.byJoin.get(node.slice(5)) : atoms.byStep.get(node);
      for (const atom of list ?? []) found.add(atom);
      for (const reader of atoms.readersByStep.get(node) ?? []) result.readers.add(reader);
      const step = sop.steps[node.startsWith("join:") ? node.slice(5) : node];
      if (!step) continue;
      for (const effect of step.effects ?? []) {
        if ("raise" in effect) result.flags.add(effect.raise);
        if ("clear" in effect) result.flags.add(effect.clear);
      }
      if (step.kind === "referral") result.referrals.add(step.service);
      if (step.kind === "question" && step.sensitive) result.sensitive.add(step.sensitive);
      if (step.kind === "procedure" && this.compiled.bundle.has(step.sop)) {
        const callee = this.compiled.bundle.get(step.sop)!;
        mergeAhead(result, this.aheadOf(callee, callee.start));
        for (const binding of this.bindingsOf(sop, node)) found.add(binding);
      }
    }
    result.conditions = [...found];
    this.ahead.set(memo, result);
    return result;
  }

  /** Steps and parallel joins as a graph: a track's end steps lead to the join of its parallel step. */
  private graphOf(sop: SopDefinition): Map<string, string[]> {
    const known = this.graphs.get(sop.id);
    if (known) return known;
    const graph = new Map<string, string[]>();
    const add = (from: string, to: string) => graph.set(from, [...(graph.get(from) ?? []), to]);
    for (const [id, step] of Object.entries(sop.steps)) {
      if (step.kind === "parallel") {
        for (const track of step.tracks) {
          add(id, track.start);
          for (const end of regionEnds(sop, track.start)) add(end, `join:${id}`);
        }
        for (const edge of nextEdges(id, step)) add(`join:${id}`, edge.to);
      } else for (const edge of nextEdges(id, step)) add(id, edge.to);
    }
    this.graphs.set(sop.id, graph);
    return graph;
  }

  /**
   * The reader's value for every way the lists can still change: each flag it names that a step ahead raises or
   * clears kept, raised or cleared; each service it names that a step ahead refers to kept or added.
   */
  private readerTable(
    reader: ListReader,
    flags: readonly string[],
    referrals: readonly string[],
    future: Ahead,
  ): string {
    const flagChanges = changeable(reader.flags, flags, future.flags);
    const referralChanges = changeable(reader.referrals, referrals, future.referrals);
    const size = 3 ** flagChanges.length * 2 ** referralChanges.length;
    const present = (list: readonly string[], reads?: ListReads) =>
      reads ? [list.filter((x) => reads.members.has(x)).sort(), list.filter((x) => !reads.members.has(x)).length] : [];
    const memo = JSON.stringify([
      reader.id,
      present(flags, reader.flags),
      present(referrals, reader.referrals),
      flagChanges,
      referralChanges,
    ]);
    const known = this.tables.get(memo);
    if (known) return known;
    let table: string;
    if (size > READER_TABLE_LIMIT)
      table = JSON.stringify([present(flags, reader.flags), present(referrals, reader.referrals)]);
    else {
      const values: string[] = [];
      for (let n = 0; n < size; n++) {
        let rest = n;
        const f = new Set(flags);
        for (const flag of flagChanges) {
          const option = rest % 3;
          rest = Math.floor(rest / 3);
          if (option === 1) f.add(flag);
          if (option === 2) f.delete(flag);
        }
        const r = new Set(referrals);
        for (const service of referralChanges) {
          if (rest % 2 === 1) r.add(service);
          rest = Math.floor(rest / 2);
        }
        values.push(atomValueText(reader.evaluate(this.spaces.activationFor({ flags: [...f], referrals: [...r] }))));
      }
      table = values.join(",");
    }
    this.tables.set(memo, table);
    return table;
  }

  /**
   * The condition's value with every unanswered input left out, when it has one: then it does not depend on them,
   * because CEL only absorbs the error of a missing input where the result is decided without it.
   */
  private settledValue(condition: Condition, act: Activation, answered: Set<string>): string | undefined {
    if (condition.readsLists) return undefined;
    const input: Activation = {};
    for (const r of condition.reads) if (answered.has(r)) input[r] = act[r];
    const value = condition.evaluate(this.spaces.activationFor(input));
    return value === undefined ? undefined : atomValueText(value);
  }

  private openCombinations(condition: Condition, answered: Set<string>): number {
    let n = 1;
    for (const r of condition.reads)
      if (!answered.has(r)) n *= (this.spaces.space(condition.sop, r)?.classes.length ?? 0) + 1;
    return n;
  }

  private tableOf(atom: Atom | Condition, act: Activation, answered: Set<string>): string {
    const lists = "readsLists" in atom ? atom.readsLists : atom.readsFlags || atom.readsReferrals || atom.readsOutcome;
    const classes = atom.reads.map((r) => (answered.has(r) ? this.spaces.space(atom.sop, r)?.classify(act[r]) : -1));
    const fallback = `c${classes.join(",")}`;
    if (lists) return fallback;
    const cacheable = !classes.includes(undefined);
    const memo = `${atom.id}:${classes.join(",")}`;
    if (cacheable && this.tables.has(memo)) return this.tables.get(memo)!;
    const open = atom.reads.filter((r) => !answered.has(r));
    const dims = open.map((r) => {
      const space = this.spaces.space(atom.sop, r);
      return [...(space?.classes.map((c) => space.cel[c.representative]) ?? []), ABSENT];
    });
    const size = dims.reduce((n, d) => n * d.length, 1);
    let table = fallback;
    if (size <= KEY_TABLE_LIMIT) {
      const values: string[] = [];
      const index = dims.map(() => 0);
      for (let n = 0; n < size; n++) {
        const input: Activation = {};
        for (const r of atom.reads) if (answered.has(r)) input[r] = act[r];
        open.forEach((r, i) => {
          const v = dims[i][index[i]];
          if (v !== ABSENT) input[r] = v;
        });
        values.push(atomValueText(atom.evaluate(this.spaces.activationFor(input))));
        for (let i = dims.length - 1; i >= 0; i--) {
          if (++index[i] < dims[i].length) break;
          index[i] = 0;
        }
      }
      table = values.join(",");
    }
    if (cacheable) this.tables.set(memo, table);
    return table;
  }
}

/** Whether a scope is the procedure `within` or runs inside it ("" holds every scope). */
export function isWithin(scope: string, within: string): boolean {
  return within === "" || scope === within || scope.startsWith(`${within}/`);
}

function regionEnds(sop: SopDefinition, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  const ends: string[] = [];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id) || !sop.steps[id]) continue;
    seen.add(id);
    if (sop.steps[id].kind === "end") ends.push(id);
    for (const edge of nextEdges(id, sop.steps[id])) queue.push(edge.to);
  }
  return ends;
}

/** What the case may still do to the lists, from some moment on. */
export interface Ahead {
  conditions: Condition[];
  readers: Set<ListReader>;
  /** Flags an effect ahead raises or clears, and services a referral step ahead refers to. */
  flags: Set<string>;
  referrals: Set<string>;
  exactFlags: Set<string>;
  exactReferrals: Set<string>;
  /** Categories of sensitive questions ahead: the consents that can still matter. */
  sensitive: Set<string>;
}

function emptyAhead(): Ahead {
  return {
    conditions: [],
    readers: new Set(),
    flags: new Set(),
    referrals: new Set(),
    exactFlags: new Set(),
    exactReferrals: new Set(),
    sensitive: new Set(),
  };
}

function mergeAhead(into: Ahead, from: Ahead) {
  for (const r of from.readers) into.readers.add(r);
  for (const f of from.flags) into.flags.add(f);
  for (const r of from.referrals) into.referrals.add(r);
  for (const f of from.exactFlags) into.exactFlags.add(f);
  for (const r of from.exactReferrals) into.exactReferrals.add(r);
  for (const c of from.sensitive) into.sensitive.add(c);
}

/** The ids a reader would see change: those it names that may change ahead, and for whole-list reads a few others. */
function changeable(reads: ListReads | undefined, current: readonly string[], ahead: Set<string>): string[] {
  if (!reads) return [];
  const named = [...ahead].filter((x) => reads.members.has(x)).sort();
  const others = [...ahead].filter((x) => !reads.members.has(x) && !current.includes(x)).sort();
  return [...named, ...others.slice(0, reads.othersCap)];
}
