import type { FlagView, Text } from "../../engine/index";

type T = (key: "flag.hidden", params?: Record<string, string | number>) => string;

/**
 * What a screen shows for the flags it may not name: each hidden flag's neutral label (the catalog's `publicLabel`),
 * or one general "confidential need" line for those without one; each text once.
 */
export function neutralFlagLabels(
  flags: readonly Pick<FlagView, "hidden" | "publicLabel">[],
  t: T,
  text: (value: Text | undefined) => string,
): string[] {
  const labels = new Set<string>();
  for (const flag of flags)
    if (flag.hidden) labels.add(flag.publicLabel ? text(flag.publicLabel) || t("flag.hidden") : t("flag.hidden"));
  return [...labels];
}

/** A line of a deadline list: a deadline the viewer may see, or every hidden one as one neutral line. */
export type DeadlineLine<D> = { deadline: D; hidden?: undefined } | { deadline: D; hidden: number };

/**
 * The deadlines as a list shows them, in time order: each one the viewer may see, and the hidden ones as a single
 * line (how many, and the time left on the first), placed where the first of them falls.
 */
export function deadlineLines<D extends { hidden?: true }>(deadlines: readonly D[]): DeadlineLine<D>[] {
  const hidden = deadlines.filter((d) => d.hidden).length;
  const lines: DeadlineLine<D>[] = [];
  let placed = false;
  for (const deadline of deadlines)
    if (!deadline.hidden) lines.push({ deadline });
    else if (!placed) {
      lines.push({ deadline, hidden });
      placed = true;
    }
  return lines;
}
