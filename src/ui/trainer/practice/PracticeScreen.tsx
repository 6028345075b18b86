import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import type { CompiledSop, Scenario, ScenarioExpect } from "../../../engine/index";
import { CaseStatusBar } from "../../runner/CaseStatusBar";
import { describeRefusal } from "../../runner/describeRefusal";
import { formatAnswer } from "../../runner/formatAnswer";
import { InstructionBanner } from "../../runner/InstructionBanner";
import { useCaseI18n } from "../../runner/i18n/useCaseI18n";
import { StepCard, type StepInput } from "../../runner/StepCard";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { useStation } from "../../station/StationContext";
import { useTrainerText } from "../i18n/trainerMessages";
import { openTrainingResults, readTrainee, saveTrainee } from "../results/trainingResults";
import { playReference, viewPractice } from "../trainerEngine";
import { describeMissEverywhere } from "./describeMiss";
import { ScoreReport } from "./ScoreReport";
import { expectationsOf, type RunScore, scoreRun } from "./scoreRun";
import { usePracticeRun } from "./usePracticeRun";

/**
 * A trainee plays the officer for a persona on their phone: they see only the persona, work the case with the
 * officers' own step screens, and at the end get a score against the answer key (the scenario's expectations, or for
 * an unscripted persona what the engine decides on its path), with the SOP's guidance for each miss. The result is
 * kept on the device.
 */
export function PracticeScreen({
  scenario,
  compiled,
  unscripted = false,
}: {
  scenario: Scenario;
  compiled: CompiledSop;
  unscripted?: boolean;
}) {
  const { tr, text } = useTrainerText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [trainee, setTrainee] = useState<Trainee>();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="practice" aria-labelledby="practice-title">
      <h1 id="practice-title" ref={heading} tabIndex={-1}>
        {tr("practice.title", { title: text(scenario.title) })}
      </h1>
      <div className="projector-persona practice-persona">
        <h2>{tr("practice.persona")}</h2>
        <p>{text(scenario.persona)}</p>
      </div>
      {trainee ? (
        <PracticeRunView scenario={scenario} compiled={compiled} trainee={trainee} unscripted={unscripted} />
      ) : (
        <TraineeForm onStart={setTrainee} offerHints={!unscripted} />
      )}
    </section>
  );
}

/** Who practises, and whether they want to see after each step whether it matches the scenario. */
interface Trainee {
  name: string;
  session: string;
  perStep: boolean;
}

function TraineeForm({ onStart, offerHints }: { onStart(trainee: Trainee): void; offerHints: boolean }) {
  const { tr } = useTrainerText();
  const id = useId();
  const [form, setForm] = useState(readTrainee);
  const [perStep, setPerStep] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trainee = { name: form.name.trim(), session: form.session.trim() };
    if (!trainee.name) {
      setProblem(tr("practice.needName"));
      return;
    }
    saveTrainee(trainee);
    onStart({ ...trainee, perStep });
  };
  return (
    <form className="trainee-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{tr("practice.who")}</legend>
        <div className="field">
          <label htmlFor={`${id}-name`}>{tr("practice.trainee")}</label>
          <input
            id={`${id}-name`}
            className="answer-input"
            autoComplete="name"
            value={form.name}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => {
              setProblem(undefined);
              setForm({ ...form, name: e.target.value });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-session`}>{tr("practice.session")}</label>
          <input
            id={`${id}-session`}
            className="answer-input"
            autoComplete="off"
            value={form.session}
            onChange={(e) => setForm({ ...form, session: e.target.value })}
          />
        </div>
        {offerHints ? (
          <label className="trainer-check" htmlFor={`${id}-hints`}>
            <input
              id={`${id}-hints`}
              type="checkbox"
              checked={perStep}
              onChange={(e) => setPerStep(e.target.checked)}
            />
            {tr("practice.perStep")}
          </label>
        ) : null}
        {problem ? (
          <p id={`${id}-problem`} className="problem" role="alert">
            {problem}
          </p>
        ) : null}
      </fieldset>
      <p className="note">{tr("practice.hint")}</p>
      <button type="submit" className="button button-primary">
        {tr("practice.start")}
      </button>
    </form>
  );
}

function PracticeRunView({
  scenario,
  compiled,
  trainee,
  unscripted,
}: {
  scenario: Scenario;
  compiled: CompiledSop;
  trainee: Trainee;
  unscripted: boolean;
}) {
  const { tr, text } = useTrainerText();
  const i18n = useI18n();
  const { t } = useCaseI18n();
  const station = useStation();
  const run = usePracticeRun(compiled, scenario, trainee.name);
  const [problem, setProblem] = useState<string>();
  const [hint, setHint] = useState<{ same: boolean; text: string }>();
  const [score, setScore] = useState<RunScore>();
  const [saved, setSaved] = useState<{ ok: boolean; reason?: string }>();
  const reference = useMemo(() => playReference(compiled, scenario), [compiled, scenario]);
  const expect: ScenarioExpect = useMemo(
    () => (unscripted ? expectationsOf(reference.view) : scenario.expect),
    [unscripted, reference, scenario],
  );
  const view = run.view;
  const step = view.status === "active" ? view.current[0] : undefined;

  // After each step, when asked: whether the trainee's answer is the scenario's.
  const compareStep = (input: StepInput): { same: boolean; text: string } | undefined => {
    const expected = scenario.steps.find((a) => a.step === input.step && (a.do ?? "answer") === "answer");
    const placed = compiled.steps.get(input.step)?.step;
    if (!expected || !placed || input.type === "ACKNOWLEDGED") return undefined;
    const given = input.type === "ANSWERED" ? input.value : input.type === "CHECKED" ? input.items : input.consent;
    const wanted =
      placed.kind === "checklist" && expected.answer === undefined
        ? placed.items.filter((i) => i.required).map((i) => i.id)
        : placed.kind === "referral" && expected.answer === undefined
          ? true
          : expected.answer;
    if (sameAnswer(given, wanted)) return { same: true, text: tr("practice.asExpected") };
    const title = "title" in placed ? text(placed.title) : "";
    return { same: false, text: tr("practice.expected", { step: title, answer: formatAnswer(placed, wanted, i18n) }) };
  };
  const submit = (input: StepInput | { type: "WENT_BACK" }) => {
    setHint(undefined);
    const result = run.send(input);
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
    if (result.ok && trainee.perStep && "step" in input) setHint(compareStep(input));
  };
  const finish = () => {
    const played = { session: run.session, view: viewPractice(run.session) };
    const scored = scoreRun(compiled, expect, { session: reference.session, view: reference.view }, played);
    setScore(scored);
    openTrainingResults()
      .then((store) =>
        store.add({
          kind: "training-result",
          at: new Date().toISOString(),
          session: trainee.session,
          trainee: trainee.name,
          ...(station ? { by: station.officer.name } : {}),
          sop: compiled.id,
          sopVersion: compiled.version,
          scenario: scenario.id,
          scenarioTitle: scenario.title,
          unscripted,
          percent: scored.percent,
          earned: scored.earned,
          possible: scored.possible,
          misses: scored.misses.map((m) => ({
            kind: m.kind,
            subject: m.subject,
            text: describeMissEverywhere(m, compiled),
          })),
        }),
      )
      .then(
        () => setSaved({ ok: true }),
        (error: unknown) => setSaved({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
      );
  };

  if (score)
    return (
      <>
        <ScoreReport score={score} compiled={compiled} />
        {saved ? (
          <p className={saved.ok ? "notice notice-info" : "problem"} role="status">
            {saved.ok ? tr("score.saved") : tr("score.saveFailed", { reason: saved.reason ?? "" })}
          </p>
        ) : null}
        <div className="step-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              run.restart();
              setScore(undefined);
              setSaved(undefined);
            }}
          >
            {tr("practice.restart")}
          </button>
        </div>
      </>
    );
  return (
    <div className="practice-run">
      <InstructionBanner instructions={view.instructions} />
      <CaseStatusBar view={view} />
      {hint ? (
        <p className={hint.same ? "notice notice-info" : "notice notice-warning"} role="status">
          {hint.text}
        </p>
      ) : null}
      {step ? (
        <StepCard
          step={step}
          stepKey={`${step.path}:${view.progress.done}:${run.session.events.length}`}
          onSubmit={submit}
          onBack={view.canGoBack ? () => submit({ type: "WENT_BACK" }) : undefined}
          problem={problem}
          instructions={view.instructions}
        />
      ) : (
        <p className="notice notice-info">{tr("practice.ended")}</p>
      )}
      {problem && !step ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="step-actions">
        <button type="button" className={`button ${step ? "button-secondary" : "button-primary"}`} onClick={finish}>
          {tr("practice.finish")}
        </button>
      </div>
    </div>
  );
}

/** Whether two answers are the same (ticked items in any order). */
function sameAnswer(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (Array.isArray(v) ? JSON.stringify([...v].map(String).sort()) : JSON.stringify(v));
  return norm(a) === norm(b);
}
