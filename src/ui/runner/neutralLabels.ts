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
