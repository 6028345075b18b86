import type { ArrivalTimes } from "./arrivalTimes";
import type { Random } from "./Random";

/** One visit of a persona to a desk: the desk's index, the minutes the SOP estimates, the referrals made there. */
export interface DeskVisit {
  desk: number;
  minutes: number;
  /** Indices into the model's services. */
  referrals: number[];
}

/**
 * What the event loop needs: plain numbers only, every SOP already played and mapped to desks. Built by
 * `prepareSurge` from a plan, or directly for the textbook queue.
 */
export interface StationModel {
  /** Minutes to simulate. */
  horizon: number;
  /** Servers (staff) per desk. */
  servers: number[];
  personas: {
    share: number;
    visits: DeskVisit[];
    /** Referrals made outside any timed step, counted when the person leaves the last desk. */
    referralsAtEnd: number[];
    /** Mean minutes on site after the last desk. */
    stayMinutes: number;
  }[];
  /** How many referral services the visits name. */
  services: number;
  /** Coefficient of variation of service times, or exponential ones. */
  serviceVariation: number | "exponential";
  stayVariation: number;
  initialOccupancy: number;
  /** Builds the arrival times from a random stream. */
  arrivals(random: Random, horizon: number): ArrivalTimes;
}

/** Mean and percentiles of waiting times, in minutes. */
export interface WaitSummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
  /** The share of people who waited at all. */
  waitedShare: number;
}

/** What the event loop measured: hourly and daily series in typed arrays, and totals. */
export interface StationRun {
  hours: number;
  days: number;
  desks: number;
  /** Per hour and desk (index hour × desks + desk): the time-averaged queue length, and the longest. */
  queueMean: Float64Array;
  queueMax: Int32Array;
  /** Per hour: people on site, time-averaged and at most. */
  occupancyMean: Float64Array;
  occupancyMax: Int32Array;
  /** Per day. */
  arrivals: Int32Array;
  handled: Int32Array;
  occupancyPeak: Int32Array;
  occupancyEnd: Int32Array;
  /** The longest total queue (all desks) of the day. */
  queuePeak: Int32Array;
  /** Per day and service (index day × services + service). */
  referrals: Int32Array;
  /** Per day: the waits of the people whose last desk was that day (their total wait across desks). */
  dailyWait: WaitSummary[];
  /** Over the whole run: per person (total wait), and per desk (per visit). */
  wait: WaitSummary;
  deskWait: WaitSummary[];
  /** Per desk: busy staff-minutes over available staff-minutes. */
  utilisation: number[];
  /** Per desk: the time-averaged queue length over the whole run. */
  meanQueue: number[];
  /** People still queuing or being served when the run ends. */
  unfinished: number;
  occupancyAtEnd: number;
  events: number;
}
