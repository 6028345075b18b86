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
 * and the arrow keys work as everywhere else.
 */
export function ChoiceList({ name, choices, multiple, selected, labelledBy, describedBy, onChange }: ChoiceListProps) {
  return (
    <fieldset className="choices" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {choices.map((choice, i) => {
        const checked = selected.includes(choice.value);
        return (
          <label key={choice.value} className={checked ? "choice choice-checked" : "choice"}>
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={choice.value}
              checked={checked}
              onChange={() => {
                if (!multiple) onChange([choice.value]);
                else onChange(checked ? selected.filter((v) => v !== choice.value) : [...selected, choice.value]);
              }}
            />
            {i < 9 ? (
              <span className="choice-key" aria-hidden="true">
                {i + 1}
              </span>
            ) : null}
            <span className="choice-label">
              {choice.label}
              {choice.note ? <span className="choice-note"> ({choice.note})</span> : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
