import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

/** The machine and software a benchmark ran on, for the report. */
export interface MachineDescription {
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** The 1-minute load average when the run started: other work on a shared machine slows every figure. */
  loadAverage: number;
  os: string;
  node: string;
  chromium?: string;
  commit?: string;
  packages: Record<string, string>;
}

const PACKAGES = [
  "xstate",
  "@marcbachmann/cel-js",
  "survey-core",
  "survey-react-ui",
  "react",
  "react-dom",
  "pouchdb-browser",
  "fake-indexeddb",
  "vite",
  "playwright-core",
];

function quiet(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** Reads the machine, the Node and Chromium versions and the versions of the packages compared. */
export function describeMachine(root = process.cwd()): MachineDescription {
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    const file = join(root, "node_modules", name, "package.json");
    if (existsSync(file)) packages[name] = (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  const release = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
    os: /^PRETTY_NAME="?([^"\n]*)/m.exec(release)?.[1] ?? process.platform,
    node: process.version,
    chromium: existsSync("/usr/bin/chromium") ? quiet("/usr/bin/chromium", ["--version"]) : undefined,
    commit: quiet("git", ["rev-parse", "--short", "HEAD"]),
    packages,
  };
}
