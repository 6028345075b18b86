import { type Actor, type AnyStateMachine, createActor } from "xstate";
import { isInputKind } from "../compile/buildConfig";
import type { CompiledSop } from "../compile/CompiledSop";
import type { CaseContext } from "../compile/caseContext";
import type { CaseEvent, CaseOpened } from "../definition/types";
import { SendaError } from "../errors";
import { type InputEvent, isInstant, type Refusal, refuse, validateInput } from "./validateInput";

/** The answer to `send`: accepted (with what a correction or going back undid), or refused with a reason. */
export type SendResult = { ok: true; dropped: string[] } | Refusal;

/** A note kept beside the log's inputs. */
export interface CaseNote {
  at: string;
  by: string;
  text: string;
  step?: string;
}

const INPUT_TYPES = new Set(["ANSWERED", "CHECKED", "ACKNOWLEDGED", "REFERRED"]);
const CLOSE_REASONS: readonly string[] = ["completed", "left-site", "transferred", "duplicate", "other"];

/**
 * One person's case: an append-only event log replayed through the SOP version it was opened with.
 * `send` checks each event and refuses bad ones with a reason (it never throws for bad input); accepted
 * events are appended to `events`, which is all there is to save. Time only comes from the events.
 *
 * @example
 * const session = openCase(compiled, { caseId: "c-1", at: "2024-03-01T08:00:00Z", by: "officer-7" });
 * session.send({ type: "ANSWERED", step: "ask-age", value: 15, at: "2024-03-01T08:01:00Z", by: "officer-7" });
 * viewCase(session, clock.now()).current[0].id; // the next step, at the time an injected clock gives
 */
export class CaseSession {
  readonly compiled: CompiledSop;
  private readonly log: CaseEvent[];
  private inputs: InputEvent[] = [];
  private actor!: Actor<AnyStateMachine>;
  private closedBy?: Extract<CaseEvent, { type: "CASE_CLOSED" }>;
  readonly notes: CaseNote[] = [];

  /** Use `openCase` or `replayCase` rather than this constructor. */
  constructor(compiled: CompiledSop, opened: CaseOpened) {
    this.compiled = compiled;
    this.log = [opened];
    this.restart();
  }

  /** The case's events so far, oldest first. Save these; everything else is derived. */
  get events(): readonly CaseEvent[] {
    return this.log;
  }

  get opened(): CaseOpened {
    return this.log[0] as CaseOpened;
  }

  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  get closure() {
    return this.closedBy;
  }

  /** The machine's context: answers, flags, referrals, deadlines, trace. Read it; never change it. */
  get context(): CaseContext {
    return this.actor.getSnapshot().context as CaseContext;
  }

  /** Whether every procedure of the case has reached an end. */
  get finished(): boolean {
    return this.actor.getSnapshot().status === "done";
  }

  /** The inputs that make up the current state (after corrections and going back). */
  get effectiveInputs(): readonly InputEvent[] {
    return this.inputs;
  }

  /** The paths of the steps waiting for the officer now (several in parallel tracks). */
  activeSteps(): string[] {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status !== "active") return [];
    const found: string[] = [];
    const walk = (value: unknown, prefix: string) => {
      if (typeof value === "string") {
        const path = this.compiled.stepByStateKey.get(prefix ? `${prefix}.${value}` : value);
        // Only input steps wait for the officer: a track that reached its end rests in a final state until the
        // others finish, and a decision whose routes all fail stays where it is (the case is stuck).
        const kind = path ? this.compiled.steps.get(path)?.step.kind : undefined;
        if (path && kind && isInputKind(kind)) found.push(path);
        return;
      }
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const here = prefix ? `${prefix}.${key}` : key;
        const path = this.compiled.stepByStateKey.get(here);
        const kind = path ? this.compiled.steps.get(path)?.step.kind : undefined;
        if (kind === "procedure" || kind === "parallel" || !path) walk(child, here);
      }
    };
    walk(snapshot.value, "");
    return found;
  }

  /** Checks an event and, if acceptable, appends it to the log and applies it. Never throws for bad input. */
  send(event: CaseEvent): SendResult {
    if (!event || typeof event !== "object" || typeof event.type !== "string" || !isInstant(event.at))
      return refuse(
        "bad-event",
        "An event needs a type and a time (at) with its offset from UTC, like 2024-03-01T08:00:00Z.",
      );
    if (typeof event.by !== "string" || event.by.trim() === "")
      return refuse("bad-event", "An event needs its author (by): the officer who recorded it.");
    if (event.type === "CASE_OPENED") return refuse("bad-event", "The case is already open.");
    if (event.type === "NOTE_ADDED") {
      if (typeof event.text !== "string" || event.text.trim() === "" || event.text.length > 2000)
        return refuse("bad-event", "A note needs a text of 1 to 2,000 characters.");
      this.notes.push({ at: event.at, by: event.by, text: event.text, step: event.step });
      this.log.push(event);
      return { ok: true, dropped: [] };
    }
    // Station events (issue 13): a handover or a revealed answer is recorded, and changes nothing in the procedure.
    if (event.type === "HANDED_OVER" || event.type === "ANSWER_REVEALED") {
      this.log.push(event);
      return { ok: true, dropped: [] };
    }
    if (this.closedBy)
      return refuse("case-closed", `The case was closed (${this.closedBy.reason}); open a new case or add a note.`);
    switch (event.type) {
      case "CASE_CLOSED":
        if (!CLOSE_REASONS.includes(event.reason))
          return refuse("bad-event", `A closure needs a reason: one of ${CLOSE_REASONS.join(", ")}.`);
        this.closedBy = event;
        this.log.push(event);
        return { ok: true, dropped: [] };
      case "WENT_BACK": {
        if (this.inputs.length === 0) return refuse("nothing-to-undo", "There is no earlier step to go back to.");
        const previous = this.inputs;
        const result = this.rebuild(previous.slice(0, -1));
        if (!result.ok) return result;
        this.log.push(event);
        return { ok: true, dropped: [previous[previous.length - 1].step, ...result.dropped] };
      }
      case "CONFLICT_RESOLVED":
      case "CORRECTED": {
        const index = this.inputs.findLastIndex((i) => i.step === event.step);
        // A resolution that keeps the answer the path already holds (or a step no longer on it) changes nothing.
        if (event.type === "CONFLICT_RESOLVED" && (index < 0 || holdsValue(this.inputs[index], event.value))) {
          this.log.push(event);
          return { ok: true, dropped: [] };
        }
        if (index < 0)
          return refuse(
            "not-answered",
            `Step "${event.step}" has not been answered on the current path, so there is nothing to correct.`,
          );
        const original = this.inputs[index];
        const replacement = correctedInput(original, event.value, event.by);
        if (!replacement)
          return refuse("wrong-kind", `Step "${event.step}" is an acknowledgement; go back instead of correcting it.`);
        const candidate = [...this.inputs];
        candidate[index] = replacement;
        const result = this.rebuild(candidate, index);
        if (!result.ok) return result;
        this.log.push(event);
        return result;
      }
      default: {
        if (!INPUT_TYPES.has(event.type))
          return refuse("bad-event", `Unknown event type "${(event as { type: string }).type}".`);
        const input = event as unknown as InputEvent;
        const refusal = this.apply(input);
        if (refusal) return refusal;
        this.inputs.push(input);
        this.log.push(event);
        return { ok: true, dropped: [] };
      }
    }
  }

  /** Applies one input to the running machine, or says why not. */
  private apply(input: InputEvent): Refusal | undefined {
    if (this.finished) return refuse("case-finished", "Every step of this case is done; add a note or close the case.");
    const compiled = this.compiled.steps.get(input.step);
    if (!compiled) return refuse("unknown-step", `This SOP has no step "${input.step}".`);
    const active = this.activeSteps();
    if (!active.includes(input.step))
      return refuse(
        "not-current",
        `Step "${input.step}" is not waiting for an answer; the case is at ${active.map((a) => `"${a}"`).join(" and ") || "no step"}.`,
      );
    const context = this.context;
    const refusal = validateInput(compiled, input, context);
    if (refusal) return refusal;
    const at = new Date(input.at);
    context.now = at;
    context.nowIso = at.toISOString();
    context.by = input.by;
    this.actor.send(input);
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status === "error") {
      const reason = String((snapshot as { error?: unknown }).error);
      this.rebuild(this.inputs);
      return refuse("engine-error", `The SOP could not process this input at step "${input.step}": ${reason}`);
    }
    return undefined;
  }

  /** Restarts the machine and replays `inputs`; those no longer valid on the new path are dropped. */
  private rebuild(inputs: InputEvent[], mustKeep = -1): SendResult {
    const previousActor = this.actor;
    const previousInputs = this.inputs;
    this.restart();
    const kept: InputEvent[] = [];
    const dropped: string[] = [];
    for (const [i, input] of inputs.entries()) {
      const refusal = this.apply(input);
      if (!refusal) kept.push(input);
      else if (i === mustKeep) {
        this.actor.stop();
        this.actor = previousActor;
        this.inputs = previousInputs;
        return refusal;
      } else dropped.push(input.step);
    }
    previousActor?.stop();
    this.inputs = kept;
    return { ok: true, dropped };
  }

  private restart() {
    this.actor = createActor(this.compiled.machine);
    // Without an error listener XState rethrows a failed action from a timer, past the caller; `apply` reads the
    // error from the snapshot and refuses the input instead.
    this.actor.subscribe({ error: () => {} });
    const context = this.actor.getSnapshot().context as CaseContext;
    const opened = this.opened;
    context.now = new Date(opened.at);
    context.nowIso = context.now.toISOString();
    context.by = opened.by;
    // Starting runs the entry steps (decisions, skipped questions) at the time the case was opened.
    this.actor.start();
  }
}

function holdsValue(input: InputEvent, value: unknown): boolean {
  const held =
    input.type === "CHECKED"
      ? input.items
      : input.type === "REFERRED"
        ? input.consent
        : (input as { value?: unknown }).value;
  const norm = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v);
  return norm(held) === norm(value);
}

function correctedInput(original: InputEvent, value: unknown, by: string): InputEvent | undefined {
  // The corrected answer keeps the time of the original, so that deadlines still count from when it was given.
  switch (original.type) {
    case "ANSWERED":
      return { ...original, value, by };
    case "CHECKED":
      return { ...original, items: Array.isArray(value) ? (value as string[]) : [], by };
    case "REFERRED":
      return { ...original, consent: value as boolean, by };
    default:
      return undefined;
  }
}

/** Opening details of a new case. */
export interface OpenCaseOptions {
  caseId: string;
  at: string;
  by: string;
  site?: string;
  group?: string;
}

/** Opens a new case on a compiled SOP; the first event pins the SOP id, version and content hash. */
export function openCase(compiled: CompiledSop, options: OpenCaseOptions): CaseSession {
  if (!isInstant(options.at))
    throw new SendaError(
      "invalid-argument",
      `openCase needs the opening time with its offset from UTC, like 2024-03-01T08:00:00Z; got ${JSON.stringify(options.at)}.`,
    );
  const opened: CaseOpened = {
    type: "CASE_OPENED",
    at: options.at,
    by: options.by,
    caseId: options.caseId,
    sop: { id: compiled.id, version: compiled.version, hash: compiled.hash },
    ...(options.site ? { site: options.site } : {}),
    ...(options.group ? { group: options.group } : {}),
  };
  return createSession(compiled, opened);
}

const createSession = (compiled: CompiledSop, opened: CaseOpened) => new CaseSession(compiled, opened);

/** The result of replaying a saved log. */
export type ReplayResult =
  | { ok: true; session: CaseSession }
  | { ok: false; index: number; code: string; reason: string };

/**
 * Rebuilds a case from its saved events through the same code path as the live run, so the state is exactly the
 * live state. Fails (as data) when the log does not start with CASE_OPENED, was opened on another SOP version,
 * or holds an event the SOP refuses.
 */
export function replayCase(compiled: CompiledSop, events: readonly CaseEvent[]): ReplayResult {
  const first = events[0];
  if (first?.type !== "CASE_OPENED" || !isInstant(first.at))
    return {
      ok: false,
      index: 0,
      code: "bad-event",
      reason: "A case log must start with CASE_OPENED, with a time that has its offset from UTC.",
    };
  if (first.sop.id !== compiled.id || first.sop.hash !== compiled.hash)
    return {
      ok: false,
      index: 0,
      code: "wrong-sop",
      reason: `The case was opened on ${first.sop.id} ${first.sop.version} (${first.sop.hash}); it cannot be replayed on ${compiled.id} ${compiled.version} (${compiled.hash}). Load the version it was opened with.`,
    };
  const session = createSession(compiled, first);
  for (let i = 1; i < events.length; i++) {
    const result = session.send(events[i]);
    if (!result.ok) return { ok: false, index: i, code: result.code, reason: result.reason };
  }
  return { ok: true, session };
}
