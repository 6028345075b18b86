import { describeActions, enumeratePaths, modelSop, pickText } from "../../../src/engine/index";
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
  usage: `senda paths <file.sop.json> [--json] [--limit N] [--locale es|en]

Lists each distinct path through the SOP over every class of answers its conditions tell apart (ages below and
above each threshold, each option, yes and no, …), its procedures and parallel tracks included: the answers that
lead there, the steps, and the flags, referrals, deadlines and outcome it produces. Answers the SOP cannot tell
apart are one path; every listed path is played as a real case to describe it. All paths are counted.

  --json        print the paths as JSON
  --limit N     paths to list at most (default 200; the total is always counted)
  --locale L    language of question titles and answers (default en)`,
  run(args, io) {
    allowFlags(args, ["json", "limit", "locale"]);
    const compiled = loadOneSop(args.positional[0], io.cwd);
    if (args.positional.length > 1) throw new UsageError("give one SOP file");
    const limit = numberOption(args.options.get("limit"), "limit", 200);
    const locale = args.options.get("locale") ?? "en";
    const model = modelSop(compiled, { purpose: "results" });
    const list = enumeratePaths(model, { limit });
    const total = `${list.countExact ? "" : "at least "}${list.total} path${list.total === 1 ? "" : "s"}`;
    if (args.flags.has("json")) {
      io.out(
        JSON.stringify(
          {
            sop: compiled.id,
            version: compiled.version,
            total: list.total,
            countExact: list.countExact,
            paths: list.paths.map((p) => ({
              ...p,
              answers: describeActions(compiled, model.spaces, p.actions, locale),
            })),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const name = (id: string) => pickText(compiled.catalog.services.get(id)?.name, locale) || id;
    io.out(`${compiled.id} ${compiled.version}: ${total}`);
    for (const p of list.paths) {
      const end = p.status === "finished" ? `outcome ${p.outcome ?? "?"}` : `${p.status} at "${p.where}"`;
      io.out("");
      io.out(`#${p.index + 1} ${end}`);
      const answers = describeActions(compiled, model.spaces, p.actions, locale).filter((a) => a.matters);
      if (answers.length) io.out(`  answers: ${answers.map((a) => `${a.title}: ${a.text}`).join("; ")}`);
      io.out(`  steps: ${p.steps.join(" → ")}`);
      if (p.flags.length) io.out(`  flags: ${p.flags.join(", ")}`);
      if (p.referrals.length)
        io.out(`  referrals: ${p.referrals.map((r) => `${name(r.service)} (${r.urgency}, ${r.status})`).join(", ")}`);
      if (p.deadlines.length)
        io.out(
          `  deadlines: ${p.deadlines.map((d) => `${d.id} (due ${d.window} h after what it counts from)`).join(", ")}`,
        );
      for (const v of p.violations)
        io.out(`  BREAKS ${v.sop}/${v.invariant}: expected ${JSON.stringify(v.expectation)}`);
      if (p.reason) io.out(`  ${p.reason}`);
    }
    io.out("");
    io.out(`Listed ${list.paths.length} of ${total}${list.truncated ? " (raise --limit to list more)" : ""}.`);
    return 0;
  },
};
