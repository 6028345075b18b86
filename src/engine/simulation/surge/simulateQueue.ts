import { SendaError } from "../../errors";
import { poissonArrivals } from "./arrivalTimes";
import type { Random } from "./Random";
import { runStation } from "./runStation";
import type { WaitSummary } from "./types";

/** The textbook queue: Poisson arrivals, exponential service, `servers` identical servers, first come first served. */
export interface QueueOptions {
  arrivalsPerHour: number;
  servers: number;
  /** The mean service time. */
  serviceMinutes: number;
  hours: number;
}

/** What the textbook queue measured. Times in minutes. */
export interface QueueResult {
  options: QueueOptions;
  /** Offered load per server: arrivals per hour × service hours ÷ servers. */
  load: number;
  arrivals: number;
  served: number;
  /** Waiting time before service (not counting the service), of everyone served. */
  wait: WaitSummary;
  /** Busy time over available time, per server. */
  utilisation: number;
  /** Time-averaged number of people waiting. */
  meanQueue: number;
  /** Still waiting or being served at the end. */
  unfinished: number;
  events: number;
}

/**
 * Simulates the M/M/c queue with the same event loop as the surge simulation (one desk, one persona with an
 * exponential service), so that the loop can be checked against the Erlang C formula. Pure: draws from `random`.
 *
 * @example
 * simulateQueue({ arrivalsPerHour: 30, servers: 3, serviceMinutes: 5, hours: 1000 }, createRandom(7)).wait.mean;
 */
export function simulateQueue(options: QueueOptions, random: Random): QueueResult {
  const { arrivalsPerHour, servers, serviceMinutes, hours } = options;
  if (!(arrivalsPerHour >= 0) || !(serviceMinutes > 0) || !Number.isInteger(servers) || servers < 1 || !(hours > 0))
    throw new SendaError(
      "invalid-argument",
      "simulateQueue needs arrivalsPerHour ≥ 0, a whole number of servers ≥ 1, serviceMinutes > 0 and hours > 0.",
    );
  const rates = new Array<number>(24).fill(arrivalsPerHour);
  const run = runStation(
    {
      horizon: hours * 60,
      servers: [servers],
      personas: [
        { share: 1, visits: [{ desk: 0, minutes: serviceMinutes, referrals: [] }], referralsAtEnd: [], stayMinutes: 0 },
      ],
      services: 0,
      serviceVariation: "exponential",
      stayVariation: 0,
      initialOccupancy: 0,
      arrivals: (stream, horizon) => poissonArrivals(rates, stream, horizon),
    },
    random,
  );
  return {
    options: { ...options },
    load: (arrivalsPerHour * serviceMinutes) / 60 / servers,
    arrivals: run.arrivals.reduce((a, b) => a + b, 0),
    served: run.deskWait[0].count,
    wait: run.deskWait[0],
    utilisation: run.utilisation[0],
    meanQueue: run.meanQueue[0],
    unfinished: run.unfinished,
    events: run.events,
  };
}
