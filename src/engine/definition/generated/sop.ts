/* Generated from schemas/sop.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run `npm run generate`. */

/**
 * One step of the procedure; `kind` says which.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Step".
 */
export type Step = (InstructionStep | ChecklistStep | QuestionStep | DecisionStep | ReferralStep | ProcedureStep | ParallelStep | EndStep)
/**
 * What completing a step does to the case: raise or clear a flag, start a deadline, or set a follow-up that keeps the case open until it is recorded.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Effect".
 */
export type Effect = ({
raise: Id
when?: Expression
} | {
clear: Id
when?: Expression
} | {
deadline: Id
label: Text
/**
 * A CEL expression over the SOP's variables, `now`, `flags`, `referrals`, `offered` (services whose referral is made or declined), `visited` (the step ids of this procedure visited so far) and, in invariants, `outcome`.
 */
from?: string
/**
 * How long after `from` the deadline falls, for example "72h" or "5d".
 */
within: string
when?: Expression
/**
 * Raises the deadline's sensitivity above what produced it (the step, its procedure and the answers its `from` and `when` read).
 */
level?: ("public" | "restricted" | "confidential")
} | {
/**
 * A kebab-case identifier.
 */
followUp: string
label: Text3
/**
 * How long after the step it falls due, for example "24h".
 */
within: string
/**
 * A kebab-case identifier.
 */
who?: string
why?: Text4
level?: Level
when?: Expression
})
/**
 * A kebab-case identifier.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id = string
/**
 * A CEL expression over the SOP's variables, `now`, `flags`, `referrals`, `offered` (services whose referral is made or declined), `visited` (the step ids of this procedure visited so far) and, in invariants, `outcome`.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Expression".
 */
export type Expression = string
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Level".
 */
export type Level = ("public" | "restricted" | "confidential")
/**
 * The step that follows: a step id, or routes tried in order (the first whose `when` holds; a route without `when` always holds).
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Next".
 */
export type Next = (Id | [Route, ...(Route)[]])
/**
 * A snake_case variable name usable in CEL expressions.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "VariableName".
 */
export type VariableName = string
/**
 * The type of answer a question takes.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Answer".
 */
export type Answer = (YesNoAnswer | ConsentAnswer | ChoiceAnswer | NumberAnswer | DateAnswer | DurationAnswer | TextAnswer)
/**
 * A category of sensitive data; a question of this category needs a consent that covers it.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Sensitivity".
 */
export type Sensitivity = ("health" | "hiv" | "sogi" | "gbv" | "trafficking" | "asylum" | "child-protection")
/**
 * One thing a path must show when it ends. Flags and referrals that must be absent (`noFlag`, `noReferral`) count only what this procedure (and the procedures it runs) did, so a caller's earlier flags cannot break a sub-procedure's promise.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Expectation".
 */
export type Expectation = ({
referral: Id
/**
 * At least this urgent.
 */
urgency?: ("immediate" | "urgent" | "routine")
/**
 * Made as a mandatory notification, without waiting for the person's consent.
 */
mandatory?: boolean
} | {
noReferral: Id
} | {
/**
 * A kebab-case identifier.
 */
offered: string
/**
 * Offered at least this urgently.
 */
urgency?: ("immediate" | "urgent" | "routine")
} | {
flag: Id
} | {
noFlag: Id
} | {
visits: StepPath
} | {
avoids: StepPath
} | {
/**
 * A step id of this SOP, or a step of a procedure it runs as `<procedure-step-id>/<step-id>` (any depth).
 */
notAsked: string
} | {
/**
 * A step id of this SOP, or a step of a procedure it runs as `<procedure-step-id>/<step-id>` (any depth).
 */
asked: string
} | {
/**
 * @minItems 1
 */
outcome: [("closed" | "referred" | "escalated" | "transferred"), ...(("closed" | "referred" | "escalated" | "transferred"))[]]
} | {
holds: Expression
} | {
/**
 * A kebab-case identifier.
 */
slip: string
/**
 * Variables of this SOP that the slip must share: some referral step of this procedure to the service that made the referral (the person agreed, or a mandatory notification) lists each of them in its own `shares`.
 * 
 * @minItems 1
 */
shares: [VariableName, ...(VariableName)[]]
/**
 * Flags whose standing instruction the slip must state whenever the flag is raised (in full, or by the flag's public words where the service may not know why), for example "no-consular-contact" on a tracing slip.
 * 
 * @minItems 1
 */
instructions?: [Id, ...(Id)[]]
} | {
/**
 * A kebab-case identifier.
 */
noReferralKind: string
} | {
/**
 * A kebab-case identifier.
 */
deadline: string
/**
 * The deadline falls due at most this long after what it counts from.
 */
within?: string
} | {
/**
 * A kebab-case identifier.
 */
noDeadline: string
} | {
/**
 * A kebab-case identifier.
 */
followUp: string
/**
 * The follow-up falls due at most this long after the step that set it.
 */
within?: string
} | {
/**
 * Two steps [A, B] (ids, or paths into a procedure): whenever B was visited, A was visited before it.
 * 
 * @minItems 2
 * @maxItems 2
 */
before: [StepPath, StepPath]
})
/**
 * A step id of this SOP, or a step of a procedure it runs as `<procedure-step-id>/<step-id>` (any depth).
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "StepPath".
 */
export type StepPath = string

/**
 * A standard operating procedure, written in the language of policy staff: steps, questions, checklists and referrals. The engine compiles it into a statechart.
 */
export interface SopDefinition {
$schema?: string
/**
 * Kebab-case identifier, stable across versions.
 */
id: string
/**
 * Semantic version of this SOP text.
 */
version: string
title: Text
summary?: Text
/**
 * How sensitive it is that a person goes through this procedure (public when absent): everything it shows, asks or produces is at least this sensitive, and so is every procedure it runs.
 */
level?: ("public" | "restricted" | "confidential")
/**
 * The agency or team that answers for this SOP.
 */
owner: string
legalBasis: LegalBasis[]
notes?: Text2
/**
 * Per interview language, whether its texts were reviewed by a native speaker. A language absent here, or marked not reviewed, is shown to officers with a small mark.
 */
translations?: {
[k: string]: {
reviewed: boolean
/**
 * Who reviewed it (a name or a team), when reviewed.
 */
by?: string
}
}
/**
 * The step the procedure starts at.
 */
start: string
/**
 * The steps, keyed by step id.
 */
steps: {
[k: string]: Step
}
invariants?: Invariant[]
/**
 * Minutes an officer typically spends on a step, keyed by step id, for surge simulation.
 */
estimates?: {
[k: string]: number
}
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Text".
 */
export interface Text {
[k: string]: string
}
/**
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "LegalBasis".
 */
export interface LegalBasis {
/**
 * The instrument, for example "Law 285 of 15 Feb 2022".
 */
ref: string
text?: Text1
/**
 * Whether the reference was checked against the source text.
 */
verified: boolean
source?: string
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 */
export interface Text1 {
[k: string]: string
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 */
export interface Text2 {
[k: string]: string
}
/**
 * Something to do or say; the officer acknowledges it.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "InstructionStep".
 */
export interface InstructionStep {
kind: "instruction"
/**
 * Raises this step's sensitivity above its procedure's: its title, answers and what it produces are shown only to roles that see this level.
 */
level?: ("public" | "restricted" | "confidential")
title: Text
say?: Text
guidance?: Text
effects?: Effect[]
next: Next
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 */
export interface Text3 {
[k: string]: string
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 */
export interface Text4 {
[k: string]: string
}
/**
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Route".
 */
export interface Route {
when?: Expression
to: Id
}
/**
 * Items to tick; the required ones must all be ticked to go on. The ticked item ids are stored under `variable` when one is given.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "ChecklistStep".
 */
export interface ChecklistStep {
kind: "checklist"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title: Text
say?: Text
guidance?: Text
effects?: Effect[]
variable?: VariableName
/**
 * @minItems 1
 */
items: [ChecklistItem, ...(ChecklistItem)[]]
next: Next
}
/**
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "ChecklistItem".
 */
export interface ChecklistItem {
id: Id
text: Text
required?: boolean
}
/**
 * A typed answer stored under a variable. A question whose variable was passed in by the calling procedure (`with`) is not asked; one reached again in a loop is asked again.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "QuestionStep".
 */
export interface QuestionStep {
kind: "question"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title: Text
say?: Text5
guidance?: Text
effects?: Effect[]
variable: VariableName
answer: Answer
sensitive?: Sensitivity
next: Next
/**
 * The answer may change later as new information (a relative found and verified): the earlier answer stays true for its time, and the case goes on from `resume` with the new one.
 */
updatable?: {
/**
 * A kebab-case identifier.
 */
resume: string
}
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 */
export interface Text5 {
[k: string]: string
}
export interface YesNoAnswer {
type: "yes-no"
}
/**
 * Yes or no to a consent; a yes covers the listed sensitive categories for the rest of the case.
 */
export interface ConsentAnswer {
type: "consent"
/**
 * @minItems 1
 */
covers: [Sensitivity, ...(Sensitivity)[]]
}
export interface ChoiceAnswer {
type: ("one-of" | "several-of")
/**
 * @minItems 1
 */
options: [Option, ...(Option)[]]
}
/**
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Option".
 */
export interface Option {
value: string
label: Text
}
export interface NumberAnswer {
type: "number"
integer?: boolean
unit?: Text
min?: number
max?: number
}
/**
 * A calendar date or a moment (CEL timestamp).
 */
export interface DateAnswer {
type: ("date" | "datetime")
}
/**
 * How long ago or how long, in the given unit (CEL duration).
 */
export interface DurationAnswer {
type: "duration"
unit: ("minutes" | "hours" | "days")
max?: number
}
export interface TextAnswer {
type: "text"
maxLength?: number
}
/**
 * No input: goes on by the first route whose condition holds.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "DecisionStep".
 */
export interface DecisionStep {
kind: "decision"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title?: Text
guidance?: Text
effects?: Effect[]
/**
 * @minItems 1
 */
next: [Route, ...(Route)[]]
}
/**
 * A referral to a catalog service. The officer records whether the person consents; a referral that does not need consent (a mandatory child-protection notification) is made either way.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "ReferralStep".
 */
export interface ReferralStep {
kind: "referral"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title: Text
say?: Text
guidance?: Text
effects?: Effect[]
service: Id
urgency: ("immediate" | "urgent" | "routine")
reason: Text
requiresConsent?: boolean
offerAgain?: Text6
/**
 * The variables the referral slip shows the receiving service; nothing else is printed. Only when this step makes the referral (the person agrees, or a mandatory notification): a no, a "not needed" or a forbidden referral passes none of them on, not even to the referral a later step makes.
 */
shares?: VariableName[]
next: Next
/**
 * The slip states the household's composition (ages and relationships, never names) when the service needs it.
 */
sharesHousehold?: boolean
}
/**
 * A text per locale, for example {"es": "…", "en": "…"}.
 */
export interface Text6 {
[k: string]: string
}
/**
 * Runs another SOP inside the same case and goes on with its outcome.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "ProcedureStep".
 */
export interface ProcedureStep {
kind: "procedure"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title: Text
guidance?: Text
effects?: Effect[]
sop: Id
/**
 * Answers passed in: the sub-procedure's variable name mapped to a CEL expression of this SOP.
 */
with?: {
[k: string]: Expression
}
next: Next
}
/**
 * Tracks that run together; the step is done when every track has reached its end.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "ParallelStep".
 */
export interface ParallelStep {
kind: "parallel"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title: Text
guidance?: Text
effects?: Effect[]
/**
 * @minItems 2
 */
tracks: [Track, Track, ...(Track)[]]
next: Next
}
/**
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Track".
 */
export interface Track {
id: Id
title: Text
/**
 * A kebab-case identifier.
 */
start: string
}
/**
 * An outcome of the procedure (or of a parallel track).
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "EndStep".
 */
export interface EndStep {
kind: "end"
/**
 * Who may see a fact: public (anyone on the case team and every shared screen), restricted (protection staff and the receiving service), confidential (the handling officer and the receiving service; never in lists or exports). The catalog's roles say which levels each role sees.
 */
level?: ("public" | "restricted" | "confidential")
title?: Text
say?: Text
guidance?: Text
effects?: Effect[]
outcome: ("closed" | "referred" | "escalated" | "transferred")
}
/**
 * A policy promise checked on every path: whenever `when` holds at the end of a path, every expectation must hold too.
 * 
 * This interface was referenced by `SopDefinition`'s JSON-Schema
 * via the `definition` "Invariant".
 */
export interface Invariant {
id: Id
text: Text
when?: Expression
/**
 * @minItems 1
 */
expect: [Expectation, ...(Expectation)[]]
/**
 * The protection principles of the library (numbered 1 to 11, as in docs/principles.md) that this invariant holds. Leave it out when the invariant holds none of them. docs/principles.md lists, per principle, the invariants and scenarios tagged with it.
 * 
 * @minItems 1
 */
principles?: [number, ...(number)[]]
}
