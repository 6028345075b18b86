import { type AnyStateMachine, setup } from "xstate";
import type { AnswerIs } from "./Questionnaire";
import type { XStateNodeJson } from "./toXStateConfig";

/** The raw XState machine's context: the answers so far, kept in one object that each answer adds to in place. */
export interface QuestionnaireContext {
  answers: Record<string, boolean>;
}

export type QuestionnaireEvent = { type: "ANSWER"; value: boolean };

/**
 * Builds the raw XState machine from its JSON config: the guards and the one action it names, written as an XState
 * user would. The answer is stored into `context.answers` in place, not by `assign` with a copy of every answer so
 * far (which would make each answer cost as much as the answers before it).
 */
export function createQuestionnaireMachine(config: XStateNodeJson): AnyStateMachine {
  return setup({
    types: {} as { context: QuestionnaireContext; events: QuestionnaireEvent },
    guards: {
      answerIsNot: ({ context }, params: AnswerIs) => context.answers[params.question] !== params.equals,
      allAnswersAre: ({ context }, params: { conditions: AnswerIs[] }) =>
        params.conditions.every((c) => context.answers[c.question] === c.equals),
    },
    actions: {
      record: ({ context, event }, params: { question: string }) => {
        context.answers[params.question] = event.value;
      },
    },
    // biome-ignore lint/suspicious/noExplicitAny: the JSON config names only the guards and actions above.
  }).createMachine({ ...(config as any), context: () => ({ answers: {} }) });
}
