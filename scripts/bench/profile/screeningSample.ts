// Shared by the answer profiles (dev aids): which screening scenarios they walk, and the timer they walk them with.
import type { ShippedLibrary } from "../../../test/browser/readLibrary";

/** The click → next step timer of the officer's screen: the step's submit button, then the next step's title. */
export const ANSWER_TIMER = { click: ".step-card button[type=submit]", heading: "h2.step-title" };

/** Every `every`-th shipped screening scenario by id (all of them take long at 4× throttle). */
export function screeningSample(library: ShippedLibrary, every: number) {
  return [...library.scenarios.values()]
    .filter((s) => s.sop === "screening")
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((_, i) => i % every === 0);
}
