/** The clock of the benchmark: milliseconds with sub-microsecond resolution. */
export const now = (): number => performance.now();

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `p` (0–1) of the samples fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Runs `work` once to warm up, then `runs` times; returns the median time in milliseconds and the last result. */
export function timeMedian<T>(work: () => T, runs: number): { ms: number; result: T } {
  let result = work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    result = work();
    samples.push(now() - start);
  }
  return { ms: median(samples), result };
}

/** As `timeMedian` for work that awaits. */
export async function timeMedianAsync<T>(work: () => Promise<T>, runs: number): Promise<{ ms: number; result: T }> {
  let result = await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    result = await work();
    samples.push(now() - start);
  }
  return { ms: median(samples), result };
}

/** Whether the process can collect garbage on request (node --expose-gc, as `npm run bench` runs it). */
export function canCollectGarbage(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === "function";
}

/** Full garbage collections, when the process can ask for them (a no-op otherwise). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) for (let i = 0; i < 3; i++) gc();
}

/**
 * The heap one object built by `make` keeps alive, with `count` of them alive at once: the heap after building
 * them all minus the heap before, after full garbage collections, divided by `count`. In bytes.
 */
export function retainedBytes(make: (i: number) => unknown, count: number): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) kept[i] = make(i);
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  // Keep `kept` alive until the heap has been read.
  if (kept.length !== count) throw new Error("unreachable");
  return (after - before) / count;
}

/** A number with a sensible count of digits for a table: 3 significant digits, thousands separated. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** A ratio as "2.4×" (or "1/310" when far below 1, easier to read than 0.0032×). */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "–";
  if (ratio < 0.1) return `1/${formatNumber(1 / ratio)}`;
  return `${formatNumber(ratio)}×`;
}

/** A median time and how many runs it is the median of. */
export interface Timing {
  ms: number;
  runs: number;
}

/**
 * Times `work` as often as fits: one warm-up run, then up to `maxRuns` timed runs within about `budgetMs`. When the
 * warm-up alone takes longer than the budget, it is the one sample (cold, and said so by `runs: 1`).
 */
export function timeWithin(work: () => void, maxRuns: number, budgetMs = 10_000): Timing {
  const start = now();
  work();
  const first = now() - start;
  if (first > budgetMs) return { ms: first, runs: 1 };
  const runs = Math.max(1, Math.min(maxRuns, Math.floor(budgetMs / Math.max(first, 1e-3))));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    work();
    samples.push(now() - t);
  }
  return { ms: median(samples), runs };
}

/**
 * The time of one call of a quick `work` (microseconds to milliseconds): calls are batched so that a batch takes at
 * least `minBatchMs`, and the figure is the median batch divided by the calls in it.
 */
export function timePerCall(work: () => void, runs: number, minBatchMs = 5): Timing {
  let calls = 1;
  for (;;) {
    const t = now();
    for (let i = 0; i < calls; i++) work();
    const elapsed = now() - t;
    if (elapsed >= minBatchMs || calls >= 1 << 20) break;
    calls *= elapsed > 0 ? Math.min(16, Math.ceil(minBatchMs / elapsed) + 1) : 16;
  }
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = now();
    for (let i = 0; i < calls; i++) work();
    samples.push((now() - t) / calls);
  }
  return { ms: median(samples), runs };
}
