import type { AnswerIs, Questionnaire } from "./Questionnaire";

/** An XState state node config as plain JSON, with guards and actions named (their code is in `rawXState.ts`). */
export interface XStateNodeJson {
  id?: string;
  initial?: string;
  type?: "final";
  always?: XStateTransitionJson | XStateTransitionJson[];
  on?: Record<string, XStateTransitionJson>;
  states?: Record<string, XStateNodeJson>;
}

export interface XStateTransitionJson {
  target?: string;
  guard?: { type: string; params: Record<string, unknown> };
  actions?: { type: string; params: Record<string, unknown> }[];
}

/**
 * The questionnaire as a raw XState v5 machine config, written the way an XState user would: one state per
 * question, `ANSWER` records the answer and moves on, a conditional question is skipped by an eventless transition
 * guarded by its condition, and an eventless decision state picks the final state of the outcome.
 */
export function toXStateConfig(questionnaire: Questionnaire): XStateNodeJson {
  const { questions } = questionnaire;
  const states: Record<string, XStateNodeJson> = {};
  const after = (index: number) => (index + 1 < questions.length ? questions[index + 1].id : "decide");
  for (const q of questions) {
    states[q.id] = {
      ...(q.askIf ? { always: { guard: answerIsNot(q.askIf), target: after(q.index) } } : {}),
      on: { ANSWER: { target: after(q.index), actions: [{ type: "record", params: { question: q.id } }] } },
    };
  }
  states.decide = {
    always: [
      ...questionnaire.outcomes.map((rule) => ({
        guard: { type: "allAnswersAre", params: { conditions: rule.all } },
        target: rule.outcome,
      })),
      { target: questionnaire.fallback },
    ],
  };
  for (const outcome of new Set([...questionnaire.outcomes.map((r) => r.outcome), questionnaire.fallback]))
    states[outcome] = { type: "final" };
  return { id: `questionnaire-${questionnaire.size}`, initial: questions[0].id, states };
}

function answerIsNot(c: AnswerIs) {
  return { type: "answerIsNot", params: { question: c.question, equals: c.equals } };
}
