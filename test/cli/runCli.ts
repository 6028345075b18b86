import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../scripts/cli/main";

/** The repository root, where `npx senda` runs in CI. */
export const ROOT = resolve(import.meta.dirname, "../..");

/** What a run of the CLI printed and returned. */
export interface CliRun {
  code: number;
  out: string[];
  err: string[];
  /** Standard output as one text. */
  stdout: string;
  stderr: string;
}

/** Runs `senda <argv…>` in-process with a captured io, from `cwd` (the repository root by default). */
export async function runCli(argv: string[], cwd = ROOT): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  // Split as a terminal shows them: a command may print several lines at once.
  const code = await main(argv, {
    out: (text) => out.push(...text.split("\n")),
    err: (text) => err.push(...text.split("\n")),
    cwd,
  });
  return { code, out, err, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** A scratch copy of a fixture folder (as `into`, under a fresh temporary directory), removed by `cleanup`. */
export function scratchCopy(fixture: string, into = "sop"): { dir: string; root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "senda-cli-"));
  const dir = join(root, into);
  cpSync(resolve(ROOT, "test/fixtures", fixture), dir, { recursive: true });
  return { dir, root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The line format every issue is printed in: file:line:col: severity CODE message (at /pointer). */
export const ISSUE_LINE = /^(\S+):(\d+):(\d+): (error|warning) ([a-z-]+) (.+) \(at (\/\S*)\)$/;
