/* Generated from schemas/scenario.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run `npm run generate`. */

/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id = string
/**
 * A step id, or inside a procedure `<procedure-step-id>/<step-id>`.
 * 
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "StepPath".
 */
export type StepPath = string

/**
 * A persona played through an SOP: the answers in order, the time between them, and what must come out. A regression test in CI, an autoplay in the trainer, and the answer key for trainees.
 */
export interface Scenario {
$schema?: string
id: Id
title: Text
persona: Text
sop: Id
/**
 * The SOP version this scenario was written for; informative.
 */
version?: string
site?: Id
/**
 * When the case opens; 2024-03-01T08:00:00Z when absent.
 */
openedAt?: string
steps: Action[]
expect: Expect
tags?: string[]
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Text".
 */
export interface Text {
[k: string]: string
}
/**
 * What the officer does at a step: the answer to a question (a consent is a yes or no), the ticked items of a checklist, true or false for the consent to a referral, nothing for an instruction.
 * 
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Action".
 */
export interface Action {
step: StepPath
answer?: unknown
/**
 * Minutes that pass before this action; 1 when absent.
 */
afterMinutes?: number
}
/**
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Expect".
 */
export interface Expect {
flags?: Id[]
notFlags?: Id[]
referrals?: {
service: Id
urgency?: ("immediate" | "urgent" | "routine")
status?: ("made" | "declined" | "not-needed" | "forbidden" | "superseded")
}[]
noReferrals?: Id[]
outcome?: ("closed" | "referred" | "escalated" | "transferred")
deadlines?: {
id: Id
/**
 * Hours left at the end of the scenario, to within a minute.
 */
hoursLeft?: number
}[]
/**
 * Deadlines that must not be running at the end.
 */
noDeadlines?: Id[]
visits?: StepPath[]
avoids?: StepPath[]
}
