/* Generated from schemas/catalog.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run `npm run generate`. */

/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id = string
/**
 * public: anyone on the case team may see it; restricted: protection staff and the receiving service; confidential: only the handling officer and the receiving service, never in lists or exports.
 * 
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Level".
 */
export type Level = ("public" | "restricted" | "confidential")
/**
 * A length of time: a number followed by m, h or d, like "30m", "24h" or "7d"; "0m" means at once.
 * 
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Within".
 */
export type Within = string

/**
 * The shared vocabulary SOPs refer to: referral services, flags, sites and roles. A catalog may be split over several files; the engine merges them.
 */
export interface Catalog {
$schema?: string
services?: Service[]
flags?: Flag[]
sites?: Site[]
roles?: Role[]
/**
 * The languages of the people who arrive, spoken in interviews: every text an officer reads aloud (`say`) must exist in each, besides Spanish and English.
 */
interviewLanguages?: string[]
urgencies?: UrgencyTimes1
/**
 * The categories of sensitive questions (health, hiv, …) and the level their answers are kept at.
 */
categories?: Category[]
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Service".
 */
export interface Service {
id: Id
name: Text
agency: string
/**
 * What kind of service it is (consulate, health, child-protection, anti-trafficking, accommodation, …): standing instructions can forbid or concern a kind.
 */
kind?: string
description?: Text
/**
 * Flags this service takes referrals for.
 */
accepts: Id[]
confidentiality: Level
/**
 * public: anyone on the case team may see it; restricted: protection staff and the receiving service; confidential: only the handling officer and the receiving service, never in lists or exports.
 */
receives?: ("public" | "restricted" | "confidential")
/**
 * What the service needs on a slip to act, named as the SOPs name the answer (`age`). A referral step to it in an SOP that holds such an answer (asked, or passed in by a caller) must share it, unless it is more sensitive than the service may receive: `senda validate` reports a slip that leaves it out.
 */
needs?: {
variable: string
why: Text1
}[]
/**
 * Sites where it is present; everywhere when absent.
 */
sites?: Id[]
hours?: Text
contact?: string
/**
 * ISO country code when the service is a consulate: a protection case is never referred to the consulate of its own country.
 */
consularOf?: string
due?: UrgencyTimes
notes?: Text2
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Text".
 */
export interface Text {
[k: string]: string
}
/**
 * Why the service needs it, for the author who left it out.
 */
export interface Text1 {
[k: string]: string
}
/**
 * This service's own handover times, where they differ from the catalog's.
 */
export interface UrgencyTimes {
immediate?: Within
urgent?: Within
routine?: Within
}
/**
 * For policy staff only (unverified facts, values to set locally); never shown to officers or on slips.
 */
export interface Text2 {
[k: string]: string
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Flag".
 */
export interface Flag {
id: Id
label: Text
description?: Text
sensitivity: Level
/**
 * 0 is the most urgent; orders the queue.
 */
priority?: number
instruction?: Text3
publicLabel?: Text4
/**
 * Referrals the engine refuses while the flag is raised.
 */
forbids?: Forbid[]
/**
 * The kinds of service whose slips carry the instruction; every slip when absent.
 */
concerns?: Id[]
/**
 * An officer may raise (and clear) it by hand on any case, with a reason.
 */
manual?: boolean
notes?: Text5
}
/**
 * A standing instruction: shown as a banner on every screen of the case, on its summary and on every slip it concerns, for as long as the flag is raised.
 */
export interface Text3 {
[k: string]: string
}
/**
 * What public surfaces (the queue, the case header, slips to services that may not know more) show instead of the label and instruction when the flag is above public: a neutral text that never names the category.
 */
export interface Text4 {
[k: string]: string
}
/**
 * Which referrals a flag forbids: to services of a kind, to one service, or any referral made without the person's consent; `unlessFlag` lifts it once another flag is raised (a verification).
 * 
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Forbid".
 */
export interface Forbid {
kind?: Id
service?: Id
withoutConsent?: true
unlessFlag?: Id
}
/**
 * For policy staff only (unverified facts, values to set locally); never shown to officers or on slips.
 */
export interface Text5 {
[k: string]: string
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Site".
 */
export interface Site {
id: Id
name: Text
region?: string
capacity: number
status: ("open" | "closed")
note?: Text
notes?: Text6
}
/**
 * For policy staff only (unverified facts, values to set locally); never shown to officers or on slips.
 */
export interface Text6 {
[k: string]: string
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Role".
 */
export interface Role {
id: Id
name: Text
agency?: string
sees: Level[]
}
/**
 * How soon a referral of each urgency must be handed over, unless a service says otherwise.
 */
export interface UrgencyTimes1 {
immediate?: Within
urgent?: Within
routine?: Within
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Category".
 */
export interface Category {
id: ("health" | "hiv" | "sogi" | "gbv" | "trafficking" | "asylum" | "child-protection")
level: Level
label?: Text
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "UrgencyTimes".
 */
export interface UrgencyTimes2 {
immediate?: Within
urgent?: Within
routine?: Within
}
