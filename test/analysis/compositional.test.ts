import { proveCallSites } from "../../src/engine/analysis/checks/proveCallSites";
import { crossProcedures } from "../../src/engine/analysis/exploration/crossProcedures";
import { planRun } from "../../src/engine/analysis/exploration/liveness";
import { runModel } from "../../src/engine/analysis/exploration/runModel";
import { loadLibrary, modelSop } from "../../src/engine/index";
import { readFixture } from "../engine/readFixture";

// The two compositional steps of `senda check` are exact, not approximations: they must find the same states as a
// run of the whole case through every procedure. Checked on shipped SOPs that run procedures.
const library = loadLibrary(readFixture("../../sop"));

describe("going round a procedure (crossProcedures)", () => {
  it.each(["uasc", "lgbtiq"])("reaches the same states at %s's own ends as working through it", (id) => {
    const model = modelSop(library.compiled.get(id)!);
    const own = model.checks.filter((c) => c.kind === "violation" && c.scope === "");
    expect(own.length).toBeGreaterThan(0);
    const plan = planRun(model, new Set(own.map((c) => c.id)), new Set(), new Map(), true);
    const through = runModel(model, plan);
    let crossings = 0;
    const cross = crossProcedures(model, plan);
    const round = runModel(model, plan, {}, undefined, (node, states) => {
      const out = cross(node, states);
      if (out) crossings++;
      return out;
    });
    expect(crossings).toBeGreaterThan(0);
    const ends = model.nodes.filter((n) => n.kind === "end" && !n.step.includes("/"));
    expect(ends.length).toBeGreaterThan(0);
    for (const end of ends) expect(round.reached[end.id]).toBe(through.reached[end.id]);
    for (const check of own) expect(round.found[check.id]).toBe(through.found[check.id]);
  });
});

describe("proving procedures call site by call site (proveCallSites)", () => {
  it.each(["uasc", "lgbtiq"])("proves in %s exactly the procedures' checks a whole run finds nothing for", (id) => {
    const model = modelSop(library.compiled.get(id)!);
    const inner = model.checks.filter((c) => c.kind === "violation" && c.scope !== "");
    expect(inner.length).toBeGreaterThan(0);
    const whole = runModel(model, planRun(model, new Set(inner.map((c) => c.id))));
    const { proven, complete } = proveCallSites(model, inner, 2_000_000);
    expect(complete).toBe(true);
    for (const check of inner) expect(proven.has(check.id)).toBe(whole.found[check.id] === model.bdd.false);
  });

  it("leaves open a check that a state breaks", () => {
    // A procedure's invariant made to fail everywhere: no call site may claim it.
    const compiled = library.compiled.get("uasc")!;
    const model = modelSop(compiled);
    const inner = model.checks.filter((c) => c.kind === "violation" && c.scope !== "");
    const broken = { ...inner[0], id: model.checks.length, cond: model.bdd.true };
    model.checks.push(broken);
    model.nodes[broken.node!].checks.push(broken.id);
    const { proven } = proveCallSites(model, [broken], 2_000_000);
    expect(proven.has(broken.id)).toBe(false);
  });
});
