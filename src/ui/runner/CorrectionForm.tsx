import { type FormEvent, useId, useState } from "react";
import type { AnswerValue, Step } from "../../engine/index";
import { AnswerField } from "./AnswerField";
import { type Draft, draftFromValue, readDraft } from "./answerDraft";
import { ChoiceList } from "./ChoiceList";
import { useCaseI18n } from "./i18n/useCaseI18n";

interface CorrectionFormProps {
  step: Step;
  value: unknown;
  labelledBy: string;
  busy: boolean;
  problem?: string;
  /**
   * `correct`: the earlier answer was wrong (the reason is optional). `update`: new information (a relative found and
   * verified): the earlier answer stays true for its time, and the reason is required.
   */
  mode?: "correct" | "update";
  /** For a referral: the answer was whether to add to a referral already made (see `StepView.addition`). */
  addition?: boolean;
  onSubmit(value: AnswerValue, reason: string): void;
  onCancel(): void;
}

/**
 * Edits an earlier answer (a question, a checklist or a referral's consent) to send as a correction, or a question's
 * answer to send as new information.
 */
export function CorrectionForm({
  step,
  value,
  labelledBy,
  busy,
  problem,
  mode = "correct",
  addition = false,
  onSubmit,
  onCancel,
}: CorrectionFormProps) {
  const { t, text } = useCaseI18n();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() =>
    step.kind === "question" ? draftFromValue(step.answer, value) : (value as Draft),
  );
  const [reason, setReason] = useState("");
  const [localProblem, setLocalProblem] = useState<string>();
  const shown = localProblem ?? problem;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === "update" && !reason.trim()) return setLocalProblem(t("update.reasonMissing"));
    if (step.kind === "question") {
      const reading = readDraft(step.answer, draft);
      if (!reading.ok) return setLocalProblem(t(reading.problem, reading.params));
      onSubmit(reading.value, reason.trim());
    } else if (step.kind === "checklist") onSubmit(Array.isArray(draft) ? draft : [], reason.trim());
    else if (typeof draft === "boolean") onSubmit(draft, reason.trim());
    else setLocalProblem(t("referral.choose"));
  };

  return (
    <form className="correction" onSubmit={submit} noValidate>
      {step.kind === "question" ? (
        <AnswerField
          answer={step.answer}
          draft={draft}
          onChange={(next) => {
            setLocalProblem(undefined);
            setDraft(next);
          }}
          idPrefix={id}
          labelledBy={labelledBy}
          describedBy={shown ? `${id}-problem` : undefined}
          invalid={Boolean(shown)}
        />
      ) : step.kind === "checklist" ? (
        <ChoiceList
          name={`${id}-items`}
          multiple
          choices={step.items.map((item) => ({
            value: item.id,
            label: text(item.text),
            note: item.required ? t("checklist.required") : undefined,
          }))}
          selected={Array.isArray(draft) ? draft : []}
          labelledBy={labelledBy}
          onChange={setDraft}
        />
      ) : (
        <ChoiceList
          name={`${id}-consent`}
          multiple={false}
          choices={[
            { value: "true", label: t(addition ? "referral.add" : "referral.consents") },
            { value: "false", label: t(addition ? "referral.doNotAdd" : "referral.declines") },
          ]}
          selected={typeof draft === "boolean" ? [String(draft)] : []}
          labelledBy={labelledBy}
          onChange={(values) => setDraft(values[0] === "true")}
        />
      )}
      <label htmlFor={`${id}-reason`}>{t(mode === "update" ? "update.reason" : "correction.reason")}</label>
      <input
        id={`${id}-reason`}
        className="answer-input"
        type="text"
        value={reason}
        maxLength={mode === "update" ? 500 : 200}
        onChange={(e) => setReason(e.target.value)}
      />
      <p id={`${id}-problem`} className="problem" role="alert">
        {shown ?? ""}
      </p>
      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("correction.cancel")}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t(mode === "update" ? "update.save" : "correction.save")}
        </button>
      </div>
    </form>
  );
}
