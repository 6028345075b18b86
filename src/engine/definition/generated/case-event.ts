/* Generated from schemas/case-event.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run `npm run generate`. */

/**
 * One entry of a case's append-only log. The case's state is the replay of its log through the SOP version it was opened with.
 */
export type CaseEvent = (CaseOpened | Answered | Checked | Acknowledged | Referred | Corrected | WentBack | NoteAdded | CaseClosed | ReferralUpdated | FlagSet | FollowUpDone | CasePaused | CaseResumed | InformationUpdated | RelationshipRecorded | LanguageSet | AnswerRevealed | ConflictResolved | HandedOver)
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
/**
 * The referral is not needed (for example a relative was found), with why: recorded as not needed, not as refused by the person.
 */
notNeeded?: string
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
/**
 * Who may read the note (public when absent).
 */
level?: ("public" | "restricted" | "confidential")
}
export interface CaseClosed {
type: "CASE_CLOSED"
at: At
by: By
reason: ("completed" | "left-site" | "transferred" | "duplicate" | "other")
note?: string
}
/**
 * A referral made was handed over to the service, or the service acknowledged it. Once handed over, a referral is never removed by a correction or a going back.
 */
export interface ReferralUpdated {
type: "REFERRAL_UPDATED"
at: At
by: By
service: Id
status: ("handed-over" | "acknowledged")
note?: string
}
/**
 * An officer raised or cleared, by hand, a flag the catalog lets officers set (a standing instruction), with why.
 */
export interface FlagSet {
type: "FLAG_SET"
at: At
by: By
flag: Id
raise: boolean
reason: string
}
/**
 * A follow-up the case was waiting for was done.
 */
export interface FollowUpDone {
type: "FOLLOW_UP_DONE"
at: At
by: By
followUp: Id
note?: string
}
/**
 * The officer paused the case (the person was taken to care, …); it resumes exactly where it was.
 */
export interface CasePaused {
type: "CASE_PAUSED"
at: At
by: By
reason: string
}
/**
 * The officer resumed a paused case.
 */
export interface CaseResumed {
type: "CASE_RESUMED"
at: At
by: By
}
/**
 * New information changes the answer to a question the SOP declares updatable: the earlier answer stays true for its time, and the case goes on from the step the SOP names.
 */
export interface InformationUpdated {
type: "INFORMATION_UPDATED"
at: At
by: By
step: StepRef
value: Value
reason: string
}
/**
 * A relationship between the person of this case and another person's case (same group). Recorded on both cases.
 */
export interface RelationshipRecorded {
type: "RELATIONSHIP_RECORDED"
at: At
by: By
otherCase: string
relation: ("parent" | "child" | "sibling" | "grandparent" | "grandchild" | "other-relative" | "partner" | "customary-caregiver" | "in-care-of" | "travel-companion")
/**
 * Whose word it is: the person of this case, the other person, or both.
 */
claimedBy?: ("this" | "other" | "both")
verified?: boolean
}
/**
 * The language the person is interviewed in, for the texts read aloud.
 */
export interface LanguageSet {
type: "LANGUAGE_SET"
at: At
by: By
language: string
}
/**
 * An officer revealed a restricted or confidential answer on screen: who and when are kept.
 */
export interface AnswerRevealed {
type: "ANSWER_REVEALED"
at: At
by: By
step: StepRef
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
