import type { CaseView } from "../../engine/index";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { neutralFlagLabels } from "./neutralLabels";

/**
 * The flags as the viewer may see them, most important first, and the others as neutral chips that never name
 * their category. A flag that carries a standing instruction is left out: every screen with chips shows the
 * instructions in their own banner above, and a phone has no room to say it twice.
 */
export function FlagChips({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const inBanner = new Set(view.instructions.map((i) => i.flag));
  const chips = view.flags.filter((f) => !inBanner.has(f.id));
  const flags = chips.filter((f) => !f.hidden).sort((a, b) => a.priority - b.priority);
  const neutral = neutralFlagLabels(chips, t, text);
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
