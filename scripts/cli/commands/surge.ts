import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import {
  createRandom,
  hasErrors,
  type Issue,
  issue,
  loadSurgePlan,
  pickText,
  prepareSurge,
  type QueueResult,
  type SurgeLibrary,
  type SurgeResult,
  simulateQueue,
  simulateSurge,
  type WaitSummary,
} from "../../../src/engine/index";
import { allowFlags, type Command, type ParsedArgs, UsageError } from "../command";
import { loadLibraryFor } from "../readSources";
import { formatIssue } from "./validate";

const TEXTBOOK = ["arrivals-per-hour", "servers", "service-minutes", "hours"] as const;

export const surge: Command = {
  name: "surge",
  summary: "simulate arrivals at a reception station: queues, waits, beds, referrals and alert levels",
  usage: `senda surge <plan.json> [--json] [--seed N] [--library DIR] [--locale es|en]
senda surge --arrivals-per-hour L --servers C --service-minutes S --hours H [--seed N] [--json]

Simulates a reception station over hours or days from a surge plan (schemas/surge-plan.schema.json): people
arrive (a constant rate, an hourly profile, or daily counts from a CSV file), each persona is played once through
its SOP to find the steps it goes through, the SOPs' time estimates give the minutes at each desk, and staff serve
them first come, first served. Prints per day: arrivals, people handled, waiting times (mean, p50, p90, p95), peak
occupancy, referrals, and the alert level the contingency SOP sets from that day's figures; then the timeline of
alert levels. The same plan and seed give the same results.

The second form is the textbook queue (Poisson arrivals, exponential service, C servers, first come first served),
whose mean wait agrees with the Erlang C formula.

Exits 1 when the plan has errors (printed as file:line:col with a JSON pointer).

  --json                 print the results as JSON
  --seed N               the random seed (default: the plan's seed, else 1)
  --library DIR          the SOP library the plan's scenarios and SOPs come from (default sop)
  --locale L             language of titles and service names (default en)
  --arrivals-per-hour L  textbook: arrivals per hour
  --servers C            textbook: servers
  --service-minutes S    textbook: mean service time in minutes
  --hours H              textbook: hours to simulate`,
  run(args, io) {
    allowFlags(args, ["json", "seed", "library", "locale", ...TEXTBOOK]);
    const seed = args.options.has("seed") ? seedOption(args.options.get("seed")!) : undefined;
    if (TEXTBOOK.some((o) => args.options.has(o))) {
      if (args.positional.length) throw new UsageError("give either a plan file or the textbook options, not both");
      for (const o of ["library", "locale"]) if (args.options.has(o)) throw new UsageError(`--${o} is for plan files`);
      const result = simulateQueue(textbookOptions(args), createRandom(seed ?? 1));
      io.out(
        args.flags.has("json")
          ? JSON.stringify({ seed: seed ?? 1, ...result }, null, 2)
          : formatQueue(result, seed ?? 1),
      );
      return 0;
    }
    const file = args.positional[0];
    if (!file)
      throw new UsageError(
        "give a surge plan file (like examples/surge-san-vicente.json), or --arrivals-per-hour, --servers, --service-minutes and --hours",
      );
    if (args.positional.length > 1) throw new UsageError(`takes one plan file; got ${args.positional.join(" ")}`);
    const full = resolve(io.cwd, file);
    if (!existsSync(full) || !statSync(full).isFile()) throw new UsageError(`no such file: ${file}`);
    const loaded = loadSurgePlan(readFileSync(full, "utf8"), file);
    if (!loaded.plan) return report(loaded.issues, io);
    const plan = seed === undefined ? loaded.plan : { ...loaded.plan, seed };
    let csv: { csvText: string; csvFile: string } | undefined;
    if (plan.arrivals.kind === "csv") {
      const csvPath = resolve(dirname(full), plan.arrivals.file);
      const csvFile = relative(io.cwd, csvPath) || csvPath;
      if (!existsSync(csvPath)) {
        const at = loaded.locate("/arrivals/file");
        return report(
          [{ ...issue("file-not-found", { file: csvFile, role: "arrivals" }, "/arrivals/file"), file, ...at }],
          io,
        );
      }
      csv = { csvText: readFileSync(csvPath, "utf8"), csvFile };
    }
    const prepared = prepareSurge(plan, loadSurgeLibrary(args.options.get("library") ?? "sop", io.cwd), csv);
    const issues = prepared.issues.map((i) => (i.file ? i : { ...i, file, ...loaded.locate(i.pointer) }));
    for (const i of issues) io.err(formatIssue(i));
    if (!prepared.surge || hasErrors(issues)) return 1;
    const result = simulateSurge(prepared.surge, createRandom(prepared.surge.seed));
    const locale = args.options.get("locale") ?? "en";
    io.out(
      args.flags.has("json")
        ? JSON.stringify(result, null, 2)
        : formatSurge(result, prepared.surge.seed, locale, plan.title),
    );
    return 0;
  },
};

/** Loads the SOP library a surge plays its personas and contingency SOP in. */
export function loadSurgeLibrary(folder: string, cwd: string): SurgeLibrary {
  const { loaded } = loadLibraryFor([folder], cwd);
  return {
    compiled: (id) => loaded.compiled.get(id),
    scenarios: loaded.scenarios.map((s) => s.scenario),
    catalog: loaded.library.catalog,
  };
}

function report(issues: Issue[], io: { out(l: string): void; err(l: string): void }): number {
  for (const i of issues) io.err(formatIssue(i));
  return 1;
}

function seedOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 4294967295)
    throw new UsageError(`--seed takes a whole number from 0 to 4294967295, not "${value}"`);
  return n;
}

function textbookOptions(args: ParsedArgs) {
  const missing = TEXTBOOK.filter((o) => !args.options.has(o));
  if (missing.length) throw new UsageError(`the textbook queue also needs ${missing.map((m) => `--${m}`).join(", ")}`);
  const read = (name: string, check: (n: number) => boolean, what: string) => {
    const value = args.options.get(name)!;
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || !check(n))
      throw new UsageError(`--${name} takes ${what}, not "${value}"`);
    return n;
  };
  return {
    arrivalsPerHour: read("arrivals-per-hour", (n) => n >= 0 && n <= 1e6, "a number of arrivals per hour, 0 or more"),
    servers: read(
      "servers",
      (n) => Number.isInteger(n) && n >= 1 && n <= 10_000,
      "a whole number of servers, 1 or more",
    ),
    serviceMinutes: read("service-minutes", (n) => n > 0 && n <= 1e5, "a number of minutes above 0"),
    hours: read("hours", (n) => n > 0 && n <= 1e7, "a number of hours above 0"),
  };
}

const minutes = (m: number) => (m < 10 ? m.toFixed(1) : m.toFixed(0));

function formatQueue(r: QueueResult, seed: number): string {
  const o = r.options;
  return [
    `M/M/${o.servers} queue: ${o.arrivalsPerHour} arrivals/hour, ${o.servers} server${o.servers === 1 ? "" : "s"}, ${o.serviceMinutes} min mean service, ${o.hours} h, seed ${seed}`,
    `load per server ρ = ${r.load.toFixed(3)}${r.load >= 1 ? " (at or over 1: the queue grows without end)" : ""}`,
    `${r.arrivals} arrived, ${r.served} served, ${r.unfinished} still in the system at the end`,
    `wait before service: mean ${r.wait.mean.toFixed(3)} min, p50 ${minutes(r.wait.p50)}, p90 ${minutes(r.wait.p90)}, p95 ${minutes(r.wait.p95)}, max ${minutes(r.wait.max)}; ${(r.wait.waitedShare * 100).toFixed(1)}% waited`,
    `utilisation ${(r.utilisation * 100).toFixed(1)}%, mean queue ${r.meanQueue.toFixed(3)} people`,
  ].join("\n");
}

function formatSurge(r: SurgeResult, seed: number, locale: string, title: Record<string, string> | undefined): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const wait = (w: WaitSummary) => `${minutes(w.mean)} | ${minutes(w.p50)} | ${minutes(w.p90)} | ${minutes(w.p95)}`;
  const lines: string[] = [];
  lines.push(`Surge${title ? `: ${pickText(title, locale)}` : ""}`);
  lines.push(
    `${r.days} day${r.days === 1 ? "" : "s"} (${r.hours} h) from ${r.start}, seed ${seed}; capacity ${r.capacity} places. ${r.totals.arrivals} arrived, ${r.totals.handled} went through every desk, ${r.totals.unfinished} still queuing or being served at the end, ${r.totals.occupancyAtEnd} on site at the end.`,
  );
  lines.push(
    `Waits (total per person, minutes): mean ${minutes(r.totals.wait.mean)}, p50 ${minutes(r.totals.wait.p50)}, p90 ${minutes(r.totals.wait.p90)}, p95 ${minutes(r.totals.wait.p95)}.`,
  );
  lines.push("", "Personas (minutes at each desk, from the SOPs' estimates):");
  for (const p of r.personas)
    lines.push(
      `  ${pct(p.share).padStart(6)}  ${p.id}: ${minutes(p.minutes)} min (${p.visits.map((v) => `${v.desk} ${minutes(v.minutes)}`).join(" → ") || "no desk"})${p.referrals.length ? `; refers to ${p.referrals.join(", ")}` : ""}`,
    );
  lines.push(
    "",
    "| desk | staff | busy | mean queue | mean wait | p50 | p90 | p95 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const d of r.desks)
    lines.push(`| ${d.id} | ${d.staff} | ${pct(d.utilisation)} | ${d.meanQueue.toFixed(1)} | ${wait(d.wait)} |`);
  lines.push(
    "",
    "| day | date | arrivals | handled | mean wait | p50 | p90 | p95 | peak on site | peak queue | referrals | alert |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  );
  for (const d of r.daily)
    lines.push(
      `| ${d.day} | ${d.label || d.date} | ${d.arrivals} | ${d.handled} | ${wait(d.wait)} | ${d.occupancyPeak} | ${d.queuePeak} | ${d.referrals.reduce((a, b) => a + b, 0)} | ${d.alert.level ?? "none"} |`,
    );
  lines.push("", "| referrals to | total | per day |", "|---|---:|---:|");
  for (const [i, service] of r.services.entries())
    lines.push(`| ${service} | ${r.totals.referrals[i]} | ${(r.totals.referrals[i] / r.days).toFixed(1)} |`);
  lines.push("", "Alert timeline (the contingency SOP played with each day's figures):");
  for (const change of r.alertChanges) {
    const alert = r.daily[change.day - 1].alert;
    const why = alert.reason
      ? `: ${alert.reason.expression} (${Object.entries(alert.reason.values)
          .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
          .join(", ")})`
      : alert.problem
        ? `: ${alert.problem}`
        : "";
    lines.push(`  day ${change.day} (${change.date}): ${change.to ?? "no level"}${why}`);
  }
  const days = r.totals.alertDays;
  lines.push(
    `Days at each level: green ${days.green}, yellow ${days.yellow}, orange ${days.orange}, red ${days.red}${days.none ? `, none ${days.none}` : ""}.`,
  );
  return lines.join("\n");
}
