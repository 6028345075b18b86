import type { CheckReport, Issue, SopDiff, SourceFile, Text } from "../../../engine/index";
import type { CallerCheck } from "./callerChecks";

export type { CallerCheck };

/** A scenario played on the published version and on the draft. */
export interface ScenarioVerdict {
  file: string;
  id: string;
  title: Text;
  sop: string;
  /** passed: as before; failed: the draft breaks it; changed: it passes, but what the case produces changed. */
  status: "passed" | "failed" | "changed";
  differences: string[];
}

/** What publishing the draft would change: scenarios, invariants, and the path-level diff. */
export interface Consequences {
  scenarios: ScenarioVerdict[];
  /** The draft's invariant check (its own invariants and those of the SOPs it runs); absent when it cannot compile. */
  check?: CheckReport;
  diff?: SopDiff;
  /**
   * When asked for: the invariants of every SOP that runs the edited one, checked with the draft in place (a change
   * to a procedure can break its callers' promises).
   */
  callers?: CallerCheck[];
  /** The SOPs that run the edited one, directly or through others, whether or not they were checked. */
  runBy?: { sop: string; title: Text }[];
  /** Why a part could not be computed (the draft does not compile, there is no published version…). */
  notes: string[];
}

/** Messages to the analysis worker. */
export type AnalysisRequest =
  | { type: "library"; files: SourceFile[] }
  | { type: "problems"; id: number; draft: SourceFile }
  | {
      type: "consequences";
      id: number;
      sop: string;
      draft: SourceFile;
      locale: string;
      /** Also check the SOPs that run this one, each for at most this long (ms). */
      callersBudgetMs?: number;
    }
  | { type: "diff"; id: number; sop: string; before: SourceFile; after: SourceFile; locale: string };

/** Messages from the analysis worker. */
export type AnalysisResponse =
  | {
      type: "problems";
      id: number;
      /** "own": the draft checked with the SOPs it runs and its own scenarios (fast); "all": the whole library. */
      phase: "own" | "all";
      issues: Issue[];
      ms: number;
    }
  | {
      type: "progress";
      id: number;
      phase: "scenarios" | "invariants" | "diff" | "callers";
      done: number;
      total: number;
      /** What is known so far (scenarios and invariants, while the diff runs). */
      partial?: Consequences;
    }
  | { type: "consequences"; id: number; result: Consequences }
  | { type: "diff"; id: number; diff?: SopDiff }
  | { type: "failed"; id: number; message: string };
