import {
  createRandom,
  loadSurgePlan,
  prepareSurge,
  runScenario,
  type SurgePlan,
  type SurgeResult,
  simulateSurge,
} from "../../src/engine/index";
import { QUIET_ANSWERS, shippedLibrary, smallPlan } from "./surgeFixtures";

function run(plan: SurgePlan, csvText?: string): SurgeResult {
  const { surge, issues } = prepareSurge(plan, shippedLibrary(), { csvText });
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  return simulateSurge(surge!, createRandom(surge!.seed));
}

const levels = (result: SurgeResult) => result.daily.map((d) => d.alert.level);

describe("surge personas: played once through the real SOPs", () => {
  it("sums the SOPs' estimates of the steps each persona visits into visits to the desks that handle them", () => {
    const { surge } = prepareSurge(smallPlan(), shippedLibrary());
    const [plain, child] = surge!.personas;
    expect(plain).toMatchObject({ id: "screening-man-34-with-wife-no-needs", sop: "screening", share: 0.9 });
    expect(plain.visits.map((v) => v.desk)).toEqual(["registration"]);
    // The child's screening runs the UASC procedure, handled at the protection desk.
    expect(child.visits.map((v) => v.desk)).toEqual(["registration", "protection"]);
    expect(child.referrals).toContain("senniaf");
    // The minutes are the estimates of exactly the steps visited.
    const compiled = shippedLibrary().compiled("screening")!;
    const visited = prepareSurgeVisited("screening-man-34-with-wife-no-needs");
    const expected = visited.reduce((sum, path) => {
      const at = compiled.steps.get(path)!;
      return sum + (compiled.scopes.get(at.scope)!.sop.estimates?.[at.id] ?? 0);
    }, 0);
    expect(plain.minutes).toBeCloseTo(expected, 9);
    expect(plain.minutes).toBeGreaterThan(0);
  });

  it("a step listed at a desk goes there, ahead of its SOP's desk", () => {
    const plan = smallPlan();
    plan.desks.push({ id: "consent", staff: 5, steps: { screening: ["consent-health"] } });
    const { surge, issues } = prepareSurge(plan, shippedLibrary());
    expect(issues).toEqual([]);
    expect(surge!.personas[0].visits.map((v) => v.desk)).toEqual(["registration", "consent", "registration"]);
  });

  it("plays an analysis path as a persona: the path numbered as `senda paths` numbers it", () => {
    const plan = smallPlan({ personas: [{ path: { sop: "pregnancy", number: 1 }, share: 1 }] });
    plan.desks.push({ id: "health", staff: 2, sops: ["pregnancy"] });
    const { surge, issues } = prepareSurge(plan, shippedLibrary());
    expect(issues).toEqual([]);
    expect(surge!.personas[0]).toMatchObject({ id: "pregnancy path 1", sop: "pregnancy" });
    expect(surge!.personas[0].visits.map((v) => v.desk)).toEqual(["health"]);
  });
});

/** The steps a scenario visits, from the engine, for checking the sums. */
function prepareSurgeVisited(id: string): string[] {
  const library = shippedLibrary();
  const scenario = library.scenarios.find((s) => s.id === id)!;
  const compiled = library.compiled(scenario.sop)!;
  return [...runScenario(compiled, scenario).session.context.visited];
}

describe("surge results", () => {
  it("are the same for the same plan and seed, and differ for another seed", () => {
    const plan = smallPlan({ arrivals: { kind: "constant", perHour: 20 }, days: 3 });
    const first = run(plan);
    expect(run(plan)).toEqual(first);
    expect(run({ ...plan, seed: 4 }).totals.arrivals).not.toBe(first.totals.arrivals);
  });

  it("count every arrival: handled, or still at a desk at the end", () => {
    const result = run(smallPlan({ arrivals: { kind: "constant", perHour: 30 }, days: 2 }));
    expect(result.totals.arrivals).toBe(result.totals.handled + result.totals.unfinished);
    expect(result.daily.reduce((sum, d) => sum + d.arrivals, 0)).toBe(result.totals.arrivals);
    expect(result.hourly.occupancy).toHaveLength(48);
    expect(result.hourly.queue).toHaveLength(2);
  });

  it("give referrals per service per day, from the personas' referrals", () => {
    const result = run(smallPlan({ days: 2, arrivals: { kind: "daily", counts: [400, 400] } }));
    const senniaf = result.services.indexOf("senniaf");
    expect(senniaf).toBeGreaterThanOrEqual(0);
    const children = result.daily.map((d) => d.referrals[senniaf]);
    // About one arrival in ten is the child, referred to SENNIAF once each.
    for (const n of children) expect(n).toBeGreaterThan(20);
    expect(children.reduce((a, b) => a + b, 0)).toBe(result.totals.referrals[senniaf]);
  });

  it("daily counts are met exactly", () => {
    const counts: [number, ...number[]] = [120, 0, 75, 310];
    const result = run(smallPlan({ days: 4, arrivals: { kind: "daily", counts } }));
    expect(result.daily.map((d) => d.arrivals)).toEqual(counts);
  });

  it("a CSV of daily counts gives the same days as the counts themselves", () => {
    const csv = "date,arrivals\n2024-03-01,120\n2024-03-02,0\n\n# a comment\n2024-03-03;75\n";
    const plan = smallPlan({ days: 3, arrivals: { kind: "csv", file: "counts.csv" } });
    const result = run(plan, csv);
    expect(result.daily.map((d) => [d.label, d.arrivals])).toEqual([
      ["2024-03-01", 120],
      ["2024-03-02", 0],
      ["2024-03-03", 75],
    ]);
  });
});

describe("alert levels: the site-contingency SOP decides them from each day's figures", () => {
  it("stay green while the arrivals stay below every threshold", () => {
    const result = run(
      smallPlan({ arrivals: { kind: "daily", counts: [300, 300, 499, 300, 300, 300, 499, 300, 300, 300] } }),
    );
    expect(levels(result)).toEqual(new Array(10).fill("green"));
    expect(result.alertChanges).toEqual([{ day: 1, date: "2024-03-01", from: undefined, to: "green" }]);
  });

  it("change on the days the arrivals cross the SOP's thresholds, and back when they fall", () => {
    const counts: [number, ...number[]] = [300, 300, 300, 500, 300, 999, 300, 1000, 1001, 1001, 1001, 300];
    const result = run(smallPlan({ days: 12, arrivals: { kind: "daily", counts } }));
    expect(levels(result)).toEqual([
      "green",
      "green",
      "green",
      "yellow", // 500 in the day
      "green",
      "yellow", // 999: still only yellow
      "green",
      "orange", // 1,000 in the day
      "orange",
      "orange",
      "red", // more than 1,000 on each of three days
      "green",
    ]);
    const red = result.daily[10].alert;
    expect(red.reason?.values).toMatchObject({
      arrivals_today: 1001,
      arrivals_yesterday: 1001,
      arrivals_2_days_ago: 1001,
    });
    expect(red.referrals).toContainEqual({ service: "sinaproc-coe", urgency: "immediate" });
    expect(red.outcome).toBe("escalated");
    expect(result.daily[0].alert.outcome).toBe("closed");
  });

  it("turn red when the people on site outnumber the places", () => {
    const plan = smallPlan({ days: 2, arrivals: { kind: "daily", counts: [300, 300] } });
    plan.beds = { capacity: 100, stayHours: 48 };
    const result = run(plan);
    expect(result.daily[1].occupancyPeak).toBeGreaterThan(100);
    expect(levels(result)[1]).toBe("red");
    expect(result.daily[1].alert.reason?.values).toMatchObject({ capacity: 100 });
  });

  it("take what the simulation cannot know from the plan, on the days it says", () => {
    const plan = smallPlan({ days: 5 });
    plan.contingency.changes = [{ fromDay: 2, toDay: 3, answers: { outbreak: "signal" } }];
    const result = run(plan);
    expect(levels(result)).toEqual(["green", "yellow", "yellow", "green", "green"]);
    expect(result.daily[1].alert.referrals).toContainEqual({ service: "minsa-health", urgency: "urgent" });
  });

  it("read the days before the first from the plan", () => {
    // 300 after 200 after 100: three days of rise is yellow, on the first day already.
    const plan = smallPlan({ days: 1, arrivals: { kind: "daily", counts: [300] } });
    plan.contingency.answers = { ...QUIET_ANSWERS, arrivals_2_days_ago: 100, arrivals_yesterday: 200 };
    expect(levels(run(plan))).toEqual(["yellow"]);
  });
});

describe("surge plans with mistakes: every problem reported, located, with the fix", () => {
  const prepare = (plan: SurgePlan) =>
    prepareSurge(plan, shippedLibrary()).issues.map((i) => [i.code, i.pointer, i.message]);

  it("a plan that breaks the schema is refused with the line and the JSON pointer", () => {
    const text = `{
  "arrivals": { "kind": "constant", "perHour": -5 },
  "personas": [],
  "desks": [{ "id": "desk", "staff": 1 }],
  "beds": { "capacity": 10, "stayHours": 1 },
  "contingency": { "answers": {} }
}`;
    const loaded = loadSurgePlan(text, "plan.json");
    expect(loaded.plan).toBeUndefined();
    expect(loaded.issues.map((i) => [i.code, i.pointer, i.line])).toEqual(
      expect.arrayContaining([
        ["schema", "/arrivals/perHour", 2],
        ["schema", "/personas", 3],
      ]),
    );
    expect(loaded.issues.every((i) => i.file === "plan.json")).toBe(true);
  });

  it("an unknown scenario, site, SOP or role is named with the nearest known one", () => {
    const plan = smallPlan();
    plan.personas[0].scenario = "screening-man-34-with-wife-no-need";
    plan.beds = { site: "san-vicent", stayHours: 1 };
    plan.desks[1].sops = ["uasc", "trafficing"];
    plan.desks[0].role = "snm-oficer";
    expect(prepare(plan)).toEqual(
      expect.arrayContaining([
        [
          "unknown-scenario",
          "/personas/0/scenario",
          expect.stringContaining('Did you mean "screening-man-34-with-wife-no-needs"?'),
        ],
        ["unknown-site", "/beds/site", expect.stringContaining('Did you mean "san-vicente"?')],
        ["unknown-sop", "/desks/1/sops/1", expect.stringContaining('Did you mean "trafficking"?')],
        ["unknown-role", "/desks/0/role", expect.stringContaining('Did you mean "snm-officer"?')],
      ]),
    );
  });

  it("a site whose capacity the catalog does not know asks for the capacity", () => {
    const plan = smallPlan();
    plan.beds = { site: "los-planes", stayHours: 1 };
    expect(prepare(plan)).toEqual([["unknown-site", "/beds/site", expect.stringContaining("give beds.capacity")]]);
  });

  it("a step that no desk handles, nor the desk of the SOP that runs it, is reported on the persona", () => {
    const plan = smallPlan();
    plan.desks[0].sops = ["arrival"];
    plan.desks[1].sops = ["trafficking"];
    expect(prepare(plan)).toEqual([
      ["unhandled-step", "/personas/0", expect.stringContaining('SOP "screening", which no desk handles')],
      ["unhandled-step", "/personas/1", expect.stringContaining('SOP "screening", which no desk handles')],
      ["unhandled-step", "/personas/1", expect.stringContaining('SOP "uasc", which no desk handles')],
    ]);
  });

  it("a step of a procedure goes to the desk of the SOP that runs it when no desk names its own SOP", () => {
    const plan = smallPlan();
    plan.desks[1].sops = ["trafficking"];
    const { surge, issues } = prepareSurge(plan, shippedLibrary());
    expect(issues).toEqual([]);
    expect(surge!.personas[1].visits.map((v) => v.desk)).toEqual(["registration"]);
  });

  it("a contingency question without an answer, or with a wrong one, is named", () => {
    const plan = smallPlan();
    plan.contingency.answers = { ...QUIET_ANSWERS, outbreak: "maybe", wether_signal: false } as never;
    delete (plan.contingency.answers as Record<string, unknown>).planned_arrivals;
    expect(prepare(plan)).toEqual(
      expect.arrayContaining([
        ["invalid-answer", "/contingency/answers/outbreak", expect.stringContaining("one of none, signal, confirmed")],
        [
          "unknown-variable",
          "/contingency/answers/wether_signal",
          expect.stringContaining('Did you mean "weather_signal"?'),
        ],
        ["missing-answer", "/contingency/answers", expect.stringContaining('"planned_arrivals" (Planned arrivals)')],
      ]),
    );
  });

  it("an answer the simulation gives itself is a warning, not an error", () => {
    const plan = smallPlan();
    plan.contingency.answers = { ...QUIET_ANSWERS, occupancy: 5 };
    const { surge, issues } = prepareSurge(plan, shippedLibrary());
    expect(surge).toBeDefined();
    expect(issues).toEqual([
      expect.objectContaining({
        code: "unused-answer",
        severity: "warning",
        pointer: "/contingency/answers/occupancy",
      }),
    ]);
  });

  it("a CSV line that is not a count is reported on its line", () => {
    const plan = smallPlan({ days: 2, arrivals: { kind: "csv", file: "counts.csv" } });
    const { surge, issues } = prepareSurge(plan, shippedLibrary(), {
      csvText: "day,count\nmon,100\ntue,lots\n",
      csvFile: "counts.csv",
    });
    expect(surge).toBeUndefined();
    expect(issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ["bad-csv", "counts.csv", 3],
      ["conflicting-fields", undefined, undefined],
    ]);
  });
});
