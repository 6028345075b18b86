import type { Catalog, SopDefinition, Step } from "../../src/engine/index";

/** The catalog the generated SOPs refer to. */
export const BENCH_CATALOG: Catalog = {
  flags: [{ id: "bench-flag", label: { es: "Marca", en: "Flag" }, sensitivity: "public", priority: 5 }],
};

/**
 * A generated SOP of `size` steps: questions (yes/no and numbers) in a chain, every fifth one branching on its
 * answer and raising a flag, then "another round?" which loops back to the start, and an end. The loop lets
 * even a 50-step SOP produce a 1,000-event case.
 */
export function generateBenchSop(size: number): SopDefinition {
  const steps: Record<string, Step> = {};
  const questions = Math.max(1, size - 2);
  const t = (s: string) => ({ es: s, en: s });
  for (let i = 0; i < questions; i++) {
    const id = `q${i}`;
    const next = i + 1 < questions ? `q${i + 1}` : "again";
    const numeric = i % 2 === 1;
    const condition = numeric ? `v${i} > 50` : `v${i}`;
    steps[id] = {
      kind: "question",
      title: t(`Question ${i}`),
      say: t(`Question ${i}?`),
      variable: `v${i}`,
      answer: numeric ? { type: "number", min: 0, max: 100 } : { type: "yes-no" },
      ...(i % 5 === 4
        ? { effects: [{ raise: "bench-flag", when: condition }], next: [{ when: condition, to: next }, { to: next }] }
        : { next }),
    } as Step;
  }
  steps.again = {
    kind: "question",
    title: t("Again"),
    say: t("Another round?"),
    variable: "again",
    answer: { type: "yes-no" },
    next: [{ when: "again", to: "q0" }, { to: "done" }],
  };
  steps.done = { kind: "end", outcome: "closed" };
  return {
    id: `bench-${size}`,
    version: "1.0.0",
    title: t(`Bench ${size}`),
    owner: "bench",
    legalBasis: [],
    start: "q0",
    steps,
  };
}

/** The answer the benchmark gives at a step: alternating values so both branches are taken. */
export function benchAnswer(sop: SopDefinition, stepId: string, round: number, rounds: number): boolean | number {
  if (stepId === "again") return round + 1 < rounds;
  const step = sop.steps[stepId];
  const i = Number(stepId.slice(1));
  if (step.kind === "question" && step.answer.type === "number") return (i * 37 + round) % 101;
  return (i + round) % 2 === 0;
}
