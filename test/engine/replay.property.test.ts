import fc from "fast-check";
import { type CaseEvent, type CompiledSop, openCase, replayCase, type Step, viewCase } from "../../src/engine/index";
import { runs } from "./propertyRuns";
import { compiledFixture } from "./readFixture";

/** One move of the random officer: what to do, and two numbers that pick the step and the value. */
type Move = [kind: number, pick: number, value: number, minutes: number];

const DATES = ["2010-05-01", "1990-01-01", "2008-02-29", "2006-03-01", "2024-02-29", "1950-12-31"];

/** A valid value for an input step, picked by `n`. */
function valueFor(step: Step, n: number): Record<string, unknown> {
  switch (step.kind) {
    case "instruction":
      return { type: "ACKNOWLEDGED" };
    case "referral":
      return { type: "REFERRED", consent: n % 3 !== 0 };
    case "checklist": {
      const items = step.items.filter((item, i) => item.required || (n >> i) % 2 === 1).map((item) => item.id);
      return { type: "CHECKED", items };
    }
    case "question": {
      const answer = step.answer;
      const value = (() => {
        switch (answer.type) {
          case "yes-no":
          case "consent":
            return n % 2 === 0;
          case "one-of":
            return answer.options[n % answer.options.length].value;
          case "several-of":
            return answer.options.filter((_, i) => (n >> i) % 2 === 1).map((o) => o.value);
          case "number": {
            const min = answer.min ?? 0;
            const max = answer.max ?? min + 100;
            return min + (n % (max - min + 1));
          }
          case "date":
            return DATES[n % DATES.length];
          case "datetime":
            return `${DATES[n % DATES.length]}T0${n % 10}:30:00Z`;
          case "duration":
            return n % Math.min(answer.max ?? 200, 200);
          case "text":
            return `note ${n}`;
        }
      })();
      return { type: "ANSWERED", value };
    }
    default:
      throw new Error(`${step.kind} takes no input`);
  }
}

/** Plays the moves on a live case, as an officer would: answers, corrections, going back, notes, closing. */
function play(compiled: CompiledSop, moves: Move[]) {
  const session = openCase(compiled, { caseId: "p", at: "2024-03-01T08:00:00Z", by: "officer" });
  let time = Date.parse("2024-03-01T08:00:00Z");
  for (const [kind, pick, value, minutes] of moves) {
    time += minutes * 60_000;
    const base = { at: new Date(time).toISOString(), by: kind % 2 ? "officer" : "supervisor" };
    const current = session.activeSteps();
    const answered = session.effectiveInputs;
    const choice = kind % 40;
    let event: Record<string, unknown>;
    if (choice < 28 && current.length > 0) {
      const path = current[pick % current.length];
      event = { ...valueFor(compiled.steps.get(path)!.step, value), step: path };
    } else if (choice < 33 && answered.length > 0) {
      const input = answered[pick % answered.length];
      const step = compiled.steps.get(input.step)!.step;
      if (step.kind === "instruction") event = { type: "WENT_BACK" };
      else {
        const fresh = valueFor(step, value);
        event = { type: "CORRECTED", step: input.step, value: fresh.value ?? fresh.items ?? fresh.consent };
      }
    } else if (choice < 36) event = { type: "WENT_BACK" };
    else if (choice < 39)
      event = { type: "NOTE_ADDED", text: `note ${value}`, ...(current[0] ? { step: current[0] } : {}) };
    else event = { type: "CASE_CLOSED", reason: "other" };
    // Refused events (a correction the step refuses, going back at the start) are part of the walk too.
    session.send({ ...event, ...base } as CaseEvent);
  }
  return { session, end: new Date(time + 90 * 60_000) };
}

const moves = fc.array(
  fc.tuple(fc.nat({ max: 1000 }), fc.nat({ max: 1000 }), fc.nat({ max: 100_000 }), fc.integer({ min: 0, max: 600 })),
  { maxLength: 60, size: "max" },
);

describe("replaying a case's log gives exactly the live case", () => {
  it.each(["intake", "child-protection"] as const)("for random walks through %s", (id) => {
    const compiled = compiledFixture(id);
    fc.assert(
      fc.property(moves, (walk) => {
        const { session, end } = play(compiled, walk);
        // Through JSON, as a log is stored.
        const replayed = replayCase(compiled, JSON.parse(JSON.stringify(session.events)));
        if (!replayed.ok) throw new Error(`replay refused event ${replayed.index}: ${replayed.reason}`);
        const live = viewCase(session, end);
        const again = viewCase(replayed.session, end);
        expect(again.current).toEqual(live.current);
        expect(again.flags).toEqual(live.flags);
        expect(again.referrals).toEqual(live.referrals);
        expect(again.deadlines).toEqual(live.deadlines);
        expect(again.outcome).toEqual(live.outcome);
        expect(again.trace).toEqual(live.trace);
        expect(again).toEqual(live);
        expect(replayed.session.events).toEqual(JSON.parse(JSON.stringify(session.events)));
      }),
      { numRuns: runs(150) },
    );
  });

  it("reaches the interesting places: both tracks, the procedure, corrections that change the path", () => {
    const compiled = compiledFixture("intake");
    const seen = new Set<string>();
    fc.assert(
      fc.property(moves, (walk) => {
        const { session } = play(compiled, walk);
        for (const path of session.context.visited) seen.add(path);
        for (const e of session.events) seen.add(e.type);
      }),
      { numRuns: 150, seed: 42 },
    );
    for (const expected of [
      "ask-since",
      "refer-clinic",
      "child-protection/notify-senniaf",
      "register-docs",
      "referred",
      "CORRECTED",
      "WENT_BACK",
      "CASE_CLOSED",
    ])
      expect(seen).toContain(expected);
  });
});
