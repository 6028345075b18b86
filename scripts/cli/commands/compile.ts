import { allowFlags, allowPositionals, type Command } from "../command";
import { loadOneSop } from "./loadOneSop";

export const compile: Command = {
  name: "compile",
  summary: "compile an SOP into its XState statechart",
  usage: `senda compile <file.sop.json> [--json]

Compiles the SOP (with the SOPs it runs as procedures) into an XState v5 machine.
  --json   print the machine config as JSON (guards and actions are named references)
Without --json, prints a short summary: states, steps, procedures and the content hash.`,
  run(args, io) {
    allowFlags(args, ["json"]);
    allowPositionals(args, 1, "one SOP file");
    const compiled = loadOneSop(args.positional[0], io.cwd);
    if (args.flags.has("json")) {
      io.out(JSON.stringify(compiled.config, null, 2));
      return 0;
    }
    io.out(`${compiled.id} ${compiled.version} (hash ${compiled.hash})`);
    io.out(
      `  ${compiled.steps.size} steps in the statechart, ${compiled.scopes.size - 1} procedure run${compiled.scopes.size === 2 ? "" : "s"}`,
    );
    for (const scope of compiled.scopes.values())
      if (scope.caller) io.out(`  ${scope.caller} runs ${scope.sop.id} ${scope.sop.version}`);
    return 0;
  },
};
