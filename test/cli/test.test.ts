import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, scratchCopy } from "./runCli";

/** Runs `senda test` in a scratch copy of the test library after `change`, from the copy's root. */
async function testAfter(change: (dir: string) => void, argv: string[] = []) {
  const scratch = scratchCopy("library");
  try {
    change(scratch.dir);
    return await runCli(["test", ...argv], scratch.root);
  } finally {
    scratch.cleanup();
  }
}

const edit = (dir: string, file: string, from: string, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(path, text.replace(from, to));
};

describe("senda test", () => {
  it("prints PASS per scenario and ends with the count, exit 0", async () => {
    const run = await runCli(["test", "test/fixtures/library/scenarios"]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      "PASS adult-alone-no-incident",
      "PASS adult-family",
      "PASS child-alone-incident",
      "3 passed, 0 failed",
    ]);
  });

  it("runs sop/scenarios when given no path", async () => {
    const run = await testAfter(() => {});
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toBe("3 passed, 0 failed");
  });

  it("prints FAIL with the first difference, and exits 1", async () => {
    const run = await testAfter((dir) =>
      edit(dir, "scenarios/adult-family.scenario.json", '"outcome": "closed"', '"outcome": "referred"'),
    );
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      "PASS adult-alone-no-incident",
      "FAIL adult-family (sop/scenarios/adult-family.scenario.json)",
      '     expected outcome "referred", got "closed"',
      "PASS child-alone-incident",
      "2 passed, 1 failed",
    ]);
  });

  it("fails a scenario whose action the case refuses, naming the action and the reason", async () => {
    const run = await testAfter((dir) =>
      edit(dir, "scenarios/adult-family.scenario.json", '"answer": "family"', '"answer": "cousins"'),
    );
    expect(run.code).toBe(1);
    expect(run.out[1]).toBe("FAIL adult-family (sop/scenarios/adult-family.scenario.json)");
    expect(run.out[2]).toBe(
      '     action 3 (step "ask-with") was refused: Step "ask-with": the answer must be one of alone, family, group.',
    );
  });

  it("fails a scenario that is not valid JSON, with the issue line", async () => {
    const run = await testAfter((dir) =>
      edit(dir, "scenarios/adult-family.scenario.json", '"sop": "intake",', '"sop": "intake"'),
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain("FAIL sop/scenarios/adult-family.scenario.json");
    expect(run.out).toContain(
      "     sop/scenarios/adult-family.scenario.json:6:18: error bad-json the file is not valid JSON: a comma is missing after this value (at /)",
    );
    expect(run.out.at(-1)).toBe("2 passed, 1 failed");
  });

  it("fails the scenarios of an SOP that has errors, saying which error", async () => {
    const run = await testAfter((dir) => edit(dir, "intake.sop.json", '"next": "ask-with"', '"next": "ask-wiht"'));
    expect(run.code).toBe(1);
    expect(run.out.filter((l) => l.startsWith("FAIL"))).toHaveLength(3);
    expect(run.out[1]).toBe(
      '     the SOP "intake" has errors; run senda validate (first: sop/intake.sop.json:22:15: error unknown-step Step "ask-dob" goes to "ask-wiht", which does not exist. Did you mean "ask-with"? (at /steps/ask-dob/next))',
    );
    expect(run.out.at(-1)).toBe("0 passed, 3 failed");
  });

  it("fails a scenario that enters an SOP the library does not have", async () => {
    const run = await testAfter((dir) =>
      edit(dir, "scenarios/adult-family.scenario.json", '"sop": "intake"', '"sop": "screening"'),
    );
    expect(run.out).toContain('     no SOP "screening" in the library');
    expect(run.code).toBe(1);
  });

  it("prints the results as JSON with --json", async () => {
    const run = await runCli(["test", "--json", "test/fixtures/library/scenarios/adult-family.scenario.json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      passed: 1,
      failed: 0,
      results: [
        {
          id: "adult-family",
          file: "test/fixtures/library/scenarios/adult-family.scenario.json",
          passed: true,
          differences: [],
        },
      ],
    });
  });

  it("says so when there is nothing to test, and refuses a file that is not a scenario", async () => {
    const none = await runCli(["test", "test/fixtures/broken/unknown-sop"]);
    expect(none.out).toEqual(["0 passed, 0 failed"]);
    expect(none.err).toEqual([
      "senda test: no scenario files (*.scenario.json) in test/fixtures/broken/unknown-sop; nothing was tested",
    ]);
    const sop = await runCli(["test", "test/fixtures/library/intake.sop.json"]);
    expect(sop).toMatchObject({
      code: 2,
      err: [
        "senda test: test/fixtures/library/intake.sop.json: not a scenario file (*.scenario.json); give scenario files or the folders that hold them",
      ],
    });
  });
});
