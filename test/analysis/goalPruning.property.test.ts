import fc from "fast-check";
import { answerSpacesOf, modelSop } from "../../src/engine/analysis/exploration/analyseSop";
import { planRun } from "../../src/engine/analysis/exploration/liveness";
import { runModel } from "../../src/engine/analysis/exploration/runModel";
import type { Model } from "../../src/engine/analysis/exploration/types";
import { loadLibrary } from "../../src/engine/index";
import { runs } from "../engine/propertyRuns";
import { readFixture } from "../engine/readFixture";

// A run that looks only for violations drops, as it goes, the states whose settled facts no check's condition allows
// (`keepToward` in `planRun`). That must never change what it finds: for random groups of the shipped SOPs'
// invariants, the goal-directed run finds exactly the states the full run finds at every check, and reaches no more states.
const library = loadLibrary(readFixture("../../sop"));
const ids = ["uasc", "trafficking", "pregnancy", "gbv-disclosure", "older-persons", "lgbtiq"];
const models = new Map<string, Model>(
  ids.map((id) => {
    const compiled = library.compiled.get(id)!;
    return [id, modelSop(compiled, { purpose: "check" }, answerSpacesOf(compiled))];
  }),
);
const LIMIT = 1_500_000;

function runBoth(model: Model, focus: Set<number>, coarse: boolean) {
  const { bdd } = model;
  const before = bdd.nodeCount;
  const full = runModel(model, planRun(model, focus, new Set(), new Map(), true, coarse, false), {
    maxNodes: before + LIMIT,
  });
  const plan = planRun(model, focus, new Set(), new Map(), true, coarse);
  const toward = runModel(model, plan, { maxNodes: bdd.nodeCount + LIMIT });
  // The states each run reached, moment by moment, counted over the facts either kept there (a diagram's size is
  // no measure: a set of fewer states can take more nodes).
  const sizes = [0, 0];
  for (const [node, f] of full.reached.entries()) {
    const g = toward.reached[node] ?? bdd.false;
    const facts = [...new Set([...bdd.support(f), ...bdd.support(g)])];
    sizes[0] += bdd.countOver(f, facts);
    sizes[1] += bdd.countOver(g, facts);
  }
  return { full, toward, plan, sizes: sizes as [number, number] };
}

describe("goal-directed runs", () => {
  it("find exactly what the full run finds, for random groups of invariants", () => {
    let compared = 0;
    let pruned = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (id, pick, count, coarse) => {
          const model = models.get(id)!;
          const invariants = [...new Set(model.checks.filter((c) => c.kind === "violation").map((c) => c.invariant!))];
          const chosen = new Set(
            Array.from({ length: count }, (_, i) => invariants[(pick + i * 7919) % invariants.length]),
          );
          const focus = new Set(model.checks.filter((c) => chosen.has(c.invariant!)).map((c) => c.id));
          const { full, toward, plan, sizes } = runBoth(model, focus, coarse);
          if (!full.complete) return;
          expect(toward.complete).toBe(true);
          for (const id of focus) expect(toward.found[id]).toBe(full.found[id]);
          compared++;
          expect(plan.goal).toBeDefined();
          expect(sizes[1]).toBeLessThanOrEqual(sizes[0]);
          if (sizes[1] < sizes[0]) pruned++;
        },
      ),
      { numRuns: runs(40) },
    );
    // Not vacuous: most runs completed, and the pruning dropped states in some of them.
    expect(compared).toBeGreaterThan(20);
    expect(pruned).toBeGreaterThan(5);
  });

  it("are not used where a run's states feed something else (a procedure's entry, a path's results)", () => {
    const model = models.get("uasc")!;
    const first = model.checks.find((c) => c.kind === "violation")!.invariant;
    const focus = new Set(model.checks.filter((c) => c.invariant === first).map((c) => c.id));
    const someDomain = model.domains[0];
    expect(planRun(model, focus, new Set(), new Map(), true).goal).toBeDefined();
    expect(planRun(model, focus, new Set(), new Map([[model.start, [someDomain]]]), true).goal).toBeUndefined();
    expect(planRun(model, focus, new Set([someDomain]), new Map(), true).goal).toBeUndefined();
    expect(planRun(model, focus).goal).toBeUndefined();
    expect(planRun(model, focus, new Set(), new Map(), true, false, false).goal).toBeUndefined();
  });

  it("are not used where the union of the checks' conditions allows nearly everything (it would cost more)", () => {
    const model = models.get("uasc")!;
    const all = new Set(model.checks.filter((c) => c.kind === "violation").map((c) => c.id));
    expect(planRun(model, all, new Set(), new Map(), true).goal).toBeUndefined();
  });
});
