import { memo, useCallback, useRef } from "react";

/** One option of a choice list. */
export interface Choice {
  value: string;
  label: string;
  /** A short mark after the label, such as "required". */
  note?: string;
}

interface ChoiceListProps {
  name: string;
  choices: Choice[];
  multiple: boolean;
  selected: string[];
  labelledBy: string;
  describedBy?: string;
  onChange(values: string[]): void;
}

/**
 * Large radio buttons or checkboxes, each with the number key that picks it. Native inputs, so that screen readers
 * and the arrow keys work as everywhere else. Each option renders again only when its own props change: React sets
 * an input's name and type again whenever it renders it (for radio groups), and an answer or a pick changes one or
 * two options of the list, not all.
 */
export function ChoiceList({ name, choices, multiple, selected, labelledBy, describedBy, onChange }: ChoiceListProps) {
  // The latest list and selection, for the options' one handler (which stays the same, so as not to render them).
  const latest = useRef({ selected, onChange, multiple });
  latest.current = { selected, onChange, multiple };
  const toggle = useCallback((value: string) => {
    const { selected, onChange, multiple } = latest.current;
    if (!multiple) onChange([value]);
    else onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  }, []);
  return (
    <fieldset className="choices" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {choices.map((choice, i) => (
        <ChoiceOption
          key={choice.value}
          type={multiple ? "checkbox" : "radio"}
          name={name}
          value={choice.value}
          label={choice.label}
          note={choice.note}
          numberKey={i < 9 ? i + 1 : undefined}
          checked={selected.includes(choice.value)}
          onToggle={toggle}
        />
      ))}
    </fieldset>
  );
}

interface ChoiceOptionProps {
  type: "checkbox" | "radio";
  name: string;
  value: string;
  label: string;
  note?: string;
  /** The number key that picks it (the first nine options). */
  numberKey?: number;
  checked: boolean;
  onToggle(value: string): void;
}

const ChoiceOption = memo(function ChoiceOption({
  type,
  name,
  value,
  label,
  note,
  numberKey,
  checked,
  onToggle,
}: ChoiceOptionProps) {
  return (
    <label className={checked ? "choice choice-checked" : "choice"}>
      <input type={type} name={name} value={value} checked={checked} onChange={() => onToggle(value)} />
      {numberKey !== undefined ? (
        <span className="choice-key" aria-hidden="true">
          {numberKey}
        </span>
      ) : null}
      <span className="choice-label">
        {label}
        {note ? <span className="choice-note"> ({note})</span> : null}
      </span>
    </label>
  );
});
