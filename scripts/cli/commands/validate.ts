import { hasErrors, type Issue, issuesAbout, listUnreviewedTranslations } from "../../../src/engine/index";
import { allowFlags, type Command } from "../command";
import { defaultSopDir, loadLibraryFor } from "../readSources";

/** One line per issue, as compilers print them, so editors and CI annotate the right line. */
export function formatIssue(i: Issue): string {
  return `${i.file ?? "<input>"}:${i.line ?? 1}:${i.column ?? 1}: ${i.severity} ${i.code} ${i.message} (at ${i.pointer || "/"})`;
}

const count = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

export const validate: Command = {
  name: "validate",
  summary: "check SOPs, catalogs and scenarios against the schemas and the lint rules, in their library",
  usage: `senda validate [paths…] [--json]

Checks every SOP (*.sop.json), catalog file (catalog/*.json) and scenario (*.scenario.json) under the given
files or folders (default: sop/). A file is checked in the library it belongs to (the nearest folder with a
catalog/): references to other SOPs and to the catalog are resolved, scenarios are checked against the SOP they
enter, and what a change to the file breaks elsewhere (an SOP that runs it, a scenario that plays through it,
references to a catalog file) is reported too, in those files.

Prints one line per issue:  file:line:col: error|warning CODE message (at /json/pointer)
Exits 1 when there is any error, 0 otherwise (warnings alone do not fail).

  --json   print the issues as a JSON array instead (with each issue's code and params, for tools and translation)`,
  run(args, io) {
    allowFlags(args, ["json"]);
    const paths = args.positional.length ? args.positional : [defaultSopDir(io.cwd)];
    const { loaded, targets } = loadLibraryFor(paths, io.cwd);
    const issues = issuesAbout(loaded, targets);
    // A file's own issues come first, then what they break elsewhere ("whose file has errors"): the cause before
    // its consequences, whatever the files are called.
    const consequence = (i: Issue) =>
      i.code === "unknown-sop" && (i.params as { brokenFile?: string }).brokenFile !== undefined ? 1 : 0;
    issues.sort(
      (a, b) =>
        consequence(a) - consequence(b) ||
        (a.file ?? "").localeCompare(b.file ?? "") ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
    if (args.flags.has("json")) io.out(JSON.stringify(issues, null, 2));
    else {
      for (const i of issues) io.out(formatIssue(i));
      const own = issues.filter((i) => !i.file || targets.has(i.file));
      const elsewhere = issues.filter((i) => i.file && !targets.has(i.file));
      const errors = own.filter((i) => i.severity === "error").length;
      let summary = `${count(targets.size, "file", "files")} checked: ${count(errors, "error", "errors")}, ${count(own.length - errors, "warning", "warnings")}`;
      if (elsewhere.length > 0) {
        const others = new Set(elsewhere.map((i) => i.file)).size;
        const broken = elsewhere.filter((i) => i.severity === "error").length;
        summary += `; ${count(broken, "error", "errors")} and ${count(elsewhere.length - broken, "warning", "warnings")} in ${count(others, "other file", "other files")} that depend on ${targets.size === 1 ? "it" : "them"}`;
      }
      io.err(summary);
      const sops = [...loaded.library.sops.values()].filter((sop) => {
        const file = loaded.sopFiles.get(sop.id);
        return file !== undefined && targets.has(file);
      });
      // Languages left unreviewed in the same SOPs share a line.
      const bySops = new Map<string, string[]>();
      for (const { language, sops: ids } of listUnreviewedTranslations(sops))
        bySops.set(ids.join(", "), [...(bySops.get(ids.join(", ")) ?? []), language]);
      for (const [ids, languages] of bySops)
        io.err(
          `Not yet reviewed by a native speaker (officers see the texts marked): ${languages.join(", ")} in ${count(ids.split(", ").length, "SOP", "SOPs")} (${ids})`,
        );
    }
    return hasErrors(issues) ? 1 : 0;
  },
};
