import { listShippedSops } from "../shared/shippedLibrary";
import { readOfficerSettings } from "./OfficerSettings";

/**
 * Begins getting a new case on the officer's remembered entry SOP ready while the app starts: the engine's chunk and
 * the SOP's files load, and the SOP compiles, in the time the device's databases take to open, so that a "New case"
 * tapped as soon as the queue shows opens the first step without compiling anything. What the queue does once it is
 * idle (NewCasePanel) then finds it done. It writes what that preparation writes (the shipped versions into the
 * device's library on a new build, the bundle's record), and no case.
 */
export function prepareRememberedNewCase(): void {
  const shipped = listShippedSops();
  const sop = readOfficerSettings({ officer: "", site: "", sop: shipped[0]?.id ?? "", role: "" }).sop;
  if (!shipped.some((s) => s.id === sop)) return;
  // A failure here is met again, and reported, when the officer taps "New case".
  void import("./startCase").then((m) => m.prepareNewCase(sop)).catch(() => undefined);
}
