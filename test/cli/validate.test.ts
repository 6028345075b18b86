import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ISSUE_LINE, ROOT, runCli, scratchCopy } from "./runCli";

describe("senda validate", () => {
  it("prints nothing but a summary for a clean library, and exits 0", async () => {
    const run = await runCli(["validate", "test/fixtures/library"]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual(["7 files checked: 0 errors, 0 warnings"]);
  });

  it("prints one line per issue, file:line:col: error CODE message (at /pointer), and exits 1 on an error", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/unknown-step-next"]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      'test/fixtures/broken/unknown-step-next/unknown-step-next.sop.json:33:15: error unknown-step Step "notify" goes to "closng", which does not exist. Did you mean "closing"? (at /steps/notify/next)',
    ]);
    expect(run.err).toEqual(["1 file checked: 1 error, 0 warnings"]);
  });

  it("exits 0 when there are only warnings", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/unreachable-step"]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      'test/fixtures/broken/unreachable-step/unreachable-step.sop.json:41:15: warning unreachable-step Step "orphan" can never be reached: no step goes to it. (at /steps/orphan)',
    ]);
    expect(run.err).toEqual(["1 file checked: 0 errors, 1 warning"]);
  });

  it("prints bad JSON as an issue line at the place of the mistake, with no stack trace", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/json-trailing-comma/json-trailing-comma.sop.json"]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      "test/fixtures/broken/json-trailing-comma/json-trailing-comma.sop.json:38:23: error bad-json the file is not valid JSON: a comma before a closing } or ] (JSON allows none there); remove it (at /)",
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives every issue of the whole broken corpus in that format, sorted by file and line", async () => {
    const run = await runCli(["validate", "test/fixtures/broken"]);
    expect(run.code).toBe(1);
    const folders = readdirSync(join(ROOT, "test/fixtures/broken"));
    expect(run.out.length).toBeGreaterThanOrEqual(folders.length);
    for (const line of run.out) expect(line).toMatch(ISSUE_LINE);
    const places = run.out.map((line) => {
      const [, file, l, c] = ISSUE_LINE.exec(line)!;
      return [file, Number(l), Number(c)] as const;
    });
    const sorted = [...places].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
    expect(places).toEqual(sorted);
    // Every folder's mistake is reported.
    for (const folder of folders) expect(run.stdout).toContain(`test/fixtures/broken/${folder}/`);
  });

  it("prints the issues as JSON with --json", async () => {
    const run = await runCli(["validate", "test/fixtures/broken/unknown-service", "--json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        code: "unknown-service",
        severity: "error",
        message: 'Step "notify" names the service "seniaf", which is not in the catalog. Did you mean "senniaf"?',
        pointer: "/steps/notify/service",
        file: "test/fixtures/broken/unknown-service/unknown-service.sop.json",
        line: 33,
        column: 18,
      },
    ]);
    expect(run.err).toEqual([]);
    const clean = await runCli(["validate", "--json", "test/fixtures/library"]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  it("checks one file against the library it belongs to (the nearest folder with a catalog)", async () => {
    const run = await runCli(["validate", "test/fixtures/library/intake.sop.json"]);
    expect(run).toMatchObject({ code: 0, out: [] });
    expect(run.err).toEqual(["1 file checked: 0 errors, 0 warnings"]);
  });

  it("checks sop/ when given no path, from where it runs", async () => {
    const scratch = scratchCopy("library");
    try {
      const intake = join(scratch.dir, "intake.sop.json");
      writeFileSync(intake, readFileSync(intake, "utf8").replace('"next": "ask-with"', '"next": "ask-wiht"'));
      const run = await runCli(["validate"], scratch.root);
      expect(run.code).toBe(1);
      expect(run.out).toEqual([
        'sop/intake.sop.json:22:15: error unknown-step Step "ask-dob" goes to "ask-wiht", which does not exist. Did you mean "ask-with"? (at /steps/ask-dob/next)',
      ]);
    } finally {
      scratch.cleanup();
    }
  });

  it("explains a missing sop/ folder, a missing path and a file it does not know, and exits 2", async () => {
    const scratch = scratchCopy("library", "elsewhere");
    try {
      expect(await runCli(["validate"], scratch.root)).toMatchObject({
        code: 2,
        out: [],
        err: ["senda validate: no sop/ folder here; give the paths to check"],
      });
    } finally {
      scratch.cleanup();
    }
    expect(await runCli(["validate", "test/fixtures/nowhere"])).toMatchObject({
      code: 2,
      err: ["senda validate: no such file or folder: test/fixtures/nowhere"],
    });
    expect(await runCli(["validate", "package.json"])).toMatchObject({
      code: 2,
      err: [
        "senda validate: package.json: not an SOP (*.sop.json), scenario (*.scenario.json) or catalog (catalog/*.json) file",
      ],
    });
  });
});
