import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { benchAnalysis, formatAnalysisBench, moveChildThreshold, type SopDefinition } from "../../src/engine/index";
import { loadAnalysisFixtures } from "./analysisFixtures";

describe("the analysis benchmark", () => {
  it("times a check of every SOP of a library beside compiling it, as a table", () => {
    const loaded = loadAnalysisFixtures();
    let clock = 0;
    const rows = benchAnalysis(loaded.library, loaded.compiled, () => (clock += 1));
    expect(rows[0].what).toBe(`check the whole library (${loaded.compiled.size} SOPs)`);
    expect(rows[0].result).toMatch(/^\d+ proven, \d+ violated, \d+ unproven$/);
    expect(formatAnalysisBench(rows).split("\n")[0]).toBe("| analysis | result | time | compile (floor) | ratio |");
  });

  it("stops a quick run's library within its 100 s: what is left counts as unproven", () => {
    const loaded = loadAnalysisFixtures();
    // A clock where each reading is three seconds later: no check of the small fixtures reaches five minutes, but
    // all of them together pass 100 s.
    const clock = () => {
      let t = 0;
      return () => (t += 3_000);
    };
    const full = benchAnalysis(loaded.library, loaded.compiled, clock());
    expect(full[0].settled).toBe(true);
    const quick = benchAnalysis(loaded.library, loaded.compiled, clock(), { quick: true });
    expect(quick[0].settled).toBe(false);
    expect(quick[0].result).toMatch(/[1-9]\d* unproven$/);
  });

  it("moves screening's threshold for the children's procedure from 18 to 17, and nothing else", () => {
    const text = readFileSync(resolve(import.meta.dirname, "../../sop/screening.sop.json"), "utf8");
    const sop = JSON.parse(text) as SopDefinition;
    const moved = moveChildThreshold(sop);
    const route = (s: SopDefinition) => JSON.stringify((s.steps["need-uasc"] as { next: unknown }).next);
    expect(route(moved)).toBe(route(sop).replace("age < 18", "age < 17"));
    expect(JSON.stringify({ ...moved.steps, "need-uasc": null })).toBe(
      JSON.stringify({ ...sop.steps, "need-uasc": null }),
    );
  });
});
