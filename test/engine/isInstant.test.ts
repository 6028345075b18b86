import fc from "fast-check";
import { instantMs, isInstant, isoOf } from "../../src/engine/case/validateInput";

const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** Year, month, day, hours, minutes, seconds, milliseconds, each a little past its range (hours up to `hours`). */
const dateTimeFields = (hours: number) =>
  fc.tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: hours }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 999 }),
  );

/** The calendar check as it was first written, through `Date`: the reference the arithmetic one must agree with. */
function isCalendarDateByDate(value: string): boolean {
  const time = Date.parse(value.slice(0, 10));
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value.slice(0, 10);
}

describe("an event's time (isInstant)", () => {
  it("takes a date and time with its offset, on a day of the calendar", () => {
    for (const ok of [
      "2024-02-29T08:00:00Z",
      "2000-02-29T08:00Z",
      "2024-04-30T23:59:59.999-05:00",
      "2024-12-31T00:00:00+01:00",
    ])
      expect(isInstant(ok)).toBe(true);
    for (const bad of [
      "2023-02-29T08:00:00Z",
      "1900-02-29T08:00:00Z",
      "2024-04-31T08:00:00Z",
      "2024-13-01T08:00:00Z",
      "2024-00-10T08:00:00Z",
      "2024-01-00T08:00:00Z",
      "2024-01-32T08:00:00Z",
      "2024-01-10T08:00:00",
      "2024-01-10T25:00:00Z",
      "2024-01-10",
    ])
      expect(isInstant(bad)).toBe(false);
  });

  it("agrees with the check through Date on every day of years 0 to 9999", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T12:00:00Z`;
          const parses = !Number.isNaN(Date.parse(value));
          expect(isInstant(value)).toBe(parses && isCalendarDateByDate(value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("takes or refuses a time written as toISOString writes one exactly as through Date.parse, and reads the same time", () => {
    // Such a text takes a shorter way than any other (no regular expression, no Date.parse): fields out of range
    // (hour 24, minute 60, day 0 or 32, month 13, year 0999) must still be decided as Date.parse decides them.
    fc.assert(
      fc.property(dateTimeFields(25), ([year, month, day, hours, minutes, seconds, ms]) => {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(ms, 3)}Z`;
        const time = Date.parse(text);
        const expected = !Number.isNaN(time) && isCalendarDateByDate(text);
        expect(isInstant(text)).toBe(expected);
        if (!expected) return;
        expect(instantMs(text)).toBe(time);
        expect(isoOf(text, new Date(time))).toBe(new Date(time).toISOString());
      }),
      { numRuns: 5000, seed: 9 },
    );
    for (const bad of ["2024-01-10T0a:00:00.000Z", "2024-01-10T08:00:00.00aZ", "2024-01-10 08:00:00.000Z"])
      expect(isInstant(bad)).toBe(false);
  });

  it("reads an instant's time and writes it back as toISOString does, whatever was checked last", () => {
    fc.assert(
      fc.property(
        dateTimeFields(24),
        fc.constantFrom("Z", "z", "+00:00", "-05:00", ""),
        fc.boolean(),
        ([year, month, day, hours, minutes, seconds, ms], offset, checkFirst) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(ms, 3)}${offset}`;
          if (checkFirst) isInstant(text);
          const time = Date.parse(text);
          expect(instantMs(text)).toBe(time);
          if (!Number.isNaN(time)) expect(isoOf(text, new Date(time))).toBe(new Date(time).toISOString());
        },
      ),
      { numRuns: 3000, seed: 14 },
    );
    expect(isoOf("2024-02-30T08:00:00.000Z", new Date(Date.parse("2024-02-30T08:00:00.000Z")))).toBe(
      "2024-03-01T08:00:00.000Z",
    );
  });
});
