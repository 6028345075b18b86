import type { AnswerIs, OutcomeRule, Questionnaire, QuestionSpec, SessionRecord } from "./Questionnaire";

/** The sizes the benchmark measures. */
export const QUESTIONNAIRE_SIZES = [50, 500, 5000] as const;

/** A small seeded generator (mulberry32): the same seed gives the same numbers on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates the questionnaire of `size` yes/no questions. Every fifth question (index 3, 8, 13…) is asked only
 * when an earlier, unconditional question (one of the ten before it) has a given answer; two conditional questions
 * are never adjacent, and conditions only read questions that are always asked, so "unanswered" never has to mean
 * the same thing in four systems. The outcome reads four unconditional questions spread over the questionnaire.
 */
export function generateQuestionnaire(size: number, seed = 14): Questionnaire {
  if (!Number.isInteger(size) || size < 10) throw new Error(`a questionnaire needs at least 10 questions; got ${size}`);
  const random = seededRandom(seed * 7919 + size);
  const questions: QuestionSpec[] = [];
  const unconditional: string[] = [];
  for (let index = 0; index < size; index++) {
    const id = `q${index}`;
    if (index % 5 === 3) {
      const window = unconditional.slice(-10);
      const question = window[Math.floor(random() * window.length)];
      questions.push({ id, index, askIf: { question, equals: random() < 0.5 } });
    } else {
      questions.push({ id, index });
      unconditional.push(id);
    }
  }
  const pick = (fraction: number): string => unconditional[Math.floor(fraction * (unconditional.length - 1))];
  const is = (question: string, equals: boolean): AnswerIs => ({ question, equals });
  const outcomes: OutcomeRule[] = [
    { all: [is(pick(0), true), is(pick(0.5), false)], outcome: "referred" },
    { all: [is(pick(0.25), true), is(pick(1), true)], outcome: "escalated" },
  ];
  return { size, questions, outcomes, fallback: "closed" };
}

/** The answers of one seeded session: `answers[i]` is the answer to question i, whether or not it is asked. */
export function generateAnswers(size: number, seed: number): boolean[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, () => random() < 0.5);
}

/**
 * What a session must do, read straight off the questionnaire: the questions asked (a conditional one only when its
 * condition holds) and the outcome of the first rule that holds. The reference the four systems are checked by.
 */
export function expectedSession(questionnaire: Questionnaire, answers: readonly boolean[]): SessionRecord {
  const given = new Map<string, boolean>();
  const asked: string[] = [];
  for (const q of questionnaire.questions) {
    if (q.askIf && given.get(q.askIf.question) !== q.askIf.equals) continue;
    asked.push(q.id);
    given.set(q.id, answers[q.index]);
  }
  const rule = questionnaire.outcomes.find((r) => r.all.every((c) => given.get(c.question) === c.equals));
  return { asked, outcome: rule?.outcome ?? questionnaire.fallback };
}
