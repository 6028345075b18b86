import { loadavg } from "node:os";
import { benchAnalysis } from "../../../src/engine/index";
import { defaultSopDir, loadLibraryFor } from "../../cli/readSources";
import { formatNumber, formatRatio, now } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, SectionResult, TargetResult } from "../harness/types";

/** Issue 10's targets, in milliseconds, by figure. */
const TARGETS = [
  { id: "library", target: "senda check of the whole shipped library ≤ 60 s, 0 unproven", ms: 60_000 },
  { id: "screening", target: "senda check of screening ≤ 10 s, 0 unproven", ms: 10_000 },
  { id: "uasc", target: "senda check of uasc ≤ 2 s, 0 unproven", ms: 2_000 },
  { id: "diff", target: "senda diff of screening, threshold 18 → 17, complete ≤ 30 s", ms: 30_000 },
] as const;

registerBenchSection({
  id: "analysis",
  title: "Proving the library (senda check and senda diff)",
  order: 40,
  method: `\`benchAnalysis\` of the engine (issue 10): \`senda check\` of every shipped SOP (the library's figure
is their sum, with the one cache of call-site proofs that \`senda check sop/\` shares between SOPs; screening and
uasc are checked again alone, without it, as \`senda check sop/screening.sop.json\` does), and \`senda diff\`
between screening and screening with its children's threshold moved from \`age < 18\` to \`age < 17\`. Each figure is one run (a check takes seconds), beside
compiling the same SOP, or every SOP, in the same run (the floor: the least any analysis of it must do). A figure
meets its target only when it is also settled: no invariant unproven, the diff complete. With \`--quick\` the section
stays within five minutes: the whole library gets 100 s in all, a single check or the diff 50 s (what is stopped
counts as unsettled).`,
  async run(context: BenchContext): Promise<SectionResult> {
    const cwd = process.cwd();
    const { loaded } = loadLibraryFor([defaultSopDir(cwd)], cwd);
    // The machine is shared: the load and the CPU time say how much of the wall time was this process's.
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(", ");
    const cpu = process.cpuUsage();
    const rows = benchAnalysis(loaded.library, loaded.compiled, () => now(), { quick: context.quick });
    const used = process.cpuUsage(cpu);
    for (const r of rows) context.log(`  ${r.what}: ${(r.ms / 1000).toFixed(1)} s (${r.result})`);
    context.log(
      `  CPU time of the whole section: ${((used.user + used.system) / 1e6).toFixed(1)} s; load average before: ${load}, after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(", ")}`,
    );
    const targets: TargetResult[] = [];
    for (const t of TARGETS) {
      const r = rows.find((row) => row.id === t.id);
      targets.push({
        target: t.target,
        measured: r ? `${formatNumber(r.ms / 1000)} s (${r.result})` : "not measured",
        met: r ? r.ms <= t.ms && r.settled : undefined,
      });
    }
    return {
      tables: [
        {
          caption: "Checking and diffing the shipped SOPs, beside compiling them",
          head: ["analysis", "result", "time", "compile (floor)", "time ÷ compile"],
          rows: rows.map((r) => [
            r.what,
            r.result,
            `${formatNumber(r.ms / 1000)} s`,
            `${formatNumber(r.compileMs)} ms`,
            formatRatio(r.ms / Math.max(r.compileMs, 0.001)),
          ]),
          numeric: true,
        },
      ],
      targets,
      data: rows,
    };
  },
});
