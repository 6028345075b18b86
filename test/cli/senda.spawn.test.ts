import { spawnSync } from "node:child_process";
import { ROOT } from "./runCli";

/** Runs the real `node scripts/senda.js …`, as `npx senda` does, and gives what it printed. */
function senda(...args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/senda.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", SENDA_DEBUG: "" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe("node scripts/senda.js", () => {
  it("validates a clean library: exit 0, the summary on stderr", () => {
    const run = senda("validate", "test/fixtures/library");
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr).toBe("7 files checked: 0 errors, 0 warnings\n");
  });

  it("validates a broken SOP: the issue line on stdout, exit 1, no stack trace", () => {
    const run = senda("validate", "test/fixtures/broken/json-missing-comma");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      "test/fixtures/broken/json-missing-comma/json-missing-comma.sop.json:3:21: error bad-json the file is not valid JSON: a comma is missing after this value (at /)\n",
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it("tests scenarios: PASS lines and the count", () => {
    const run = senda("test", "test/fixtures/library/scenarios");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n").at(-1)).toBe("3 passed, 0 failed");
  });

  it("refuses an unknown command and a missing file with one line and no stack trace", () => {
    const unknown = senda("lint");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    const missing = senda("compile", "sop/nowhere.sop.json");
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toBe("senda compile: no such file or folder: sop/nowhere.sop.json\n");
    expect(missing.stderr).not.toMatch(STACK_FRAME);
  });

  it("prints the help", () => {
    const run = senda("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^senda: validate, lint, test/);
  });
});
