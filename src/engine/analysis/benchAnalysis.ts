import type { CompiledSop } from "../compile/CompiledSop";
import { compileSop } from "../compile/compileSop";
import type { SopDefinition, SopLibrary } from "../definition/types";
import { CallSiteCache } from "./checks/CallSiteCache";
import { checkSop } from "./checks/checkSop";
import { diffSops } from "./diff/diffSops";

/** How long the diff may run before it is stopped and reported incomplete, in the caller's clock (4× its target). */
const DIFF_BUDGET_MS = 120_000;
/** How long one SOP's check may run before it is stopped (what is left counts as unproven): 5× the library's target. */
const CHECK_BUDGET_MS = 300_000;
/**
 * With `quick` (`npm run bench -- --quick`, which must finish this section in five minutes): the whole library may
 * take 100 s in all (an SOP still open then is stopped, and what it left counts as unproven; stopping takes up to
 * half a minute more on a loaded machine), a single check or the diff 50 s.
 */
const QUICK_BUDGETS = { library: 100_000, check: 50_000, diff: 50_000 };
const FULL_BUDGETS = { library: Number.POSITIVE_INFINITY, check: CHECK_BUDGET_MS, diff: DIFF_BUDGET_MS };

/** One measured check or diff: what, how long, and how that compares with compiling the same SOP. */
export interface AnalysisBenchRow {
  /** Which figure: the whole library, one SOP's check, or the benchmark's diff. */
  id: "library" | "screening" | "uasc" | "diff";
  what: string;
  /** False when something was left unsettled: an invariant unproven, or a diff incomplete. */
  settled: boolean;
  /** Invariants proven, violated and unproven (for a check), or kinds of people found (for a diff). */
  result: string;
  ms: number;
  /** Compiling the SOP (validated definitions to a machine), measured in the same run: the floor. */
  compileMs: number;
  ratio: number;
}

/**
 * Measures `senda check` on every SOP of a library (the whole library, screening and uasc stand out), and `senda
 * diff` between screening and screening with its threshold for the children's procedure moved from 18 to 17, each
 * beside the time to compile the same SOP in the same run; the diff is stopped, incomplete, after two minutes, and a
 * check after five (what it has not settled counts as unproven); shorter with `quick` (see `QUICK_BUDGETS`). `now`
 * is the caller's clock (the engine has none).
 *
 * @example
 * const rows = benchAnalysis(loaded.library, loaded.compiled, () => performance.now());
 */
export function benchAnalysis(
  library: SopLibrary,
  compiled: ReadonlyMap<string, CompiledSop>,
  now: () => number,
  options: { quick?: boolean } = {},
): AnalysisBenchRow[] {
  const rows: AnalysisBenchRow[] = [];
  const budgets = options.quick ? QUICK_BUDGETS : FULL_BUDGETS;
  const libraryStart = now();
  const compileTime = (sop: SopDefinition) => {
    const start = now();
    compileSop(sop, library);
    return now() - start;
  };
  let total = 0;
  let totalCompile = 0;
  const counts = { proven: 0, violated: 0, unproven: 0 };
  // The library as `senda check sop/` checks it: one cache of call-site proofs for every SOP.
  const callSites = new CallSiteCache();
  for (const sop of compiled.values()) {
    const start = now();
    const shouldStop = () => now() - start > CHECK_BUDGET_MS || now() - libraryStart > budgets.library;
    const report = checkSop(sop, { callSites, control: { shouldStop } });
    const ms = now() - start;
    total += ms;
    totalCompile += compileTime(sop.definition);
    for (const v of report.verdicts) counts[v.status]++;
  }
  // Screening and uasc alone, as `senda check sop/screening.sop.json` checks them: nothing kept from other SOPs.
  for (const id of ["screening", "uasc"] as const) {
    const sop = compiled.get(id);
    if (!sop) continue;
    const start = now();
    const report = checkSop(sop, { control: { shouldStop: () => now() - start > budgets.check } });
    const ms = now() - start;
    rows.push(row(id, `check ${id}`, verdictText(report.verdicts), report.complete, ms, compileTime(sop.definition)));
  }
  rows.unshift(
    row(
      "library",
      `check the whole library (${compiled.size} SOPs)`,
      `${counts.proven} proven, ${counts.violated} violated, ${counts.unproven} unproven`,
      counts.unproven === 0,
      total,
      totalCompile,
    ),
  );
  const screening = compiled.get("screening");
  if (screening) {
    const edited = moveChildThreshold(screening.definition);
    const after = compileSop(edited, library);
    const start = now();
    const diff = diffSops(screening, after, { control: { shouldStop: () => now() - start > budgets.diff } });
    rows.push(
      row(
        "diff",
        "diff screening, children's threshold 18 → 17",
        `${diff.entries.length} kinds of people${diff.complete ? "" : " (incomplete)"}`,
        diff.complete,
        now() - start,
        compileTime(screening.definition),
      ),
    );
  }
  return rows;
}

/** The benchmark's edit: screening sends children to the children's procedure below 17 instead of 18. */
export function moveChildThreshold(sop: SopDefinition): SopDefinition {
  const copy = JSON.parse(JSON.stringify(sop)) as SopDefinition;
  const step = copy.steps["need-uasc"];
  if (step && step.kind === "decision" && typeof step.next !== "string")
    for (const route of step.next) if (route.when) route.when = route.when.replace("age < 18", "age < 17");
  return { ...copy, version: `${sop.version}-bench` };
}

function verdictText(verdicts: { status: string }[]): string {
  const n = (s: string) => verdicts.filter((v) => v.status === s).length;
  return `${n("proven")} proven, ${n("violated")} violated, ${n("unproven")} unproven`;
}

function row(
  id: AnalysisBenchRow["id"],
  what: string,
  result: string,
  settled: boolean,
  ms: number,
  compileMs: number,
): AnalysisBenchRow {
  return {
    id,
    what,
    settled,
    result,
    ms: Math.round(ms),
    compileMs: Math.round(compileMs * 10) / 10,
    ratio: Math.round(ms / Math.max(compileMs, 0.001)),
  };
}

/** The rows as a Markdown table. */
export function formatAnalysisBench(rows: readonly AnalysisBenchRow[]): string {
  const lines = ["| analysis | result | time | compile (floor) | ratio |", "|---|---|---:|---:|---:|"];
  for (const r of rows)
    lines.push(`| ${r.what} | ${r.result} | ${(r.ms / 1000).toFixed(1)} s | ${r.compileMs} ms | ${r.ratio}× |`);
  return lines.join("\n");
}
