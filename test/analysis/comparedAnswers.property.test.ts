import fc from "fast-check";
import { checkSop, type SopDefinition } from "../../src/engine/index";
import { runs } from "../engine/propertyRuns";
import { makeSop, step, t } from "../engine/sopBuilder";
import { compileWithFixtureCatalog } from "./analysisFixtures";

/**
 * Soundness of the proof where answers are compared with each other (`arrivals_today > arrivals_yesterday`,
 * `occupancy * 10 > capacity * 9`): for random linear comparisons between up to three numeric answers, `senda check`
 * must say VIOLATED exactly when some answers in range break the promise, found here by trying every one of them.
 * Before the comparisons were followed, "three days of rise under 500 a day" was never tried and such a promise was
 * PROVEN while the runtime broke it.
 */
const MAX = 12;
const VARIABLES = ["x", "y", "z"] as const;
type Variable = (typeof VARIABLES)[number];
const OPERATORS = [">", ">=", "<", "<=", "==", "!="] as const;

interface Comparison {
  left: Variable;
  a: number;
  op: (typeof OPERATORS)[number];
  right: Variable | null;
  b: number;
  c: number;
}

const comparison = fc.record({
  left: fc.constantFrom(...VARIABLES),
  a: fc.integer({ min: 1, max: 4 }),
  op: fc.constantFrom(...OPERATORS),
  right: fc.option(fc.constantFrom(...VARIABLES), { freq: 4, nil: null }),
  b: fc.integer({ min: 1, max: 4 }),
  c: fc.integer({ min: -6, max: 6 }),
});

const text = (k: Comparison) => {
  const left = k.a === 1 ? k.left : `${k.left} * ${k.a}`;
  const right = k.right === null ? "" : k.b === 1 ? k.right : `${k.right} * ${k.b}`;
  const constant = k.c === 0 && right ? "" : right ? ` ${k.c < 0 ? "-" : "+"} ${Math.abs(k.c)}` : `${k.c}`;
  return `${left} ${k.op} ${right}${constant}`;
};

const holds = (k: Comparison, v: Record<Variable, number>) => {
  const left = v[k.left] * k.a;
  const right = (k.right === null ? 0 : v[k.right] * k.b) + k.c;
  switch (k.op) {
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case "==":
      return left === right;
    case "!=":
      return left !== right;
  }
};

/** Asks x, y and z (0–12), then ends referred when `route` holds; promises "referred" whenever `when` holds. */
function sopOf(route: string, when: string): SopDefinition {
  const number = (v: string, next: string) =>
    step.number(v, next, { answer: { type: "number", integer: true, min: 0, max: MAX } });
  return makeSop(
    "compared",
    {
      "ask-x": number("x", "ask-y"),
      "ask-y": number("y", "ask-z"),
      "ask-z": number("z", "decide"),
      decide: { kind: "decision", title: t("Decide"), next: [{ when: route, to: "referred" }, { to: "closed" }] },
      referred: step.end("referred"),
      closed: step.end("closed"),
    },
    { invariants: [{ id: "promise", text: t("Promise"), when, expect: [{ outcome: ["referred"] }] }] },
  );
}

describe("proofs over answers compared with each other", () => {
  it("say VIOLATED exactly when some answers in range break the promise", () => {
    fc.assert(
      fc.property(
        fc.array(comparison, { minLength: 1, maxLength: 2 }),
        fc.array(comparison, { minLength: 1, maxLength: 2 }),
        (route, promise) => {
          const routeText = route.map((k) => `(${text(k)})`).join(" || ");
          const whenText = promise.map((k) => `(${text(k)})`).join(" && ");
          let broken = false;
          for (let x = 0; x <= MAX && !broken; x++)
            for (let y = 0; y <= MAX && !broken; y++)
              for (let z = 0; z <= MAX && !broken; z++) {
                const v = { x, y, z };
                broken = promise.every((k) => holds(k, v)) && !route.some((k) => holds(k, v));
              }
          const [verdict] = checkSop(compileWithFixtureCatalog(sopOf(routeText, whenText))).verdicts;
          expect(`${routeText} / ${whenText}: ${verdict.status}`).toBe(
            `${routeText} / ${whenText}: ${broken ? "violated" : "proven"}`,
          );
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it("finds three days of rise under the first threshold", () => {
    const rise = "z > y && y > x";
    const [dropped] = checkSop(compileWithFixtureCatalog(sopOf("z >= 10", `z >= 10 || (${rise})`))).verdicts;
    expect(dropped.status).toBe("violated");
    const [kept] = checkSop(compileWithFixtureCatalog(sopOf(`z >= 10 || (${rise})`, `z >= 10 || (${rise})`))).verdicts;
    expect(kept.status).toBe("proven");
  });
});
