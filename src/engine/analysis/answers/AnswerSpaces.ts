import type { SopDefinition } from "../../definition/generated/sop";
import type { Activation, CelValue, ExpressionScope } from "../../expression/ExpressionScope";
import { toCelValue } from "../../expression/ExpressionScope";
import { declaredVariables } from "../../expression/variables";
import { ANALYSIS_EPOCH, answerCandidates, type Candidate, checklistCandidates } from "./answerCandidates";
import { type Atom, type AtomCounter, atomValueText, collectAtoms, type Literals, type SopAtoms } from "./collectAtoms";
import { closeOverComparisons } from "./comparedAnswers";
import type { AnswerClass, AnswerSpace } from "./types";

/** Marks an input left unanswered when an atom is evaluated. */
export const ABSENT: unique symbol = Symbol("absent");

/** Beyond this many input combinations, an atom's answers are not grouped (each value is its own class). */
const TABLE_LIMIT = 20_000;
const DURATION_UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
const OUTCOMES = ["", "closed", "referred", "escalated", "transferred"];

interface TableView {
  atom: Atom;
  /** For each read variable: its candidates' CEL values (ABSENT last), and for foreign inputs their values. */
  dims: CelValue[][];
  names: string[];
}

/**
 * The answer classes of every variable of every SOP in a bundle (the SOP and the SOPs it runs). Conditions of a
 * called SOP count for the caller's variables they are bound to by `with`, so a threshold in the callee splits
 * the caller's answers too. Pure.
 */
export class AnswerSpaces {
  readonly atoms = new Map<string, SopAtoms>();
  /** Atoms of called SOPs, seen from the caller's variables, by caller SOP id. */
  readonly composed = new Map<string, Atom[]>();
  private readonly spaces = new Map<string, Map<string, AnswerSpace>>();
  private readonly allFlags: string[];
  private readonly allServices: string[];
  readonly now = new Date(ANALYSIS_EPOCH);

  constructor(
    private readonly bundle: ReadonlyMap<string, SopDefinition>,
    private readonly scopes: ReadonlyMap<string, ExpressionScope>,
    private readonly counter: AtomCounter,
  ) {
    const flags = new Set<string>();
    const services = new Set<string>();
    for (const sop of bundle.values()) {
      for (const step of Object.values(sop.steps)) {
        for (const effect of step.effects ?? []) if ("raise" in effect) flags.add(effect.raise);
        if (step.kind === "referral") services.add(step.service);
      }
    }
    this.allFlags = [...flags];
    this.allServices = [...services];
    for (const id of bundle.keys()) this.spacesOf(id);
  }

  /** The answer space of a variable of an SOP of the bundle. */
  space(sop: string, variable: string): AnswerSpace | undefined {
    return this.spacesOf(sop).get(variable);
  }

  /** Every answer space of an SOP, in declaration order. */
  spacesOf(sopId: string): Map<string, AnswerSpace> {
    const known = this.spaces.get(sopId);
    if (known) return known;
    const sop = this.bundle.get(sopId)!;
    const expressions = this.scopes.get(sopId)!;
    const own = collectAtoms(sop, expressions, this.counter);
    this.atoms.set(sopId, own);
    const composed = this.composeCallees(sop, expressions);
    this.composed.set(sopId, composed);
    const atoms = [...own.all, ...composed];
    const result = new Map<string, AnswerSpace>();
    this.spaces.set(sopId, result);
    const { variables } = declaredVariables(sop);
    const candidates = new Map<string, { list: Candidate[]; notes: string[] }>();
    for (const declaration of variables.values()) {
      const reading = atoms.filter((a) => a.reads.includes(declaration.name));
      const literals = mergeLiterals(reading.map((a) => a.literals));
      const notes: string[] = [];
      const step = sop.steps[declaration.step];
      const list = declaration.answer
        ? answerCandidates(declaration.answer, literals, notes)
        : step.kind === "checklist"
          ? reading.length > 0
            ? checklistCandidates(step.items, literals, notes)
            : [{ json: step.items.filter((i) => i.required).map((i) => i.id), preferred: true }]
          : [];
      candidates.set(declaration.name, { list, notes });
    }
    const celOf = (name: string, json: unknown): CelValue => {
      const declaration = variables.get(name)!;
      const answer = declaration.answer;
      const unit = answer?.type === "duration" ? DURATION_UNIT_SECONDS[answer.unit] : undefined;
      return toCelValue(declaration.type, json, unit);
    };
    const questions = new Map([...variables.values()].map((d) => [d.name, d.answer]));
    closeOverComparisons(atoms, questions, candidates, celOf, (values) => this.activationFor(values));
    const celCandidates = new Map<string, CelValue[]>();
    for (const [name, { list }] of candidates)
      celCandidates.set(name, [...list.map((c) => celOf(name, c.json)), ABSENT]);

    // For each atom, its inputs; the signature of a value is the atom's values over every other input.
    const views = atoms.map((atom) => this.viewOf(atom, celCandidates));
    for (const declaration of variables.values()) {
      const name = declaration.name;
      const { list, notes } = candidates.get(name)!;
      const cel = celCandidates.get(name)!.slice(0, -1);
      const relevant = views.filter((v) => v.names.includes(name));
      const signatureOf = (value: CelValue, index?: number) =>
        relevant.map((view) => signature(view, name, value, index, this, notes)).join("\u0001");
      const byKey = new Map<string, number[]>();
      const keys = cel.map((value, i) => signatureOf(value, i));
      for (const [i, key] of keys.entries()) byKey.set(key, [...(byKey.get(key) ?? []), i]);
      const classes: AnswerClass[] = [...byKey.values()].map((members, index) => ({
        index,
        members,
        representative: members.find((m) => list[m].preferred) ?? members[0],
      }));
      const classOfKey = new Map([...byKey.keys()].map((key, i) => [key, i]));
      const cache = new Map<string, number | undefined>(cel.map((value, i) => [atomValueText(value), classOf(i)]));
      function classOf(candidate: number) {
        return classes.findIndex((c) => c.members.includes(candidate));
      }
      const step = sop.steps[declaration.step];
      result.set(name, {
        sop: sopId,
        variable: name,
        step: declaration.step,
        answer: declaration.answer,
        items: step.kind === "checklist" ? step.items : undefined,
        candidates: list,
        cel,
        classes,
        classify: (value) => {
          const text = atomValueText(value);
          if (!cache.has(text)) cache.set(text, classOfKey.get(signatureOf(value)));
          return cache.get(text);
        },
        notes: [...new Set(notes)],
      });
    }
    return result;
  }

  /** A fresh id for an atom or condition made after the spaces (so ids stay unique across an analysis). */
  nextId(): number {
    return this.counter.next++;
  }

  /** The activation an atom is evaluated with: the inputs given, the analysis clock, and nothing else. */
  activationFor(values: Activation): Activation {
    return { ...values, now: this.now };
  }

  private viewOf(atom: Atom, celCandidates: Map<string, CelValue[]>): TableView {
    const names: string[] = [...atom.reads];
    const dims: CelValue[][] = atom.reads.map((name) => celCandidates.get(name) ?? [ABSENT]);
    for (const foreign of atom.foreign) {
      names.push(foreign.name);
      dims.push(foreign.values);
    }
    if (atom.readsFlags) {
      names.push("flags");
      dims.push([[], this.allFlags]);
    }
    if (atom.readsReferrals) {
      names.push("referrals");
      dims.push([[], this.allServices]);
    }
    if (atom.readsOffered) {
      names.push("offered");
      dims.push([[], this.allServices]);
    }
    if (atom.readsOutcome) {
      names.push("outcome");
      dims.push(OUTCOMES);
    }
    return { atom, dims, names };
  }

  /** Atoms of the SOPs this one runs, rewritten to read this SOP's variables through the `with` bindings. */
  private composeCallees(sop: SopDefinition, expressions: ExpressionScope): Atom[] {
    const out: Atom[] = [];
    for (const [stepId, step] of Object.entries(sop.steps)) {
      if (step.kind !== "procedure" || !this.bundle.has(step.sop)) continue;
      const bindings = step.with ?? {};
      const calleeSpaces = this.spacesOf(step.sop);
      const calleeAtoms = [...this.atoms.get(step.sop)!.all, ...this.composed.get(step.sop)!];
      for (const inner of calleeAtoms) {
        const bound = inner.reads.filter((name) => name in bindings);
        if (bound.length === 0) continue;
        const reads = new Set<string>();
        // What the bindings read counts as read by the atom: a binding made of the case's flags (as uasc's health
        // needs are made of screening's) gives values that only the flags tell apart.
        const builtIns = new Set<string>();
        for (const name of bound)
          for (const v of expressions.mentionedVariables(bindings[name]))
            if (expressions.variables.has(v)) reads.add(v);
            else builtIns.add(v);
        const free = inner.reads.filter((name) => !(name in bindings));
        const foreignOwn = free.map((name) => {
          const space = calleeSpaces.get(name);
          const values = space ? [...space.classes.map((c) => space.cel[c.representative]), ABSENT] : [ABSENT];
          return { name: `${stepId}:${name}`, values, local: name };
        });
        out.push({
          ...inner,
          id: this.counter.next++,
          sop: sop.id,
          reads: [...reads].filter((r) => !["now", "flags", "referrals", "offered", "outcome"].includes(r)),
          readsFlags: inner.readsFlags || builtIns.has("flags"),
          readsReferrals: inner.readsReferrals || builtIns.has("referrals"),
          readsOffered: inner.readsOffered || builtIns.has("offered"),
          readsOutcome: inner.readsOutcome || builtIns.has("outcome"),
          literals: mergeLiterals([inner.literals]),
          foreign: [...inner.foreign.map((f) => ({ ...f, name: `${stepId}:${f.name}` })), ...foreignOwn],
          evaluate: (values) => {
            const act: Activation = {};
            for (const name of bound) {
              const value = expressions.evaluate(bindings[name], values);
              if (value !== undefined) act[name] = value;
            }
            for (const f of foreignOwn) if (values[f.name] !== undefined) act[f.local] = values[f.name];
            for (const f of inner.foreign)
              if (values[`${stepId}:${f.name}`] !== undefined) act[f.name] = values[`${stepId}:${f.name}`];
            for (const builtIn of ["now", "flags", "referrals", "offered", "outcome"])
              if (builtIn in values) act[builtIn] = values[builtIn];
            return inner.evaluate(act);
          },
        });
      }
    }
    return out;
  }
}

const tableCache = new WeakMap<TableView, { table: string[] }>();

/** The atom's values for `value` of `name` over every combination of its other inputs, as one string. */
function signature(
  view: TableView,
  name: string,
  value: CelValue,
  candidateIndex: number | undefined,
  spaces: AnswerSpaces,
  notes: string[],
): string {
  const at = view.names.indexOf(name);
  const size = view.dims.reduce((n, d) => n * d.length, 1);
  if (size > TABLE_LIMIT) {
    notes.push(
      `the condition "${view.atom.text}" has ${size} combinations of answers, too many to compare: each answer it reads is tried on its own`,
    );
    return `#${atomValueText(value)}`;
  }
  // Candidates reuse one full table per atom; other values are evaluated on their own.
  if (candidateIndex !== undefined) {
    let cached = tableCache.get(view);
    if (!cached) {
      cached = { table: evaluateTable(view, spaces) };
      tableCache.set(view, cached);
    }
    return sliceTable(view, cached.table, at, candidateIndex);
  }
  const dims = view.dims.map((d, i) => (i === at ? [value] : d));
  return evaluateTable({ ...view, dims }, spaces).join(",");
}

function evaluateTable(view: TableView, spaces: AnswerSpaces): string[] {
  const out: string[] = [];
  const index = view.dims.map(() => 0);
  const total = view.dims.reduce((n, d) => n * d.length, 1);
  for (let n = 0; n < total; n++) {
    const values: Activation = {};
    view.names.forEach((name, i) => {
      const v = view.dims[i][index[i]];
      if (v !== ABSENT) values[name] = v;
    });
    out.push(atomValueText(view.atom.evaluate(spaces.activationFor(values))));
    for (let i = view.dims.length - 1; i >= 0; i--) {
      index[i]++;
      if (index[i] < view.dims[i].length) break;
      index[i] = 0;
    }
  }
  return out;
}

function sliceTable(view: TableView, table: string[], at: number, valueIndex: number): string {
  const stride = view.dims.slice(at + 1).reduce((n, d) => n * d.length, 1);
  const width = view.dims[at].length;
  const parts: string[] = [];
  for (let n = 0; n < table.length; n++) if (Math.floor(n / stride) % width === valueIndex) parts.push(table[n]);
  return parts.join(",");
}

export function mergeLiterals(all: Literals[]): Literals {
  const out: Literals = { numbers: [], strings: [], durations: [], timestamps: [] };
  for (const l of all) {
    out.numbers.push(...l.numbers);
    out.strings.push(...l.strings);
    out.durations.push(...l.durations);
    out.timestamps.push(...l.timestamps);
  }
  return {
    numbers: [...new Set(out.numbers)],
    strings: [...new Set(out.strings)],
    durations: [...new Set(out.durations)],
    timestamps: [...new Set(out.timestamps)],
  };
}
