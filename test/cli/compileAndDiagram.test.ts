import { checkMachineConfig, type MachineConfigJson } from "../../src/engine/index";
import { compiledFixture } from "../engine/readFixture";
import { runCli } from "./runCli";

const INTAKE = "test/fixtures/library/intake.sop.json";

describe("senda compile", () => {
  it("prints with --json the machine config, which checkMachineConfig accepts", async () => {
    const run = await runCli(["compile", INTAKE, "--json"]);
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout) as MachineConfigJson;
    expect(() => checkMachineConfig(config)).not.toThrow();
    expect(config).toEqual(compiledFixture("intake").config);
    expect(config).toMatchObject({ id: "case", initial: "welcome" });
  });

  it("prints a summary without --json", async () => {
    const run = await runCli(["compile", INTAKE]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      `intake 1.2.0 (hash ${compiledFixture("intake").hash})`,
      "  20 steps in the statechart, 1 procedure run",
      "  child-protection runs child-protection 1.0.0",
    ]);
  });

  it("explains why an SOP cannot be compiled, with its issues, and exits 2", async () => {
    const run = await runCli([
      "compile",
      "test/fixtures/broken/unknown-step-next/unknown-step-next.sop.json",
      "--json",
    ]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      "senda compile: test/fixtures/broken/unknown-step-next/unknown-step-next.sop.json cannot be compiled:",
      'test/fixtures/broken/unknown-step-next/unknown-step-next.sop.json:33:15: error unknown-step Step "notify" goes to "closng", which does not exist. Did you mean "closing"? (at /steps/notify/next)',
    ]);
  });

  it("says which SOP it runs is broken when the file itself is fine", async () => {
    const run = await runCli(["compile", "test/fixtures/broken/procedure-cycle/procedure-cycle.sop.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error procedure-cycle Step "notify" runs "helper", which runs "procedure-cycle" again',
    );
  });

  it("refuses a missing file, a file that is not an SOP, and more than one file", async () => {
    expect(await runCli(["compile"])).toMatchObject({
      code: 2,
      err: ["senda compile: give the SOP file, for example sop/uasc.sop.json"],
    });
    expect(await runCli(["compile", "test/fixtures/library/missing.sop.json"])).toMatchObject({
      code: 2,
      err: ["senda compile: no such file or folder: test/fixtures/library/missing.sop.json"],
    });
    expect(await runCli(["compile", "test/fixtures/library/catalog/flags.json"])).toMatchObject({
      code: 2,
      err: ["senda compile: test/fixtures/library/catalog/flags.json: not an SOP file (*.sop.json)"],
    });
    expect((await runCli(["compile", INTAKE, INTAKE])).err).toEqual([
      `senda compile: takes one SOP file; got 2: ${INTAKE} ${INTAKE}`,
    ]);
  });
});

describe("senda diagram", () => {
  it("prints a Mermaid state diagram: steps, routes with their conditions, procedures and tracks nested", async () => {
    const run = await runCli(["diagram", INTAKE]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe("stateDiagram-v2");
    expect(run.out).toContain("  [*] --> welcome");
    expect(run.out).toContain('  state "Welcome (instruction)" as welcome');
    expect(run.out).toContain("  state ask_with_next <<choice>>");
    expect(run.out).toContain('  ask_with_next --> child_protection : "uasc" in flags');
    expect(run.out).toContain('  state "Child protection (procedure)" as child_protection {');
    expect(run.out).toContain("    child_protection_ask_age_next --> child_protection_notify_senniaf : age < 18");
    expect(run.out).toContain('  state "Care (parallel)" as care {');
    expect(run.out).toContain('    state "Medical" as care_medical {');
    expect(run.out).toContain("    --");
    expect(run.out).toContain("  decide_outcome --> referred : size(referrals) > 0");
    expect(run.out).toContain("  closed --> [*]");
  });

  it("draws every state it points at, and closes every block it opens", async () => {
    const { out } = await runCli(["diagram", INTAKE]);
    const declared = new Set<string>();
    for (const line of out) {
      const state = /^\s*state (?:"[^"]*" as )?(\S+)/.exec(line);
      if (state) declared.add(state[1]);
    }
    for (const line of out) {
      const edge = /^\s*(\S+) --> (\S+)/.exec(line);
      if (!edge) continue;
      for (const end of [edge[1], edge[2]]) if (end !== "[*]") expect(declared).toContain(end);
    }
    expect(out.filter((l) => l.endsWith("{")).length).toBe(out.filter((l) => l.trim() === "}").length);
    // Route conditions never carry the characters that end a Mermaid label.
    for (const line of out) if (line.includes(" : ")) expect(line.split(" : ")[1]).not.toMatch(/[:;]/);
  });

  it("labels steps and tracks in the locale asked for", async () => {
    const run = await runCli(["diagram", INTAKE, "--locale", "es"]);
    expect(run.out).toContain('  state "Bienvenida (instruction)" as welcome');
    expect(run.out).toContain('    state "Médica" as care_medical {');
    expect((await runCli(["diagram", INTAKE, "--locale=es"])).stdout).toBe(run.stdout);
  });

  it("refuses a locale it has no texts for, and a missing value", async () => {
    expect(await runCli(["diagram", INTAKE, "--locale", "fr"])).toMatchObject({
      code: 2,
      err: ['senda diagram: --locale must be one of es, en; got "fr"'],
    });
    expect(await runCli(["diagram", INTAKE, "--locale"])).toMatchObject({
      code: 2,
      err: ["senda diagram: --locale needs a value"],
    });
  });
});
