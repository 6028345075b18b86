import { Model } from "survey-core";
import { type Actor, type AnyStateMachine, createActor } from "xstate";
import {
  buildLibrary,
  type CaseSession,
  type CompiledSop,
  compileSop,
  openCase,
  ParkedCase,
  replayCase,
  type SopDefinition,
} from "../../../src/engine/index";
import { type InterpreterTable, TableInterpreter } from "../TableInterpreter";
import type { Questionnaire, SessionRecord } from "./Questionnaire";
import { createQuestionnaireMachine } from "./rawXState";
import { QUESTIONNAIRE_CATALOG, toSendaSop } from "./toSendaSop";
import { toSurveyJson } from "./toSurveyJs";
import { toXStateConfig } from "./toXStateConfig";

/** The systems measured side by side. */
export type SystemId = "senda" | "xstate" | "surveyjs" | "floor";

/**
 * One system seen through the few operations the benchmark needs: build the model from its JSON text, start a
 * session, ask what it waits for, answer, read the outcome, and save and restore a session. Each is done the way
 * a user of that system would do it.
 */
export interface BenchSystem<M = unknown, S = unknown> {
  id: SystemId;
  label: string;
  /** The questionnaire as the JSON text this system is built from. */
  source(questionnaire: Questionnaire): string;
  build(source: string): M;
  start(model: M): S;
  /** The question the session waits for, or undefined once it has ended. */
  current(session: S): string | undefined;
  answer(session: S, question: string, value: boolean): void;
  outcome(session: S): string | undefined;
  /** The session as text, the way the system persists one. */
  save(session: S): string;
  restore(model: M, saved: string): S;
  /** What the system keeps of an idle open session, when it keeps less than the session (Senda: a parked case). */
  park?(session: S): unknown;
}

const OPENED_AT = Date.parse("2024-03-01T08:00:00Z");
const times: string[] = [];
/** Event times one second apart, made once: a real client reads its clock, which is not what is measured here. */
function timeOf(n: number): string {
  while (times.length <= n) times.push(new Date(OPENED_AT + times.length * 1000).toISOString());
  return times[n];
}

/** Senda: the SOP compiled as the officers' client does it (no schema validation), a case per session. */
export const senda: BenchSystem<CompiledSop, CaseSession> = {
  id: "senda",
  label: "Senda",
  source: (q) => JSON.stringify(toSendaSop(q)),
  build(source) {
    const sop = JSON.parse(source) as SopDefinition;
    return compileSop(sop, buildLibrary([sop], [QUESTIONNAIRE_CATALOG]));
  },
  start: (compiled) => openCase(compiled, { caseId: "bench", at: timeOf(0), by: "bench" }),
  current: (session) => session.activeSteps()[0],
  answer(session, step, value) {
    const result = session.send({ type: "ANSWERED", step, value, at: timeOf(session.events.length), by: "bench" });
    if (!result.ok) throw new Error(`Senda refused an answer to ${step}: ${result.reason}`);
  },
  outcome: (session) => session.context.outcomes.get(""),
  save: (session) => JSON.stringify(session.events),
  restore(compiled, saved) {
    const result = replayCase(compiled, JSON.parse(saved));
    if (!result.ok) throw new Error(`Senda could not replay a saved case: ${result.reason}`);
    return result.session;
  },
  park: (session) => ParkedCase.park(session),
};

/** Raw XState v5: the machine built from its JSON config, an actor per session. */
export const xstate: BenchSystem<AnyStateMachine, Actor<AnyStateMachine>> = {
  id: "xstate",
  label: "raw XState",
  source: (q) => JSON.stringify(toXStateConfig(q)),
  build: (source) => createQuestionnaireMachine(JSON.parse(source)),
  start: (machine) => createActor(machine).start(),
  current(actor) {
    const snapshot = actor.getSnapshot();
    return snapshot.status === "active" ? (snapshot.value as string) : undefined;
  },
  answer: (actor, _question, value) => actor.send({ type: "ANSWER", value }),
  outcome(actor) {
    const snapshot = actor.getSnapshot();
    return snapshot.status === "done" ? (snapshot.value as string) : undefined;
  },
  save: (actor) => JSON.stringify(actor.getPersistedSnapshot()),
  restore: (machine, saved) => createActor(machine, { snapshot: JSON.parse(saved) }).start(),
};

/** SurveyJS (survey-core): a survey model is itself the session, so each session is a `new Model(json)`. */
export const surveyjs: BenchSystem<{ json: unknown }, Model> = {
  id: "surveyjs",
  label: "SurveyJS",
  source: (q) => JSON.stringify(toSurveyJson(q)),
  build(source) {
    const json = JSON.parse(source);
    // Building the model is what SurveyJS does for each session; build it once here so that the figure is comparable.
    new Model(json);
    return { json };
  },
  start: ({ json }) => new Model(json),
  current: (survey) => (survey.state === "running" ? survey.currentSingleQuestion?.name : undefined),
  answer(survey, question, value) {
    survey.setValue(question, value);
    const moved = survey.isLastElement ? survey.tryComplete() : survey.performNext();
    if (!moved) throw new Error(`SurveyJS did not move on after ${question}`);
  },
  outcome: (survey) => (survey.state === "completed" ? survey.getVariable("outcome") : undefined),
  // In question-per-page mode the page number is always 0: the position is the current question's name.
  save: (survey) => JSON.stringify({ data: survey.data, current: survey.currentSingleQuestion?.name }),
  restore({ json }, saved) {
    const state = JSON.parse(saved) as { data: Record<string, unknown>; current?: string };
    const survey = new Model(json);
    survey.data = state.data;
    if (state.current) survey.currentElementName = state.current;
    return survey;
  },
};

/** The floor: the plain table-driven interpreter of the same SOP, with the same CEL evaluator. */
export const floor: BenchSystem<{ sop: SopDefinition; table: InterpreterTable }, TableInterpreter> = {
  id: "floor",
  label: "floor (table interpreter)",
  source: (q) => JSON.stringify(toSendaSop(q)),
  build(source) {
    const sop = JSON.parse(source) as SopDefinition;
    return { sop, table: new TableInterpreter(sop).table };
  },
  start: ({ sop, table }) => new TableInterpreter(sop, table),
  current: (interpreter) => interpreter.current,
  answer(interpreter, question, value) {
    if (!interpreter.answer(question, value)) throw new Error(`the floor refused an answer to ${question}`);
  },
  outcome: (interpreter) => interpreter.outcome,
  save: (interpreter) => interpreter.save(),
  restore: ({ sop, table }, saved) => TableInterpreter.restore(sop, table, saved),
};

/** Every system, Senda first. */
export const SYSTEMS: readonly BenchSystem[] = [senda, xstate, surveyjs, floor] as BenchSystem[];

/** The index of a question from its id ("q17" → 17), to look its answer up. */
export function questionIndex(id: string): number {
  return Number(id.slice(1));
}

/**
 * Runs a session of `system` to its end (or for `limit` answers), answering each question asked from `answers`
 * (by question index). Returns the questions asked and the outcome.
 */
export function runSession<M, S>(
  system: BenchSystem<M, S>,
  model: M,
  answers: readonly boolean[],
  options: { session?: S; limit?: number } = {},
): SessionRecord & { session: S } {
  const session = options.session ?? system.start(model);
  const asked: string[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for (
    let question = system.current(session);
    question !== undefined && asked.length < limit;
    question = system.current(session)
  ) {
    asked.push(question);
    system.answer(session, question, answers[questionIndex(question)]);
  }
  return { asked, outcome: system.outcome(session), session };
}
