import type { CaseView } from "../../engine/index";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { neutralFlagLabels } from "./neutralLabels";

/**
 * The flags as the viewer may see them, most important first, and the others as neutral chips that never name
 * their category.
 */
export function FlagChips({ view }: { view: CaseView }) {
  const { t, text } = useCaseI18n();
  const flags = view.flags.filter((f) => !f.hidden).sort((a, b) => a.priority - b.priority);
  const neutral = neutralFlagLabels(view.flags, t, text);
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
