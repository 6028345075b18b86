import { coverScenarios, type Scenario } from "../../src/engine/index";
import { analysisFixture, loadAnalysisFixtures } from "./analysisFixtures";

const scenarios = (): Scenario[] => loadAnalysisFixtures().scenarios.map((s) => s.scenario);

describe("coverage of an SOP by its scenarios", () => {
  const compiled = analysisFixture("branching");

  it("matches each scenario to the path it follows, whatever exact answers it gives", () => {
    const coverage = coverScenarios(compiled, scenarios());
    // The child of 15 and the adult of 40 follow paths whose representatives are 17 and 18.
    expect(coverage.scenarios.map((s) => [s.id, s.path !== undefined])).toEqual([
      ["branching-adult-no-help", true],
      ["branching-child-alone", true],
    ]);
    expect(coverage.paths).toEqual({ covered: 2, total: 4, listed: 4 });
    expect(coverage.pathsExact).toBe(true);
  });

  it("counts steps, routes, referrals and answer classes covered against those the analysis reaches", () => {
    const coverage = coverScenarios(compiled, scenarios());
    expect(coverage.steps).toEqual({ covered: 6, total: 7 });
    expect(coverage.missed.steps.map((m) => m.what)).toEqual(["refer-support"]);
    expect(coverage.routes).toEqual({ covered: 3, total: 4 });
    expect(coverage.missed.routes.map((m) => m.what)).toEqual([
      'route 1 of "ask-help" (to "refer-support", when wants_help)',
    ]);
    expect(coverage.referrals).toEqual({ covered: 1, total: 3 });
    expect(coverage.missed.referrals.map((m) => m.what).sort()).toEqual([
      "refer-support:declined",
      "refer-support:made",
    ]);
    expect(coverage.missed.answers.map((m) => m.what).sort()).toEqual([
      '"ask-help" answered yes',
      '"ask-with" answered Parent',
    ]);
  });

  it("lists what is missed with the answers that reach it", () => {
    const coverage = coverScenarios(compiled, scenarios());
    const missed = coverage.missed.paths.map((p) => p.answers?.map((a) => `${a.title}: ${a.text}`).join("; "));
    expect(missed.sort()).toEqual([
      "Age: 0–17 years; Travelling with: Parent; Help: yes",
      "Age: 0–17 years; Travelling with: Parent; Help: yes; Support: declines the referral",
    ]);
    expect(coverage.missed.steps[0].answers?.map((a) => `${a.title}: ${a.text}`)).toEqual([
      "Age: 0–17 years",
      "Travelling with: Parent",
      "Help: yes",
    ]);
  });

  it("covers nothing without scenarios, and says why a scenario covers no path", () => {
    expect(coverScenarios(compiled, []).paths.covered).toBe(0);
    const stopped: Scenario = { ...scenarios()[0], id: "stops-early", steps: [{ step: "ask-age", answer: 40 }] };
    const refused: Scenario = { ...scenarios()[0], id: "refused", steps: [{ step: "ask-help", answer: true }] };
    const coverage = coverScenarios(compiled, [stopped, refused]);
    expect(coverage.scenarios.map((s) => s.note)).toEqual([
      "it stops before the case ends",
      expect.stringMatching(/^it is refused at "ask-help"/),
    ]);
  });
});
