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
 * What the officer does. By default, at `step`: the answer to a question (a consent is a yes or no), the ticked items of a checklist, true or false for the consent to a referral, nothing for an instruction. With `do`, another thing an officer does on a case: correct or update (new information) an earlier answer, go back, record a referral as not needed, hand a referral over or have it acknowledged, raise or clear a standing instruction by hand, record a follow-up done, pause or resume the case, change the interview language.
 * 
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Action".
 */
export interface Action {
/**
 * What the officer does; "answer" (at `step`) when absent.
 */
do?: ("answer" | "correct" | "update" | "back" | "not-needed" | "hand-over" | "acknowledge" | "raise" | "clear" | "follow-up-done" | "pause" | "resume" | "language")
step?: StepPath
answer?: unknown
/**
 * Minutes that pass before this action; 1 when absent.
 */
afterMinutes?: number
/**
 * Why: for an update, a not-needed referral, a standing instruction, a pause; a note for a handover or a follow-up.
 */
reason?: string
/**
 * The service of a referral handed over or acknowledged.
 */
service?: string
/**
 * The standing instruction raised or cleared by hand.
 */
flag?: string
/**
 * The follow-up recorded as done.
 */
followUp?: string
/**
 * The interview language chosen.
 */
language?: string
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
/**
 * Made as a mandatory notification, without waiting for consent.
 */
mandatory?: boolean
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
/**
 * Follow-ups set (open or done) at the end.
 */
followUps?: Id[]
/**
 * Where the case stands at the end: "pending" while follow-ups or handovers are open.
 */
status?: ("active" | "paused" | "pending" | "finished" | "closed" | "stuck")
}
