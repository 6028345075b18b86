import {
  expectedSession,
  generateAnswers,
  generateQuestionnaire,
} from "../../scripts/bench/questionnaire/generateQuestionnaire";
import { type BenchSystem, runSession, SYSTEMS } from "../../scripts/bench/questionnaire/systems";
import { toSendaSop } from "../../scripts/bench/questionnaire/toSendaSop";
import { hasErrors, loadLibrary } from "../../src/engine/index";

const ANSWER_SETS = 300;

/** Plays a session halfway, saves it as the system persists one, restores it and plays on to the end. */
function runWithRestore(system: BenchSystem, model: unknown, answers: boolean[], after: number) {
  const first = runSession(system, model, answers, { limit: after });
  const restored = system.restore(model, system.save(first.session));
  const rest = runSession(system, model, answers, { session: restored });
  return { asked: [...first.asked, ...rest.asked], outcome: rest.outcome };
}

describe("the benchmark questionnaire, written four ways", () => {
  it("is a Senda SOP that validates and lints clean at every size", { timeout: 120_000 }, () => {
    for (const size of [50, 500, 5000]) {
      const sop = toSendaSop(generateQuestionnaire(size));
      const loaded = loadLibrary([
        { path: `${sop.id}.sop.json`, text: JSON.stringify(sop) },
        { path: "catalog/empty.json", text: "{}" },
      ]);
      expect(loaded.issues.map((i) => `${i.severity} ${i.code}: ${i.message}`)).toEqual([]);
      expect(hasErrors(loaded.issues)).toBe(false);
      expect(loaded.compiled.has(sop.id)).toBe(true);
    }
  });

  it("has about a fifth of its questions conditional on an earlier answer, and several outcomes", () => {
    const questionnaire = generateQuestionnaire(500);
    expect(questionnaire.questions.filter((q) => q.askIf).length).toBe(100);
    const outcomes = new Set(
      Array.from({ length: 50 }, (_, seed) => expectedSession(questionnaire, generateAnswers(500, seed)).outcome),
    );
    expect([...outcomes].sort()).toEqual(["closed", "escalated", "referred"]);
  });

  // SurveyJS takes ~30-50 ms a session even at 20-50 questions (its work per answer grows with the questions), so it
  // plays every third answer set; the other three play all of them.
  it.each([
    [20, ANSWER_SETS],
    [50, 100],
  ])(
    "asks the same questions and reaches the same outcome in all four systems (%i questions, %i seeded answer sets)",
    { timeout: 180_000 },
    (size, sets) => {
      const questionnaire = generateQuestionnaire(size);
      const models = SYSTEMS.map((system) => system.build(system.source(questionnaire)));
      for (let seed = 1; seed <= sets; seed++) {
        const answers = generateAnswers(size, seed);
        const expected = expectedSession(questionnaire, answers);
        SYSTEMS.forEach((system, i) => {
          if (system.id === "surveyjs" && seed % 3 !== 0) return;
          const session = runSession(system, models[i], answers);
          expect({ system: system.id, seed, asked: session.asked, outcome: session.outcome }).toEqual({
            system: system.id,
            seed,
            ...expected,
          });
        });
      }
    },
  );

  it("gives the same session after saving it midway and restoring it, in all four systems", {
    timeout: 120_000,
  }, () => {
    const questionnaire = generateQuestionnaire(50);
    const models = SYSTEMS.map((system) => system.build(system.source(questionnaire)));
    for (let seed = 1; seed <= 20; seed++) {
      const answers = generateAnswers(50, seed);
      const expected = expectedSession(questionnaire, answers);
      SYSTEMS.forEach((system, i) => {
        const session = runWithRestore(system, models[i], answers, 5 + (seed % 30));
        expect({ system: system.id, seed, ...session }).toEqual({ system: system.id, seed, ...expected });
      });
    }
  });

  it("gives the same sessions at 500 and 5,000 questions in Senda, raw XState and the floor", {
    timeout: 120_000,
  }, () => {
    for (const size of [500, 5000]) {
      const questionnaire = generateQuestionnaire(size);
      const systems = SYSTEMS.filter((s) => s.id !== "surveyjs");
      const models = systems.map((system) => system.build(system.source(questionnaire)));
      for (let seed = 1; seed <= 3; seed++) {
        const answers = generateAnswers(size, seed);
        const expected = expectedSession(questionnaire, answers);
        systems.forEach((system, i) => {
          const session = runSession(system, models[i], answers);
          expect(session.asked).toEqual(expected.asked);
          expect(session.outcome).toBe(expected.outcome);
        });
      }
    }
  });
});
