import type { AnswerText } from "../answers/types";

/** What one scenario exercises. */
export interface ScenarioCoverage {
  id: string;
  /** The signature of the path it follows to the end, or undefined when it stops early or was refused. */
  path?: string;
  /** Why it covers no whole path. */
  note?: string;
}

/** A part of the SOP the scenarios miss, with the answers that reach it. */
export interface Missed {
  what: string;
  /** What it is, as data: a step id; a route "step#index" (from 0); a referral "step:made|declined"; an answer class "step#class"; a path's signature. */
  key: string;
  answers?: AnswerText[];
}

/** How much of an SOP a scenario suite exercises, against what the analysis says can happen. */
export interface Coverage {
  sop: string;
  scenarios: ScenarioCoverage[];
  /** Covered and reachable counts (paths: `total` is a lower bound when `pathsExact` is false). */
  paths: { covered: number; total: number; listed: number };
  pathsExact: boolean;
  steps: { covered: number; total: number };
  routes: { covered: number; total: number };
  referrals: { covered: number; total: number };
  answers: { covered: number; total: number };
  missed: { paths: Missed[]; steps: Missed[]; routes: Missed[]; referrals: Missed[]; answers: Missed[] };
}
