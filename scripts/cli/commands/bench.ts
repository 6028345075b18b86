import { benchAnalysis, benchSurge, formatAnalysisBench, formatSurgeBench } from "../../../src/engine/index";
import { formatBenchTable, runEngineBench } from "../../bench/runBench";
import { allowFlags, type Command, UsageError } from "../command";
import { loadLibraryFor } from "../readSources";
import { loadSurgeLibrary } from "./surge";

export const bench: Command = {
  name: "bench",
  summary: "measure the engine against a plain table-driven interpreter, as ratios",
  usage: `senda bench [--json] [--sizes 50,500,5000]

Generates SOPs of the given sizes and measures, for each: validate+lint+compile time, time per answer, replay of
a 1,000-event case, and retained memory per open case with 10,000 open, each beside a plain table-driven
interpreter of the same SOP measured in the same run (the floor), with the ratio. Then \`senda check\` on the
shipped library (all of it, screening, uasc) and \`senda diff\` between screening and screening with its
children's threshold moved from 18 to 17, each beside compiling the same SOP. Run it through
\`npm run bench\` so that memory can be measured after garbage collection.

  --json            print the rows as JSON
  --sizes a,b,c     the SOP sizes in steps (default 50,500,5000)`,
  run(args, io) {
    allowFlags(args, ["json", "sizes"]);
    const sizes = (args.options.get("sizes") ?? "50,500,5000").split(",").map(Number);
    if (sizes.some((s) => !Number.isInteger(s) || s < 3))
      throw new UsageError("--sizes takes whole numbers of at least 3, like 50,500");
    if (!(globalThis as { gc?: unknown }).gc)
      io.err("note: run with node --expose-gc (npm run bench) for memory figures after garbage collection");
    const rows = runEngineBench(sizes);
    const { loaded } = loadLibraryFor(["sop"], io.cwd);
    const analysis = benchAnalysis(loaded.library, loaded.compiled, () => performance.now());
    const surge = benchSurge(loadSurgeLibrary("sop", io.cwd), () => performance.now());
    if (args.flags.has("json")) io.out(JSON.stringify({ engine: rows, analysis, surge }, null, 2));
    else io.out(`${formatBenchTable(rows)}\n\n${formatAnalysisBench(analysis)}\n\n${formatSurgeBench(surge)}`);
    return 0;
  },
};
