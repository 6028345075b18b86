import type { Answer } from "../../engine/index";
import type { Draft } from "./answerDraft";
import { ChoiceList } from "./ChoiceList";
import { type CaseI18n, useCaseI18n } from "./i18n/useCaseI18n";

/** The choices of a choice-like answer, in the order the number keys pick them. */
export function answerChoices(answer: Answer, t: CaseI18n["t"], text: CaseI18n["text"]) {
  switch (answer.type) {
    case "yes-no":
      return [
        { value: "true", label: t("answer.yes") },
        { value: "false", label: t("answer.no") },
      ];
    case "consent":
      return [
        { value: "true", label: t("answer.consentYes") },
        { value: "false", label: t("answer.consentNo") },
      ];
    case "one-of":
    case "several-of":
      return answer.options.map((o) => ({ value: o.value, label: text(o.label) }));
    default:
      return undefined;
  }
}

interface AnswerFieldProps {
  answer: Answer;
  draft: Draft;
  onChange(draft: Draft): void;
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  /** The id of the element that names the question (its heading). */
  labelledBy: string;
  /** The id of the element that explains a problem with the draft, if any. */
  describedBy?: string;
  invalid?: boolean;
}

/** The input for one typed answer: choices, a number with its unit, a date, a duration or a short text. */
export function AnswerField({ answer, draft, onChange, idPrefix, labelledBy, describedBy, invalid }: AnswerFieldProps) {
  const { t, text } = useCaseI18n();
  const choices = answerChoices(answer, t, text);
  if (choices) {
    const multiple = answer.type === "several-of";
    const selected = multiple ? (Array.isArray(draft) ? draft : []) : draft === undefined ? [] : [String(draft)];
    return (
      <ChoiceList
        name={`${idPrefix}-choice`}
        choices={choices}
        multiple={multiple}
        selected={selected}
        labelledBy={labelledBy}
        describedBy={describedBy}
        onChange={(values) => {
          if (multiple) onChange(values);
          else if (answer.type === "yes-no" || answer.type === "consent") onChange(values[0] === "true");
          else onChange(values[0]);
        }}
      />
    );
  }
  const inputId = `${idPrefix}-input`;
  const common = {
    id: inputId,
    "aria-labelledby": `${labelledBy} ${inputId}-unit`,
    "aria-describedby": describedBy,
    "aria-invalid": invalid || undefined,
    className: "answer-input",
    value: typeof draft === "string" ? draft : "",
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  switch (answer.type) {
    case "number":
      return (
        <div className="answer-row">
          <input
            {...common}
            type="number"
            inputMode={answer.integer === false ? "decimal" : "numeric"}
            step={answer.integer === false ? "any" : 1}
            min={answer.min}
            max={answer.max}
          />
          <span id={`${inputId}-unit`} className="answer-unit">
            {answer.unit ? text(answer.unit) : ""}
          </span>
        </div>
      );
    case "duration":
      return (
        <div className="answer-row">
          <input {...common} type="number" inputMode="decimal" step="any" min={0} max={answer.max} />
          <span id={`${inputId}-unit`} className="answer-unit">
            {t(`unit.${answer.unit}`)}
          </span>
        </div>
      );
    case "date":
      return (
        <div className="answer-row">
          <input {...common} type="date" />
          <span id={`${inputId}-unit`} className="answer-unit" />
        </div>
      );
    case "datetime":
      return (
        <div className="answer-row">
          <input {...common} type="datetime-local" />
          <span id={`${inputId}-unit`} className="answer-unit" />
        </div>
      );
    case "text":
      // No maxLength on the input: it would cut "Haití" to "Ha" without a word; the check says what the limit is.
      return (
        <div className="answer-row">
          <input {...common} type="text" autoComplete="off" />
          <span id={`${inputId}-unit`} className="answer-unit">
            {answer.maxLength !== undefined && answer.maxLength <= 10
              ? t("answer.maxChars", { count: answer.maxLength })
              : ""}
          </span>
        </div>
      );
    default:
      return null;
  }
}
