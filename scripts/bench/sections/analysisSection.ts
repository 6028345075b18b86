import { benchAnalysis } from "../../../src/engine/index";
import { formatNumber, formatRatio, now } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { SectionResult } from "../harness/types";

registerBenchSection({
  id: "analysis",
  title: "Path analysis (senda check's engine)",
  order: 40,
  method: `\`benchAnalysis\` of the engine: generated SOPs of one-of questions whose paths grow as the options to the
power of the questions; exploring every case state and checking the invariant, beside a plain depth-first walk of
the same SOP's step graph (each step once).`,
  async run(): Promise<SectionResult> {
    const rows = benchAnalysis(() => now());
    return {
      tables: [
        {
          caption: "Exploring and checking every path, beside a walk of the step graph",
          head: ["questions × options", "case states", "paths", "explore", "check", "graph walk", "explore ÷ walk"],
          rows: rows.map((r) => [
            `${r.questions} × ${r.options}`,
            r.states.toLocaleString("en"),
            r.paths.toExponential(2),
            `${formatNumber(r.exploreMs)} ms`,
            `${formatNumber(r.checkMs)} ms`,
            `${formatNumber(r.baselineMs)} ms`,
            formatRatio(r.ratio),
          ]),
        },
      ],
      data: rows,
    };
  },
});
