import { loadSurgeLibrary } from "../../scripts/cli/commands/surge";
import type { SurgeLibrary, SurgePlan } from "../../src/engine/index";
import { ROOT } from "../cli/runCli";

let shipped: SurgeLibrary | undefined;

/** The shipped library (sop/), loaded once for every surge test. */
export function shippedLibrary(): SurgeLibrary {
  shipped ??= loadSurgeLibrary("sop", ROOT);
  return shipped;
}

/** The site-contingency answers the simulation cannot know, all quiet. */
export const QUIET_ANSWERS = {
  arrivals_2_days_ago: 300,
  arrivals_yesterday: 300,
  planned_arrivals: 800,
  outbreak: "none",
  weather_signal: false,
  sphere_slipping: false,
  incident: "none",
};

/**
 * A small station: most people need only registration and screening, some a protection interview; plenty of staff
 * and places, so that the alert levels depend on the arrivals alone unless a test says otherwise.
 */
export function smallPlan(overrides: Partial<SurgePlan> = {}): SurgePlan {
  return {
    days: 10,
    seed: 3,
    arrivals: { kind: "daily", counts: new Array(10).fill(300) },
    personas: [
      { scenario: "screening-man-34-with-wife-no-needs", share: 9 },
      { scenario: "screening-carlos-15-alone", share: 1 },
    ],
    desks: [
      { id: "registration", staff: 40, sops: ["screening"] },
      { id: "protection", staff: 30, sops: ["uasc", "trafficking", "gbv-disclosure"] },
    ],
    beds: { capacity: 10_000, stayHours: 1 },
    contingency: { answers: { ...QUIET_ANSWERS } },
    ...overrides,
  } as SurgePlan;
}
