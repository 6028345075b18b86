import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Environment } from "@marcbachmann/cel-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compileSop, loadLibrary, prepareExpressions, runScenario, type Scenario } from "../../src/engine/index";

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith(".json") ? [full] : [];
  });
const files = walk("sop")
  .filter((f) => !f.includes("scenarios"))
  .map((full) => ({ path: relative("sop", full), text: readFileSync(full, "utf8") }));
const scenarios = readdirSync("sop/scenarios")
  .filter((f) => f.endsWith(".scenario.json"))
  .map((f) => JSON.parse(readFileSync(`sop/scenarios/${f}`, "utf8")) as Scenario)
  .filter((s) => s.sop === "screening");

describe("prepareExpressions", () => {
  afterEach(() => vi.restoreAllMocks());

  it("parses every expression a screening case evaluates, so that no answer parses one", () => {
    // A fresh compilation of its own (as the officers' client makes one): its scopes have parsed nothing yet.
    const { library, compiled: loaded } = loadLibrary(files);
    const compiled = compileSop(library.sops.get("screening")!, library);
    const prepared = prepareExpressions(compiled);
    expect(prepared).toBeGreaterThan(50);
    // loadLibrary compiles with the environments lint built, where every expression was parsed and type-checked.
    expect(prepareExpressions(loaded.get("screening")!)).toBe(0);
    // Kept: nothing is parsed twice.
    expect(prepareExpressions(compiled)).toBe(0);
    const parse = vi.spyOn(Environment.prototype, "parse");
    expect(scenarios.length).toBeGreaterThan(20);
    for (const scenario of scenarios) expect(runScenario(compiled, scenario).passed, scenario.id).toBe(true);
    // What is left is the decision trace's reading of single variables (a name is parsed as an expression there).
    const leftOver = parse.mock.calls.map(([expression]) => String(expression)).filter((e) => !/^\w+$/.test(e));
    expect(leftOver).toEqual([]);
  });

  it("gives the same results as parsing on first use", () => {
    const lazy = loadLibrary(files).compiled.get("screening")!;
    const eager = loadLibrary(files).compiled.get("screening")!;
    prepareExpressions(eager);
    const seen = (result: ReturnType<typeof runScenario>) => ({
      passed: result.passed,
      differences: result.differences,
      view: result.view,
    });
    for (const scenario of scenarios.slice(0, 30))
      expect(seen(runScenario(eager, scenario))).toEqual(seen(runScenario(lazy, scenario)));
  });
});
