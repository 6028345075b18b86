import type { AnalysisControl } from "../exploration/types";

/** What a case produced, as compared between two versions of an SOP. */
export interface ResultSummary {
  status: "finished" | "stuck" | "refused" | "unexplored";
  where?: string;
  outcome?: string;
  flags: string[];
  /** Referrals made, with their urgency. */
  referrals: { service: string; urgency: string }[];
  /** Deadlines set, with their window in hours. */
  deadlines: { id: string; window: number }[];
}

/** One kind of person for whom the two versions do different things. */
export interface DiffEntry {
  /** The answers that make the difference, in words: question title and the answers that do. */
  who: { step: string; title: string; text: string }[];
  before: ResultSummary;
  after: ResultSummary;
  /** What changed: "outcome", "referrals", "flags", "deadlines", "end". */
  changes: string[];
  sentence: string;
}

/** The difference between two versions of an SOP, kind of person by kind of person. */
export interface SopDiff {
  sop: string;
  before: string;
  after: string;
  entries: DiffEntry[];
  /** Runs of the joint model of both versions. */
  runs: number;
  /**
   * True when every person the two versions treat differently is in some entry. False when the analysis was
   * stopped or grew past its limits first.
   */
  complete: boolean;
}

/** How to compare. */
export interface DiffOptions {
  locale?: string;
  /** Also compare people who decline referrals (by default every referral offered is accepted). */
  declines?: boolean;
  control?: AnalysisControl;
}
