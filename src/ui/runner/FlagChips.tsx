import type { CaseView, FlagView, Text } from "../../engine/index";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { neutralFlagLabels } from "./neutralLabels";

/**
 * The flags as the viewer may see them, most important first, and the others as neutral chips that never name
 * their category. A flag that carries a standing instruction is left out: every screen with chips shows the
 * instructions in their own banner above, and a phone has no room to say it twice.
 */
export function FlagChips({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const { flags, neutral } = flagChips(view, t, text);
  if (flags.length === 0 && neutral.length === 0) return null;
  return (
    <ul className="chips">
      {flags.map((flag) => (
        <li key={flag.id} className={`chip chip-priority-${Math.min(flag.priority, 3)}`}>
          {text(flag.label)}
        </li>
      ))}
      {neutral.map((label) => (
        <li key={label} className="chip chip-neutral">
          {label}
        </li>
      ))}
    </ul>
  );
}

/** The chips `FlagChips` shows: the flags named, most important first, and the neutral labels, each once. */
export function flagChips(
  view: Pick<CaseView, "flags" | "instructions">,
  t: (key: "flag.hidden") => string,
  text: (value: Text | undefined) => string,
): { flags: FlagView[]; neutral: string[] } {
  const banner = instructionsInBanner(view, text);
  return {
    flags: view.flags.filter((f) => !f.hidden && !banner.ids.has(f.id)).sort((a, b) => a.priority - b.priority),
    neutral: neutralFlagLabels(view.flags, t, text).filter((label) => !banner.neutral.has(label)),
  };
}

/**
 * What the instructions banner already says: the flags it names, and the neutral words it shows for those the viewer
 * may not read (a hidden flag has no id left to match, only its neutral label).
 */
export function instructionsInBanner(
  view: Pick<CaseView, "instructions">,
  text: (value: Text | undefined) => string,
): { ids: Set<string>; neutral: Set<string> } {
  const ids = new Set<string>();
  const neutral = new Set<string>();
  for (const i of view.instructions)
    if (!i.hidden) ids.add(i.flag);
    else if (i.publicLabel) neutral.add(text(i.publicLabel));
  return { ids, neutral };
}
