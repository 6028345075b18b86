/** A source of random numbers in [0, 1). The simulator takes one in, so that a seed decides every draw. */
export interface Random {
  next(): number;
}

/**
 * A seeded generator (xoshiro128**, seeded through splitmix32): fast, 128 bits of state, and the same sequence for
 * the same seed on every platform, since it uses only 32-bit integer arithmetic.
 *
 * @example
 * const random = createRandom(42);
 * random.next(); // always the same first number for seed 42
 */
export function createRandom(seed: number): Random {
  let z = seed >>> 0;
  const splitmix = () => {
    z = (z + 0x9e3779b9) >>> 0;
    let x = z;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  // The state lives in a typed array: numbers of 32 bits kept in plain variables would be boxed on every update.
  const s = Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  return {
    next() {
      const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
      const t = s[1] << 9;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 11);
      return result / 4294967296;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A new generator seeded from the next draws of `random`: an independent stream for one purpose. */
export function splitRandom(random: Random): Random {
  return createRandom(Math.floor(random.next() * 4294967296));
}

/** A draw from the exponential distribution with the given mean. */
export function drawExponential(random: Random, mean: number): number {
  return -Math.log(1 - random.next()) * mean;
}

/**
 * Draws times around a mean with a coefficient of variation `cv` (standard deviation over mean): the mean itself for
 * 0, exponential for "exponential", and otherwise log-normal, which is never negative and skewed like real service
 * and stay times (a few long ones, most near the typical).
 */
export class TimeDraw {
  private readonly sigma: number;
  private readonly shift: number;
  private spare = Number.NaN;

  constructor(
    private readonly random: Random,
    readonly cv: number | "exponential",
  ) {
    const variance = cv === "exponential" ? 0 : Math.log(1 + cv * cv);
    this.sigma = Math.sqrt(variance);
    this.shift = -variance / 2;
  }

  /** A time with the given mean. */
  draw(mean: number): number {
    if (mean <= 0) return 0;
    if (this.cv === "exponential") return -Math.log(1 - this.random.next()) * mean;
    if (this.cv === 0) return mean;
    return mean * Math.exp(this.shift + this.sigma * this.normal());
  }

  /** A standard normal draw (Box–Muller, both values used). */
  private normal(): number {
    if (!Number.isNaN(this.spare)) {
      const value = this.spare;
      this.spare = Number.NaN;
      return value;
    }
    const u = 1 - this.random.next();
    const v = this.random.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}
