import type { CompiledSop } from "../compile/CompiledSop";
import type { ScenarioAction } from "../definition/types";
import type { AnswerSpaces } from "./answers/AnswerSpaces";
import { Explorer } from "./Explorer";
import type { PathViolation, Segment } from "./readSegment";

/** How far to explore, and how finely to tell a procedure's outcomes apart. */
export interface ExploreOptions {
  /** Distinct case states to expand at most (default 20,000); beyond it the rest is reported as unexplored. */
  budget?: number;
  /**
   * "results" (default): a procedure's runs count as different when anything they produced differs (flags, referrals
   * made or declined, deadlines, invariants broken, the end reached). "caller": only when what the calling SOP can
   * still read differs; enough to prove invariants, and much smaller for SOPs that run many procedures.
   */
  procedureOutcomes?: "results" | "caller";
  /**
   * The invariants to keep track of, as "<sop id>:<invariant id>" (of the SOP or of an SOP it runs); all when absent.
   * Proving one invariant at a time keeps apart only the answers that invariant can tell apart, so each run is much
   * smaller. Only the invariants in focus are proven by the run.
   */
  focus?: string[];
  /**
   * "both" (default): a referral that needs consent is tried accepted and declined. "accept": only accepted, as
   * when comparing versions for a person who takes every referral offered.
   */
  referralConsent?: "both" | "accept";
}

/** One answer class tried at a step: the value answered, and its class (for questions and checklists). */
export interface Choice {
  answer: unknown;
  classIndex?: number;
  /** For a run of a procedure: which of its outcomes. */
  outcome?: number;
  /** The actions this choice stands for: one for a step, those inside the procedure for a run of one. */
  actions: ScenarioAction[];
}

export type NodeStatus = "inner" | "finished" | "stuck" | "refused" | "unexplored";

/** A distinct moment of a case (see `StateKeys`), reached first by `actions`. */
export interface ExploreNode {
  id: number;
  key: string;
  /** The actions that first reached it, from the opening of the case. */
  actions: ScenarioAction[];
  status: NodeStatus;
  /** The step waiting there (for a run of a procedure, the procedure step); for stuck, refused and unexplored nodes, where it ends. */
  step?: string;
  /** For stuck, refused and unexplored nodes: the step, and why. */
  where?: string;
  reason?: string;
  code?: string;
  out: number[];
}

/** An action (or a whole run of a procedure) from one state to another; answer classes with the same effect share it. */
export interface ExploreEdge {
  id: number;
  from: number;
  to: number;
  /** The step acted on, or the procedure step whose run this edge stands for. */
  step: string;
  choices: Choice[];
  segment: Segment;
  label: string;
  /** True when it returns to a state on the way to it: a loop. */
  back: boolean;
}

/** A counterexample: what was found, and the actions from the opening of the case that show it. */
export interface Finding<T> {
  what: T;
  actions: ScenarioAction[];
}

/** What the exploration reached anywhere, procedures included (paths are step paths of the case). */
export interface Reached {
  steps: Set<string>;
  /** "step#index" of every route taken. */
  routes: Set<string>;
  /** Per question or checklist step: the answer classes used there, asked or passed in. */
  answers: Map<string, Set<number>>;
  /** Per referral step: "made" and/or "declined". */
  referrals: Map<string, Set<string>>;
}

/** Everything the exploration found: the graph of the SOP's own states, and findings from every level. */
export interface Exploration {
  compiled: CompiledSop;
  spaces: AnswerSpaces;
  options: Required<Omit<ExploreOptions, "focus">> & { focus?: string[] };
  root: number;
  /** What the case did on opening, before any action. */
  initial: Segment;
  nodes: ExploreNode[];
  edges: ExploreEdge[];
  /** True when every state was expanded within the budget, procedures included. */
  complete: boolean;
  reached: Reached;
  violations: Finding<PathViolation>[];
  /** Deadlines that are already past when they are set. */
  pastDeadlines: Finding<{ id: string; step: string; hoursLeftWhenSet: number }>[];
  /** Answers the case refused (a sensitive question without consent, …). */
  refusals: Finding<{ step: string; code: string; reason: string }>[];
  stuck: Finding<{ step: string; reason: string }>[];
  loops: Finding<{ step: string; returnsTo: string }>[];
  /** States left unexplored when the budget ran out, with the actions that reach them. */
  unexplored: Finding<{ step: string }>[];
  stats: { states: number; edges: number; sends: number; replays: number; procedureRuns: number; reusedRuns: number };
}

/**
 * Explores every route of an SOP over its answer space by running real cases: at each waiting step it tries one
 * answer of each class (see `AnswerSpaces`), and backtracks by replaying the actions so far. Procedures and
 * parallel tracks run exactly as they do for an officer. A procedure is explored once per distinct way it is
 * entered, and its caller goes on from each of its distinct outcomes. Parallel tracks are worked in a fixed order
 * (the first waiting step first): tracks do not share variables with other tracks' questions, so any order ends the
 * same way unless a track reads a flag or referral another track sets (`checkSop` warns when one does). Every
 * action happens at the analysis epoch, so time-based conditions are driven by the answers (durations, dates), not
 * by how long an interview takes. States with the same futures are explored once (`StateKeys`); a return to a
 * state on the way to it is a loop, recorded and not followed again.
 *
 * @example
 * const exploration = exploreSop(compiled, { budget: 5000 });
 * exploration.complete; // false when the budget ran out: see `exploration.unexplored`
 */
export function exploreSop(compiled: CompiledSop, options: ExploreOptions = {}): Exploration {
  return new Explorer(compiled, {
    budget: options.budget ?? 20_000,
    procedureOutcomes: options.procedureOutcomes ?? "results",
    focus: options.focus,
    referralConsent: options.referralConsent ?? "both",
  }).run();
}
