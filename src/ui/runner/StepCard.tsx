import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { AnswerValue, InstructionView, StepView } from "../../engine/index";
import type { MessageKey } from "../shared/i18n/messagesEs";
import { AnswerField, answerChoices } from "./AnswerField";
import { type Draft, draftFromValue, emptyDraft, readDraft } from "./answerDraft";
import { type Choice, ChoiceList } from "./ChoiceList";
import { type CaseI18n, useCaseI18n } from "./i18n/useCaseI18n";
import { ReasonField } from "./ReasonField";
import { SayBox } from "./SayBox";
import { afterPaint } from "./saveTracker";

/** What the officer's action at a step produces, before the time and author are added. */
export type StepInput =
  | { type: "ANSWERED"; step: string; value: AnswerValue }
  | { type: "CHECKED"; step: string; items: string[] }
  | { type: "ACKNOWLEDGED"; step: string }
  | { type: "REFERRED"; step: string; consent: boolean; notNeeded?: string };

/** The language the person is interviewed in, for the texts read aloud. */
export interface Interview {
  language: string;
  /** Whether a native speaker reviewed the step's texts in that language. */
  reviewed: boolean;
}

interface StepCardProps {
  step: StepView;
  /**
   * Which showing of a step this is (say, its path and how many steps were done before it). The card is reused in
   * place from one step to the next: when this changes, the draft, the reason and the problem start again (from
   * `retry` when it is for the new step) and the new heading takes the focus. The step's path when absent.
   */
  stepKey?: string;
  onSubmit(input: StepInput): void;
  onBack?: () => void;
  /** True while the last input is being saved: the buttons wait. */
  busy?: boolean;
  /** Why the last input was not accepted, in the officer's language. */
  problem?: string;
  /** The interview language (the officer's own when absent). */
  interview?: Interview;
  /** The standing instructions in force, as the viewer may see them: a forbidden referral quotes its words. */
  instructions?: readonly InstructionView[];
  /** An input to this step that could not be saved: the card opens holding it, to send again. */
  retry?: StepInput;
}

// The referral choices: the person accepts, declines, or the referral is not needed (a relative was found…).
const NOT_NEEDED = "not-needed";

const TEXT_INPUTS = new Set(["text", "number", "date", "datetime-local", "search", "email", "tel"]);

/**
 * One step of a case, alone on the screen: the words to read aloud, the officer's guidance, and the input the step
 * takes. Number keys pick options, Enter continues, and the heading takes the focus when the step appears.
 */
export function StepCard({
  step,
  stepKey = step.path,
  onSubmit,
  onBack,
  busy,
  problem,
  interview,
  instructions = [],
  retry,
}: StepCardProps) {
  const i18n = useCaseI18n();
  const { t, text } = i18n;
  const id = useId();
  const headingId = `${id}-title`;
  const problemId = `${id}-problem`;
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => startingDraft(step, retry));
  const [reason, setReason] = useState(() => startingReason(step, retry));
  const [localProblem, setLocalProblem] = useState<string>();
  // What a number key did, for screen readers: the key press itself moves no focus and says nothing.
  const [announced, setAnnounced] = useState("");
  // The step shown changed: everything typed or picked belonged to the one before, and must never show on this one.
  // Reset during the render (React discards this pass and renders again before anything reaches the screen).
  const [shownKey, setShownKey] = useState(stepKey);
  if (shownKey !== stepKey) {
    setShownKey(stepKey);
    setDraft(startingDraft(step, retry));
    setReason(startingReason(step, retry));
    setLocalProblem(undefined);
    setAnnounced("");
  }

  // The heading (a new element for each step, so that screen readers announce it) takes the focus once the step is
  // painted: focusing it before would lay the page out again ahead of the paint. It scrolls into view only when it
  // is not in view already.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new step (not each render) moves the focus.
  useEffect(() => {
    let cancelled = false;
    afterPaint(() => {
      const target = heading.current;
      if (cancelled || !target) return;
      target.focus({ preventScroll: true });
      if (target.getBoundingClientRect().top < 0) target.scrollIntoView({ block: "start" });
    }, 50);
    return () => {
      cancelled = true;
    };
  }, [stepKey]);

  const choices = stepChoices(step, t, text);
  const shown = localProblem ?? problem;

  const pick = (index: number) => {
    const choice = choices?.[index];
    if (!choice) return;
    setLocalProblem(undefined);
    if (step.kind === "checklist" || (step.kind === "question" && step.answer?.type === "several-of")) {
      const list = Array.isArray(draft) ? draft : [];
      const ticked = !list.includes(choice.value);
      setDraft(ticked ? [...list, choice.value] : list.filter((v) => v !== choice.value));
      setAnnounced(t(ticked ? "step.ticked" : "step.unticked", { choice: choice.label }));
    } else {
      setDraft(toDraft(step, choice.value));
      setAnnounced(t("step.chosen", { choice: choice.label }));
    }
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
    const input = readInput(step, draft, reason, i18n);
    if ("problem" in input) {
      setLocalProblem(input.problem);
      return;
    }
    setLocalProblem(undefined);
    onSubmit(input);
  };

  return (
    <section className="step-card" data-step={stepKey} aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <p className="step-procedure">{text(step.procedure)}</p>
      <h2 key={stepKey} id={headingId} ref={heading} tabIndex={-1} className="step-title">
        {text(step.title)}
      </h2>
      {step.sensitive ? (
        <p className="badge badge-sensitive">
          {t("step.sensitive", { category: t(`sensitivity.${step.sensitive}` as MessageKey) })}
        </p>
      ) : null}
      {step.say ? <SayBox say={step.say} interview={interview} /> : null}
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
          {step.requiresConsent === false && !step.forbiddenBy ? (
            <p className="note">{t("referral.mandatory")}</p>
          ) : null}
          {step.addition ? (
            <p className="note referral-merge referral-addition">
              {t("referral.addition", { service: text(step.service.name) })}
            </p>
          ) : step.mergesInto ? (
            <p className="note referral-merge">
              {t("referral.mergesInto", {
                service: text(step.service.name),
                status: t(`referralStatus.${step.mergesInto}`),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      {step.forbiddenBy ? <ForbiddenNotice flags={step.forbiddenBy} instructions={instructions} /> : null}
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
              setDraft(step.kind === "checklist" ? values : toDraft(step, values[0]));
            }}
          />
        ) : null}
        {step.kind === "referral" && draft === NOT_NEEDED ? (
          <div className="field">
            <ReasonField
              id={`${id}-not-needed`}
              label={t("referral.notNeededReason")}
              value={reason}
              onChange={(value) => {
                setLocalProblem(undefined);
                setReason(value);
              }}
            />
          </div>
        ) : null}
        <p className="visually-hidden" aria-live="polite">
          {announced}
        </p>
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

/** The words of the standing instructions that forbid a referral, or a neutral sentence when the viewer may not read them. */
function ForbiddenNotice({ flags, instructions }: { flags: string[]; instructions: readonly InstructionView[] }) {
  const { t, text } = useCaseI18n();
  const words = flags.map((flag) => instructions.find((i) => i.flag === flag && !i.hidden));
  return (
    <div className="notice notice-warning forbidden-notice">
      <p>
        <strong>{t("referral.forbidden")}</strong>
      </p>
      <ul>
        {words.map((instruction, i) =>
          instruction ? (
            <li key={instruction.flag}>
              <strong>{text(instruction.label)}:</strong> {text(instruction.instruction)}
            </li>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: hidden instructions have no id to key on.
            <li key={i}>{t("instruction.hiddenForbids")}</li>
          ),
        )}
      </ul>
      <p>{t("referral.forbiddenHelp")}</p>
    </div>
  );
}

function initialDraft(step: StepView): Draft {
  if (step.kind === "checklist") return [];
  if (step.kind === "question" && step.answer) return emptyDraft(step.answer);
  // A forbidden referral has one way to go: recorded as not made.
  if (step.kind === "referral" && step.forbiddenBy) return false;
  return undefined;
}

/** The draft a step opens with: the input the store could not save when it is for this step, else an empty one. */
function startingDraft(step: StepView, retry: StepInput | undefined): Draft {
  return retry?.step === step.path ? retriedDraft(step, retry) : initialDraft(step);
}

/** The reason a referral was not needed, as the input the store could not save gave it. */
function startingReason(step: StepView, retry: StepInput | undefined): string {
  return retry?.step === step.path && retry.type === "REFERRED" ? (retry.notNeeded ?? "") : "";
}

/** The draft that holds an input again (one the store could not save). */
function retriedDraft(step: StepView, input: StepInput): Draft {
  switch (input.type) {
    case "ANSWERED":
      return step.kind === "question" && step.answer ? draftFromValue(step.answer, input.value) : initialDraft(step);
    case "CHECKED":
      return [...input.items];
    case "REFERRED":
      return input.notNeeded !== undefined ? NOT_NEEDED : input.consent;
    default:
      return initialDraft(step);
  }
}

/** The draft a chosen value makes: yes/no answers and referral decisions are booleans (or "not needed"). */
function toDraft(step: StepView, value: string): Draft {
  if (step.kind === "referral") return value === NOT_NEEDED ? NOT_NEEDED : value === "true";
  if (step.kind === "question" && (step.answer?.type === "yes-no" || step.answer?.type === "consent"))
    return value === "true";
  return value;
}

function stepChoices(step: StepView, t: CaseI18n["t"], text: CaseI18n["text"]): Choice[] | undefined {
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
      if (step.forbiddenBy) return [{ value: "false", label: t("referral.recordNotMade") }];
      if (step.addition)
        return [
          { value: "true", label: t("referral.add") },
          { value: "false", label: t("referral.doNotAdd") },
          { value: NOT_NEEDED, label: t("referral.notNeeded") },
        ];
      if (step.requiresConsent === false)
        return [
          { value: "true", label: t("referral.consents") },
          { value: "false", label: t("referral.declinesMandatory") },
        ];
      return [
        { value: "true", label: t("referral.consents") },
        { value: "false", label: t("referral.declines") },
        { value: NOT_NEEDED, label: t("referral.notNeeded") },
      ];
    default:
      return undefined;
  }
}

function readInput(
  step: StepView,
  draft: Draft,
  reason: string,
  { t, text }: CaseI18n,
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
      if (draft === NOT_NEEDED)
        return reason.trim()
          ? { type: "REFERRED", step: step.path, consent: false, notNeeded: reason.trim() }
          : { problem: t("referral.notNeededMissing") };
      return typeof draft === "boolean"
        ? { type: "REFERRED", step: step.path, consent: draft }
        : { problem: t("referral.choose") };
    default:
      return { type: "ACKNOWLEDGED", step: step.path };
  }
}
