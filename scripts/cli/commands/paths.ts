import { describeActions, enumeratePaths, exploreSop, pickText } from "../../../src/engine/index";
import { allowFlags, type Command, UsageError } from "../command";
import { loadOneSop } from "./loadOneSop";

/** Reads a positive whole-number option, or its default. */
export function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} takes a whole number of at least 1, not "${value}"`);
  return n;
}

export const paths: Command = {
  name: "paths",
  summary: "list every path through an SOP over its answer space",
  usage: `senda paths <file.sop.json> [--json] [--budget N] [--limit N] [--locale es|en]

Runs the SOP as real cases over every class of answers its conditions tell apart (ages below and above each
threshold, each option, yes and no, …), including its procedures and parallel tracks, and lists each distinct
path: the answers that lead there, the steps, and the flags, referrals, deadlines and outcome it produces.
Answers the SOP cannot tell apart count as one path; "combinations" says how many answer classes lead there.

  --json        print the paths as JSON
  --budget N    distinct case states to explore at most (default 20000); beyond, it says what is left
  --limit N     paths to list at most (default 200; the total is always counted)
  --locale L    language of question titles and answers (default en)`,
  run(args, io) {
    allowFlags(args, ["json", "budget", "limit", "locale"]);
    const compiled = loadOneSop(args.positional[0], io.cwd);
    if (args.positional.length > 1) throw new UsageError("give one SOP file");
    const budget = numberOption(args.options.get("budget"), "budget", 20_000);
    const limit = numberOption(args.options.get("limit"), "limit", 200);
    const locale = args.options.get("locale") ?? "en";
    const exploration = exploreSop(compiled, { budget });
    const list = enumeratePaths(exploration, { limit });
    const unexplored = exploration.unexplored.map((u) => ({
      step: u.what.step,
      actions: u.actions,
      answers: describeActions(compiled, exploration.spaces, u.actions, locale),
    }));
    if (args.flags.has("json")) {
      io.out(
        JSON.stringify(
          {
            sop: compiled.id,
            version: compiled.version,
            complete: exploration.complete,
            total: list.total,
            countExact: list.countExact,
            stats: exploration.stats,
            paths: list.paths.map((p) => ({
              ...p,
              answers: describeActions(compiled, exploration.spaces, p.actions, locale),
            })),
            unexplored,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const name = (id: string) => pickText(compiled.catalog.services.get(id)?.name, locale) || id;
    io.out(
      `${compiled.id} ${compiled.version}: ${list.countExact ? "" : "at least "}${list.total} path${list.total === 1 ? "" : "s"}, ${exploration.stats.states} case states explored${exploration.complete ? "" : " (NOT COMPLETE)"}`,
    );
    for (const p of list.paths) {
      const end = p.status === "finished" ? `outcome ${p.outcome ?? "?"}` : `${p.status} at "${p.where}"`;
      io.out("");
      io.out(`#${p.index + 1} ${end}${p.combinations > 1 ? ` (${p.combinations} answer combinations)` : ""}`);
      const answers = describeActions(compiled, exploration.spaces, p.actions, locale);
      if (answers.length) io.out(`  answers: ${answers.map((a) => `${a.title}: ${a.text}`).join("; ")}`);
      io.out(`  steps: ${p.steps.join(" → ")}`);
      if (p.flags.length) io.out(`  flags: ${p.flags.join(", ")}`);
      if (p.referrals.length)
        io.out(`  referrals: ${p.referrals.map((r) => `${name(r.service)} (${r.urgency}, ${r.status})`).join(", ")}`);
      if (p.deadlines.length)
        io.out(
          `  deadlines: ${p.deadlines.map((d) => `${d.id} (due ${d.hoursLeftWhenSet} h after it is set)`).join(", ")}`,
        );
      for (const v of p.violations)
        io.out(`  BREAKS ${v.sop}/${v.invariant}: expected ${JSON.stringify(v.expectation)}`);
      if (p.reason) io.out(`  ${p.reason}`);
    }
    io.out("");
    io.out(
      `Listed ${list.paths.length} of ${list.countExact ? "" : "at least "}${list.total} path${list.total === 1 ? "" : "s"}${list.truncated ? ` (raise --limit to list more)` : ""}.`,
    );
    if (!exploration.complete) {
      io.out(
        `NOT COMPLETE: the budget of ${budget} case states ran out; ${unexplored.length} state${unexplored.length === 1 ? " was" : "s were"} left unexplored, so there are more paths than listed. First left unexplored, waiting at "${unexplored[0]?.step}" after: ${unexplored[0]?.answers.map((a) => `${a.title}: ${a.text}`).join("; ") || "no answers"}.`,
      );
    }
    return 0;
  },
};
