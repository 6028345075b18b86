import { drawExponential, type Random } from "./Random";

const HOUR = 60;
const DAY = 1440;

/** The times people arrive, in minutes from the start, one at a time and in order; Infinity once there are no more. */
export interface ArrivalTimes {
  next(): number;
}

/**
 * Arrivals at random (a Poisson process) at a rate per hour that may change with the hour of the day: 24 rates,
 * midnight first, the same every day (a constant rate is 24 equal ones). Exact for a rate that is constant within
 * each hour: each gap is an exponential amount of "expected arrivals" spent across the hours it spans.
 */
export function poissonArrivals(perHour: readonly number[], random: Random, horizon: number): ArrivalTimes {
  const perMinute = Float64Array.from(perHour, (r) => r / HOUR);
  // The clock in a typed array, so that updating it allocates nothing.
  const clock = new Float64Array(1);
  return {
    next() {
      let need = drawExponential(random, 1);
      let t = clock[0];
      while (t < horizon) {
        const hourEnd = (Math.floor(t / HOUR) + 1) * HOUR;
        const rate = perMinute[Math.floor(t / HOUR) % 24];
        if (rate > 0) {
          const available = rate * (hourEnd - t);
          if (need <= available) {
            t += need / rate;
            // Rounding can land a hair past the hour's end; keep the order of events intact.
            if (t > hourEnd) t = hourEnd;
            clock[0] = t;
            return t < horizon ? t : Number.POSITIVE_INFINITY;
          }
          need -= available;
        }
        t = hourEnd;
      }
      clock[0] = t;
      return Number.POSITIVE_INFINITY;
    },
  };
}

/**
 * Exactly `counts[d]` arrivals on day d, at random times spread over the day by the relative weights of its 24
 * hours (evenly when there are none). The times of a day are drawn already sorted (as the order statistics of
 * uniform draws, one at a time), so nothing is kept per arrival.
 */
export function dailyArrivals(
  counts: readonly number[],
  profile: readonly number[] | undefined,
  random: Random,
  horizon: number,
): ArrivalTimes {
  const weights = profile?.some((w) => w > 0) ? profile : new Array<number>(24).fill(1);
  const cumulative = [0];
  for (const w of weights) cumulative.push(cumulative[cumulative.length - 1] + w);
  const total = cumulative[24];
  let day = 0;
  let left = counts[0] ?? 0;
  let hour = 0;
  // The position within the day (0 to 1) in a typed array, so that updating it allocates nothing.
  const position = new Float64Array(1);
  return {
    next() {
      while (left === 0) {
        day++;
        if (day >= counts.length || day * DAY >= horizon) return Number.POSITIVE_INFINITY;
        left = counts[day];
        position[0] = 0;
        hour = 0;
      }
      // The smallest of `left` uniform draws on (u, 1).
      const u = position[0] + (1 - position[0]) * (1 - (1 - random.next()) ** (1 / left));
      position[0] = u;
      left--;
      const target = u * total;
      while (hour < 23 && cumulative[hour + 1] <= target) hour++;
      const within = weights[hour] > 0 ? (target - cumulative[hour]) / weights[hour] : 0;
      const t = day * DAY + (hour + Math.min(within, 1)) * HOUR;
      return t < horizon ? t : Number.POSITIVE_INFINITY;
    },
  };
}
