import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type AnalysisProgress,
  CallSiteCache,
  type CheckReport,
  type CompiledSop,
  checkSop,
  counterexampleScenario,
  describeExpectation,
  pickText,
  settleLibraryUse,
} from "../../../src/engine/index";
import { allowFlags, type Command, type Io, UsageError } from "../command";
import { defaultSopDir, loadLibraryFor } from "../readSources";
import { formatIssue } from "./validate";

/** Warnings printed per SOP before "and N more". */
const WARNINGS_SHOWN = 8;
/** Longest silence on stderr during a long check, in milliseconds. */
const PROGRESS_EVERY = 2000;

export const check: Command = {
  name: "check",
  summary: "prove or refute every invariant of SOPs over all their paths, and check their structure",
  usage: `senda check [paths…] [--json] [--locale es|en] [--save-counterexample DIR] [--strict] [--quiet]

Checks each SOP under the given files or folders (default: sop/) over every case it allows: every answer to every
question (grouped into the classes its conditions tell apart), every route, every procedure it runs and every
parallel track, as the case runtime runs them. For each invariant of the SOP, and of the SOPs it runs, it says:

  PROVEN    the promise holds on every path of every case: no answers can break it. Nothing to do.
  VIOLATED  some case breaks it. The counterexample gives the answers that matter (another answer to any of them
            keeps the promise), then every answer as actions; it is a real case, played by the runtime. Fix the
            SOP (or the invariant, if the promise was wrong), or save it with --save-counterexample: senda test
            then fails on it until the SOP is fixed.
  UNPROVEN  the check could not settle it; the note says why (it was stopped, or the SOP uses an expression the
            analysis cannot reason about). Treat it as not yet known to hold: simplify the expression it names, or
            add scenarios for it, and tell the Senda maintainers.

It also checks the structure of every path (errors): every path ends at an end step; no loop traps a case ("from
X the case can return to Y forever"); no sensitive question is reached without consent; no deadline is already
past when it is set; no referral a standing instruction forbids is reached; no public deadline, follow-up or
referral tells a sensitive answer (surface-leak). Warnings: a service asked for twice, loops a case can go round,
an expression of a step the analysis can only approximate (analysis-unsupported: it takes every value the
expression could give, so nothing is proven by mistake), steps, routes and answers no path uses (a procedure's
step or route that an SOP checked with it uses, as a caller, is used), parallel tracks whose order matters.
sop/README.md lists every code.

Exits 1 when an invariant is violated or a structural error is found (with --strict, also when one is unproven,
or when the surface-leak check of a sensitive question, or the structure of the paths, could not be decided:
surface-leak-undecided, structure-undecided).
Progress goes to stderr every few seconds on long runs.

  --json                     print the reports as JSON
  --locale L                 language of question titles and answers (default en)
  --save-counterexample DIR  write each counterexample as DIR/<id>.scenario.json, which senda test then fails
  --strict                   also fail when an invariant is unproven
  --skip a,b                 leave these SOPs out (by id), said in the summary: for a CI that cannot wait for the
                             longest compositions
  --quiet                    no progress on stderr`,
  run(args, io) {
    allowFlags(args, ["json", "strict", "quiet", "locale", "save-counterexample", "skip"]);
    const paths = args.positional.length ? args.positional : [defaultSopDir(io.cwd)];
    const locale = args.options.get("locale") ?? "en";
    const saveTo = args.options.get("save-counterexample");
    const { loaded, targets } = loadLibraryFor(paths, io.cwd);
    const skip = new Set(args.options.get("skip")?.split(",").filter(Boolean) ?? []);
    const unknown = [...skip].filter((id) => !loaded.sopFiles.has(id));
    if (unknown.length) throw new UsageError(`--skip: no SOP ${unknown.join(", ")} in the library`);
    const files = [...loaded.sopFiles].filter(([id, file]) => targets.has(file) && !skip.has(id));
    const reports: CheckReport[] = [];
    const broken: { sop: string; file: string; why: string }[] = [];
    const started = Date.now();
    // A procedure proven at a call site in one SOP is not proven again where another SOP enters it the same way.
    const callSites = new CallSiteCache();
    let lastSaid = started;
    const say = (progress: AnalysisProgress, force = false) => {
      const now = Date.now();
      if (args.flags.has("quiet") || (!force && now - lastSaid < PROGRESS_EVERY)) return;
      lastSaid = now;
      const where =
        progress.phase === "invariants" ? `run ${progress.done + 1} of ${progress.total}` : describePhase(progress);
      io.err(`senda check: ${progress.sop}: ${where} (${((now - started) / 1000).toFixed(0)} s)`);
    };
    for (const [index, [id, file]] of files.entries()) {
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
      if (files.length > 1) say({ sop: id, phase: "answers", done: index, total: files.length });
      const report = checkSop(compiled, {
        locale,
        callSites,
        control: { onProgress: (p) => say(p), now: () => Date.now() },
      });
      reports.push(report);
      if (saveTo) saveCounterexamples(io, compiled, report, resolve(io.cwd, saveTo));
    }
    // A procedure's step or route that a caller checked here uses is not dead (see settleLibraryUse).
    reports.splice(0, reports.length, ...settleLibraryUse(reports));
    if (!args.flags.has("json"))
      for (const report of reports) printReport(io, loaded.compiled.get(report.sop)!, report, locale);
    const count = (status: string) => reports.flatMap((r) => r.verdicts).filter((v) => v.status === status).length;
    const errors = reports.flatMap((r) => r.issues).filter((i) => i.severity === "error").length;
    const warnings = reports.flatMap((r) => r.issues).filter((i) => i.severity === "warning").length;
    if (args.flags.has("json")) io.out(JSON.stringify({ reports, broken }, null, 2));
    else {
      for (const b of broken) io.out(`${b.sop}: cannot be checked: ${b.why}`);
      io.out(
        `${reports.length} SOP${reports.length === 1 ? "" : "s"} checked: ${count("proven")} invariant${count("proven") === 1 ? "" : "s"} proven, ${count("violated")} violated, ${count("unproven")} unproven; ${errors} structural error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`,
      );
      if (skip.size) io.out(`Not checked (--skip): ${[...skip].join(", ")}.`);
    }
    if (files.length === 0 && broken.length === 0) io.err("no SOP files (*.sop.json) found under the given paths");
    const failed = count("violated") > 0 || errors > 0 || broken.length > 0;
    // A surface-leak check or a structure left undecided is, like an unproven invariant, not known to hold.
    const undecided = reports
      .flatMap((r) => r.issues)
      .some((i) => i.kind === "surface-leak-undecided" || i.kind === "structure-undecided");
    return failed || (args.flags.has("strict") && (count("unproven") > 0 || undecided)) ? 1 : 0;
  },
};

function describePhase(progress: AnalysisProgress): string {
  switch (progress.phase) {
    case "answers":
      return "grouping answers into classes";
    case "model":
      return "building the model of its cases";
    case "structure":
      return "checking the structure of its paths";
    default:
      return "proving invariants";
  }
}

function printReport(io: Io, compiled: CompiledSop, report: CheckReport, locale: string) {
  const seconds = report.stats.milliseconds ? `, ${(report.stats.milliseconds / 1000).toFixed(1)} s` : "";
  const stats = `${report.stats.nodes} moments, ${report.stats.runs} run${report.stats.runs === 1 ? "" : "s"}${seconds}`;
  io.out(`${report.sop} ${report.version} (${stats}${report.complete ? "" : "; NOT everything settled"})`);
  for (const v of report.verdicts) {
    const where =
      v.sop === report.sop ? v.invariant : `${v.sop}/${v.invariant} (run at ${v.scopes.filter(Boolean).join(", ")})`;
    io.out(`  ${v.status.toUpperCase().padEnd(8)}  ${where}: ${pickText(v.text, locale)}`);
    if (v.note) io.out(`            ${v.note}`);
    const example = v.counterexample;
    if (!example) continue;
    io.out(
      `            expected ${describeExpectation(compiled, example.expectation, locale)}, but for a person with:`,
    );
    const telling = example.telling.map((a) => `${a.title}: ${a.text}`).join("; ");
    io.out(`            ${telling || "(any answers)"}${telling ? " (other answers do not matter)" : ""}`);
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
      io.out(
        `            ${
          issue.answers
            .filter((a) => a.matters)
            .map((a) => `${a.title}: ${a.text}`)
            .join("; ") || "(no answers)"
        }`,
      );
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
