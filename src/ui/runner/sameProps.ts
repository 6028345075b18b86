import type { CaseView, InstructionView, Text } from "../../engine/index";
import type { CaseHandle } from "./useCaseSession";

/**
 * Comparisons for the case screen's memoised parts. Every answer gives a new view of the case, but most of what sits
 * beside the step (the banner, the notes, the case's actions, the language picker) has not changed: each part
 * compares what it reads, so that an answer re-renders the step and the status bar and little else. A part that
 * starts reading something more must compare it here too.
 */

/** Whether two handles send and lock alike (the parts read nothing else of the handle). */
export function sameSending(a: CaseHandle, b: CaseHandle): boolean {
  return a.send === b.send && a.busy === b.busy;
}

/** Whether two lists hold equal items, by `same`, in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

/** Two texts in the same languages with the same words. */
export function sameText(a: Text | undefined, b: Text | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Standing instructions that read the same (a hidden one by its neutral words only: it keeps no flag id). */
export function sameInstructions(a: readonly InstructionView[], b: readonly InstructionView[]): boolean {
  return sameItems(
    a,
    b,
    (x, y) =>
      x.flag === y.flag &&
      x.hidden === y.hidden &&
      sameText(x.publicLabel, y.publicLabel) &&
      sameText(x.label, y.label) &&
      sameText(x.instruction, y.instruction) &&
      x.manual?.at === y.manual?.at &&
      x.manual?.by === y.manual?.by &&
      x.manual?.reason === y.manual?.reason,
  );
}

/** Notes that read the same (notes are append-only; what a viewer may read of one can change). */
export function sameNotes(a: CaseView["notes"], b: CaseView["notes"]): boolean {
  return sameItems(
    a,
    b,
    (x, y) => x.at === y.at && x.by === y.by && x.text === y.text && x.level === y.level && x.hidden === y.hidden,
  );
}

/** Flags that are raised alike, as the viewer sees them. */
export function sameFlags(a: CaseView["flags"], b: CaseView["flags"]): boolean {
  return sameItems(a, b, (x, y) => x.id === y.id && x.hidden === y.hidden);
}
