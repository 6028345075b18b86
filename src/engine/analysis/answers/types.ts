import type { Answer, ChecklistItem } from "../../definition/generated/sop";
import type { CelValue } from "../../expression/ExpressionScope";
import type { Candidate } from "./answerCandidates";

/** Answers the SOP cannot tell apart: every atom gives them the same value, whatever the other answers are. */
export interface AnswerClass {
  index: number;
  /** Indexes into the space's candidates. */
  members: number[];
  /** The candidate the analysis answers with. */
  representative: number;
}

/** The answers of one variable (a question's or a checklist's), partitioned into classes. */
export interface AnswerSpace {
  sop: string;
  variable: string;
  /** The step that declares the variable. */
  step: string;
  answer?: Answer;
  items?: ChecklistItem[];
  candidates: Candidate[];
  cel: CelValue[];
  classes: AnswerClass[];
  /** The class of any value of the variable, or undefined when it behaves like no candidate. */
  classify(value: CelValue): number | undefined;
  notes: string[];
}

/** One answer of a path, as a policy officer reads it: the question's title and the kind of answer given. */
export interface AnswerText {
  step: string;
  title: string;
  /** The answer's class in words ("12–17", "Alone or Unrelated adult", "yes"). */
  text: string;
  /** Whether the SOP tells this question's answers apart at all (false: any answer does the same). */
  matters: boolean;
  /** The answer given on this path itself, in words ("17 years", "Alone"): one person rather than a kind of person. */
  value?: string;
  /** Whether the officer observes it rather than asks it (the step has nothing to read aloud). */
  observed?: boolean;
}
