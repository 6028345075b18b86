import { createRandom, simulateQueue } from "../../src/engine/index";

/**
 * The Erlang C formula for the M/M/c queue: with `servers` servers, offered load a = λ/μ (arrivals per unit time
 * times mean service time, a < servers), the probability that an arrival must wait is
 *
 *   C(c, a) = [a^c / c! · c / (c − a)] / ( Σ_{k=0}^{c−1} a^k / k!  +  a^c / c! · c / (c − a) )
 *
 * and the mean wait before service is Wq = C(c, a) / (c·μ − λ). Written here, apart from the simulator, so that the
 * test checks the event loop against the textbook rather than against itself.
 */
export function erlangC(servers: number, arrivalsPerMinute: number, serviceMinutes: number) {
  const a = arrivalsPerMinute * serviceMinutes;
  if (a >= servers) throw new Error(`the load ${a} must be below the ${servers} servers`);
  let term = 1; // a^k / k!
  let below = 0;
  for (let k = 0; k < servers; k++) {
    if (k > 0) term *= a / k;
    below += term;
  }
  const top = ((term * a) / servers) * (servers / (servers - a));
  const probabilityOfWaiting = top / (below + top);
  const meanWait = probabilityOfWaiting / (servers / serviceMinutes - arrivalsPerMinute);
  return { probabilityOfWaiting, meanWait };
}

const SERVICE_MINUTES = 6;
const REPLICATIONS = 8;

/**
 * Customers per replication. For a given number of customers, the relative error of a run's mean wait grows roughly
 * as 1/(1 − ρ)² (waits near saturation are long and strongly correlated) and as 1/P(wait) (with many servers at light
 * load few people wait at all), so runs are that much longer, keeping the relative standard error near 2% at every
 * load: from 16,000 customers (C = 1, ρ = 0.5) to 1.1 million (C = 10, ρ = 0.95) per replication.
 */
function customersFor(load: number, probabilityOfWaiting: number): number {
  return Math.round(2_000 / ((1 - load) ** 2 * probabilityOfWaiting));
}

/** The ρ, C pairs of the comparison: light to heavy load, one to ten servers. */
export const LOADS = [0.5, 0.7, 0.85, 0.95];
export const SERVERS = [1, 3, 10];

/**
 * Runs independent replications of the textbook queue and returns the mean of their means and its standard error.
 * Each case has seeds of its own (sharing them would make every case's error the same draw, scaled).
 */
export function replicate(load: number, servers: number) {
  const seedBase = servers * 1000 + Math.round(load * 100) * 10;
  const arrivalsPerHour = (load * servers * 60) / SERVICE_MINUTES;
  const formula = erlangC(servers, arrivalsPerHour / 60, SERVICE_MINUTES);
  const hours = customersFor(load, formula.probabilityOfWaiting) / arrivalsPerHour;
  const means: number[] = [];
  let waited = 0;
  let served = 0;
  for (let r = 1; r <= REPLICATIONS; r++) {
    const result = simulateQueue(
      { arrivalsPerHour, servers, serviceMinutes: SERVICE_MINUTES, hours },
      createRandom(seedBase + r),
    );
    means.push(result.wait.mean);
    waited += result.wait.waitedShare * result.served;
    served += result.served;
  }
  const mean = means.reduce((a, b) => a + b, 0) / REPLICATIONS;
  const variance = means.reduce((sum, m) => sum + (m - mean) ** 2, 0) / (REPLICATIONS - 1);
  return { mean, standardError: Math.sqrt(variance / REPLICATIONS), waitedShare: waited / served, served, formula };
}
