import { type ASTNode, Environment } from "@marcbachmann/cel-js";
import type { Answer } from "../../definition/types";
import type { Activation, CelValue } from "../../expression/ExpressionScope";
import type { Candidate } from "./answerCandidates";
import { type Atom, atomValueText } from "./collectAtoms";

/** What the closure needs of a numeric question: its range, whether it takes whole numbers, its CEL unit. */
interface NumericQuestion {
  integer: boolean;
  min?: number;
  max?: number;
  /** Seconds per unit of a duration's answer (its CEL value is a duration); 1 for a number. */
  scale: number;
}

/** A comparison `Σ coefficient × answer + constant OP 0`, with durations in seconds. */
interface LinearComparison {
  terms: Map<string, number>;
  constant: number;
}

/** Beyond this many combinations of the other answers a comparison reads, the combinations tried are spread out. */
const MAX_COMBINATIONS = 600;
/** The step between answers a flip point is sought to, for numbers that need not be whole. */
const FRACTION = 0.01;
const COMPARISONS = new Set(["<", "<=", ">", ">=", "==", "!="]);
const DURATION_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
const parser = new Environment();

/**
 * The candidates found from an expression's literals alone are the values on each side of each literal. That is
 * not enough where a comparison scales an answer (`x * 4 == 4` turns at 1, not at 4) or compares two answers
 * (`arrivals_today > arrivals_yesterday`, `occupancy * 10 > capacity * 9`): two answers that fall between the same
 * literals got the same few values, so "three days of rise under 500 a day" was never tried, and a promise about it
 * was PROVEN while the runtime broke it. For every numeric answer a comparison reads, this adds:
 * - where the comparison is linear (sums of answers times constants, constants, durations): the exact point where
 *   it turns, solved for that answer, for every combination of the other answers' candidates, and the whole
 *   numbers on each side;
 * - where it is not: the point where it turns between every two neighbouring candidates that disagree, sought by
 *   halving (a comparison of two answers turns at most once along one of them);
 * - for answers compared with each other: in every gap between candidates, as many distinct values as answers are
 *   compared together, so that every order of them can be tried (a chain `a > b > c` needs three values under the
 *   same literal).
 * Points are sought over the candidates as they stood before, then added. `notes` says what was done. Mutates
 * `candidates`.
 */
export function closeOverComparisons(
  atoms: readonly Atom[],
  questions: ReadonlyMap<string, Answer | undefined>,
  candidates: Map<string, { list: Candidate[]; notes: string[] }>,
  celOf: (name: string, json: unknown) => CelValue,
  activationFor: (values: Activation) => Activation,
): void {
  const numeric = new Map<string, NumericQuestion>();
  for (const [name, answer] of questions) {
    if (answer?.type === "number")
      numeric.set(name, { integer: answer.integer !== false, min: answer.min, max: answer.max, scale: 1 });
    else if (answer?.type === "duration")
      numeric.set(name, { integer: true, min: 0, max: answer.max, scale: DURATION_SECONDS[answer.unit] });
  }
  const reading = atoms.filter((a) => a.reads.some((r) => numeric.has(r)));
  if (reading.length === 0) return;
  const base = new Map([...candidates].map(([name, entry]) => [name, { list: [...entry.list] }]));

  const groups = new Map<string, Set<string>>();
  for (const atom of reading) {
    const read = atom.reads.filter((r) => numeric.has(r));
    const form = linearComparison(atom.text, numeric);
    if (form && [...form.terms.keys()].every((v) => atom.reads.includes(v))) {
      for (const [name, coefficient] of form.terms) {
        const question = numeric.get(name)!;
        const entry = candidates.get(name);
        if (!entry) continue;
        const others = [...form.terms.keys()].filter((v) => v !== name);
        for (const values of spreadCombinations(others.map((v) => numbersOf(base.get(v)?.list ?? [])))) {
          const rest = others.reduce((sum, v, i) => sum + form.terms.get(v)! * values[i], form.constant);
          const solution = -rest / coefficient;
          const around = question.integer
            ? [Math.floor(solution) - 1, Math.floor(solution), Math.ceil(solution), Math.ceil(solution) + 1]
            : [solution - FRACTION, solution, solution + FRACTION];
          for (const x of around) add(entry.list, question, x);
        }
      }
    } else if (read.length >= 2) {
      for (const name of read) {
        const question = numeric.get(name)!;
        const entry = candidates.get(name);
        if (!entry) continue;
        for (const others of combinations(atom, name, base, celOf)) {
          const valueAt = (x: number) =>
            atomValueText(atom.evaluate(activationFor({ ...others, [name]: celOf(name, x) })));
          for (const flip of flipPoints(base.get(name)!.list, question, valueAt))
            for (const x of [flip - step(question), flip, flip + step(question)]) add(entry.list, question, x);
        }
      }
    }
    if (read.length >= 2) {
      const merged = new Set(read.flatMap((r) => [...(groups.get(r) ?? [r])]));
      for (const name of merged) groups.set(name, merged);
    }
  }
  for (const [name, members] of groups) {
    const entry = candidates.get(name);
    if (!entry) continue;
    spread(entry.list, numeric.get(name)!, members.size);
    entry.notes.push(
      `compared with another answer (${[...members].filter((m) => m !== name).join(", ")}): answers are tried on each side of every point where the comparison turns`,
    );
  }
}

/** The comparison as a linear form, when both sides are sums of numeric answers times constants and constants. */
export function linearComparison(
  text: string,
  numeric: ReadonlyMap<string, { scale: number }>,
): LinearComparison | undefined {
  let ast: ASTNode;
  try {
    ast = parser.parse(text).ast;
  } catch {
    return undefined;
  }
  if (!COMPARISONS.has(ast.op)) return undefined;
  const [left, right] = ast.args as [ASTNode, ASTNode];
  const l = linear(left, numeric);
  const r = linear(right, numeric);
  if (!l || !r) return undefined;
  const terms = new Map(l.terms);
  for (const [name, c] of r.terms) terms.set(name, (terms.get(name) ?? 0) - c);
  for (const [name, c] of terms) if (c === 0) terms.delete(name);
  return terms.size > 0 ? { terms, constant: l.constant - r.constant } : undefined;
}

function linear(node: ASTNode, numeric: ReadonlyMap<string, { scale: number }>): LinearComparison | undefined {
  const args = node.args as unknown;
  switch (node.op) {
    case "id": {
      const question = numeric.get(args as string);
      return question ? { terms: new Map([[args as string, question.scale]]), constant: 0 } : undefined;
    }
    case "value":
      return typeof args === "bigint" || typeof args === "number"
        ? { terms: new Map(), constant: Number(args) }
        : undefined;
    case "call": {
      const [name, callArgs] = args as [string, ASTNode[]];
      if (name !== "duration" || callArgs.length !== 1 || callArgs[0].op !== "value") return undefined;
      const seconds = durationSeconds(String(callArgs[0].args));
      return seconds === undefined ? undefined : { terms: new Map(), constant: seconds };
    }
    case "-_": {
      const inner = linear(args as ASTNode, numeric);
      return inner && scaled(inner, -1);
    }
    case "+":
    case "-": {
      const [a, b] = (args as ASTNode[]).map((n) => linear(n, numeric));
      if (!a || !b) return undefined;
      const sign = node.op === "+" ? 1 : -1;
      const terms = new Map(a.terms);
      for (const [name, c] of b.terms) terms.set(name, (terms.get(name) ?? 0) + sign * c);
      return { terms, constant: a.constant + sign * b.constant };
    }
    case "*":
    case "/": {
      const [a, b] = (args as ASTNode[]).map((n) => linear(n, numeric));
      if (!a || !b) return undefined;
      if (node.op === "/") return b.terms.size === 0 && b.constant !== 0 ? scaled(a, 1 / b.constant) : undefined;
      if (a.terms.size === 0) return scaled(b, a.constant);
      if (b.terms.size === 0) return scaled(a, b.constant);
      return undefined;
    }
    default:
      return undefined;
  }
}

function scaled(form: LinearComparison, factor: number): LinearComparison {
  return { terms: new Map([...form.terms].map(([n, c]) => [n, c * factor])), constant: form.constant * factor };
}

/** Seconds in a CEL duration literal such as "72h" or "1h30m"; undefined when it is not one. */
function durationSeconds(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  const unit = { h: 3600, m: 60, s: 1, ms: 0.001 } as const;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

function numbersOf(list: Candidate[]): number[] {
  return list.map((c) => c.json as number);
}

/** Every combination of the given value lists, spread out when there are too many. */
function* spreadCombinations(dims: number[][]): Generator<number[]> {
  const total = dims.reduce((n, d) => n * d.length, 1);
  const stride = Math.max(1, Math.ceil(total / MAX_COMBINATIONS));
  for (let n = 0; n < total; n += stride) {
    let rest = n;
    const values = new Array<number>(dims.length);
    for (let i = dims.length - 1; i >= 0; i--) {
      values[i] = dims[i][rest % dims[i].length];
      rest = Math.floor(rest / dims[i].length);
    }
    yield values;
  }
}

function step(question: NumericQuestion): number {
  return question.integer ? 1 : FRACTION;
}

/** Adds `x` when it is in range and new; whether it was added. */
function add(list: Candidate[], question: NumericQuestion, value: number): boolean {
  const x = question.integer ? Math.round(value) : Math.round(value / FRACTION) * FRACTION;
  if (!Number.isFinite(x)) return false;
  if ((question.min !== undefined && x < question.min) || (question.max !== undefined && x > question.max))
    return false;
  if (list.some((c) => c.json === x)) return false;
  list.push({ json: x, preferred: true });
  list.sort((a, b) => (a.json as number) - (b.json as number));
  return true;
}

/** `count` distinct values inside every gap between the candidates, and beyond the last and the first. */
function spread(list: Candidate[], question: NumericQuestion, count: number) {
  const values = list.map((c) => c.json as number).sort((a, b) => a - b);
  const unit = step(question);
  for (let i = 0; i + 1 < values.length; i++) {
    const [a, b] = [values[i], values[i + 1]];
    const inside = Math.round((b - a) / unit) - 1;
    for (let j = 1; j <= Math.min(count, inside); j++)
      add(list, question, a + ((b - a) * j) / (Math.min(count, inside) + 1));
  }
  for (let j = 1; j <= count; j++) {
    add(list, question, values[values.length - 1] + j * unit);
    add(list, question, values[0] - j * unit);
  }
}

/** The values of the atom's other inputs to try: every combination of their candidates, spread out when too many. */
function* combinations(
  atom: Atom,
  name: string,
  candidates: Map<string, { list: Candidate[] }>,
  celOf: (name: string, json: unknown) => CelValue,
): Generator<Activation> {
  const others = atom.reads.filter((r) => r !== name);
  const dims = others.map((r) => (candidates.get(r)?.list ?? []).map((c) => celOf(r, c.json)));
  for (const foreign of atom.foreign) {
    others.push(foreign.name);
    dims.push(foreign.values);
  }
  const total = dims.reduce((n, d) => n * Math.max(1, d.length), 1);
  const stride = Math.max(1, Math.ceil(total / MAX_COMBINATIONS));
  for (let n = 0; n < total; n += stride) {
    const values: Activation = {};
    let rest = n;
    for (let i = dims.length - 1; i >= 0; i--) {
      const d = dims[i];
      if (d.length === 0) continue;
      const v = d[rest % d.length];
      rest = Math.floor(rest / d.length);
      if (v !== undefined && typeof v !== "symbol") values[others[i]] = v;
    }
    yield values;
  }
}

/** The first value where the atom's value changes, between every two neighbouring candidates that disagree. */
function flipPoints(list: Candidate[], question: NumericQuestion, valueAt: (x: number) => string): number[] {
  const values = list.map((c) => c.json as number).sort((a, b) => a - b);
  const unit = step(question);
  const flips: number[] = [];
  let previous = valueAt(values[0]);
  for (let i = 1; i < values.length; i++) {
    const current = valueAt(values[i]);
    if (current !== previous) {
      let [lo, hi] = [values[i - 1], values[i]];
      while (hi - lo > unit * 1.5) {
        const mid = question.integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
        if (valueAt(mid) === previous) lo = mid;
        else hi = mid;
      }
      flips.push(hi);
    }
    previous = current;
  }
  return flips;
}
