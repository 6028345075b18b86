/** The longest reason or note a form takes: a line, not a narrative (free text is kept minimal). */
export const MAX_REASON = 300;

interface ReasonFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** What is wrong with it, announced and tied to the field. */
  problem?: string;
}

/** A one-line reason or note with its label and, when there is one, its problem right below it. */
export function ReasonField({ id, label, value, onChange, problem }: ReasonFieldProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="answer-input"
        type="text"
        maxLength={MAX_REASON}
        autoComplete="off"
        value={value}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem ? (
        <p id={`${id}-problem`} className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
