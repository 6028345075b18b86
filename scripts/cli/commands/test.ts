import { runScenario } from "../../../src/engine/index";
import { allowFlags, type Command, UsageError } from "../command";
import { loadLibraryFor } from "../readSources";
import { formatIssue } from "./validate";

export const test: Command = {
  name: "test",
  summary: "play scenarios through their SOPs and compare with what they expect",
  usage: `senda test [scenario files or folders…] [--json]

Plays each scenario (default: every *.scenario.json under sop/scenarios/) through the SOP it names, exactly as an
officer would, and compares the flags, referrals, outcome, deadlines and visited steps with what it expects. The
SOP's invariants must also hold on the scenario's path.

Prints PASS or FAIL per scenario with the first difference, then "N passed, N failed". Exits 1 on any failure.

  --json   print the results as JSON`,
  run(args, io) {
    allowFlags(args, ["json"]);
    const paths = args.positional.length ? args.positional : ["sop/scenarios"];
    for (const p of paths)
      if (p.endsWith(".json") && !p.endsWith(".scenario.json"))
        throw new UsageError(
          `${p}: not a scenario file (*.scenario.json); give scenario files or the folders that hold them`,
        );
    const { loaded, targets } = loadLibraryFor(paths, io.cwd);
    if (![...targets].some((t) => t.endsWith(".scenario.json")))
      io.err(`senda test: no scenario files (*.scenario.json) in ${paths.join(", ")}; nothing was tested`);
    const chosen = loaded.scenarios.filter((s) => targets.has(s.file));
    const results: { id: string; file: string; passed: boolean; differences: string[] }[] = [];
    for (const { file, scenario } of chosen) {
      const compiled = loaded.compiled.get(scenario.sop);
      if (!compiled) {
        const why = loaded.issues.find((i) => i.severity === "error" && i.file === loaded.sopFiles.get(scenario.sop));
        const reason = loaded.library.sops.has(scenario.sop)
          ? `the SOP "${scenario.sop}" has errors; run senda validate${why ? ` (first: ${formatIssue(why)})` : ""}`
          : `no SOP "${scenario.sop}" in the library`;
        results.push({ id: scenario.id, file, passed: false, differences: [reason] });
        continue;
      }
      const result = runScenario(compiled, scenario);
      results.push({ id: scenario.id, file, passed: result.passed, differences: result.differences });
    }
    // Scenario files that did not even load count as failures, with the reason.
    for (const file of targets) {
      if (!file.endsWith(".scenario.json") || chosen.some((c) => c.file === file)) continue;
      const why = loaded.issues.find((i) => i.file === file && i.severity === "error");
      results.push({
        id: file,
        file,
        passed: false,
        differences: [why ? formatIssue(why) : "the scenario could not be loaded"],
      });
    }
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;
    if (args.flags.has("json")) io.out(JSON.stringify({ passed, failed, results }, null, 2));
    else {
      for (const r of results)
        io.out(
          r.passed
            ? `PASS ${r.id}`
            : `FAIL ${r.id === r.file ? r.file : `${r.id} (${r.file})`}\n     ${r.differences[0]}`,
        );
      io.out(`${passed} passed, ${failed} failed`);
    }
    return failed > 0 ? 1 : 0;
  },
};
