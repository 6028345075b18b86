import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { AnswerValue, StepView } from "../../engine/index";
import { useI18n } from "../shared/i18n/I18nProvider";
import type { MessageKey } from "../shared/i18n/messagesEs";
import { AnswerField, answerChoices } from "./AnswerField";
import { type Draft, emptyDraft, readDraft } from "./answerDraft";
import { type Choice, ChoiceList } from "./ChoiceList";

/** What the officer's action at a step produces, before the time and author are added. */
export type StepInput =
  | { type: "ANSWERED"; step: string; value: AnswerValue }
  | { type: "CHECKED"; step: string; items: string[] }
  | { type: "ACKNOWLEDGED"; step: string }
  | { type: "REFERRED"; step: string; consent: boolean };

interface StepCardProps {
  step: StepView;
  onSubmit(input: StepInput): void;
  onBack?: () => void;
  /** True while the last input is being saved: the buttons wait. */
  busy?: boolean;
  /** Why the last input was not accepted, in the officer's language. */
  problem?: string;
}

const TEXT_INPUTS = new Set(["text", "number", "date", "datetime-local", "search", "email", "tel"]);

/**
 * One step of a case, alone on the screen: the words to read aloud, the officer's guidance, and the input the step
 * takes. Number keys pick options, Enter continues, and the heading takes the focus when the step appears.
 */
export function StepCard({ step, onSubmit, onBack, busy, problem }: StepCardProps) {
  const { t, text } = useI18n();
  const id = useId();
  const headingId = `${id}-title`;
  const problemId = `${id}-problem`;
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => initialDraft(step));
  const [localProblem, setLocalProblem] = useState<string>();

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const choices = stepChoices(step, t, text);
  const shown = localProblem ?? problem;

  const pick = (index: number) => {
    const choice = choices?.[index];
    if (!choice) return;
    setLocalProblem(undefined);
    if (step.kind === "checklist" || (step.kind === "question" && step.answer?.type === "several-of")) {
      const list = Array.isArray(draft) ? draft : [];
      setDraft(list.includes(choice.value) ? list.filter((v) => v !== choice.value) : [...list, choice.value]);
    } else if (step.kind === "referral" || step.answer?.type === "yes-no" || step.answer?.type === "consent") {
      setDraft(choice.value === "true");
    } else setDraft(choice.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const typing =
      target.tagName === "TEXTAREA" ||
      (target.tagName === "INPUT" && TEXT_INPUTS.has((target as HTMLInputElement).type));
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[1-9]$/.test(event.key) && !typing && choices) {
      event.preventDefault();
      pick(Number(event.key) - 1);
    } else if (event.key === "Enter" && !typing && target.tagName !== "BUTTON" && target.tagName !== "A") {
      event.preventDefault();
      form.current?.requestSubmit();
    }
  };

  const blocked = step.kind === "question" && step.sensitive !== undefined && step.consentGiven === false;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || blocked) return;
    const input = readInput(step, draft, t, text);
    if ("problem" in input) {
      setLocalProblem(input.problem);
      return;
    }
    setLocalProblem(undefined);
    onSubmit(input);
  };

  return (
    <section className="step-card" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <p className="step-procedure">{text(step.procedure)}</p>
      <h2 id={headingId} ref={heading} tabIndex={-1} className="step-title">
        {text(step.title)}
      </h2>
      {step.sensitive ? (
        <p className="badge badge-sensitive">
          {t("step.sensitive", { category: t(`sensitivity.${step.sensitive}` as MessageKey) })}
        </p>
      ) : null}
      {step.say ? (
        <div className="say">
          <p className="say-label">{t("step.sayLabel")}</p>
          <p className="say-text">{text(step.say)}</p>
        </div>
      ) : null}
      {step.guidance ? (
        <div className="guidance">
          <p className="guidance-label">{t("step.guidanceLabel")}</p>
          <p>{text(step.guidance)}</p>
        </div>
      ) : null}
      {step.kind === "referral" && step.service ? (
        <div className="referral-box">
          <p className="referral-service">
            {text(step.service.name)}
            {step.service.agency ? <span className="referral-agency"> · {step.service.agency}</span> : null}
          </p>
          <p>
            <span className={`badge badge-${step.urgency}`}>
              {t(`urgency.${step.urgency ?? "routine"}` as MessageKey)}
            </span>
          </p>
          {step.reason ? <p>{text(step.reason)}</p> : null}
          {step.requiresConsent === false ? <p className="note">{t("referral.mandatory")}</p> : null}
        </div>
      ) : null}
      <form ref={form} onSubmit={submit} noValidate>
        {blocked ? <p className="problem">{t("step.consentMissing")}</p> : null}
        {step.kind === "question" && step.answer && !blocked ? (
          <AnswerField
            answer={step.answer}
            draft={draft}
            onChange={(next) => {
              setLocalProblem(undefined);
              setDraft(next);
            }}
            idPrefix={id}
            labelledBy={headingId}
            describedBy={shown ? problemId : undefined}
            invalid={Boolean(shown)}
          />
        ) : null}
        {(step.kind === "checklist" || step.kind === "referral") && choices ? (
          <ChoiceList
            name={`${id}-choice`}
            choices={choices}
            multiple={step.kind === "checklist"}
            selected={Array.isArray(draft) ? draft : draft === undefined ? [] : [String(draft)]}
            labelledBy={headingId}
            describedBy={shown ? problemId : undefined}
            onChange={(values) => {
              setLocalProblem(undefined);
              setDraft(step.kind === "checklist" ? values : values[0] === "true");
            }}
          />
        ) : null}
        <p id={problemId} className="problem" role="alert">
          {shown ?? ""}
        </p>
        <div className="step-actions">
          {onBack ? (
            <button type="button" className="button button-secondary" onClick={onBack} disabled={busy}>
              {t("step.back")}
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy || blocked} aria-busy={busy}>
            {step.kind === "instruction" ? t("step.done") : t("step.continue")}
          </button>
        </div>
      </form>
    </section>
  );
}

function initialDraft(step: StepView): Draft {
  if (step.kind === "checklist") return [];
  if (step.kind === "question" && step.answer) return emptyDraft(step.answer);
  return undefined;
}

function stepChoices(
  step: StepView,
  t: ReturnType<typeof useI18n>["t"],
  text: ReturnType<typeof useI18n>["text"],
): Choice[] | undefined {
  switch (step.kind) {
    case "question":
      return step.answer ? answerChoices(step.answer, t, text) : undefined;
    case "checklist":
      return (step.items ?? []).map((item) => ({
        value: item.id,
        label: text(item.text),
        note: item.required ? t("checklist.required") : undefined,
      }));
    case "referral":
      return [
        { value: "true", label: t("referral.consents") },
        { value: "false", label: t("referral.declines") },
      ];
    default:
      return undefined;
  }
}

function readInput(
  step: StepView,
  draft: Draft,
  t: ReturnType<typeof useI18n>["t"],
  text: ReturnType<typeof useI18n>["text"],
): StepInput | { problem: string } {
  switch (step.kind) {
    case "question": {
      const reading = readDraft(step.answer!, draft);
      return reading.ok
        ? { type: "ANSWERED", step: step.path, value: reading.value }
        : { problem: t(reading.problem, reading.params) };
    }
    case "checklist": {
      const items = Array.isArray(draft) ? draft : [];
      const missing = (step.items ?? []).filter((i) => i.required && !items.includes(i.id));
      if (missing.length)
        return { problem: t("checklist.missing", { items: missing.map((m) => text(m.text)).join("; ") }) };
      return { type: "CHECKED", step: step.path, items };
    }
    case "referral":
      return typeof draft === "boolean"
        ? { type: "REFERRED", step: step.path, consent: draft }
        : { problem: t("referral.choose") };
    default:
      return { type: "ACKNOWLEDGED", step: step.path };
  }
}
