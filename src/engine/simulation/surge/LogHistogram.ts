/** Waiting times of exactly 0 are counted apart; positive ones fall in log-spaced bins from MIN to MAX minutes. */
const MIN = 1e-3;
const DECADES = 8;
const BINS_PER_DECADE = 64;
const BINS = DECADES * BINS_PER_DECADE;
const LOG_MIN = Math.log10(MIN);

/**
 * Percentiles of a stream of non-negative values in fixed memory: a count of zeros (most people do not wait when a
 * desk is quiet), then 512 bins spaced evenly on a log scale from 0.001 to 100,000 (64 per decade, so each is 3.7%
 * wide; a percentile is interpolated within its bin and is within 3.7% of the exact one), an underflow bin below
 * and an overflow bin above. The mean, minimum and maximum are exact. Adding a value costs a logarithm; nothing is
 * kept per value, so a year of arrivals costs the same memory as an hour.
 */
export class LogHistogram {
  private readonly bins = new Float64Array(BINS + 2);
  private zeros = 0;
  private total = 0;
  private sum = 0;
  private max = 0;

  get count(): number {
    return this.total;
  }

  /** How many values were exactly 0. */
  get zeroCount(): number {
    return this.zeros;
  }

  get mean(): number {
    return this.total > 0 ? this.sum / this.total : 0;
  }

  get maximum(): number {
    return this.max;
  }

  add(value: number): void {
    this.total++;
    if (value <= 0) {
      this.zeros++;
      return;
    }
    this.sum += value;
    if (value > this.max) this.max = value;
    this.bins[binOf(value)]++;
  }

  /** Adds everything another histogram holds. */
  merge(other: LogHistogram): void {
    for (let i = 0; i < this.bins.length; i++) this.bins[i] += other.bins[i];
    this.zeros += other.zeros;
    this.total += other.total;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  clear(): void {
    this.bins.fill(0);
    this.zeros = 0;
    this.total = 0;
    this.sum = 0;
    this.max = 0;
  }

  /** The value below which a fraction `q` (0 to 1) of the values lie; 0 when there are none. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const target = Math.min(Math.max(q, 0), 1) * this.total;
    if (target <= this.zeros) return 0;
    let below = this.zeros;
    for (let i = 0; i < this.bins.length; i++) {
      const c = this.bins[i];
      if (c === 0) continue;
      if (below + c >= target) {
        const f = (target - below) / c;
        const [lo, hi] = boundsOf(i, this.max);
        const value = i === 0 ? lo + (hi - lo) * f : lo * (hi / lo) ** f;
        return Math.min(value, this.max);
      }
      below += c;
    }
    return this.max;
  }
}

/** Bin 0 is the underflow (0 to MIN), 1 to BINS the log bins, BINS + 1 the overflow. */
function binOf(value: number): number {
  if (value < MIN) return 0;
  const i = Math.floor((Math.log10(value) - LOG_MIN) * BINS_PER_DECADE);
  return i >= BINS ? BINS + 1 : i + 1;
}

function boundsOf(bin: number, max: number): [number, number] {
  if (bin === 0) return [0, MIN];
  if (bin === BINS + 1) return [10 ** (LOG_MIN + DECADES), Math.max(max, 10 ** (LOG_MIN + DECADES))];
  return [10 ** (LOG_MIN + (bin - 1) / BINS_PER_DECADE), 10 ** (LOG_MIN + bin / BINS_PER_DECADE)];
}
