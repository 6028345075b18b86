import { EventHeap } from "./EventHeap";
import type { SurgePlan } from "./loadSurgePlan";
import { type PreparedSurge, prepareSurge, type SurgeLibrary } from "./prepareSurge";
import { createRandom, drawExponential } from "./Random";
import { simulateSurge } from "./simulateSurge";

/** One row of the surge benchmark. Times in milliseconds. */
export interface SurgeBenchRow {
  name: string;
  days: number;
  arrivals: number;
  events: number;
  /** Checking the plan and playing each persona once through the engine. */
  prepareMs: number;
  /** The event loop, the aggregation and one contingency case per day. */
  simulateMs: number;
  /** A bare M/M/c loop with the same arrivals, staff and mean service: no SOPs, no aggregation (the floor). */
  baselineMs: number;
  /** (prepare + simulate) ÷ baseline. */
  ratio: number;
}

const ARRIVALS_PER_DAY = 2000;

/**
 * Measures a year of a station at 2,000 arrivals a day, with shipped scenarios as personas, against a bare M/M/c
 * event loop measured in the same run. `now` is the clock (milliseconds); the library comes from the caller, who
 * reads the files. Returns no row when the library lacks the SOPs or scenarios the benchmark plays.
 */
export function benchSurge(library: SurgeLibrary, now: () => number, days = 365): SurgeBenchRow[] {
  const plan = benchPlan(days);
  let started = now();
  const { surge } = prepareSurge(plan, library);
  const prepareMs = now() - started;
  if (!surge) return [];
  started = now();
  const result = simulateSurge(surge, createRandom(plan.seed ?? 1));
  const simulateMs = now() - started;
  started = now();
  bareQueue(surge, result.totals.arrivals);
  const baselineMs = now() - started;
  return [
    {
      name: `a year at ${ARRIVALS_PER_DAY.toLocaleString("en")} arrivals/day`,
      days,
      arrivals: result.totals.arrivals,
      events: result.events,
      prepareMs,
      simulateMs,
      baselineMs,
      ratio: (prepareMs + simulateMs) / baselineMs,
    },
  ];
}

/** The benchmark's rows as a Markdown table. */
export function formatSurgeBench(rows: readonly SurgeBenchRow[]): string {
  const lines = [
    "| surge | arrivals | events | prepare | simulate | floor (bare M/M/c) | ratio |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.name} | ${r.arrivals} | ${r.events} | ${r.prepareMs.toFixed(0)} ms | ${r.simulateMs.toFixed(0)} ms | ${r.baselineMs.toFixed(0)} ms | ${r.ratio.toFixed(1)}× |`,
    );
  return lines.join("\n");
}

function benchPlan(days: number): SurgePlan {
  return {
    days,
    seed: 2024,
    arrivals: { kind: "constant", perHour: ARRIVALS_PER_DAY / 24 },
    personas: [
      { scenario: "screening-man-34-with-wife-no-needs", share: 80 },
      { scenario: "screening-woman-26-debt-and-documents", share: 6 },
      { scenario: "screening-man-28-someone-answers-for-him", share: 6 },
      { scenario: "screening-carlos-15-alone", share: 4 },
      { scenario: "pregnancy-late-no-danger-signs", share: 4 },
    ],
    desks: [
      { id: "registration", staff: 40, sops: ["arrival", "screening", "reverse-flow"] },
      {
        id: "protection",
        staff: 24,
        sops: [
          "uasc",
          "trafficking",
          "gbv-disclosure",
          "international-protection",
          "lgbtiq",
          "pfa",
          "disability",
          "older-persons",
        ],
      },
      { id: "health", staff: 3, sops: ["pregnancy", "hiv-continuity"] },
    ],
    beds: { capacity: 3000, stayHours: 12 },
    contingency: {
      answers: {
        arrivals_2_days_ago: ARRIVALS_PER_DAY,
        arrivals_yesterday: ARRIVALS_PER_DAY,
        planned_arrivals: ARRIVALS_PER_DAY,
        outbreak: "none",
        weather_signal: false,
        sphere_slipping: false,
        incident: "none",
      },
    },
  };
}

/** The floor: Poisson arrivals, exponential service, FIFO, all staff at one desk; nothing measured but the end. */
function bareQueue(surge: PreparedSurge, arrivals: number): number {
  const random = createRandom(1);
  const servers = surge.desks.reduce((sum, d) => sum + d.staff, 0);
  const meanService = surge.personas.reduce((sum, p) => sum + p.share * p.minutes, 0);
  const gap = (surge.days * 1440) / arrivals;
  const heap = new EventHeap();
  const queue: number[] = [];
  let head = 0;
  let busy = 0;
  let waited = 0;
  heap.push(drawExponential(random, gap), -1);
  let left = arrivals - 1;
  while (heap.size > 0) {
    const t = heap.peekTime();
    const payload = heap.pop();
    if (payload < 0) {
      if (busy < servers) {
        busy++;
        heap.push(t + drawExponential(random, meanService), 0);
      } else queue.push(t);
      if (left-- > 0) heap.push(t + drawExponential(random, gap), -1);
    } else if (head < queue.length) {
      waited += t - queue[head++];
      heap.push(t + drawExponential(random, meanService), 0);
    } else busy--;
  }
  return waited;
}
