import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type CheckReport,
  type CompiledSop,
  checkSop,
  counterexampleScenario,
  describeExpectation,
  pickText,
} from "../../../src/engine/index";
import { allowFlags, type Command, type Io } from "../command";
import { defaultSopDir, loadLibraryFor } from "../readSources";
import { numberOption } from "./paths";
import { formatIssue } from "./validate";

/** Warnings printed per SOP before "and N more". */
const WARNINGS_SHOWN = 8;

export const check: Command = {
  name: "check",
  summary: "prove or refute every invariant of SOPs over all their paths, and check their structure",
  usage: `senda check [paths…] [--json] [--budget N] [--locale es|en] [--save-counterexample DIR] [--strict]

Explores every path of each SOP under the given files or folders (default: sop/) over its answer space, as real
cases, procedures and parallel tracks included, and checks on every path:
  - each invariant of the SOP and of the SOPs it runs: PROVEN, VIOLATED (with a counterexample: the answers an
    officer would give, and what the invariant expected), or UNPROVEN (the SOP has more states than the budget);
  - that every path ends at an end step, no sensitive question is reached without consent, no deadline is past
    when it is set (errors); and steps, routes and answers no path can use, loops and parallel tracks whose order
    matters (warnings).
Exits 1 when an invariant is violated or a structural error is found (with --strict, also when one is unproven).

  --json                     print the reports as JSON
  --budget N                 distinct case states per exploration (default 20000)
  --locale L                 language of question titles and answers (default en)
  --save-counterexample DIR  write each counterexample as DIR/<id>.scenario.json, which senda test then fails
  --strict                   also fail when an invariant could not be settled within the budget`,
  run(args, io) {
    allowFlags(args, ["json", "strict", "budget", "locale", "save-counterexample"]);
    const paths = args.positional.length ? args.positional : [defaultSopDir(io.cwd)];
    const budget = numberOption(args.options.get("budget"), "budget", 20_000);
    const locale = args.options.get("locale") ?? "en";
    const saveTo = args.options.get("save-counterexample");
    const { loaded, targets } = loadLibraryFor(paths, io.cwd);
    const files = [...loaded.sopFiles].filter(([, file]) => targets.has(file));
    const reports: CheckReport[] = [];
    const broken: { sop: string; file: string; why: string }[] = [];
    for (const [id, file] of files) {
      const compiled = loaded.compiled.get(id);
      if (!compiled) {
        const first = loaded.issues.find((i) => i.severity === "error" && i.file === file);
        broken.push({
          sop: id,
          file,
          why: first ? formatIssue(first) : "an SOP it runs has errors; run senda validate",
        });
        continue;
      }
      const report = checkSop(compiled, { budget, locale });
      reports.push(report);
      if (!args.flags.has("json")) printReport(io, compiled, report, locale);
      if (saveTo) saveCounterexamples(io, compiled, report, resolve(io.cwd, saveTo));
    }
    const count = (status: string) => reports.flatMap((r) => r.verdicts).filter((v) => v.status === status).length;
    const errors = reports.flatMap((r) => r.issues).filter((i) => i.severity === "error").length;
    const warnings = reports.flatMap((r) => r.issues).filter((i) => i.severity === "warning").length;
    if (args.flags.has("json")) io.out(JSON.stringify({ reports, broken }, null, 2));
    else {
      for (const b of broken) io.out(`${b.sop}: cannot be checked: ${b.why}`);
      io.out(
        `${reports.length} SOP${reports.length === 1 ? "" : "s"} checked: ${count("proven")} invariant${count("proven") === 1 ? "" : "s"} proven, ${count("violated")} violated, ${count("unproven")} unproven; ${errors} structural error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`,
      );
    }
    if (files.length === 0 && broken.length === 0) io.err("no SOP files (*.sop.json) found under the given paths");
    const failed = count("violated") > 0 || errors > 0 || broken.length > 0;
    return failed || (args.flags.has("strict") && count("unproven") > 0) ? 1 : 0;
  },
};

function printReport(io: Io, compiled: CompiledSop, report: CheckReport, locale: string) {
  const stats = `${report.stats.states} case state${report.stats.states === 1 ? "" : "s"} in ${report.stats.runs} run${report.stats.runs === 1 ? "" : "s"}`;
  io.out(`${report.sop} ${report.version} (${stats}${report.complete ? "" : "; NOT fully explored"})`);
  // Invariants left unproven for the same reason share one note, printed after them.
  const unprovenNote = (v: (typeof report.verdicts)[number]) => (v.status === "unproven" ? v.note : undefined);
  for (const [i, v] of report.verdicts.entries()) {
    const where =
      v.sop === report.sop ? v.invariant : `${v.sop}/${v.invariant} (run at ${v.scopes.filter(Boolean).join(", ")})`;
    io.out(`  ${v.status.toUpperCase().padEnd(8)}  ${where}: ${pickText(v.text, locale)}`);
    const next = report.verdicts[i + 1];
    if (v.note && !(unprovenNote(v) && next && unprovenNote(next) === v.note)) io.out(`            ${v.note}`);
    const example = v.counterexample;
    if (!example) continue;
    io.out(`            expected ${describeExpectation(compiled, example.expectation, locale)}, but on this path:`);
    const telling = example.answers.filter((a) => a.matters);
    io.out(`            ${telling.map((a) => `${a.title}: ${a.text}`).join("; ") || "(any answers)"}`);
    const services = example.referrals.map((r) => `${r.service} (${r.urgency}, ${r.status})`).join(", ") || "none";
    io.out(
      `            → outcome ${example.outcome ?? "none"}; flags: ${example.flags.join(", ") || "none"}; referrals: ${services}`,
    );
    io.out(`            answers as actions: ${JSON.stringify(example.actions)}`);
  }
  const warnings = report.issues.filter((i) => i.severity === "warning");
  for (const issue of report.issues.filter((i) => i.severity === "error")) {
    io.out(`  ERROR     ${issue.kind}: ${issue.message}`);
    if (issue.answers)
      io.out(`            ${issue.answers.map((a) => `${a.title}: ${a.text}`).join("; ") || "(no answers)"}`);
  }
  for (const issue of warnings.slice(0, WARNINGS_SHOWN)) io.out(`  warning   ${issue.kind}: ${issue.message}`);
  if (warnings.length > WARNINGS_SHOWN)
    io.out(`  … and ${warnings.length - WARNINGS_SHOWN} more warnings (--json lists them all)`);
}

function saveCounterexamples(io: Io, compiled: CompiledSop, report: CheckReport, dir: string) {
  for (const verdict of report.verdicts) {
    if (!verdict.counterexample) continue;
    const scenario = counterexampleScenario(compiled, verdict);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${scenario.id}.scenario.json`);
    writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
    io.err(`wrote ${file}`);
  }
}
