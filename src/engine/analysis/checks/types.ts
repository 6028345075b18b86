import type { StepAction, Text } from "../../definition/types";
import type { AnswerText } from "../answers/types";
import type { AnalysisControl } from "../exploration/types";
import type { CallSiteCache } from "./CallSiteCache";

/**
 * The verdict on one invariant. PROVEN: it holds on every path of every case the SOP allows. VIOLATED: some case
 * breaks it, and `counterexample` is one, confirmed by running it as a real case. UNPROVEN: the analysis could not
 * settle it (it was stopped, or the SOP is beyond what it can reason about); `note` says why.
 */
export interface InvariantVerdict {
  /** The SOP that states the invariant (the SOP checked, or one it runs as a procedure). */
  sop: string;
  invariant: string;
  text: Text;
  /** Where it is checked: "" for the SOP itself, else the procedure step that runs it. */
  scopes: string[];
  status: "proven" | "violated" | "unproven";
  /** Why an invariant is unproven, or that it holds only because its procedure never runs. */
  note?: string;
  counterexample?: Counterexample;
}

/** A path that breaks an invariant: the answers an officer would give, and what the invariant demanded. */
export interface Counterexample {
  scope: string;
  expectation: Record<string, unknown>;
  actions: StepAction[];
  answers: AnswerText[];
  /** The answers that make it break: another answer to any of these would keep the promise (the rest do not matter). */
  telling: AnswerText[];
  /** What the case produced on that path, replayed through the runtime. */
  outcome?: string;
  flags: string[];
  referrals: { service: string; urgency: string; status: string }[];
}

/** A problem with the paths of an SOP: errors break a promise every SOP makes; warnings point at dead weight. */
export interface StructuralIssue {
  kind:
    | "stuck"
    | "consent"
    | "refused"
    | "past-deadline"
    | "loop"
    | "no-end"
    | "unreachable-step"
    | "unused-route"
    | "unreachable-answer"
    | "track-order"
    | "forbidden-referral"
    | "double-referral"
    | "skipped-referral"
    | "surface-leak"
    | "surface-leak-undecided"
    | "structure-undecided"
    | "analysis-unsupported";
  severity: "error" | "warning";
  step: string;
  message: string;
  /** The actions that show it, from the opening of the case, where a path shows it. */
  actions?: StepAction[];
  answers?: AnswerText[];
  /** For a loop: the step it goes back from, and the step it returns to. */
  loop?: { from: string; to: string };
  /**
   * For an unused route or an unreachable step: the SOP that defines the step, the step's id there, and the
   * route's index; a caller that runs that SOP may still use it (see `settleLibraryUse`).
   */
  unused?: { sop: string; step: string; route?: number };
}

/** Everything `checkSop` found about one SOP. */
export interface CheckReport {
  sop: string;
  version: string;
  /** True when every invariant was settled (proven or violated): nothing is left unproven. */
  complete: boolean;
  verdicts: InvariantVerdict[];
  issues: StructuralIssue[];
  /**
   * The steps some path reaches and the routes some path takes, of this SOP and of every SOP it runs, each as
   * "<sop>:<step>" or "<sop>:<step>#<route index>", whichever SOP runs them: what its callers add to a procedure's
   * own paths.
   */
  used: string[];
  stats: CheckStats;
}

export interface CheckStats {
  /** Runs of the model, each keeping track of some invariants' facts. */
  runs: number;
  /** Moments (model nodes) and diagram nodes made. */
  nodes: number;
  diagramNodes: number;
  /** Time taken, when a clock was given. */
  milliseconds: number;
}

export type { AnalysisControl, AnalysisProgress } from "../exploration/types";

/** How to check. */
export interface CheckOptions {
  locale?: string;
  control?: AnalysisControl;
  /**
   * Diagram nodes one run of the model may make before it is split into smaller runs (each keeping track of fewer
   * invariants); a run of a single expectation that still needs more leaves it unproven. Default 2,000,000.
   */
  nodeLimit?: number;
  /**
   * Only these invariants, as "<sop id>:<invariant id>" (a policy officer's edit touching a few; a test): the others
   * are neither checked nor reported. The structure of every path is checked all the same.
   */
  invariants?: ReadonlySet<string>;
  /**
   * Proofs of procedures at their call sites, kept across the SOPs of one library (see `CallSiteCache`): a check of
   * a whole library passes one to every SOP's check. Valid for one catalog.
   */
  callSites?: CallSiteCache;
  /** @internal For measuring: told about each run of the model. */
  debug?: (line: string) => void;
}
