import { type Coverage, coverScenarios } from "../../../src/engine/index";
import { allowFlags, type Command } from "../command";
import { loadLibraryFor } from "../readSources";

/** Missed items printed per kind before "and N more". */
const MISSED_SHOWN = 5;

export const coverage: Command = {
  name: "coverage",
  summary: "show which paths, steps, routes, referrals and answers the scenarios exercise, and which they miss",
  usage: `senda coverage [scenario files or folders…] [--json] [--locale es|en]

Plays the scenarios (default: every *.scenario.json under sop/scenarios/) through their SOPs and compares what they
exercise with every path the analysis finds: paths (by their steps, routes and results), steps, routes, referrals
(made and declined) and answer classes. Prints, per SOP of the library, the coverage and the first things missed,
with the answers that would reach them. SOPs with no scenario show what a first scenario should cover.

  --json        print the coverage as JSON
  --locale L    language of question titles and answers (default en)`,
  run(args, io) {
    allowFlags(args, ["json", "locale"]);
    const paths = args.positional.length ? args.positional : ["sop/scenarios"];
    const locale = args.options.get("locale") ?? "en";
    const { loaded, targets } = loadLibraryFor(paths, io.cwd);
    const scenarios = loaded.scenarios.filter((s) => targets.has(s.file)).map((s) => s.scenario);
    const results: Coverage[] = [];
    for (const [id, compiled] of loaded.compiled) {
      const mine = scenarios.filter((s) => s.sop === id);
      const result = coverScenarios(compiled, mine, { locale });
      results.push(result);
      if (args.flags.has("json")) continue;
      const ratio = (c: { covered: number; total: number }) =>
        `${c.covered}/${c.total}${c.total ? ` (${Math.round((100 * c.covered) / c.total)}%)` : ""}`;
      io.out(
        `${id}: ${mine.length} scenario${mine.length === 1 ? "" : "s"}; paths ${ratio(result.paths)}, steps ${ratio(result.steps)}, routes ${ratio(result.routes)}, referrals ${ratio(result.referrals)}, answer classes ${ratio(result.answers)}${result.pathsExact ? "" : " (at least that many paths)"}`,
      );
      for (const s of result.scenarios) if (s.path === undefined) io.out(`  scenario ${s.id}: ${s.note}`);
      const show = (label: string, items: { what: string; answers?: { title: string; text: string }[] }[]) => {
        if (items.length === 0) return;
        io.out(
          `  missed ${label}: ${items
            .slice(0, MISSED_SHOWN)
            .map((m) => m.what)
            .join("; ")}${items.length > MISSED_SHOWN ? `; and ${items.length - MISSED_SHOWN} more` : ""}`,
        );
      };
      show("steps", result.missed.steps);
      show("routes", result.missed.routes);
      show("referrals", result.missed.referrals);
      show("answers", result.missed.answers);
      for (const p of result.missed.paths.slice(0, 3))
        io.out(`  missed ${p.what}: ${p.answers?.map((a) => `${a.title}: ${a.text}`).join("; ") || "(no answers)"}`);
    }
    if (args.flags.has("json")) io.out(JSON.stringify(results, null, 2));
    return 0;
  },
};
