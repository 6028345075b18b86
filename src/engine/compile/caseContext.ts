import type { Level, Text, Urgency } from "../definition/types";
import type { Activation } from "../expression/ExpressionScope";

/**
 * What became of a referral: `made` (the person accepted, or it is a mandatory notification), `declined` by the
 * person, `not-needed` (with why: a relative was found), `forbidden` by a standing instruction, or `superseded`
 * (it had been handed over, then a correction or a going back took away what made it: the record stays).
 */
export type ReferralStatus = "made" | "declined" | "not-needed" | "forbidden" | "superseded";

/** Why a referral was made: one entry per referral step that asked for it. */
export interface ReferralReason {
  step: string;
  reason: Text;
  urgency: Urgency;
  at: string;
  by: string;
  level: Level;
  /** The step needs no consent: a notification the law requires. */
  mandatory: boolean;
  /**
   * The step did not make the referral (the person said no, it was not needed, or it was forbidden): the reason
   * stays on the case, for the officers, but never reaches the slip, even once another step makes the referral.
   */
  notMade?: true;
}

/**
 * What took the path away from a referral handed over before: the answer at `step` was corrected, or the officer went
 * back over `step` (the step's path). Screens put it in words, in the reader's language.
 */
export interface ReferralSupersession {
  cause: "corrected" | "went-back";
  step: string;
}

/** The delivery of a referral: handed over to the service, then acknowledged by it. */
export interface ReferralDelivery {
  status: "handed-over" | "acknowledged";
  at: string;
  by: string;
  note?: string;
}

/** One referral per service in a case: referral steps to the same service merge into it. */
export interface ReferralRecord {
  service: string;
  /** The referral step that first asked for it (its path). */
  step: string;
  /** The most urgent of its reasons. */
  urgency: Urgency;
  /** The first reason (every reason is in `reasons`). */
  reason: Text;
  reasons: ReferralReason[];
  status: ReferralStatus;
  /** Whether the person consented (a mandatory notification is made either way). */
  consent: boolean;
  /** Made without waiting for consent: a notification the law requires. */
  mandatory: boolean;
  /** When and by whom it was first recorded. */
  at: string;
  by: string;
  /** When it must be handed over by (from its urgency), for a referral made. */
  dueAt?: string;
  /** The answers the slip may show, each with the scope (procedure path) it belongs to. */
  shares: { scope: string; variable: string }[];
  /** The slip states the household's composition. */
  sharesHousehold: boolean;
  /** The most sensitive of its reasons. */
  level: Level;
  /**
   * For not-needed: why, in the officer's words. Records of superseded referrals kept from before
   * `supersededBy` existed carry an English sentence here instead: show it as it is.
   */
  note?: string;
  /** For superseded: what took the path away from it, as data. */
  supersededBy?: ReferralSupersession;
  /** The flags whose standing instructions forbid it. */
  forbiddenBy?: string[];
  delivery: ReferralDelivery[];
}

/** A running deadline, fixed when its step was completed. */
export interface DeadlineRecord {
  id: string;
  label: Text;
  step: string;
  /** ISO times: what it counts from, and when it falls due. */
  from: string;
  dueAt: string;
  level: Level;
}

/** Something to do after the SOP's steps, that keeps the case open until it is recorded. */
export interface FollowUpRecord {
  id: string;
  label: Text;
  step: string;
  at: string;
  dueAt: string;
  /** The catalog role expected to do it. */
  who?: string;
  why?: Text;
  level: Level;
  done?: { at: string; by: string; note?: string };
}

/** A flag raised or cleared by hand, with why. */
export interface ManualFlag {
  flag: string;
  raise: boolean;
  at: string;
  by: string;
  reason: string;
}

/** An earlier answer replaced by new information: true for its time. */
export interface AnswerUpdate {
  step: string;
  before: unknown;
  after: unknown;
  at: string;
  by: string;
  reason: string;
}

/**
 * One entry of the decision trace: what the case did and why, as data. Its sentences are derived in one place
 * (`describeTrace`), in each language; no stage reads them back.
 */
export type TraceEntry =
  | { kind: "input"; at: string; step: string; by: string }
  | {
      kind: "route";
      at: string;
      step: string;
      /** The index of the route taken in the step's `next` list. */
      index: number;
      to: string;
      /** The CEL condition that held, and the values of the variables it mentions. */
      expression?: string;
      values?: Record<string, unknown>;
    }
  | { kind: "skip"; at: string; step: string; variable: string; value: unknown }
  | {
      kind: "flag";
      at: string;
      step: string;
      flag: string;
      raise: boolean;
      expression?: string;
      values?: Record<string, unknown>;
      /** For a flag set by hand: who and why. */
      manual?: { by: string; reason: string };
    }
  | {
      kind: "deadline";
      at: string;
      step: string;
      deadline: string;
      from: string;
      dueAt: string;
      expression?: string;
      values?: Record<string, unknown>;
    }
  | { kind: "follow-up"; at: string; step: string; followUp: string; dueAt: string }
  | {
      kind: "referral";
      at: string;
      step: string;
      service: string;
      status: ReferralStatus;
      urgency: Urgency;
      /** True when it merged into an earlier referral to the same service. */
      merged: boolean;
      /**
       * For a step reached when its service was already referred: whether the person agreed to add this reason to
       * that referral ("added") or not ("not-added", the referral stays made and unchanged).
       */
      addition?: "added" | "not-added";
      forbiddenBy?: string[];
    }
  | { kind: "update"; at: string; step: string; variable: string; value: unknown; resume: string }
  | { kind: "end"; at: string; step: string; outcome: string };

/** A policy promise broken on this case's path, found when a procedure ended. */
export interface InvariantViolation {
  scope: string;
  sop: string;
  invariant: string;
  text: Text;
  /** The expectation that failed, as JSON. */
  expectation: Record<string, unknown>;
}

/** A raw answer as recorded, for views, summaries and slips. */
export interface AnswerRecord {
  step: string;
  value: unknown;
  at: string;
  by: string;
  /** True when the answer came in from a calling procedure instead of being asked. */
  passedIn?: boolean;
  /** For a referral step: its service was already referred, and the answer is whether to add to that referral. */
  addition?: true;
}

/**
 * The mutable state of one case inside the machine. It is mutated in place by the named actions, so an answer
 * costs the same whatever came before it; a case's history lives in its event log, never in old snapshots.
 */
export interface CaseContext {
  /** The time and author of the event being processed (set by the case session before each event). */
  now: Date;
  nowIso: string;
  by: string;
  /** Per procedure scope: the CEL activation of its answered variables. */
  scopes: Map<string, Activation>;
  /** Per procedure scope: the variables its caller passed in with `with`; their questions are not asked. */
  passedIn: Map<string, Set<string>>;
  answers: Map<string, AnswerRecord>;
  /** Answers replaced by new information, oldest first. */
  updates: AnswerUpdate[];
  flags: string[];
  /** The scope (procedure path) that last raised each flag ("#manual" for a flag raised by hand). */
  flagRaisedBy: Map<string, string>;
  /** Flags raised or cleared by hand. */
  manualFlags: ManualFlag[];
  /** Per scope: the ids of its steps visited so far, in order (the CEL `visited` list). */
  visitedByScope: Map<string, string[]>;
  /** Referrals in the order they were first made, one per service. */
  referrals: ReferralRecord[];
  referralByService: Map<string, ReferralRecord>;
  /** Services referred to (made), as a CEL list. */
  referredServices: string[];
  /**
   * Services offered to the person (the CEL list `offered`): those whose referral the path left made or declined.
   * A later not-needed or forbidden decision takes a service out; a handover kept as superseded changes nothing.
   */
  offeredServices: string[];
  deadlines: Map<string, DeadlineRecord>;
  followUps: Map<string, FollowUpRecord>;
  consents: Set<string>;
  visited: string[];
  visitedSet: Set<string>;
  trace: TraceEntry[];
  outcomes: Map<string, string>;
  violations: InvariantViolation[];
  /** Procedure scopes whose answers survive being entered again, while a new-information update re-routes. */
  resuming: Set<string>;
}

export function createCaseContext(): CaseContext {
  return {
    now: new Date(0),
    nowIso: new Date(0).toISOString(),
    by: "",
    scopes: new Map([["", {}]]),
    passedIn: new Map(),
    answers: new Map(),
    updates: [],
    flags: [],
    flagRaisedBy: new Map(),
    manualFlags: [],
    visitedByScope: new Map(),
    referrals: [],
    referralByService: new Map(),
    referredServices: [],
    offeredServices: [],
    deadlines: new Map(),
    followUps: new Map(),
    consents: new Set(),
    visited: [],
    visitedSet: new Set(),
    trace: [],
    outcomes: new Map(),
    violations: [],
    resuming: new Set(),
  };
}
