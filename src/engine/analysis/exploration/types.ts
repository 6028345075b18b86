import type { CompiledSop } from "../../compile/CompiledSop";
import type { CelValue } from "../../expression/ExpressionScope";
import type { AnswerSpaces } from "../answers/AnswerSpaces";
import type { Bdd, BddNode } from "./Bdd";

/**
 * One fact of a case state, as a group of diagram variables: the value of a question's variable in one procedure
 * run (its answer class), a flag, a referral, a consent, a visit, a deadline. Value 0 is "not set": an unanswered
 * variable, a flag not raised.
 */
export interface Domain {
  id: number;
  /** What it stands for, for messages and debugging: "var run-uasc:age", "flag uasc". */
  name: string;
  kind: DomainKind;
  /** The diagram variables of its binary code, most significant first. */
  bits: number[];
  /** The CEL value of each code (for variables; index 0 is unanswered). */
  values: CelValue[];
  /** `is[i]`: the states where the domain has value i. */
  is: BddNode[];
  /** The diagram variables as a cube, to forget the domain. */
  cube: BddNode;
  /** For variables: the procedure scope and the variable. */
  scope?: string;
  variable?: string;
  /** For variables: the value indexes an officer can answer (the answer classes); others come from callers. */
  classValues?: number[];
  /** For variables: the answer class of each value index (-1 for values only a caller passes in). */
  classOf?: number[];
}

export type DomainKind =
  | "variable"
  | "passed-in"
  | "flag"
  | "flag-owner"
  | "referral"
  | "referral-urgency"
  | "offered"
  | "made-in"
  | "consent"
  | "visited"
  | "visited-in-scope"
  | "deadline"
  | "outcome"
  | "any-referral"
  | "mandatory"
  | "follow-up"
  | "order";

/** A step of an edge's effect on the set of states. Each has an exact image and pre-image (see `applyOp`). */
export type Op =
  /** Keep only the states where `cond` holds. */
  | { kind: "assume"; cond: BddNode }
  /** Set `domain` to `cases[i].value` where `cases[i].when` holds; keep its value where `keep` holds. */
  | { kind: "set"; domain: Domain; cases: { value: number; when: BddNode }[]; keep: BddNode }
  /** Let `domain` take any value in `allowed` (an answer the officer gives). */
  | { kind: "choose"; domain: Domain; allowed: BddNode }
  /** Forget domains no later step reads. */
  | { kind: "forget"; cube: BddNode }
  /** Record the states where `cond` holds here (a finding, like a deadline already past). */
  | { kind: "check"; check: number; cond: BddNode }
  /** Record which values `domain` takes here (the answer classes used). */
  | { kind: "observe"; domain: Domain; step: string };

export type NodeKind = "enter" | "route" | "end" | "done" | "finished" | "stuck" | "refused" | "track-end" | "join";

/** A moment of a case: before a step, after it (before its routes), at an end. */
export interface ModelNode {
  id: number;
  kind: NodeKind;
  /** The step path it belongs to ("" for the finish). */
  step: string;
  /** Its place in the order the analysis works through the nodes (a topological order where there are no loops). */
  order: number;
  out: number[];
  in: number[];
  /** Checks on the states at this node: invariants at an end. */
  checks: number[];
}

/** What the officer does on an edge, if anything. */
export type EdgeAction =
  | { kind: "answer"; step: string; domain?: Domain }
  | { kind: "acknowledge"; step: string }
  | { kind: "refer"; step: string; consent: boolean };

/** A way from one moment to the next. */
export interface ModelEdge {
  id: number;
  from: number;
  to: number;
  ops: Op[];
  action?: EdgeAction;
  /** For a route: the step and the route's index. */
  route?: { step: string; index: number };
  /** The referral this edge makes or records as declined. */
  referral?: { step: string; service: string; urgency: string; made: boolean };
}

/** A condition on states that the analysis looks for: an invariant broken, a deadline already past. */
export interface CheckSpec {
  id: number;
  kind: "violation" | "past-deadline" | "forbidden-referral" | "double-referral";
  /** Where: the node (for checks at a node) or the edge and op index (for checks inside an edge). */
  node?: number;
  edge?: number;
  /** For violations: the scope, SOP, invariant and the expectation broken. */
  scope?: string;
  sop?: string;
  invariant?: string;
  expectation?: Record<string, unknown>;
  /** For past deadlines: the deadline, the step and how far past, in hours, by value. */
  deadline?: string;
  step?: string;
  /** For referral checks: the service. */
  service?: string;
  cond: BddNode;
}

/** The whole case as a graph of moments with the effect of each way between them, over one diagram store. */
export interface Model {
  compiled: CompiledSop;
  spaces: AnswerSpaces;
  bdd: Bdd;
  domains: Domain[];
  nodes: ModelNode[];
  edges: ModelEdge[];
  checks: CheckSpec[];
  start: number;
  /** Domains by key ("var <scope>:<name>", "flag <id>", …). */
  byKey: Map<string, Domain>;
  /** Expressions the analysis could not reason about, with the invariants (sop:id) that depend on them. */
  unsupported: { expression: string; reason: string; where: string }[];
  /** What the model was built for. */
  options: ModelOptions;
  /** The domain of each diagram variable. */
  domainOfVariable: Domain[];
  /** The domains each condition reads, computed once. */
  readsMemo: Map<BddNode, Domain[]>;
}

/** A run of a model planned for some of its checks: each edge's ops with what nothing reads left out. */
export interface Plan {
  /** The checks the run evaluates. */
  focus: ReadonlySet<number>;
  /** Per edge: the ops to apply, ending with what to forget. */
  ops: Op[][];
  initial: BddNode;
  /** Per node: the domains live there. */
  live: Set<Domain>[];
  /** When pruned: the moments worth working (see `planRun`); the others are never entered. */
  relevant?: Uint8Array;
  /** Conditions on facts it does not keep left out: it reaches more states than a case can (see `planRun`). */
  coarse?: boolean;
  /**
   * When the run only looks for its checks' violations: the union of their conditions, and states that can no
   * longer meet it are dropped along the way (see `keepToward` in `planRun`). Its `reached` is then partial.
   */
  goal?: BddNode;
}

/** What to keep track of. */
export interface ModelOptions {
  /** "check": only what conditions and invariants read. "results": also everything a case produces, for diffs. */
  purpose: "check" | "results";
  /** "both" (default): referrals that need consent are tried accepted and declined; "accept": accepted only. */
  referralConsent: "both" | "accept";
}

/** A referral along a path: the case's one referral to a service, with its status and most urgent urgency. */
export interface PathReferral {
  step: string;
  service: string;
  urgency: "immediate" | "urgent" | "routine";
  status: "made" | "declined" | "not-needed" | "forbidden" | "superseded";
}

/** A deadline set along a path, with its window (hours from what it counts from to when it falls due). */
export interface PathDeadline {
  id: string;
  step: string;
  window: number;
}

/** An invariant broken when a procedure ended on a path. */
export interface PathViolation {
  scope: string;
  sop: string;
  invariant: string;
  expectation: Record<string, unknown>;
}

/** What a case did and produced: steps entered, routes taken, and its results. */
export interface CaseResults {
  finished: boolean;
  steps: string[];
  routes: { step: string; index: number }[];
  flags: string[];
  referrals: PathReferral[];
  deadlines: PathDeadline[];
  outcome?: string;
  violations: PathViolation[];
}

/**
 * One path through an SOP: a distinct sequence of steps and routes with what it produced. Different answers that
 * lead along the same steps to the same results are one path; `actions` are the answers of one of them.
 */
export interface SopPath extends CaseResults {
  index: number;
  /** How the path ends: at an end step, stuck (no route holds), or refused (an answer the case would not take). */
  status: "finished" | "stuck" | "refused";
  actions: import("../../definition/types").StepAction[];
  where?: string;
  reason?: string;
  /** Identifies the path (see `pathSignature`). */
  signature: string;
}

/** The paths of an SOP: up to a limit listed, and how many there are in all. */
export interface PathList {
  paths: SopPath[];
  /** The number of distinct paths (a lower bound when `countExact` is false). */
  total: number;
  countExact: boolean;
  /** True when more paths exist than are listed. */
  truncated: boolean;
}

/** Where a long analysis is, for a progress line or bar. */
export interface AnalysisProgress {
  sop: string;
  phase: "answers" | "model" | "invariants" | "structure";
  /** Work done and to do in this phase (runs of the model, or moments worked). */
  done: number;
  total: number;
}

/** What the caller of a long analysis may watch and stop. */
export interface AnalysisControl {
  onProgress?: (progress: AnalysisProgress) => void;
  /** Returns true to stop: what is not settled by then stays unproven. */
  shouldStop?: () => boolean;
  /** A clock in milliseconds, for the statistics (the engine has none of its own). */
  now?: () => number;
}
