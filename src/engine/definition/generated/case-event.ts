/* Generated from schemas/case-event.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run `npm run generate`. */

/**
 * One entry of a case's append-only log. The case's state is the replay of its log through the SOP version it was opened with.
 */
export type CaseEvent = (CaseOpened | Answered | Checked | Acknowledged | Referred | Corrected | WentBack | NoteAdded | CaseClosed | ConflictResolved | HandedOver | AnswerRevealed)
export type At = string
/**
 * The officer who recorded the event.
 */
export type By = string
export type Id = string
/**
 * A step id; inside a sub-procedure, the path of procedure step ids and the step id joined by '/'.
 */
export type StepRef = string
/**
 * An answer: a boolean, a number, a string (dates as ISO 8601), or a list of option values.
 */
export type Value = (boolean | number | string | string[])

export interface CaseOpened {
type: "CASE_OPENED"
at: At
by: By
caseId: string
site?: Id
/**
 * Links the cases of people who arrived together.
 */
group?: string
sop: {
id: Id
version: string
/**
 * Content hash of the SOP bundle (the SOP and its sub-procedures) the case is pinned to.
 */
hash: string
}
}
export interface Answered {
type: "ANSWERED"
at: At
by: By
step: StepRef
value: Value
}
export interface Checked {
type: "CHECKED"
at: At
by: By
step: StepRef
items: Id[]
}
export interface Acknowledged {
type: "ACKNOWLEDGED"
at: At
by: By
step: StepRef
}
export interface Referred {
type: "REFERRED"
at: At
by: By
step: StepRef
/**
 * Whether the person agreed to the referral.
 */
consent: boolean
}
export interface Corrected {
type: "CORRECTED"
at: At
by: By
step: StepRef
/**
 * An answer: a boolean, a number, a string (dates as ISO 8601), or a list of option values.
 */
value: (boolean | number | string | string[])
reason?: string
}
export interface WentBack {
type: "WENT_BACK"
at: At
by: By
}
export interface NoteAdded {
type: "NOTE_ADDED"
at: At
by: By
step?: StepRef
text: string
}
export interface CaseClosed {
type: "CASE_CLOSED"
at: At
by: By
reason: ("completed" | "left-site" | "transferred" | "duplicate" | "other")
note?: string
}
/**
 * Settles a conflict: officers on different devices recorded different answers to one step without seeing each other's. The value chosen stands as a correction would; the answers it settles are those its writer had seen.
 */
export interface ConflictResolved {
type: "CONFLICT_RESOLVED"
at: At
by: By
step: StepRef
value: Value
note?: string
}
/**
 * The case is handed to another desk or role (a role that may see what this one may not), with a note; it changes nothing in the procedure.
 */
export interface HandedOver {
type: "HANDED_OVER"
at: At
by: By
/**
 * The catalog role that continues the case.
 */
role: string
/**
 * The desk, when the station names its desks.
 */
desk?: string
/**
 * When the receiving desk should have taken the case up.
 */
dueAt?: string
note?: string
}
/**
 * An officer revealed a confidential answer on the screen: who and when, for the case's record. It changes nothing in the procedure.
 */
export interface AnswerRevealed {
type: "ANSWER_REVEALED"
at: At
by: By
step: StepRef
}
