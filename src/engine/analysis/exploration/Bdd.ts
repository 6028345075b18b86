/** A node of a `Bdd`: 0 is false, 1 is true, any other number an inner node of the diagram that made it. */
export type BddNode = number;

const FALSE = 0;
const TRUE = 1;
/** The level of the two terminals: below every variable. */
const TERMINAL = 0x3fffffff;

const OP_AND = 1;
const OP_OR = 2;
const OP_NOT = 3;
const OP_EXISTS = 4;
const OP_XOR = 5;
const OP_AND_EXISTS = 6;
const OP_MINUS = 7;
const OP_MEETS = 8;

/**
 * A reduced ordered binary decision diagram store: a set of boolean functions over numbered variables, shared as
 * one graph, so that equal functions are the same node and `a === b` tests equivalence. Variables are ordered by
 * the number they are given (`newVariable`); the analysis gives them in the order a case meets them.
 *
 * Nodes live in typed arrays with a hash table of unique nodes and a lossy cache of operation results, so the
 * operations cost time in proportion to the size of their arguments' graphs. Nothing is freed: a store lives as
 * long as one analysis. Pure and deterministic.
 */
/** The operation cache grows with the store up to this many entries (16 bytes each). */
const MAX_CACHE = 1 << 23;

export class Bdd {
  readonly false: BddNode = FALSE;
  readonly true: BddNode = TRUE;
  private levels: Int32Array;
  private lows: Int32Array;
  private highs: Int32Array;
  private count = 2;
  private unique: Int32Array;
  private uniqueMask: number;
  private cacheKeys: Int32Array;
  private cacheValues: Int32Array;
  private cacheMask: number;
  private variables = 0;
  /**
   * The most nodes the store may hold: an operation that would make one more throws `BddCeilingReached`, so that
   * one large operation is stopped where it grows, not after it (see `withCeiling`).
   */
  private ceiling = Number.POSITIVE_INFINITY;

  constructor(capacity = 1 << 16, cacheBits = 20) {
    this.levels = new Int32Array(capacity);
    this.lows = new Int32Array(capacity);
    this.highs = new Int32Array(capacity);
    this.levels[FALSE] = TERMINAL;
    this.levels[TRUE] = TERMINAL;
    this.unique = new Int32Array(capacity * 2).fill(-1);
    this.uniqueMask = capacity * 2 - 1;
    this.cacheKeys = new Int32Array((1 << cacheBits) * 3).fill(-1);
    this.cacheValues = new Int32Array(1 << cacheBits);
    this.cacheMask = (1 << cacheBits) - 1;
  }

  /** The number of variables made so far. */
  get variableCount(): number {
    return this.variables;
  }

  /** The number of nodes in the store, a measure of the work done. */
  get nodeCount(): number {
    return this.count;
  }

  /**
   * Runs `work` with the store limited to `most` nodes in all (or less, inside another such limit): returns undefined
   * when an operation reached the limit. What was made before stays valid: every node and cached result is whole.
   */
  withCeiling<T>(most: number, work: () => T): T | undefined {
    const outer = this.ceiling;
    this.ceiling = Math.min(outer, most);
    try {
      return work();
    } catch (error) {
      if (error instanceof BddCeilingReached && this.count >= this.ceiling) return undefined;
      throw error;
    } finally {
      this.ceiling = outer;
    }
  }

  /** Makes a new variable, ordered after every variable made before; returns its number. */
  newVariable(): number {
    return this.variables++;
  }

  /** The function that is true when variable `v` is. */
  variable(v: number): BddNode {
    return this.make(v, FALSE, TRUE);
  }

  /** The function that is true when variable `v` is false. */
  notVariable(v: number): BddNode {
    return this.make(v, TRUE, FALSE);
  }

  /** The variable a node tests (a large number for the terminals). */
  levelOf(node: BddNode): number {
    return this.levels[node];
  }

  lowOf(node: BddNode): BddNode {
    return this.lows[node];
  }

  highOf(node: BddNode): BddNode {
    return this.highs[node];
  }

  not(a: BddNode): BddNode {
    if (a === FALSE) return TRUE;
    if (a === TRUE) return FALSE;
    const hit = this.lookup(OP_NOT, a, 0);
    if (hit >= 0) return hit;
    const result = this.make(this.levels[a], this.not(this.lows[a]), this.not(this.highs[a]));
    this.store(OP_NOT, a, 0, result);
    return result;
  }

  and(a: BddNode, b: BddNode): BddNode {
    if (a === FALSE || b === FALSE) return FALSE;
    if (a === TRUE) return b;
    if (b === TRUE || a === b) return a;
    if (a > b) [a, b] = [b, a];
    const hit = this.lookup(OP_AND, a, b);
    if (hit >= 0) return hit;
    const la = this.levels[a];
    const lb = this.levels[b];
    const level = Math.min(la, lb);
    const result = this.make(
      level,
      this.and(la === level ? this.lows[a] : a, lb === level ? this.lows[b] : b),
      this.and(la === level ? this.highs[a] : a, lb === level ? this.highs[b] : b),
    );
    this.store(OP_AND, a, b, result);
    return result;
  }

  or(a: BddNode, b: BddNode): BddNode {
    if (a === TRUE || b === TRUE) return TRUE;
    if (a === FALSE) return b;
    if (b === FALSE || a === b) return a;
    if (a > b) [a, b] = [b, a];
    const hit = this.lookup(OP_OR, a, b);
    if (hit >= 0) return hit;
    const la = this.levels[a];
    const lb = this.levels[b];
    const level = Math.min(la, lb);
    const result = this.make(
      level,
      this.or(la === level ? this.lows[a] : a, lb === level ? this.lows[b] : b),
      this.or(la === level ? this.highs[a] : a, lb === level ? this.highs[b] : b),
    );
    this.store(OP_OR, a, b, result);
    return result;
  }

  xor(a: BddNode, b: BddNode): BddNode {
    if (a === b) return FALSE;
    if (a === FALSE) return b;
    if (b === FALSE) return a;
    if (a === TRUE) return this.not(b);
    if (b === TRUE) return this.not(a);
    if (a > b) [a, b] = [b, a];
    const hit = this.lookup(OP_XOR, a, b);
    if (hit >= 0) return hit;
    const la = this.levels[a];
    const lb = this.levels[b];
    const level = Math.min(la, lb);
    const result = this.make(
      level,
      this.xor(la === level ? this.lows[a] : a, lb === level ? this.lows[b] : b),
      this.xor(la === level ? this.highs[a] : a, lb === level ? this.highs[b] : b),
    );
    this.store(OP_XOR, a, b, result);
    return result;
  }

  /** a ∧ ¬b */
  minus(a: BddNode, b: BddNode): BddNode {
    if (a === FALSE || b === TRUE || a === b) return FALSE;
    if (b === FALSE) return a;
    if (a === TRUE) return this.not(b);
    const hit = this.lookup(OP_MINUS, a, b);
    if (hit >= 0) return hit;
    const la = this.levels[a];
    const lb = this.levels[b];
    const level = la < lb ? la : lb;
    const result = this.make(
      level,
      this.minus(la === level ? this.lows[a] : a, lb === level ? this.lows[b] : b),
      this.minus(la === level ? this.highs[a] : a, lb === level ? this.highs[b] : b),
    );
    this.store(OP_MINUS, a, b, result);
    return result;
  }

  /** Whether a ∧ b is satisfiable, without building it. */
  meets(a: BddNode, b: BddNode): boolean {
    if (a === FALSE || b === FALSE) return false;
    if (a === TRUE || b === TRUE || a === b) return true;
    if (a > b) [a, b] = [b, a];
    const hit = this.lookup(OP_MEETS, a, b);
    if (hit >= 0) return hit === TRUE;
    const la = this.levels[a];
    const lb = this.levels[b];
    const level = la < lb ? la : lb;
    const result =
      this.meets(la === level ? this.lows[a] : a, lb === level ? this.lows[b] : b) ||
      this.meets(la === level ? this.highs[a] : a, lb === level ? this.highs[b] : b);
    this.store(OP_MEETS, a, b, result ? TRUE : FALSE);
    return result;
  }

  /** if c then a else b */
  ite(c: BddNode, a: BddNode, b: BddNode): BddNode {
    if (c === TRUE) return a;
    if (c === FALSE) return b;
    if (a === b) return a;
    return this.or(this.and(c, a), this.and(this.not(c), b));
  }

  /** Whether a implies b. */
  implies(a: BddNode, b: BddNode): boolean {
    return !this.meets(a, this.not(b));
  }

  andAll(nodes: Iterable<BddNode>): BddNode {
    let out: BddNode = TRUE;
    for (const n of nodes) {
      out = this.and(out, n);
      if (out === FALSE) break;
    }
    return out;
  }

  orAll(nodes: Iterable<BddNode>): BddNode {
    let out: BddNode = FALSE;
    for (const n of nodes) {
      out = this.or(out, n);
      if (out === TRUE) break;
    }
    return out;
  }

  /** The conjunction of the variables given, as a set of variables for `exists`. */
  cube(variables: readonly number[]): BddNode {
    let out: BddNode = TRUE;
    for (const v of [...variables].sort((x, y) => y - x)) out = this.make(v, FALSE, out);
    return out;
  }

  /** The conjunction of literals: each variable with the value given. */
  assignment(values: ReadonlyMap<number, boolean> | readonly (readonly [number, boolean])[]): BddNode {
    const entries = [...values].sort((x, y) => y[0] - x[0]);
    let out: BddNode = TRUE;
    for (const [v, value] of entries) out = value ? this.make(v, FALSE, out) : this.make(v, out, FALSE);
    return out;
  }

  /** ∃ variables. f, where `variables` is a cube made by `cube`. */
  exists(f: BddNode, variables: BddNode): BddNode {
    if (f === FALSE || f === TRUE || variables === TRUE) return f;
    const lf = this.levels[f];
    while (variables !== TRUE && this.levels[variables] < lf) variables = this.highs[variables];
    if (variables === TRUE) return f;
    const hit = this.lookup(OP_EXISTS, f, variables);
    if (hit >= 0) return hit;
    let result: BddNode;
    if (this.levels[variables] === lf) {
      const rest = this.highs[variables];
      const low = this.exists(this.lows[f], rest);
      result = low === TRUE ? TRUE : this.or(low, this.exists(this.highs[f], rest));
    } else result = this.make(lf, this.exists(this.lows[f], variables), this.exists(this.highs[f], variables));
    this.store(OP_EXISTS, f, variables, result);
    return result;
  }

  /** ∃ variables. (a ∧ b), without building a ∧ b in full. */
  andExists(a: BddNode, b: BddNode, variables: BddNode): BddNode {
    if (a === FALSE || b === FALSE) return FALSE;
    if (variables === TRUE) return this.and(a, b);
    if (a === TRUE) return this.exists(b, variables);
    if (b === TRUE || a === b) return this.exists(a, variables);
    if (a > b) [a, b] = [b, a];
    const la = this.levels[a];
    const lb = this.levels[b];
    const level = Math.min(la, lb);
    while (variables !== TRUE && this.levels[variables] < level) variables = this.highs[variables];
    if (variables === TRUE) return this.and(a, b);
    const key = this.lookup3(OP_AND_EXISTS, a, b, variables);
    if (key >= 0) return key;
    const a0 = la === level ? this.lows[a] : a;
    const a1 = la === level ? this.highs[a] : a;
    const b0 = lb === level ? this.lows[b] : b;
    const b1 = lb === level ? this.highs[b] : b;
    let result: BddNode;
    if (this.levels[variables] === level) {
      const rest = this.highs[variables];
      const low = this.andExists(a0, b0, rest);
      result = low === TRUE ? TRUE : this.or(low, this.andExists(a1, b1, rest));
    } else result = this.make(level, this.andExists(a0, b0, variables), this.andExists(a1, b1, variables));
    this.store3(OP_AND_EXISTS, a, b, variables, result);
    return result;
  }

  /**
   * One satisfying assignment of f, as the literals on one path to `true` (variables off the path may take either
   * value), or undefined when f is false. Takes the low branch where it can, so the answer is stable.
   */
  satisfyOne(f: BddNode): Map<number, boolean> | undefined {
    if (f === FALSE) return undefined;
    const out = new Map<number, boolean>();
    while (f !== TRUE) {
      const low = this.lows[f];
      if (low !== FALSE) {
        out.set(this.levels[f], false);
        f = low;
      } else {
        out.set(this.levels[f], true);
        f = this.highs[f];
      }
    }
    return out;
  }

  /**
   * The number of assignments to `variables` (sorted by number, covering every variable f depends on) that make f
   * true, as a float (exact below 2^53).
   */
  countOver(f: BddNode, variables: readonly number[]): number {
    const order = [...variables].sort((a, b) => a - b);
    const position = new Map(order.map((v, i) => [v, i]));
    const memo = new Map<BddNode, number>();
    const count = (n: BddNode): number => {
      // Assignments of the variables at or below n's level (from its position on).
      if (n === FALSE) return 0;
      if (n === TRUE) return 1;
      const known = memo.get(n);
      if (known !== undefined) return known;
      const at = position.get(this.levels[n])!;
      const below = (child: BddNode) => {
        const next = child <= TRUE ? order.length : position.get(this.levels[child])!;
        return count(child) * 2 ** (next - at - 1);
      };
      const result = below(this.lows[n]) + below(this.highs[n]);
      memo.set(n, result);
      return result;
    };
    if (f === FALSE) return 0;
    const first = f <= TRUE ? order.length : position.get(this.levels[f])!;
    return count(f) * 2 ** first;
  }

  /** The restriction of f to variable `v` having `value`. */
  restrict(f: BddNode, v: number, value: boolean): BddNode {
    return this.exists(this.and(f, value ? this.variable(v) : this.notVariable(v)), this.cube([v]));
  }

  /** The number of nodes reachable from f. */
  size(f: BddNode): number {
    const seen = new Set<number>();
    const stack = [f];
    while (stack.length) {
      const n = stack.pop()!;
      if (n <= TRUE || seen.has(n)) continue;
      seen.add(n);
      stack.push(this.lows[n], this.highs[n]);
    }
    return seen.size;
  }

  /** The variables f depends on. */
  support(f: BddNode): Set<number> {
    const seen = new Set<number>();
    const out = new Set<number>();
    const stack = [f];
    while (stack.length) {
      const n = stack.pop()!;
      if (n <= TRUE || seen.has(n)) continue;
      seen.add(n);
      out.add(this.levels[n]);
      stack.push(this.lows[n], this.highs[n]);
    }
    return out;
  }

  private make(level: number, low: BddNode, high: BddNode): BddNode {
    if (low === high) return low;
    let slot = this.hash(level, low, high) & this.uniqueMask;
    for (;;) {
      const n = this.unique[slot];
      if (n < 0) break;
      if (this.levels[n] === level && this.lows[n] === low && this.highs[n] === high) return n;
      slot = (slot + 1) & this.uniqueMask;
    }
    if (this.count >= this.ceiling) throw new BddCeilingReached();
    if (this.count >= this.levels.length) {
      this.grow();
      return this.make(level, low, high);
    }
    const n = this.count++;
    this.levels[n] = level;
    this.lows[n] = low;
    this.highs[n] = high;
    this.unique[slot] = n;
    return n;
  }

  private grow() {
    const capacity = this.levels.length * 2;
    const copy = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    this.levels = copy(this.levels);
    this.lows = copy(this.lows);
    this.highs = copy(this.highs);
    this.unique = new Int32Array(capacity * 2).fill(-1);
    this.uniqueMask = capacity * 2 - 1;
    // The cache grows with the store (up to MAX_CACHE entries): a cache far smaller than the graphs it serves loses
    // most results, and large runs compute the same operations again and again.
    if (this.cacheValues.length < capacity && this.cacheValues.length < MAX_CACHE) this.growCache();
    for (let n = 2; n < this.count; n++) {
      let slot = this.hash(this.levels[n], this.lows[n], this.highs[n]) & this.uniqueMask;
      while (this.unique[slot] >= 0) slot = (slot + 1) & this.uniqueMask;
      this.unique[slot] = n;
    }
  }

  /** Doubles the operation cache, keeping what it holds. */
  private growCache() {
    const keys = this.cacheKeys;
    const values = this.cacheValues;
    const size = values.length * 2;
    this.cacheKeys = new Int32Array(size * 3).fill(-1);
    this.cacheValues = new Int32Array(size);
    this.cacheMask = size - 1;
    for (let i = 0; i < values.length; i++)
      if (keys[i * 3] >= 0) this.store(keys[i * 3], keys[i * 3 + 1], keys[i * 3 + 2], values[i]);
  }

  private hash(a: number, b: number, c: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
    h ^= h >>> 15;
    return h >>> 0;
  }

  private lookup(op: number, a: number, b: number): number {
    const slot = (this.hash(op, a, b) & this.cacheMask) * 3;
    const keys = this.cacheKeys;
    if (keys[slot] === op && keys[slot + 1] === a && keys[slot + 2] === b) return this.cacheValues[slot / 3];
    return -1;
  }

  private store(op: number, a: number, b: number, result: number) {
    const slot = (this.hash(op, a, b) & this.cacheMask) * 3;
    this.cacheKeys[slot] = op;
    this.cacheKeys[slot + 1] = a;
    this.cacheKeys[slot + 2] = b;
    this.cacheValues[slot / 3] = result;
  }

  // Three-argument operations fold the third argument into the operation code's slot.
  private lookup3(op: number, a: number, b: number, c: number): number {
    return this.lookup(op | (c << 3), a, b);
  }

  private store3(op: number, a: number, b: number, c: number, result: number) {
    this.store(op | (c << 3), a, b, result);
  }
}

/** Thrown inside an operation when the store reaches the ceiling `withCeiling` set. */
export class BddCeilingReached extends Error {
  constructor() {
    super("the decision diagram store reached its ceiling");
  }
}
