import { benchSurge } from "../../../src/engine/index";
import { loadSurgeLibrary } from "../../cli/commands/surge";
import { formatNumber, formatRatio, now } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, SectionResult } from "../harness/types";

registerBenchSection({
  id: "surge",
  title: "Surge simulation",
  order: 45,
  method: `\`benchSurge\` of the engine (issue of the surge simulation): a year of arrivals through the shipped SOPs'
time estimates, prepared (the plan checked, each persona played once through the engine) and simulated (the event
loop, the aggregation, one contingency case per day), beside a bare M/M/c queue with the same arrivals, staff and
mean service (the floor).`,
  async run(context: BenchContext): Promise<SectionResult> {
    const rows = benchSurge(loadSurgeLibrary("sop", process.cwd()), () => now());
    context.log(`  ${rows.length} surge${rows.length === 1 ? "" : "s"} simulated`);
    return {
      tables: [
        {
          caption: "Simulating a surge, beside a bare M/M/c queue",
          head: [
            "surge",
            "arrivals",
            "events",
            "prepare",
            "simulate",
            "floor (bare M/M/c)",
            "(prepare + simulate) ÷ floor",
          ],
          rows: rows.map((r) => [
            r.name,
            r.arrivals.toLocaleString("en"),
            r.events.toLocaleString("en"),
            `${formatNumber(r.prepareMs)} ms`,
            `${formatNumber(r.simulateMs)} ms`,
            `${formatNumber(r.baselineMs)} ms`,
            formatRatio(r.ratio),
          ]),
        },
      ],
      data: rows,
    };
  },
});
