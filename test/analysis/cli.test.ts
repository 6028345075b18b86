import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, scratchCopy } from "../cli/runCli";
import { branchingV2Definition } from "./analysisFixtures";

describe("senda paths", () => {
  it("lists the paths with their answers, steps and results", async () => {
    const run = await runCli(["paths", "test/fixtures/analysis/branching.sop.json"]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe("branching 1.0.0: 4 paths");
    expect(run.stdout).toMatch(
      /#1 outcome referred\n {2}answers: Age: 0–17 years; Travelling with: Alone or Relative\n {2}steps: ask-age → ask-with → refer-senniaf → end-referred\n {2}flags: uasc\n {2}referrals: SENNIAF \(immediate, made\)/,
    );
    expect(run.out.at(-1)).toBe("Listed 4 of 4 paths.");
  });

  it("prints JSON, and lists at most --limit paths while counting them all", async () => {
    const json = JSON.parse((await runCli(["paths", "test/fixtures/analysis/branching.sop.json", "--json"])).stdout);
    expect(json).toMatchObject({ sop: "branching", countExact: true, total: 4 });
    expect(json.paths[0].actions).toEqual([
      { step: "ask-age", answer: 17 },
      { step: "ask-with", answer: "alone" },
      { step: "refer-senniaf", answer: true },
    ]);
    const two = await runCli(["paths", "test/fixtures/analysis/branching.sop.json", "--limit", "2"]);
    expect(two.out.at(-1)).toBe("Listed 2 of 4 paths (raise --limit to list more).");
  });

  it("refuses a missing file, bad JSON, a bad limit and unknown options, with no stack trace", async () => {
    const missing = await runCli(["paths", "test/fixtures/analysis/nope.sop.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("senda paths: no such file or folder: test/fixtures/analysis/nope.sop.json");
    const { dir, root, cleanup } = scratchCopy("analysis");
    try {
      writeFileSync(join(dir, "branching.sop.json"), '{ "id": "branching", ');
      const bad = await runCli(["paths", "sop/branching.sop.json"], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(
        /sop\/branching\.sop\.json cannot be compiled:\nsop\/branching\.sop\.json:1:\d+: error bad-json/,
      );
    } finally {
      cleanup();
    }
    expect((await runCli(["paths", "test/fixtures/analysis/branching.sop.json", "--limit", "lots"])).stderr).toBe(
      'senda paths: --limit takes a whole number of at least 1, not "lots"',
    );
    expect((await runCli(["paths", "test/fixtures/analysis/branching.sop.json", "--fast"])).code).toBe(2);
    expect((await runCli(["paths"])).stderr).toBe("senda paths: give the SOP file, for example sop/uasc.sop.json");
  });
});

describe("senda check", () => {
  it("prints PROVEN per invariant and exits 0 when everything holds", async () => {
    const run = await runCli(["check", "test/fixtures/analysis/branching.sop.json"]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      expect.stringMatching(/^branching 1\.0\.0 \(\d+ moments, \d+ runs?, [\d.]+ s\)$/),
      "  PROVEN    child-alone-reaches-senniaf: A child without a parent is referred to SENNIAF",
      "  PROVEN    adults-not-flagged: Adults are not flagged",
      "1 SOP checked: 2 invariants proven, 0 violated, 0 unproven; 0 structural errors, 0 warnings.",
    ]);
  });

  it("leaves out the SOPs named by --skip and says so; an unknown one is a usage error", async () => {
    const run = await runCli(["check", "test/fixtures/analysis/", "--skip", "violations,endless,past-deadline,loop"]);
    expect(run.out.some((line) => line.startsWith("violations "))).toBe(false);
    expect(run.out.at(-1)).toBe("Not checked (--skip): violations, endless, past-deadline, loop.");
    const unknown = await runCli(["check", "test/fixtures/analysis/", "--skip", "nope"]);
    expect(unknown.code).toBe(2);
  });

  it("prints VIOLATED with the counterexample and exits 1", async () => {
    const run = await runCli(["check", "test/fixtures/analysis/violations.sop.json"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        "  VIOLATED  child-alone-referred: A child alone is referred",
        "            expected a referral to SENNIAF, but for a person with:",
        "            Age: 0–11; Alone: yes; SENNIAF: declines the referral (other answers do not matter)",
        "            → outcome referred; flags: uasc; referrals: senniaf (immediate, declined)",
      ].join("\n"),
    );
    expect(run.out.at(-1)).toBe(
      "1 SOP checked: 1 invariant proven, 7 violated, 0 unproven; 0 structural errors, 0 warnings.",
    );
  });

  it("fails on a structural error, and names a loop a case cannot leave", async () => {
    expect((await runCli(["check", "test/fixtures/analysis/past-deadline.sop.json"])).code).toBe(1);
    const endless = await runCli(["check", "test/fixtures/analysis/endless.sop.json"]);
    expect(endless.code).toBe(1);
    expect(endless.stdout).toContain(
      '  ERROR     no-end: From "again" the case can return to "wait" forever: on this path no answer leads out of the loop, so the case never ends.',
    );
  });

  it("says what PROVEN, VIOLATED and UNPROVEN mean, and what to do about each", async () => {
    const help = (await runCli(["check", "--help"])).stdout;
    for (const word of ["PROVEN", "VIOLATED", "UNPROVEN", "--strict", "--save-counterexample"])
      expect(help).toContain(word);
  });

  it("saves counterexamples as scenarios that senda test then fails", async () => {
    const { dir, root, cleanup } = scratchCopy("analysis");
    try {
      const run = await runCli(["check", "sop/violations.sop.json", "--save-counterexample", "sop/scenarios"], root);
      expect(run.code).toBe(1);
      const saved = readdirSync(join(dir, "scenarios")).filter((f) => f.startsWith("violations-breaks-"));
      expect(saved).toHaveLength(7);
      const scenario = JSON.parse(
        readFileSync(join(dir, "scenarios", "violations-breaks-child-alone-referred.scenario.json"), "utf8"),
      );
      expect(scenario.expect).toEqual({ referrals: [{ service: "senniaf" }] });
      const test = await runCli(["test", "sop/scenarios/violations-breaks-child-alone-referred.scenario.json"], root);
      expect(test.code).toBe(1);
      expect(test.stdout).toMatch(/FAIL violations-breaks-child-alone-referred/);
      expect((await runCli(["validate", "sop"], root)).code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it("prints the reports as JSON", async () => {
    const json = JSON.parse((await runCli(["check", "test/fixtures/analysis/caller.sop.json", "--json"])).stdout);
    expect(json.reports[0].verdicts[0]).toMatchObject({ sop: "callee", invariant: "child-referred", status: "proven" });
    expect(json.reports[0].issues.map((i: { kind: string }) => i.kind)).toContain("unreachable-answer");
  });
});

describe("senda coverage", () => {
  it("prints per SOP what the scenarios cover and the first things missed", async () => {
    const run = await runCli(["coverage", "test/fixtures/analysis/scenarios"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "branching: 2 scenarios; paths 2/4 (50%), steps 6/7 (86%), routes 3/4 (75%), referrals 1/3 (33%), answer classes 4/6 (67%)",
    );
    expect(run.stdout).toContain("  missed steps: refer-support");
    expect(run.stdout).toMatch(/violations: 0 scenarios; paths 0\/3 \(0%\)/);
  });
});

describe("senda diff", () => {
  it("describes who is treated differently between two versions, one outside the library", async () => {
    const { root, cleanup } = scratchCopy("analysis");
    try {
      mkdirSync(join(root, "next"));
      writeFileSync(join(root, "next", "branching.sop.json"), JSON.stringify(branchingV2Definition(), null, 2));
      const run = await runCli(["diff", "sop/branching.sop.json", "next/branching.sop.json"], root);
      expect(run.code).toBe(0);
      expect(run.out).toEqual([
        expect.stringMatching(
          /^branching 1\.0\.0 → 1\.1\.0: 3 kinds of people are treated differently \(\d+ runs\)\.$/,
        ),
        "- Age: 16–17 years; Travelling with: Alone or Relative; Help: no: before, outcome referred; now, outcome closed.",
        "- Age: 16–17 years; Travelling with: Alone or Relative; Help: yes: before, none; now, referral to Support (routine).",
        '- Age: 16–17 years; Travelling with: Alone or Relative: before, flag "Unaccompanied child", referral to SENNIAF (immediate); now, none.',
      ]);
    } finally {
      cleanup();
    }
  });

  it("refuses a missing or unreadable version, and wrong arguments", async () => {
    const missing = await runCli(["diff", "nope.sop.json", "test/fixtures/analysis/branching.sop.json"]);
    expect(missing).toMatchObject({ code: 2, stderr: "senda diff: no such SOP file: nope.sop.json" });
    expect((await runCli(["diff", "test/fixtures/analysis/branching.sop.json"])).stderr).toBe(
      "senda diff: give the two versions: senda diff <old.sop.json> <new.sop.json>",
    );
    const { dir, root, cleanup } = scratchCopy("analysis");
    try {
      writeFileSync(join(root, "old.sop.json"), "{ nope");
      const bad = await runCli(["diff", "old.sop.json", "sop/branching.sop.json"], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/old\.sop\.json cannot be compiled:\nold\.sop\.json:1:3: error bad-json/);
      expect(dir).toBeTruthy();
    } finally {
      cleanup();
    }
  });
});
