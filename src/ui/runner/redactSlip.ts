import { canSee, type Level, type SlipView } from "../../engine/index";

/** A slip as the viewer may see it on screen or print it, with how many of its facts were left off for the viewer. */
export interface ShownSlip extends SlipView {
  /** Facts the service may receive but the viewer's role may not see: someone whose role can must print the slip. */
  aboveViewer: number;
}

/**
 * Leaves off a slip the facts above the viewer's levels. `buildSlip` already keeps only what the receiving service may
 * receive; a screen and a print also answer to who is looking. The slip keeps its real level for its footer.
 */
export function redactSlip(slip: SlipView, sees: readonly Level[]): ShownSlip {
  let aboveViewer = 0;
  const keep = <T extends { level: Level }>(items: readonly T[]) =>
    items.filter((item) => {
      if (canSee(sees, item.level)) return true;
      aboveViewer++;
      return false;
    });
  return {
    ...slip,
    reasons: keep(slip.reasons),
    answers: keep(slip.answers),
    instructions: keep(slip.instructions),
    aboveViewer,
  };
}
