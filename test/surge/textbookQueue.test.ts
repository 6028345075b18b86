import { erlangC, LOADS, replicate, SERVERS } from "./erlangC";

describe("the textbook queue (M/M/c) agrees with the Erlang C formula", () => {
  it("the helper's formula gives the known M/M/1 values: Wq = ρ/(μ − λ), and P(wait) = ρ", () => {
    const { probabilityOfWaiting, meanWait } = erlangC(1, 0.1, 8); // ρ = 0.8
    expect(probabilityOfWaiting).toBeCloseTo(0.8, 12);
    expect(meanWait).toBeCloseTo(0.8 / (1 / 8 - 0.1), 9);
    // M/M/2 with a = 1: C = 1/3, Wq = (1/3) / (2 − 1) in units of the service time.
    expect(erlangC(2, 1 / 5, 5).probabilityOfWaiting).toBeCloseTo(1 / 3, 12);
    expect(erlangC(2, 1 / 5, 5).meanWait).toBeCloseTo(5 / 3, 12);
  });

  const cases = SERVERS.flatMap((servers) => LOADS.map((load) => ({ servers, load })));
  it.each(cases)(
    "C = $servers, ρ = $load: the mean wait is within 4 standard errors of Erlang C",
    { timeout: 90_000 },
    ({ servers, load }) => {
      const { mean, standardError, waitedShare, formula } = replicate(load, servers);
      // The tolerance is the run's own statistical error, estimated from independent replications; the runs are long
      // enough for it to be small, and the bias of starting empty is far below it at these lengths.
      expect(standardError / formula.meanWait).toBeLessThan(0.03);
      expect(Math.abs(mean - formula.meanWait)).toBeLessThan(4 * standardError);
      // The share of people who waited at all is Erlang C's probability of waiting.
      expect(Math.abs(waitedShare - formula.probabilityOfWaiting)).toBeLessThan(0.015);
    },
  );
});
