/* Generated from schemas/surge-plan.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run `npm run generate`. */

/**
 * @minItems 24
 * @maxItems 24
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "HourlyProfile".
 */
export type HourlyProfile = [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number]
/**
 * Relative weights of the 24 hours of the day (midnight first).
 * 
 * @minItems 24
 * @maxItems 24
 */
export type HourlyProfile1 = [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number]
/**
 * Relative weights of the 24 hours of the day (midnight first).
 * 
 * @minItems 24
 * @maxItems 24
 */
export type HourlyProfile2 = [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number]
/**
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id = string
/**
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "VariableName".
 */
export type VariableName = string

/**
 * A surge simulation of a reception station: who arrives and when, who serves them at which desk, how many beds there are, and what the site coordinator knows that the simulation cannot (for the contingency plan's alert levels).
 */
export interface SurgePlan {
$schema?: string
title?: Text
/**
 * How many days to simulate. With daily counts, defaults to the number of counts; give `days` or `hours` otherwise.
 */
days?: number
/**
 * How many hours to simulate, instead of `days`.
 */
hours?: number
/**
 * The seed of the random numbers: the same plan and seed give the same results. Default 1.
 */
seed?: number
/**
 * The calendar date of the first simulated day (midnight to midnight, UTC). Default 2024-03-01.
 */
start?: string
/**
 * When people arrive: a constant rate, an hourly profile of rates, or real daily counts.
 */
arrivals: (ConstantArrivals | HourlyArrivals | DailyArrivals | CsvArrivals)
/**
 * The mix of people who arrive, each played once through the real engine to find the steps they go through.
 * 
 * @minItems 1
 * @maxItems 200
 */
personas: [Persona, ...(Persona)[]]
/**
 * @minItems 1
 * @maxItems 50
 */
desks: [Desk, ...(Desk)[]]
/**
 * How much the time at a desk varies around the SOP's estimates, as a coefficient of variation (standard deviation over mean): 0 is always the estimate, 1 varies as much as an exponential time. Default 0.5.
 */
serviceVariation?: number
beds: Beds
contingency: Contingency
}
/**
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Text".
 */
export interface Text {
[k: string]: string
}
/**
 * Arrivals at random (a Poisson process) at the same rate every hour.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "ConstantArrivals".
 */
export interface ConstantArrivals {
kind: "constant"
perHour: number
}
/**
 * Arrivals at random at a rate that changes with the hour of the day (midnight first), the same every day.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "HourlyArrivals".
 */
export interface HourlyArrivals {
kind: "hourly"
perHour: HourlyProfile
}
/**
 * Exactly this many arrivals on each day, at random times within the day (spread by `profile`, evenly without it).
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "DailyArrivals".
 */
export interface DailyArrivals {
kind: "daily"
/**
 * @minItems 1
 * @maxItems 3660
 */
counts: [number, ...(number)[]]
profile?: HourlyProfile1
}
/**
 * Daily counts from a CSV file (one day per line: `date,count` or `count`, an optional header), read relative to the plan.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "CsvArrivals".
 */
export interface CsvArrivals {
kind: "csv"
file: string
profile?: HourlyProfile2
}
/**
 * One kind of person: give either `scenario` or `path`.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Persona".
 */
export interface Persona {
/**
 * A scenario of the library (sop/scenarios): its actions are played through its SOP.
 */
scenario?: string
/**
 * A path of an SOP's analysis: the path numbered `number` (1 first) in `senda paths <sop>`.
 */
path?: {
sop: Id
number: number
}
/**
 * Its share of the arrivals; shares are relative (they need not add up to 1 or 100).
 */
share: number
/**
 * How long these people stay on site after their last desk, instead of the beds' `stayHours`.
 */
stayHours?: number
}
/**
 * A desk and the staff who serve at it, one person at a time each. It handles the steps of the SOPs in `sops` and the steps listed in `steps`; a step no desk names is handled where the SOP that runs it is handled.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Desk".
 */
export interface Desk {
id: Id
title?: Text
/**
 * The catalog role of its staff.
 */
role?: string
staff: number
sops?: Id[]
/**
 * Steps by SOP id: these steps are handled here, whichever desk handles the rest of their SOP.
 */
steps?: {
/**
 * @minItems 1
 */
[k: string]: [Id, ...(Id)[]]
}
}
/**
 * The site's places: give either `site` or `capacity`. People count from arrival until they leave, `stayHours` after their last desk on average.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Beds".
 */
export interface Beds {
/**
 * A site of the catalog: its capacity is used.
 */
site?: string
capacity?: number
/**
 * People already on site when the simulation starts. Default 0.
 */
initialOccupancy?: number
stayHours: number
/**
 * How much stays vary, as a coefficient of variation. Default 0.5.
 */
stayVariation?: number
}
/**
 * The contingency SOP is played once per simulated day with that day's figures. Its questions that the simulation cannot answer (outbreak signals, weather, planned arrivals, the arrivals of the days before the first) are answered here.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Contingency".
 */
export interface Contingency {
/**
 * The contingency SOP. Default site-contingency.
 */
sop?: string
answers: Answers
/**
 * Answers that hold on some days only (an outbreak signal on days 5 to 9).
 */
changes?: {
fromDay: number
toDay?: number
answers: Answers
}[]
}
/**
 * Answers to the contingency SOP's questions, by the question's variable.
 * 
 * This interface was referenced by `SurgePlan`'s JSON-Schema
 * via the `definition` "Answers".
 */
export interface Answers {
[k: string]: number | string | boolean
}
