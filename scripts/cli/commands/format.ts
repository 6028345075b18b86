import { readFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatJson } from "../../../src/engine/index";
import { allowFlags, type Command, UsageError } from "../command";
import { defaultSopDir, listJsonFiles } from "../readSources";

export const format: Command = {
  name: "format",
  summary: "write SOP, catalog and scenario files in the library's layout",
  usage: `senda format [paths…] [--check]

Rewrites each JSON file of the library (sop/ by default) in one layout: a value that fits on its 120-character line
stays on one line, longer ones are broken one member per line. The editor exports files the same way, so changes diff
cleanly in git. A file that is not valid JSON is left alone and reported.
  --check   change nothing; exit 1 when a file is not in the layout`,
  run(args, io) {
    allowFlags(args, ["check"]);
    const roots = args.positional.length ? args.positional.map((p) => resolve(io.cwd, p)) : [defaultSopDir(io.cwd)];
    const files: string[] = [];
    for (const root of roots) {
      let isDirectory: boolean;
      try {
        isDirectory = statSync(root).isDirectory();
      } catch {
        throw new UsageError(`${root}: no such file or folder`);
      }
      files.push(...(isDirectory ? listJsonFiles(root) : [root]));
    }
    let unformatted = 0;
    let broken = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        broken++;
        io.err(`${file}: not valid JSON; run \`senda validate ${file}\` to see where`);
        continue;
      }
      const formatted = formatJson(value);
      if (formatted === text) continue;
      unformatted++;
      if (args.flags.has("check")) io.out(`${file}: not in the library's layout`);
      else writeFileSync(file, formatted);
    }
    io.out(`${files.length} files checked, ${unformatted} ${args.flags.has("check") ? "to format" : "formatted"}`);
    return broken || (args.flags.has("check") && unformatted) ? 1 : 0;
  },
};
