import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type CompiledSop, classifyPath, diffSops, loadLibrary, type SourceFile } from "../../../src/engine/index";
import { allowFlags, type Command, UsageError } from "../command";
import { libraryRootOf, listJsonFiles } from "../readSources";
import { formatIssue } from "./validate";

export const diff: Command = {
  name: "diff",
  summary: "compare two versions of an SOP path by path, in sentences",
  usage: `senda diff <old.sop.json> <new.sop.json> [--json] [--locale es|en] [--declines] [--quiet]

Runs both versions side by side on the same people (every class of answers either version tells apart) and finds
every kind of person whose outcome, flags, referrals (with their urgency), deadlines (with their window) or end
change, described by the answers that make the difference and confirmed by playing both versions as real cases:
  "Age: 17 years; Travelling with: Alone: before, referral to SENNIAF (immediate); now, none."
Each version is checked against the catalog of its library (the nearest folder with a catalog/, else the other
file's, else sop/); a version outside the library, such as one taken from git, is compiled with that catalog.

  --json       print the differences as JSON
  --locale L   language of the sentences (default en)
  --declines   also compare people who decline referrals (by default, every referral is accepted)
  --quiet      no progress on stderr`,
  run(args, io) {
    allowFlags(args, ["json", "declines", "quiet", "locale"]);
    const [oldPath, newPath, ...rest] = args.positional;
    if (!oldPath || !newPath || rest.length)
      throw new UsageError("give the two versions: senda diff <old.sop.json> <new.sop.json>");
    const before = loadVersion(oldPath, io.cwd, newPath);
    const after = loadVersion(newPath, io.cwd, oldPath);
    if (before.id !== after.id)
      io.err(`note: comparing two different SOPs ("${before.id}" and "${after.id}"); steps are matched by their ids`);
    const locale = args.options.get("locale") ?? "en";
    const started = Date.now();
    let said = started;
    const result = diffSops(before, after, {
      locale,
      declines: args.flags.has("declines"),
      control: {
        onProgress: (p) => {
          if (args.flags.has("quiet") || Date.now() - said < 2000) return;
          said = Date.now();
          io.err(`senda diff: result ${p.done + 1} of ${p.total} compared (${Math.round((said - started) / 1000)} s)`);
        },
      },
    });
    if (args.flags.has("json")) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    const n = result.entries.length;
    io.out(
      `${after.id} ${result.before} → ${result.after}: ${n === 0 ? "no kind of person is treated differently" : `${n} kind${n === 1 ? " of person is" : "s of people are"} treated differently`} (${result.runs} runs${result.complete ? "" : "; NOT complete: the comparison was stopped or reached its limits, so there may be more differences"}).`,
    );
    for (const entry of result.entries) io.out(`- ${entry.sentence}`);
    return 0;
  },
};

/**
 * Compiles one version of an SOP against a library: the file's own (nearest folder with a catalog/), else the
 * other version's, else sop/. The library's file for the same SOP id is left out, so the two never clash.
 */
function loadVersion(path: string, cwd: string, other: string): CompiledSop {
  const full = resolve(cwd, path);
  if (!existsSync(full) || statSync(full).isDirectory()) throw new UsageError(`no such SOP file: ${path}`);
  if (classifyPath(full) !== "sop") throw new UsageError(`${path}: not an SOP file (*.sop.json)`);
  const text = readFileSync(full, "utf8");
  let id: string | undefined;
  try {
    id = (JSON.parse(text) as { id?: string }).id;
  } catch {
    // loadLibrary reports the bad JSON with its line and column below.
  }
  const roots = [
    libraryRootOf(full),
    existsSync(resolve(cwd, other)) ? libraryRootOf(resolve(cwd, other)) : "",
    join(cwd, "sop"),
  ];
  const root = roots.find((r) => r && existsSync(join(r, "catalog")));
  const sources: SourceFile[] = [{ path: relative(cwd, full) || full, text }];
  if (root)
    for (const file of listJsonFiles(root)) {
      if (resolve(file) === full) continue;
      const content = readFileSync(file, "utf8");
      if (file.endsWith(".sop.json") && sameId(content, id)) continue;
      if (file.endsWith(".scenario.json")) continue;
      sources.push({ path: relative(cwd, file) || file, text: content });
    }
  const loaded = loadLibrary(sources);
  const compiled = id ? loaded.compiled.get(id) : undefined;
  if (compiled) return compiled;
  const mine = relative(cwd, full) || full;
  const errors = loaded.issues.filter((i) => i.severity === "error" && i.file === mine);
  throw new UsageError(
    `${path} cannot be compiled:\n${errors.slice(0, 10).map(formatIssue).join("\n") || "one of the SOPs it runs has errors; run senda validate"}`,
  );
}

function sameId(text: string, id: string | undefined): boolean {
  try {
    return id !== undefined && (JSON.parse(text) as { id?: string }).id === id;
  } catch {
    return false;
  }
}
