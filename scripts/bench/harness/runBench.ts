import "../sections/index";
import { describeMachine, type MachineDescription } from "./describeMachine";
import { canCollectGarbage, now } from "./measure";
import { listBenchSections } from "./registry";
import type { BenchContext, SectionResult } from "./types";

/** A whole run of the benchmark: where it ran, and each section's figures or why it was left out. */
export interface BenchReport {
  startedAt: string;
  machine: MachineDescription;
  options: { sizes: readonly number[]; runs: number; quick: boolean; garbageCollection: boolean };
  sections: {
    id: string;
    title: string;
    method: string;
    seconds: number;
    result?: SectionResult;
    skipped?: string;
  }[];
}

export interface RunOptions {
  sizes: readonly number[];
  runs: number;
  quick: boolean;
  /** Section ids to run (all when absent), and to leave out. */
  only?: readonly string[];
  skip?: readonly string[];
  log(line: string): void;
}

/** Runs every registered section in order; a section that fails is reported as skipped with its error. */
export async function runBench(options: RunOptions): Promise<BenchReport> {
  const context: BenchContext = { sizes: options.sizes, runs: options.runs, quick: options.quick, log: options.log };
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    machine: describeMachine(),
    options: { sizes: options.sizes, runs: options.runs, quick: options.quick, garbageCollection: canCollectGarbage() },
    sections: [],
  };
  for (const section of listBenchSections()) {
    const entry: BenchReport["sections"][number] = {
      id: section.id,
      title: section.title,
      method: section.method,
      seconds: 0,
    };
    report.sections.push(entry);
    if ((options.only && !options.only.includes(section.id)) || options.skip?.includes(section.id)) {
      entry.skipped = "not asked for in this run";
      continue;
    }
    const available = section.available?.() ?? { ok: true };
    if (!available.ok) {
      entry.skipped = available.why;
      options.log(`${section.title}: skipped (${available.why})`);
      continue;
    }
    options.log(`${section.title}…`);
    const started = now();
    try {
      entry.result = await section.run(context);
    } catch (error) {
      entry.skipped = `failed: ${error instanceof Error ? error.message : String(error)}`;
      options.log(`${section.title}: ${entry.skipped}`);
      if (process.env.SENDA_DEBUG && error instanceof Error) options.log(error.stack ?? "");
    }
    entry.seconds = (now() - started) / 1000;
  }
  return report;
}
