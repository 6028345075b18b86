import { hasErrors, type Issue } from "../../../src/engine/index";
import { allowFlags, type Command } from "../command";
import { defaultSopDir, loadLibraryFor } from "../readSources";

/** One line per issue, as compilers print them, so editors and CI annotate the right line. */
export function formatIssue(i: Issue): string {
  return `${i.file ?? "<input>"}:${i.line ?? 1}:${i.column ?? 1}: ${i.severity} ${i.code} ${i.message} (at ${i.pointer || "/"})`;
}

export const validate: Command = {
  name: "validate",
  summary: "check SOPs, catalogs and scenarios against the schemas and the lint rules",
  usage: `senda validate [paths…] [--json]

Checks every SOP (*.sop.json), catalog file (catalog/*.json) and scenario (*.scenario.json) under the given
files or folders (default: sop/). A file is checked together with the library it belongs to (the nearest folder
with a catalog/), so references to other SOPs and to the catalog are resolved.

Prints one line per issue:  file:line:col: error|warning CODE message (at /json/pointer)
Exits 1 when there is any error, 0 otherwise (warnings alone do not fail).

  --json   print the issues as a JSON array instead`,
  run(args, io) {
    allowFlags(args, ["json"]);
    const paths = args.positional.length ? args.positional : [defaultSopDir(io.cwd)];
    const { loaded, targets } = loadLibraryFor(paths, io.cwd);
    const issues = loaded.issues.filter((i) => !i.file || targets.has(i.file));
    issues.sort(
      (a, b) =>
        (a.file ?? "").localeCompare(b.file ?? "") ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
    if (args.flags.has("json")) io.out(JSON.stringify(issues, null, 2));
    else {
      for (const i of issues) io.out(formatIssue(i));
      const errors = issues.filter((i) => i.severity === "error").length;
      io.err(
        `${targets.size} file${targets.size === 1 ? "" : "s"} checked: ${errors} error${errors === 1 ? "" : "s"}, ${issues.length - errors} warning${issues.length - errors === 1 ? "" : "s"}`,
      );
    }
    return hasErrors(issues) ? 1 : 0;
  },
};
