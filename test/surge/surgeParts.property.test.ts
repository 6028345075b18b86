import fc from "fast-check";
import { createRandom, parseDailyCounts } from "../../src/engine/index";
import { dailyArrivals, poissonArrivals } from "../../src/engine/simulation/surge/arrivalTimes";
import { EventHeap } from "../../src/engine/simulation/surge/EventHeap";
import { LogHistogram } from "../../src/engine/simulation/surge/LogHistogram";
import { runStation } from "../../src/engine/simulation/surge/runStation";
import type { StationModel } from "../../src/engine/simulation/surge/types";

const RUNS = { numRuns: 100, seed: 20240301 };

describe("the event heap", () => {
  it("pops events by time, and events at the same time in the order they were pushed", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const heap = new EventHeap(2);
        const model: { time: number; id: number }[] = [];
        let id = 0;
        for (const [time, pop] of ops) {
          if (pop && model.length) {
            model.sort((a, b) => a.time - b.time || a.id - b.id);
            const expected = model.shift()!;
            expect(heap.peekTime()).toBe(expected.time);
            expect(heap.pop()).toBe(expected.id);
          } else {
            heap.push(time, id);
            model.push({ time, id: id++ });
          }
        }
        expect(heap.size).toBe(model.length);
      }),
      RUNS,
    );
  });
});

describe("the waiting-time histogram", () => {
  it("gives every percentile within its bin (3.7%) of the exact one, and the exact mean", () => {
    const value = fc.oneof(fc.constant(0), fc.double({ min: 0.002, max: 50_000, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const histogram = new LogHistogram();
          for (const v of values) histogram.add(v);
          const sorted = [...values].sort((a, b) => a - b);
          // The exact value at rank q·n lies between the order statistics around it.
          const rank = q * values.length;
          const low = sorted[Math.max(0, Math.ceil(rank) - 1)];
          const high = sorted[Math.min(values.length - 1, Math.ceil(rank))];
          const got = histogram.quantile(q);
          expect(got).toBeGreaterThanOrEqual(Math.min(low, high) / 1.0375 - 1e-12);
          expect(got).toBeLessThanOrEqual(Math.max(low, high) * 1.0375 + 1e-12);
          expect(histogram.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
        },
      ),
      RUNS,
    );
  });
});

describe("arrival times", () => {
  it("daily counts: exactly the day's count, in order, inside the day and its hours of non-zero weight", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 5 }),
        fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 24, maxLength: 24 }), { nil: undefined }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (counts, profile, seed) => {
          const times = drain(dailyArrivals(counts, profile, createRandom(seed), counts.length * 1440));
          const perDay = counts.map(() => 0);
          for (const [i, t] of times.entries()) {
            if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1]);
            perDay[Math.floor(t / 1440)]++;
            if (profile?.some((w) => w > 0)) expect(profile[Math.floor((t % 1440) / 60)]).toBeGreaterThan(0);
          }
          expect(perDay).toEqual(counts);
        },
      ),
      RUNS,
    );
  });

  it("Poisson arrivals: in order, inside the horizon, never in an hour whose rate is 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0.5, 10, 60), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1, max: 72 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (rates, hours, seed) => {
          const times = drain(poissonArrivals(rates, createRandom(seed), hours * 60));
          for (const [i, t] of times.entries()) {
            expect(t).toBeLessThan(hours * 60);
            if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1]);
            expect(rates[Math.floor(t / 60) % 24]).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });
});

describe("daily counts from CSV", () => {
  it("reads back what was written, with or without a header and dates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.constantFrom(",", ";", "\t"),
        (counts, header, separator) => {
          const lines = counts.map((c, i) => `2024-03-${String(i + 1).padStart(2, "0")}${separator}${c}`);
          const parsed = parseDailyCounts(`${header ? `date${separator}arrivals\r\n` : ""}${lines.join("\r\n")}\n`);
          expect(parsed.problems).toEqual([]);
          expect(parsed.counts).toEqual(counts);
          expect(parsed.labels[0]).toBe("2024-03-01");
        },
      ),
      RUNS,
    );
  });
});

describe("the station's event loop", () => {
  it("loses no one: every arrival is handled or still at a desk, and people on site add up", () => {
    fc.assert(
      fc.property(
        fc.record({
          servers: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
          rate: fc.double({ min: 0, max: 40, noNaN: true }),
          hours: fc.integer({ min: 1, max: 60 }),
          initial: fc.integer({ min: 0, max: 50 }),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          routes: fc.array(
            fc.array(fc.tuple(fc.nat(2), fc.double({ min: 0.5, max: 30, noNaN: true })), { maxLength: 3 }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
        }),
        ({ servers, rate, hours, initial, seed, routes }) => {
          const model: StationModel = {
            horizon: hours * 60,
            servers,
            personas: routes.map((route) => ({
              share: 1,
              visits: route.map(([desk, minutes]) => ({ desk: desk % servers.length, minutes, referrals: [0] })),
              referralsAtEnd: [],
              stayMinutes: 90,
            })),
            services: 1,
            serviceVariation: 0.5,
            stayVariation: 0.5,
            initialOccupancy: initial,
            arrivals: (random, horizon) => poissonArrivals(new Array(24).fill(rate), random, horizon),
          };
          const run = runStation(model, createRandom(seed));
          const arrivals = run.arrivals.reduce((a, b) => a + b, 0);
          const handled = run.handled.reduce((a, b) => a + b, 0);
          expect(handled + run.unfinished).toBe(arrivals);
          expect(run.wait.count).toBe(handled);
          expect(run.occupancyAtEnd).toBeLessThanOrEqual(initial + arrivals);
          expect(run.occupancyAtEnd).toBeGreaterThanOrEqual(run.unfinished);
          for (const u of run.utilisation) expect(u).toBeLessThanOrEqual(1 + 1e-9);
          expect(run.queueMean).toHaveLength(Math.ceil(hours) * servers.length);
          // Each desk visit made one referral to service 0 when it ended.
          const visitsDone = run.deskWait.reduce((sum, w) => sum + w.count, 0);
          expect(run.referrals.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(visitsDone);
          expect(runStation(model, createRandom(seed))).toEqual(run);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

function drain(arrivals: { next(): number }): number[] {
  const out: number[] = [];
  for (let t = arrivals.next(); Number.isFinite(t); t = arrivals.next()) out.push(t);
  return out;
}
