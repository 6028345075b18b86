import type { CompiledSop } from "../compile/CompiledSop";
import { compileSop } from "../compile/compileSop";
import { nextEdges } from "../definition/stepGraph";
import type { CatalogIndex, SopDefinition, Step } from "../definition/types";
import { checkSop } from "./checks/checkSop";
import { enumeratePaths } from "./enumeratePaths";
import { exploreSop } from "./exploreSop";

/** One measured size: the SOP, what the analysis explored, and its times beside the baseline's. */
export interface AnalysisBenchRow {
  questions: number;
  options: number;
  steps: number;
  states: number;
  paths: number;
  exploreMs: number;
  checkMs: number;
  /** A plain depth-first walk over the SOP's step graph (each step once), measured in the same run. */
  baselineMs: number;
  /** exploreMs / baselineMs: how many graph walks one exploration costs, whatever the machine. */
  ratio: number;
}

const text = (en: string) => ({ es: en, en });

/**
 * A generated SOP for the benchmark: `questions` one-of questions of `options` options in a row; the first option
 * raises a flag, the second routes to a referral; an invariant on the first question holds to the end. Its case
 * states grow with the questions times the options, its paths as the options to the power of the questions.
 */
export function generateBenchSop(questions: number, options: number): { sop: SopDefinition; catalog: CatalogIndex } {
  const steps: Record<string, Step> = {};
  for (let i = 0; i < questions; i++) {
    const next = i + 1 < questions ? `q${i + 1}` : "wrap-up";
    steps[`q${i}`] = {
      kind: "question",
      title: text(`Question ${i}`),
      say: text(`Question ${i}?`),
      variable: `v${i}`,
      answer: {
        type: "one-of",
        options: Array.from({ length: options }, (_, o) => ({ value: `o${o}`, label: text(`Option ${o}`) })) as never,
      },
      effects: [{ raise: "bench-flag", when: `v${i} == "o0"` }],
      next: [{ when: `v${i} == "o1"`, to: `r${i}` }, { to: next }],
    };
    steps[`r${i}`] = {
      kind: "referral",
      title: text(`Referral ${i}`),
      service: "bench-service",
      urgency: "routine",
      reason: text("Benchmark"),
      requiresConsent: false,
      next,
    };
  }
  steps["wrap-up"] = {
    kind: "decision",
    next: [{ when: '"bench-flag" in flags', to: "end-flagged" }, { to: "end-closed" }],
  };
  steps["end-flagged"] = { kind: "end", outcome: "referred" };
  steps["end-closed"] = { kind: "end", outcome: "closed" };
  const sop: SopDefinition = {
    id: "bench",
    version: "1.0.0",
    title: text("Benchmark"),
    owner: "Senda benchmark",
    legalBasis: [],
    start: "q0",
    steps,
    invariants: [
      {
        id: "first-answer-flagged",
        text: text("The first option raises the flag"),
        when: 'v0 == "o0"',
        expect: [{ flag: "bench-flag" }],
      },
    ],
  };
  const catalog: CatalogIndex = {
    services: new Map([
      [
        "bench-service",
        {
          id: "bench-service",
          name: text("Service"),
          agency: "Bench",
          accepts: [],
          confidentiality: "public",
        } as never,
      ],
    ]),
    flags: new Map([
      ["bench-flag", { id: "bench-flag", label: text("Flag"), sensitivity: "public", priority: 5 } as never],
    ]),
    sites: new Map(),
    roles: new Map(),
  };
  return { sop, catalog };
}

/** Walks the step graph depth first, each step once: the baseline. Returns the steps seen. */
function walkGraph(sop: SopDefinition): number {
  const seen = new Set<string>();
  const stack = [sop.start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of nextEdges(id, sop.steps[id])) stack.push(edge.to);
  }
  return seen.size;
}

/**
 * Measures path enumeration (`exploreSop` + counting paths) and checking (`checkSop`) on generated SOPs of growing
 * size and branching, beside a plain graph walk of the same SOP measured in the same run, as a ratio. `now` is the
 * caller's clock (the engine has none), e.g. `() => performance.now()`.
 *
 * @example
 * const rows = benchAnalysis(() => performance.now());
 */
export function benchAnalysis(
  now: () => number,
  sizes: readonly { questions: number; options: number }[] = [
    { questions: 5, options: 2 },
    { questions: 10, options: 3 },
    { questions: 20, options: 3 },
    { questions: 40, options: 4 },
  ],
): AnalysisBenchRow[] {
  return sizes.map(({ questions, options }) => {
    const { sop, catalog } = generateBenchSop(questions, options);
    const compiled: CompiledSop = compileSop(sop, { sops: new Map([[sop.id, sop]]), catalog });
    let start = now();
    const exploration = exploreSop(compiled);
    const paths = enumeratePaths(exploration, { limit: 1 }).total;
    const exploreMs = now() - start;
    start = now();
    checkSop(compiled);
    const checkMs = now() - start;
    // The walk is far quicker than a millisecond: repeat it and take the mean.
    const repeats = 2000;
    start = now();
    for (let i = 0; i < repeats; i++) walkGraph(sop);
    const baselineMs = (now() - start) / repeats;
    return {
      questions,
      options,
      steps: Object.keys(sop.steps).length,
      states: exploration.stats.states,
      paths,
      exploreMs: round(exploreMs),
      checkMs: round(checkMs),
      baselineMs: round(baselineMs, 4),
      ratio: Math.round(exploreMs / Math.max(baselineMs, 1e-6)),
    };
  });
}

function round(ms: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(ms * f) / f;
}
