/**
 * The synthetic questionnaire every system of the benchmark runs: yes/no questions in a row, about a fifth asked
 * only when an earlier answer is yes (or no), and an outcome computed from a few answers at the end. The same
 * questionnaire is written as a Senda SOP, a SurveyJS model, a raw XState machine and the floor's table.
 */
export interface Questionnaire {
  /** How many questions: 50, 500 or 5,000 in the benchmark. */
  size: number;
  questions: QuestionSpec[];
  /** Tried in order; the first whose conditions all hold gives the outcome, else `fallback`. */
  outcomes: OutcomeRule[];
  fallback: Outcome;
}

/** One yes/no question; `askIf` makes it conditional on an earlier question that is always asked. */
export interface QuestionSpec {
  id: string;
  index: number;
  askIf?: AnswerIs;
}

/** "The answer to `question` is `equals`". */
export interface AnswerIs {
  question: string;
  equals: boolean;
}

export interface OutcomeRule {
  all: AnswerIs[];
  outcome: Outcome;
}

/** The outcomes the questionnaire can end with (a subset of a Senda end step's outcomes). */
export type Outcome = "referred" | "escalated" | "closed";

/**
 * What one session did, the same for every system: the questions asked in order and the outcome. The
 * equivalence check compares these.
 */
export interface SessionRecord {
  asked: string[];
  outcome: string | undefined;
}
