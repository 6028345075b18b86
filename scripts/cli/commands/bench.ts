import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { allowFlags, type Command, UsageError } from "../command";

export const bench: Command = {
  name: "bench",
  summary: "measure Senda against raw XState, SurveyJS and a plain interpreter, in Node and Chromium, as ratios",
  usage: `senda bench [--json] [--write [--out FILE]] [--quick] [--sizes 50,500,5000] [--runs N] [--only a,b] [--skip a,b]

Generates the same questionnaire at each size as a Senda SOP, a SurveyJS model, a raw XState machine and a plain
table interpreter's input, and measures each system side by side in the same run: building the model, a whole
session, time per answer early and late in a session, saving and restoring a session, and memory per open
session. Then Senda alone (validate+lint+compile, the screen's work per answer, replay, senda check), the store
with 10,000 cases, path analysis, and the browser (Debian's Chromium, CPU throttled 4×: answer to next step
painted, new case to first step, initial JavaScript). Each figure is a median of several runs, printed beside
the baselines with Senda's ratio to each, and the issue's targets are marked met or not met. A full run takes
about half an hour; run it through \`npm run bench\` so that memory is measured after garbage collection.

  --json          print the whole report as JSON
  --write         also write BENCHMARKS.md (or --out FILE)
  --quick         a shorter run: 1,000 open sessions, no SurveyJS at 5,000 questions, no senda check, fewer
                  browser steps
  --sizes a,b,c   questionnaire sizes (default 50,500,5000)
  --runs N        timed runs per figure, at most (default 5)
  --merge FILE    take the sections this run leaves out from another run's --json report
  --from FILE     measure nothing: print (and with --write, write) an earlier run's --json report
  --only a,b      run only these sections; --skip a,b leaves them out (questionnaire, senda, store,
                  analysis, surge, browser, and those other modules register)`,
  async run(args, io) {
    // Loaded here, not at the top: the sections bring SurveyJS, fake-indexeddb and Playwright, which no other
    // command should pay for.
    const { formatBenchmarksMarkdown, formatReportText } = await import("../../bench/harness/formatReport");
    const { canCollectGarbage } = await import("../../bench/harness/measure");
    const { listBenchSections } = await import("../../bench/harness/registry");
    const { runBench } = await import("../../bench/harness/runBench");
    allowFlags(args, ["json", "write", "out", "quick", "sizes", "runs", "only", "skip", "merge", "from"]);
    const sizes = (args.options.get("sizes") ?? "50,500,5000").split(",").map(Number);
    if (sizes.some((s) => !Number.isInteger(s) || s < 10))
      throw new UsageError("--sizes takes whole numbers of at least 10, like 50,500");
    const runs = Number(args.options.get("runs") ?? 5);
    if (!Number.isInteger(runs) || runs < 1) throw new UsageError("--runs takes a whole number of at least 1");
    const known = listBenchSections().map((s) => s.id);
    const list = (name: string) => {
      const value = args.options.get(name)?.split(",").filter(Boolean);
      const unknown = value?.filter((v) => !known.includes(v)) ?? [];
      if (unknown.length)
        throw new UsageError(`--${name}: no section ${unknown.join(", ")}; sections: ${known.join(", ")}`);
      return value;
    };
    const only = list("only");
    const skip = list("skip");
    if (!canCollectGarbage())
      io.err("note: run with node --expose-gc (npm run bench) for memory figures after garbage collection");
    const from = args.options.get("from");
    const report = from
      ? (JSON.parse(readFileSync(resolve(io.cwd, from), "utf8")) as Awaited<ReturnType<typeof runBench>>)
      : await runBench({
          sizes,
          runs,
          quick: args.flags.has("quick"),
          only,
          skip,
          log: (line) => io.err(line),
        });
    const merge = args.options.get("merge");
    if (merge) {
      const earlier = JSON.parse(readFileSync(resolve(io.cwd, merge), "utf8")) as typeof report;
      report.sections = report.sections.map((section) => {
        const before = earlier.sections.find((s) => s.id === section.id);
        if (!section.skipped || !before?.result) return section;
        const note = `Measured in a separate run (${earlier.startedAt}, options ${JSON.stringify(earlier.options)}).`;
        return { ...before, result: { ...before.result, notes: [...(before.result.notes ?? []), note] } };
      });
    }
    io.out(args.flags.has("json") ? JSON.stringify(report, null, 2) : formatReportText(report));
    if (args.flags.has("write") || args.options.has("out")) {
      const file = resolve(io.cwd, args.options.get("out") ?? "BENCHMARKS.md");
      writeFileSync(file, `${formatBenchmarksMarkdown(report)}\n`);
      alignTables(file);
      io.err(`wrote ${file}`);
    }
    return 0;
  },
};

/**
 * Lays the written Markdown out as the repository's formatter (Biome) does, tables aligned, so that `npm run lint`
 * passes on a freshly written BENCHMARKS.md. Left as written when Biome is not installed.
 */
function alignTables(file: string): void {
  try {
    const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");
    execFileSync(process.execPath, [biome, "format", "--write", file], { stdio: "ignore" });
  } catch {
    // Unformatted Markdown reads the same.
  }
}
