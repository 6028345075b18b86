import type { Catalog, SopDefinition, Step } from "../../../src/engine/index";
import type { AnswerIs, Questionnaire } from "./Questionnaire";

type Next = Extract<Step, { kind: "question" }>["next"];
type Route = { when?: string; to: string };

const text = (en: string, es: string) => ({ es, en });

/** The empty catalog the questionnaire SOP is loaded with (it refers to no service, flag or site). */
export const QUESTIONNAIRE_CATALOG: Catalog = {};

/** The SOP id of the questionnaire of `size` questions. */
export const questionnaireSopId = (size: number) => `questionnaire-${size}`;

/**
 * The questionnaire as a Senda SOP: one yes/no question step per question, storing its answer in a variable of
 * the same name. A conditional question is reached by a route of the step before it (`when` its condition, else
 * on to the step after it); a decision step at the end routes to the end step of the outcome.
 */
export function toSendaSop(questionnaire: Questionnaire): SopDefinition {
  const { questions } = questionnaire;
  const steps: Record<string, Step> = {};
  const after = (index: number) => (index + 1 < questions.length ? questions[index + 1].id : "decide-outcome");
  for (const question of questions) {
    const following = questions[question.index + 1];
    const next: Next = following?.askIf
      ? [{ when: condition(following.askIf), to: following.id }, { to: after(following.index) }]
      : after(question.index);
    steps[question.id] = {
      kind: "question",
      title: text(`Question ${question.index + 1}`, `Pregunta ${question.index + 1}`),
      say: text(`Is statement ${question.index + 1} true?`, `¿Es cierta la afirmación ${question.index + 1}?`),
      variable: question.id,
      answer: { type: "yes-no" },
      next,
    };
  }
  const routes: Route[] = questionnaire.outcomes.map((rule) => ({
    when: rule.all.map(condition).join(" && "),
    to: `end-${rule.outcome}`,
  }));
  steps["decide-outcome"] = {
    kind: "decision",
    title: text("Outcome", "Resultado"),
    next: [routes[0], ...routes.slice(1), { to: `end-${questionnaire.fallback}` }],
  };
  for (const outcome of new Set([...questionnaire.outcomes.map((r) => r.outcome), questionnaire.fallback]))
    steps[`end-${outcome}`] = { kind: "end", title: text(`Outcome: ${outcome}`, `Resultado: ${outcome}`), outcome };
  return {
    id: questionnaireSopId(questionnaire.size),
    version: "1.0.0",
    title: text(
      `Benchmark questionnaire (${questionnaire.size} questions)`,
      `Cuestionario de prueba (${questionnaire.size} preguntas)`,
    ),
    owner: "senda-bench",
    legalBasis: [],
    start: questions[0].id,
    steps,
  };
}

function condition(is: AnswerIs): string {
  return is.equals ? is.question : `!${is.question}`;
}
