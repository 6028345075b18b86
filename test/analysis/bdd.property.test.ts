import fc from "fast-check";
import { Bdd, type BddNode } from "../../src/engine/analysis/exploration/Bdd";

/** A random formula over `VARIABLES` variables, with existential quantification over a few of them. */
type Formula =
  | { op: "var"; v: number }
  | { op: "not"; a: Formula }
  | { op: "and" | "or" | "xor" | "minus"; a: Formula; b: Formula }
  | { op: "exists"; a: Formula; vs: number[] }
  | { op: "andExists"; a: Formula; b: Formula; vs: number[] };

const VARIABLES = 9;
const variable = fc.integer({ min: 0, max: VARIABLES - 1 });
const formula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    variable.map((v) => ({ op: "var" as const, v })),
    tie("f").map((a) => ({ op: "not" as const, a })),
    fc.record({
      op: fc.constantFrom("and" as const, "or" as const, "xor" as const, "minus" as const),
      a: tie("f"),
      b: tie("f"),
    }),
    fc.record({ op: fc.constant("exists" as const), a: tie("f"), vs: fc.uniqueArray(variable, { maxLength: 3 }) }),
    fc.record({
      op: fc.constant("andExists" as const),
      a: tie("f"),
      b: tie("f"),
      vs: fc.uniqueArray(variable, { maxLength: 3 }),
    }),
  ),
})).f;

/** The formula's value under an assignment (bit v of `at` is variable v). */
function truth(f: Formula, at: number): boolean {
  switch (f.op) {
    case "var":
      return ((at >> f.v) & 1) === 1;
    case "not":
      return !truth(f.a, at);
    case "and":
      return truth(f.a, at) && truth(f.b, at);
    case "or":
      return truth(f.a, at) || truth(f.b, at);
    case "xor":
      return truth(f.a, at) !== truth(f.b, at);
    case "minus":
      return truth(f.a, at) && !truth(f.b, at);
    case "exists":
    case "andExists":
      for (let bits = 0; bits < 1 << f.vs.length; bits++) {
        let here = at;
        f.vs.forEach((v, i) => {
          here = (bits >> i) & 1 ? here | (1 << v) : here & ~(1 << v);
        });
        if (f.op === "exists" ? truth(f.a, here) : truth(f.a, here) && truth(f.b, here)) return true;
      }
      return false;
  }
}

function build(bdd: Bdd, f: Formula): BddNode {
  switch (f.op) {
    case "var":
      return bdd.variable(f.v);
    case "not":
      return bdd.not(build(bdd, f.a));
    case "and":
    case "or":
    case "xor":
    case "minus":
      return bdd[f.op](build(bdd, f.a), build(bdd, f.b));
    case "exists":
      return bdd.exists(build(bdd, f.a), bdd.cube(f.vs));
    case "andExists":
      return bdd.andExists(build(bdd, f.a), build(bdd, f.b), bdd.cube(f.vs));
  }
}

function evaluate(bdd: Bdd, node: BddNode, at: number): boolean {
  let n = node;
  while (n !== bdd.true && n !== bdd.false) n = (at >> bdd.levelOf(n)) & 1 ? bdd.highOf(n) : bdd.lowOf(n);
  return n === bdd.true;
}

describe("the decision diagram store", () => {
  it("computes every operation as its truth table says, while its node store and its operation cache grow", () => {
    // One store for every formula, from a tiny size: it grows (nodes and cache) many times during the run, and
    // results cached before a growth are used after it.
    const bdd = new Bdd(4, 2);
    for (let v = 0; v < VARIABLES; v++) bdd.newVariable();
    fc.assert(
      fc.property(formula, formula, (f, g) => {
        const built = build(bdd, f);
        for (let at = 0; at < 1 << VARIABLES; at++) if (evaluate(bdd, built, at) !== truth(f, at)) return false;
        // Equal functions are the same node (canonical), whatever was built and cached in between.
        const both = build(bdd, { op: "and", a: f, b: g });
        return both === bdd.and(build(bdd, f), build(bdd, g)) && bdd.implies(both, built);
      }),
      { numRuns: 300 },
    );
    // From 4 nodes and 4 cache entries: both grew at least seven times.
    expect(bdd.nodeCount).toBeGreaterThan(512);
  });
});
