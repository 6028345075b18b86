import {
  type CaseEvent,
  type CompiledSop,
  loadLibrary,
  openCase,
  replayCase,
  type SopDefinition,
} from "../../src/engine/index";
import { BENCH_CATALOG, benchAnswer, generateBenchSop } from "./generateBenchSop";
import { TableInterpreter } from "./TableInterpreter";

/** One measured quantity beside its floor, measured in the same run. */
export interface BenchRow {
  size: number;
  metric: string;
  unit: string;
  senda: number;
  baseline: number;
  ratio: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Median of `runs` timings of `fn`, in milliseconds, after one warm-up run. */
function time(fn: () => void, runs = 5): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    fn();
    samples.push(now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The events of a case that answers `answers` questions of the bench SOP, looping as needed. */
function benchEvents(compiled: CompiledSop, answers: number): CaseEvent[] {
  const sop = compiled.definition;
  const questionsPerRound = Object.keys(sop.steps).length - 1;
  const rounds = Math.ceil(answers / questionsPerRound);
  const session = openCase(compiled, { caseId: "bench", at: "2024-03-01T08:00:00Z", by: "bench" });
  let t = Date.parse("2024-03-01T08:00:00Z");
  for (let round = 0, n = 0; n < answers; n++) {
    const step = session.activeSteps()[0];
    if (!step) break;
    t += 1000;
    const value = benchAnswer(sop, step, round, rounds);
    const result = session.send({ type: "ANSWERED", step, value, at: new Date(t).toISOString(), by: "bench" });
    if (!result.ok) throw new Error(`bench: ${result.reason}`);
    if (step === "again") round++;
  }
  return [...session.events];
}

/** Runs the engine benchmark for the given SOP sizes. Prints nothing; returns rows. */
export function runEngineBench(sizes: readonly number[] = [50, 500, 5000], openCases = 10_000): BenchRow[] {
  const rows: BenchRow[] = [];
  const row = (size: number, metric: string, unit: string, senda: number, baseline: number) =>
    rows.push({ size, metric, unit, senda, baseline, ratio: baseline > 0 ? senda / baseline : Number.NaN });
  const catalogText = JSON.stringify(BENCH_CATALOG);
  for (const size of sizes) {
    const sop = generateBenchSop(size);
    const text = JSON.stringify(sop);
    const files = [
      { path: "catalog/bench.json", text: catalogText },
      { path: `${sop.id}.sop.json`, text },
    ];
    let compiled: CompiledSop | undefined;
    const load = time(
      () => {
        const loaded = loadLibrary(files);
        compiled = loaded.compiled.get(sop.id);
        if (!compiled) throw new Error(`bench SOP does not compile: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
      },
      size >= 5000 ? 3 : 5,
    );
    const loadFloor = time(() => void TableInterpreter.fromText(text), 5);
    row(size, "validate+lint+compile", "ms", load, loadFloor);

    // The floor compiles its table once, as the engine compiles its machine once.
    const sharedFloorTable = new TableInterpreter(sop).table;
    // Time per answer over one full pass through the SOP (every question once).
    const answers = Math.min(size, 5000);
    const events = benchEvents(compiled!, answers);
    const inputs = events.slice(1) as Extract<CaseEvent, { type: "ANSWERED" }>[];
    const perAnswer =
      time(() => {
        const session = openCase(compiled!, { caseId: "x", at: "2024-03-01T08:00:00Z", by: "bench" });
        for (const e of inputs) session.send(e);
      }, 3) / inputs.length;
    const perAnswerFloor =
      time(() => {
        const interpreter = new TableInterpreter(sop, sharedFloorTable);
        for (const e of inputs) interpreter.answer(e.step, e.value);
      }, 3) / inputs.length;
    row(size, "time per answer", "µs", perAnswer * 1000, perAnswerFloor * 1000);

    // Replay of a 1,000-event case (the bench SOP loops, so every size has one).
    const thousand = benchEvents(compiled!, 1000);
    const replayed = time(() => {
      const result = replayCase(compiled!, thousand);
      if (!result.ok) throw new Error(result.reason);
    }, 5);
    const replayFloor = time(() => {
      const interpreter = new TableInterpreter(sop, sharedFloorTable);
      for (const e of thousand.slice(1) as Extract<CaseEvent, { type: "ANSWERED" }>[])
        interpreter.answer(e.step, e.value);
    }, 5);
    row(size, "replay 1,000-event case", "ms", replayed, replayFloor);

    // Retained memory per open case, with `openCases` open at once, each halfway through its first round.
    const halfway = benchEvents(compiled!, Math.min(25, Math.floor(size / 2)));
    const count = size >= 5000 ? Math.min(openCases, 1000) : openCases;
    const retained = (build: () => unknown) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept: unknown[] = [];
      for (let i = 0; i < count; i++) kept.push(build());
      gc();
      const after = process.memoryUsage().heapUsed;
      kept.length = 0;
      return (after - before) / count / 1024;
    };
    const memory = retained(() => {
      const r = replayCase(compiled!, halfway);
      return r.ok ? r.session : undefined;
    });
    const sharedTable = new TableInterpreter(sop).table;
    const memoryFloor = retained(() => {
      const interpreter = new TableInterpreter(sop, sharedTable);
      for (const e of halfway.slice(1) as Extract<CaseEvent, { type: "ANSWERED" }>[])
        interpreter.answer(e.step, e.value);
      return interpreter;
    });
    row(size, `retained memory per open case (${count.toLocaleString("en")} open)`, "KiB", memory, memoryFloor);
  }
  return rows;
}

/** Formats rows as a Markdown table. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const lines = ["| steps | metric | senda | floor (table interpreter) | ratio |", "|---:|---|---:|---:|---:|"];
  for (const r of rows)
    lines.push(
      `| ${r.size} | ${r.metric} | ${r.senda.toFixed(2)} ${r.unit} | ${r.baseline.toFixed(2)} ${r.unit} | ${r.ratio.toFixed(1)}× |`,
    );
  return lines.join("\n");
}

export type { SopDefinition };
