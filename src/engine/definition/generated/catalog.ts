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
 * The shared vocabulary SOPs refer to: referral services, flags, sites and roles. A catalog may be split over several files; the engine merges them.
 */
export interface Catalog {
$schema?: string
services?: Service[]
flags?: Flag[]
sites?: Site[]
roles?: Role[]
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Service".
 */
export interface Service {
id: Id
name: Text
agency: string
description?: Text
/**
 * Flags this service takes referrals for.
 */
accepts: Id[]
confidentiality: Level
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
}
/**
 * This interface was referenced by `Catalog`'s JSON-Schema
 * via the `definition` "Text".
 */
export interface Text {
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
