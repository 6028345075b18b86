import { deriveAnswer } from "./contingencyAnswers";
import { type AlertDecision, type AlertLevel, type ContingencyAnswer, playContingency } from "./playContingency";
import type { PersonaSummary, PreparedSurge } from "./prepareSurge";
import type { Random } from "./Random";
import { runStation } from "./runStation";
import type { WaitSummary } from "./types";

const DAY_MS = 86_400_000;

/** One simulated day. Times in minutes. */
export interface SurgeDay {
  /** 1 for the first day. */
  day: number;
  /** YYYY-MM-DD. */
  date: string;
  /** The date as the arrivals file wrote it, when it gave one. */
  label?: string;
  arrivals: number;
  /** People whose last desk was this day. */
  handled: number;
  /** Their total waits across desks. */
  wait: WaitSummary;
  occupancyPeak: number;
  occupancyEnd: number;
  /** The longest total queue of the day, all desks together. */
  queuePeak: number;
  /** Referrals made this day, per service (in the order of `SurgeResult.services`). */
  referrals: number[];
  /** What the contingency SOP decided with this day's figures. */
  alert: AlertDecision;
}

/** Everything a surge simulation measured. Plain JSON: arrays, numbers and strings. */
export interface SurgeResult {
  days: number;
  hours: number;
  seed: number;
  start: string;
  capacity: number;
  desks: {
    id: string;
    title?: Record<string, string>;
    role?: string;
    staff: number;
    utilisation: number;
    meanQueue: number;
    /** Waits per visit to this desk. */
    wait: WaitSummary;
  }[];
  personas: PersonaSummary[];
  services: string[];
  /** Per hour: queue length per desk (time-averaged and longest), and people on site. */
  hourly: { queue: number[][]; queueMax: number[][]; occupancy: number[]; occupancyMax: number[] };
  daily: SurgeDay[];
  totals: {
    arrivals: number;
    handled: number;
    unfinished: number;
    occupancyAtEnd: number;
    wait: WaitSummary;
    referrals: number[];
    /** How many days ended at each level (and without one). */
    alertDays: Record<AlertLevel | "none", number>;
  };
  /** Each day the alert level changed (the first day included). */
  alertChanges: { day: number; date: string; from?: AlertLevel; to?: AlertLevel }[];
  events: number;
}

/**
 * Runs a prepared surge: the event loop over the whole period, then, for each day, the contingency SOP played as
 * a case with that day's figures (capacity, peak occupancy, the day's arrivals and those of the two days before)
 * and the plan's answers for what the simulation cannot know. Days with the same answers are played once. Pure:
 * the same prepared plan and random stream give the same result.
 *
 * @example
 * const { surge } = prepareSurge(plan, library);
 * const result = simulateSurge(surge!, createRandom(surge!.seed));
 * result.daily.map((d) => d.alert.level); // ["green", "yellow", …]
 */
export function simulateSurge(surge: PreparedSurge, random: Random): SurgeResult {
  const run = runStation(surge.model, random);
  const S = surge.services.length;
  const D = run.desks;
  const startMs = Date.parse(`${surge.start}T00:00:00Z`);
  const decisions = new Map<string, AlertDecision>();
  const daily: SurgeDay[] = [];
  const alertDays: Record<AlertLevel | "none", number> = { green: 0, yellow: 0, orange: 0, red: 0, none: 0 };
  const alertChanges: SurgeResult["alertChanges"] = [];
  for (let d = 0; d < run.days; d++) {
    const date = new Date(startMs + d * DAY_MS).toISOString().slice(0, 10);
    const answers = answersFor(surge, run, d);
    const key = JSON.stringify(answers);
    let alert = decisions.get(key);
    if (!alert) {
      // Reviewed at the end of the day, with its figures.
      alert = playContingency(
        surge.contingency.compiled,
        answers,
        new Date(startMs + (d + 1) * DAY_MS - 60_000).toISOString(),
      );
      decisions.set(key, alert);
    }
    alertDays[alert.level ?? "none"]++;
    const previous = daily[d - 1]?.alert.level;
    if (d === 0 || previous !== alert.level) alertChanges.push({ day: d + 1, date, from: previous, to: alert.level });
    daily.push({
      day: d + 1,
      date,
      label: surge.dayLabels[d] || undefined,
      arrivals: run.arrivals[d],
      handled: run.handled[d],
      wait: run.dailyWait[d],
      occupancyPeak: run.occupancyPeak[d],
      occupancyEnd: run.occupancyEnd[d],
      queuePeak: run.queuePeak[d],
      referrals: Array.from(run.referrals.subarray(d * S, (d + 1) * S)),
      alert,
    });
  }
  const referrals = new Array<number>(S).fill(0);
  for (let i = 0; i < run.referrals.length; i++) referrals[i % S] += run.referrals[i];
  const perDesk = (series: Float64Array | Int32Array, d: number) => {
    const out = new Array<number>(run.hours);
    for (let h = 0; h < run.hours; h++) out[h] = series[h * D + d];
    return out;
  };
  return {
    days: run.days,
    hours: run.hours,
    seed: surge.seed,
    start: surge.start,
    capacity: surge.capacity,
    desks: surge.desks.map((desk, d) => ({
      ...desk,
      utilisation: run.utilisation[d],
      meanQueue: run.meanQueue[d],
      wait: run.deskWait[d],
    })),
    personas: surge.personas,
    services: surge.services,
    hourly: {
      queue: surge.desks.map((_, d) => perDesk(run.queueMean, d)),
      queueMax: surge.desks.map((_, d) => perDesk(run.queueMax, d)),
      occupancy: Array.from(run.occupancyMean),
      occupancyMax: Array.from(run.occupancyMax),
    },
    daily,
    totals: {
      arrivals: run.arrivals.reduce((a, b) => a + b, 0),
      handled: run.handled.reduce((a, b) => a + b, 0),
      unfinished: run.unfinished,
      occupancyAtEnd: run.occupancyAtEnd,
      wait: run.wait,
      referrals,
      alertDays,
    },
    alertChanges,
    events: run.events,
  };
}

/** The contingency answers for day `d` (0 first): the plan's, that day's changes, then the simulation's figures. */
function answersFor(
  surge: PreparedSurge,
  run: ReturnType<typeof runStation>,
  d: number,
): Record<string, ContingencyAnswer> {
  const { asks, answers, changes } = surge.contingency;
  const out: Record<string, ContingencyAnswer> = {};
  const day = d + 1;
  const merged: Record<string, ContingencyAnswer> = { ...answers };
  for (const change of changes) if (day >= change.fromDay && day <= change.toDay) Object.assign(merged, change.answers);
  const figures = { capacity: surge.capacity, arrivals: run.arrivals, day: d, occupancyPeak: run.occupancyPeak[d] };
  for (const variable of asks) {
    const value = deriveAnswer(variable, figures) ?? merged[variable];
    if (value !== undefined) out[variable] = value;
  }
  return out;
}
