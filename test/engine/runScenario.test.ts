import {
  actionToEvent,
  compileSop,
  runScenario,
  SCENARIO_EPOCH,
  type Scenario,
  startPlayback,
} from "../../src/engine/index";
import { compiledFixture, loadTestLibrary } from "./readFixture";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

const loaded = loadTestLibrary();
const intake = compiledFixture("intake");
const scenario = (id: string): Scenario => {
  const found = loaded.scenarios.find((s) => s.scenario.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return JSON.parse(JSON.stringify(found.scenario));
};

describe("runScenario", () => {
  it.each(loaded.scenarios.map((s) => s.scenario.id))("passes the library scenario %s", (id) => {
    const result = runScenario(intake, scenario(id));
    expect(result.differences).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.id).toBe(id);
  });

  it("plays the actions at the times the scenario gives, from its opening time", () => {
    const s = scenario("adult-family");
    const result = runScenario(intake, s);
    expect(result.session.events[0]).toMatchObject({
      type: "CASE_OPENED",
      at: new Date(SCENARIO_EPOCH).toISOString(),
      caseId: "adult-family",
    });
    expect(result.session.events.map((e) => e.at).slice(1)).toEqual([
      "2024-03-01T08:01:00.000Z",
      "2024-03-01T08:02:00.000Z",
      "2024-03-01T08:03:00.000Z",
      "2024-03-01T08:04:00.000Z",
      "2024-03-01T08:05:00.000Z",
    ]);
    const later = runScenario(intake, {
      ...s,
      openedAt: "2024-06-01T10:00:00Z",
      steps: s.steps.map((a) => ({ ...a, afterMinutes: 10 })),
    });
    expect(later.session.events.at(-1)?.at).toBe("2024-06-01T10:50:00.000Z");
  });

  it("ticks the required items of a checklist, and consents to a referral, when the scenario says nothing", () => {
    const s = scenario("child-alone-incident");
    const steps = s.steps.map((a) => (a.step === "register-docs" || a.step === "refer-clinic" ? { step: a.step } : a));
    const result = runScenario(intake, { ...s, steps });
    expect(result.passed).toBe(true);
    expect(result.session.context.answers.get("register-docs")?.value).toEqual(["id-card"]);
    const declined = runScenario(intake, {
      ...s,
      steps: s.steps.map((a) => (a.step === "refer-clinic" ? { ...a, answer: false } : a)),
      expect: { referrals: [{ service: "minsa-clinic", status: "declined" }] },
    });
    expect(declined.differences).toEqual([]);
  });

  describe("reports the first difference in words", () => {
    const fail = (change: (s: Scenario) => void, from = "child-alone-incident") => {
      const s = scenario(from);
      change(s);
      const result = runScenario(intake, s);
      expect(result.passed).toBe(false);
      return result.differences;
    };

    it("an action at a step the SOP does not have", () => {
      expect(fail((s) => (s.steps[1].step = "ask-birth"))).toEqual(['action 2: the SOP has no step "ask-birth"']);
    });

    it("an action at a step that takes none", () => {
      expect(fail((s) => s.steps.push({ step: "decide-outcome" }))).toEqual([
        'action 10: step "decide-outcome" is a decision step, which takes no action',
      ]);
    });

    it("an action the case refuses, and nothing after it", () => {
      expect(fail((s) => (s.steps[2].answer = "with-friends"))).toEqual([
        'action 3 (step "ask-with") was refused: Step "ask-with": the answer must be one of alone, family, group.',
      ]);
      expect(fail((s) => s.steps.splice(1, 1))).toEqual([
        'action 2 (step "ask-with") was refused: Step "ask-with" is not waiting for an answer; the case is at "ask-dob".',
      ]);
    });

    it("a flag missing, and a flag raised that must not be", () => {
      expect(fail((s) => (s.expect.flags = ["uasc", "trafficking"]))).toEqual([
        'expected flag "trafficking", raised: uasc, pep-window',
      ]);
      expect(fail((s) => (s.expect.notFlags = ["pep-window"]))).toEqual([
        'flag "pep-window" was raised but must not be',
      ]);
    });

    it("a referral missing or of another urgency, and one made that must not be", () => {
      expect(fail((s) => (s.expect.referrals = [{ service: "senniaf", urgency: "routine" }]))).toEqual([
        'expected a referral to "senniaf" (routine) made; referrals: senniaf (immediate, made), minsa-clinic (immediate, made)',
      ]);
      expect(fail((s) => (s.expect.noReferrals = ["minsa-clinic"]))).toEqual([
        'a referral to "minsa-clinic" was made but must not be',
      ]);
    });

    it("another outcome, or none yet", () => {
      expect(fail((s) => (s.expect.outcome = "closed"))).toEqual(['expected outcome "closed", got "referred"']);
      // Every difference is listed, first the first one the scenario's expectations meet.
      expect(fail((s) => s.steps.pop())).toEqual([
        'expected outcome "referred", but the case has not ended (it waits at register-docs)',
        'expected the case to visit step "decide-outcome"',
      ]);
    });

    it("a deadline missing, with other hours left, or running when it must not", () => {
      expect(fail((s) => (s.expect.deadlines = [{ id: "pep-followup" }]))).toEqual([
        'expected deadline "pep-followup", deadlines: pep',
      ]);
      expect(fail((s) => (s.expect.deadlines = [{ id: "pep", hoursLeft: 40 }]))).toEqual([
        'deadline "pep": expected 40 h left, got 35.97 h',
      ]);
      expect(fail((s) => (s.expect.noDeadlines = ["pep"]))).toEqual(['deadline "pep" is running but must not be']);
    });

    it("in the reader's language: a policy officer or trainer reading Spanish gets Spanish", () => {
      const s = scenario("child-alone-incident");
      s.expect.avoids = ["child-protection/ask-age"];
      s.expect.outcome = "closed";
      expect(runScenario(intake, s, { locale: "es" }).differences).toEqual([
        'se esperaba el resultado "closed" y es "referred"',
        'el caso pasó por el paso "child-protection/ask-age", que debe evitar',
      ]);
    });

    it("a step not visited, and a step visited that must be avoided", () => {
      expect(fail((s) => (s.expect.visits = ["closing"]))).toEqual(['expected the case to visit step "closing"']);
      expect(fail((s) => (s.expect.avoids = ["child-protection/ask-age"]))).toEqual([
        'the case visited step "child-protection/ask-age", which it must avoid',
      ]);
    });

    it("an invariant of the SOP broken on the path", () => {
      const sop = makeSop(
        "promise",
        {
          age: step.number("age", [{ when: "age < 18", to: "skip" }, { to: "done" }]),
          skip: step.end(),
          done: step.end(),
        },
        {
          invariants: [
            {
              id: "child-referred",
              text: t("Every child is referred."),
              when: "age < 18",
              expect: [{ outcome: ["referred"] }],
            },
          ],
        },
      );
      const compiled = compileSop(sop, makeLibrary([sop]));
      const result = runScenario(compiled, {
        id: "child",
        title: t("Child"),
        persona: t("A child"),
        sop: "promise",
        steps: [{ step: "age", answer: 12 }],
        expect: { outcome: "closed" },
      });
      expect(result.differences).toEqual([
        'invariant "child-referred" of promise is broken on this path: Every child is referred. (expected {"outcome":["referred"]})',
      ]);
    });
  });
});

describe("actionToEvent", () => {
  it("builds the event each kind of step takes", () => {
    const when = "2024-03-01T08:01:00.000Z";
    expect(actionToEvent(intake, { step: "welcome" }, when, "o")).toEqual({
      type: "ACKNOWLEDGED",
      step: "welcome",
      at: when,
      by: "o",
    });
    expect(actionToEvent(intake, { step: "ask-with", answer: "alone" }, when, "o")).toMatchObject({
      type: "ANSWERED",
      value: "alone",
    });
    expect(actionToEvent(intake, { step: "register-docs", answer: ["photo"] }, when, "o")).toMatchObject({
      type: "CHECKED",
      items: ["photo"],
    });
    expect(actionToEvent(intake, { step: "refer-clinic", answer: false }, when, "o")).toMatchObject({
      type: "REFERRED",
      consent: false,
    });
    expect(actionToEvent(intake, { step: "closed" }, when, "o")).toBe(
      'step "closed" is a end step, which takes no action',
    );
  });
});

describe("startPlayback, the one scenario player", () => {
  it("played one action at a time, gives the same case as the whole scenario played at once", () => {
    const s = scenario("adult-family");
    const playback = startPlayback(intake, { caseId: s.id, openedAt: s.openedAt });
    for (const action of s.steps) expect(playback.play(action)).toBeUndefined();
    const whole = runScenario(intake, s);
    expect(playback.played).toBe(s.steps.length);
    expect(playback.session.events).toEqual(whole.session.events);
    expect(playback.time).toBe(Date.parse(whole.session.events.at(-1)!.at));
  });

  it("stops at the first action the case refuses, and plays nothing after it", () => {
    const playback = startPlayback(intake);
    const refused = playback.play({ step: "no-such-step" });
    expect(refused).toMatchObject({ index: 0, step: "no-such-step", code: "not-an-action" });
    expect(playback.play({ step: intake.definition.start })).toBe(refused);
    expect(playback.played).toBe(1);
    expect(playback.session.events).toHaveLength(1);
  });
});
