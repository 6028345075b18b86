import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ISSUE_LINE, runCli } from "../cli/runCli";
import { erlangC } from "./erlangC";

describe("senda surge", () => {
  it("simulates the textbook queue and prints JSON whose mean wait is near Erlang C's", async () => {
    const argv = [
      "surge",
      "--arrivals-per-hour",
      "24",
      "--servers",
      "3",
      "--service-minutes",
      "6",
      "--hours",
      "20000",
      "--seed",
      "5",
      "--json",
    ];
    const run = await runCli(argv);
    expect(run).toMatchObject({ code: 0, err: [] });
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      seed: 5,
      options: { arrivalsPerHour: 24, servers: 3, serviceMinutes: 6, hours: 20000 },
    });
    expect(result.load).toBeCloseTo(0.8, 12);
    expect(result.served).toBeGreaterThan(470_000);
    // ~480,000 customers: the standard error of the mean is about 2% here (see textbookQueue.test.ts); allow 8%.
    const { meanWait } = erlangC(3, 24 / 60, 6);
    expect(Math.abs(result.wait.mean - meanWait) / meanWait).toBeLessThan(0.08);
    expect((await runCli(argv)).stdout).toBe(run.stdout);
  });

  it("prints the textbook queue as a readable summary", async () => {
    const run = await runCli(["surge", "--arrivals-per-hour=10", "--servers=1", "--service-minutes=3", "--hours=100"]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe("M/M/1 queue: 10 arrivals/hour, 1 server, 3 min mean service, 100 h, seed 1");
    expect(run.out[1]).toBe("load per server ρ = 0.500");
    expect(run.stdout).toMatch(/wait before service: mean \d+\.\d{3} min, p50 /);
  });

  it("runs a plan: personas, desks, a table per day and the alert timeline", async () => {
    const run = await runCli(["surge", "examples/surge-san-vicente.json"]);
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out[0]).toBe("Surge: San Vicente: arrivals rise from 600 to 2,000 a day");
    expect(run.stdout).toContain(
      "| day | date | arrivals | handled | mean wait | p50 | p90 | p95 | peak on site | peak queue | referrals | alert |",
    );
    expect(run.stdout).toContain("| 6 | 2024-03-06 | 2000 |");
    expect(run.stdout).toContain("Alert timeline (the contingency SOP played with each day's figures):");
    expect(run.stdout).toMatch(/day 5 \(2024-03-05\): red: .*occupancy > capacity/);
    const json = await runCli(["surge", "examples/surge-san-vicente.json", "--json", "--seed", "7"]);
    const result = JSON.parse(json.stdout);
    expect(result.daily).toHaveLength(14);
    expect(result.daily.map((d: { alert: { level: string } }) => d.alert.level)).toContain("red");
    // --seed 7 is the plan's own seed: the same run.
    expect(run.stdout).toContain(`${result.totals.arrivals} arrived, ${result.totals.handled} went through every desk`);
  });

  it("reports a bad plan as file:line:col with the JSON pointer, and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "senda-surge-"));
    try {
      const file = join(dir, "plan.json");
      writeFileSync(
        file,
        `{
  "days": 2,
  "arrivals": { "kind": "constant", "perHour": 10 },
  "personas": [{ "scenario": "screening-carlos-15-alon", "share": 1 }],
  "desks": [{ "id": "desk", "staff": 1, "sops": ["screening"] }],
  "beds": { "capacity": 100, "stayHours": 1 },
  "contingency": { "answers": {} }
}
`,
      );
      const run = await runCli(["surge", file]);
      expect(run.code).toBe(1);
      expect(run.out).toEqual([]);
      for (const line of run.err) expect(line).toMatch(ISSUE_LINE);
      expect(run.err[0]).toBe(
        `${file}:4:30: error unknown-scenario no scenario "screening-carlos-15-alon" in the library. Did you mean "screening-carlos-15-alone"? (at /personas/0/scenario)`,
      );
      expect(run.stderr).toContain("error missing-answer");
      writeFileSync(file, `{ "arrivals": { "kind": "constant" } }`);
      const schema = await runCli(["surge", file]);
      expect(schema.code).toBe(1);
      expect(schema.err[0]).toMatch(ISSUE_LINE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad usage with exit 2: unknown options with a suggestion, missing options, a missing file", async () => {
    expect(await runCli(["surge", "--servrs", "3"])).toMatchObject({
      code: 2,
      err: ["senda surge: unknown option --servrs; did you mean --servers?"],
    });
    expect((await runCli(["surge", "--servers", "3"])).err).toEqual([
      "senda surge: the textbook queue also needs --arrivals-per-hour, --service-minutes, --hours",
    ]);
    expect(
      (await runCli(["surge", "--servers", "0", "--arrivals-per-hour", "1", "--service-minutes", "1", "--hours", "1"]))
        .err,
    ).toEqual(['senda surge: --servers takes a whole number of servers, 1 or more, not "0"']);
    expect((await runCli(["surge", "no/such/plan.json"])).err).toEqual([
      "senda surge: no such file: no/such/plan.json",
    ]);
    expect((await runCli(["surge"])).code).toBe(2);
    expect((await runCli(["surge", "examples/surge-san-vicente.json", "--hours", "5"])).code).toBe(2);
    expect((await runCli(["surge", "examples/surge-san-vicente.json", "--seed", "-1"])).code).toBe(2);
  });
});
