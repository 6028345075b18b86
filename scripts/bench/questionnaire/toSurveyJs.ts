import type { AnswerIs, Questionnaire } from "./Questionnaire";

/**
 * The questionnaire as a SurveyJS model: every question on one page shown one at a time (`questionsOnPageMode:
 * "questionPerPage"`, SurveyJS's own mode for this, about 3.5× faster than a page per question), each a required
 * boolean question shown as Yes/No radio buttons, a conditional one with `visibleIf` (SurveyJS skips a hidden
 * question), and the outcome as a calculated value.
 */
export function toSurveyJson(questionnaire: Questionnaire): Record<string, unknown> {
  const is = (c: AnswerIs) => `{${c.question}} = ${c.equals}`;
  let outcome = `'${questionnaire.fallback}'`;
  for (const rule of [...questionnaire.outcomes].reverse())
    outcome = `iif(${rule.all.map(is).join(" and ")}, '${rule.outcome}', ${outcome})`;
  return {
    title: `Benchmark questionnaire (${questionnaire.size} questions)`,
    showProgressBar: false,
    showQuestionNumbers: "off",
    questionsOnPageMode: "questionPerPage",
    pages: [
      {
        name: "questions",
        elements: questionnaire.questions.map((q) => ({
          type: "boolean",
          name: q.id,
          title: `Question ${q.index + 1}`,
          description: `Is statement ${q.index + 1} true?`,
          renderAs: "radio",
          isRequired: true,
          ...(q.askIf ? { visibleIf: is(q.askIf) } : {}),
        })),
      },
    ],
    calculatedValues: [{ name: "outcome", expression: outcome }],
  };
}
