// Profiles the time per answer of Senda and of raw XState in Node with `node --cpu-prof`, and prints where it goes:
//   node --import tsx scripts/bench/profile/profileNode.ts [size] [sessions]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type CpuProfile, formatHotFunctions, selfTimeByPart, shortUrl, summarizeProfile } from "./readCpuProfile";

const [size = "500", sessions = "300"] = process.argv.slice(2);
const loop = resolve(import.meta.dirname, "answerLoop.ts");

/** The part of the code a frame belongs to, for the breakdown. */
export function nodePart(frame: { url: string; functionName: string }): string {
  const url = shortUrl(frame.url);
  if (url.startsWith("src/engine/case/")) return "engine: case session (send, activeSteps, validateInput)";
  if (url.startsWith("src/engine/compile/")) return "engine: guards and actions (caseLogic)";
  if (url.startsWith("src/engine/expression/")) return "engine: CEL scope";
  if (url.startsWith("xstate/")) return "xstate";
  if (url.startsWith("@marcbachmann/cel-js/")) return "cel-js";
  if (url.startsWith("scripts/bench/")) return "benchmark driver";
  if (frame.functionName === "(garbage collector)") return "garbage collector";
  if (frame.functionName === "(program)" || frame.functionName === "(idle)") return "V8 (program, idle)";
  return url ? `other: ${url.split("/")[0]}` : `V8 built-in: ${frame.functionName}`;
}

for (const system of ["senda", "xstate"]) {
  const dir = mkdtempSync(join(tmpdir(), `senda-prof-${system}-`));
  const out = execFileSync(
    process.execPath,
    ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx", loop, system, size, sessions],
    {
      encoding: "utf8",
    },
  );
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
  console.log(`\n## ${system}, ${size} questions, ${sessions} sessions: ${out.trim()}\nprofile: ${join(dir, file)}\n`);
  const parts = selfTimeByPart(profile, nodePart);
  const total = [...parts.values()].reduce((a, b) => a + b, 0);
  for (const [part, ms] of parts)
    if (ms / total > 0.005) console.log(`  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${part}`);
  console.log("");
  const rows = summarizeProfile(profile).filter((r) => !r.where.startsWith("node:"));
  console.log(formatHotFunctions(rows, 30));
}
