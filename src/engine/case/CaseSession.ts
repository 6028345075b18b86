import { type Actor, type AnyStateMachine, createActor } from "xstate";
import { isInputKind } from "../compile/buildConfig";
import type { CompiledSop } from "../compile/CompiledSop";
import type { CaseContext, ReferralRecord, ReferralSupersession } from "../compile/caseContext";
import { clearFlag, keepHandedOver, raiseFlag } from "../compile/caseLogic";
import type { CaseEvent, CaseOpened } from "../definition/types";
import { SendaError } from "../errors";
import {
  type CaseSnapshot,
  decodeValue,
  encodeValue,
  fingerprintEvents,
  restoreContext,
  SNAPSHOT_VERSION,
  serialiseContext,
} from "./caseSnapshot";
import {
  type CaseInput,
  checkAnswer,
  type InputEvent,
  instantMs,
  isInstant,
  isoOf,
  isStepInput,
  type Refusal,
  refuse,
  validateInput,
} from "./validateInput";

/** The answer to `send`: accepted (with what a correction or going back undid), or refused with a reason. */
export type SendResult = { ok: true; dropped: string[] } | Refusal;

/** A note kept beside the log's inputs. */
export interface CaseNote {
  at: string;
  by: string;
  text: string;
  step?: string;
  level: "public" | "restricted" | "confidential";
}

/** A relationship between this case's person and another case's, as recorded on this case. */
export interface CaseRelationship {
  otherCase: string;
  relation: string;
  claimedBy?: string;
  verified?: boolean;
  at: string;
  by: string;
}

const CLOSE_REASONS: readonly string[] = ["completed", "left-site", "transferred", "duplicate", "other"];
type Event<T extends CaseEvent["type"]> = Extract<CaseEvent, { type: T }>;

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
  /** The events that make up the state, in order: the officer's inputs and the case-level changes. */
  private inputs: CaseInput[] = [];
  private actor!: Actor<AnyStateMachine>;
  private closedBy?: Event<"CASE_CLOSED">;
  private pausedBy?: Event<"CASE_PAUSED">;
  private interviewLanguage?: string;
  /** While a rebuild replays the inputs: the referrals as they stood before it, so a handover keeps what it was. */
  private referralsBefore?: ReadonlyMap<string, ReferralRecord>;
  readonly notes: CaseNote[] = [];
  readonly relationships: CaseRelationship[] = [];
  /** Who revealed which restricted or confidential answer, and when. */
  readonly reveals: { step: string; at: string; by: string }[] = [];

  /** Use `openCase` or `replayCase` rather than this constructor. */
  constructor(compiled: CompiledSop, opened: CaseOpened, start = true) {
    this.compiled = compiled;
    this.log = [opened];
    if (start) this.restart();
  }

  /**
   * The case's state as plain JSON (see `CaseSnapshot`): stored beside the log, it lets `replayCase` start from it
   * and replay only the events that follow.
   */
  snapshot(): CaseSnapshot {
    const machine = this.actor.getSnapshot();
    const index = new Map<unknown, number>();
    for (let i = 0; i < this.log.length; i++) index.set(this.log[i], i);
    return {
      version: SNAPSHOT_VERSION,
      bundle: this.compiled.hash,
      count: this.log.length,
      events: fingerprintEvents(this.log, this.log.length),
      machine: { value: machine.value, status: machine.status },
      context: serialiseContext(machine.context as CaseContext, this.log),
      session: {
        inputs: this.inputs.map((input) => index.get(input) ?? (encodeValue(input) as Record<string, unknown>)),
        ...(this.closedBy ? { closedBy: index.get(this.closedBy) } : {}),
        ...(this.pausedBy ? { pausedBy: index.get(this.pausedBy) } : {}),
        ...(this.interviewLanguage ? { language: this.interviewLanguage } : {}),
        notes: this.notes.map(encodeValue),
        relationships: this.relationships.map(encodeValue),
        reveals: this.reveals.map(encodeValue),
      },
    };
  }

  /**
   * The case after `snapshot.count` of `events`, from the snapshot, without replaying them; undefined when the
   * snapshot does not stand for them (another SOP bundle, another snapshot version, other events).
   */
  static fromSnapshot(
    compiled: CompiledSop,
    events: readonly CaseEvent[],
    snapshot: CaseSnapshot,
  ): CaseSession | undefined {
    if (
      snapshot?.version !== SNAPSHOT_VERSION ||
      snapshot.bundle !== compiled.hash ||
      !(snapshot.count >= 1 && snapshot.count <= events.length) ||
      snapshot.events !== fingerprintEvents(events, snapshot.count)
    )
      return undefined;
    const session = new CaseSession(compiled, events[0] as CaseOpened, false);
    for (let i = 1; i < snapshot.count; i++) session.log.push(events[i]);
    const at = (i: number | undefined) => (i === undefined ? undefined : events[i]);
    const saved = snapshot.session;
    session.inputs = saved.inputs.map((input) =>
      typeof input === "number" ? (events[input] as CaseInput) : (decodeValue(input) as CaseInput),
    );
    session.closedBy = at(saved.closedBy) as Event<"CASE_CLOSED"> | undefined;
    session.pausedBy = at(saved.pausedBy) as Event<"CASE_PAUSED"> | undefined;
    session.interviewLanguage = saved.language;
    session.notes.push(...(saved.notes.map(decodeValue) as CaseNote[]));
    session.relationships.push(...(saved.relationships.map(decodeValue) as CaseRelationship[]));
    session.reveals.push(...(saved.reveals.map(decodeValue) as CaseSession["reveals"]));
    session.actor = createActor(compiled.machine, {
      snapshot: {
        status: snapshot.machine.status,
        value: snapshot.machine.value,
        context: restoreContext(snapshot.context, events.slice(0, snapshot.count)),
        historyValue: {},
        children: {},
        output: undefined,
        error: undefined,
      } as never,
    });
    session.actor.subscribe({ error: () => {} });
    session.actor.start();
    return session;
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

  /** The pause in force, if the case is paused. */
  get pause() {
    return this.pausedBy;
  }

  /** The language the person is interviewed in, when the officer chose one. */
  get language(): string | undefined {
    return this.interviewLanguage;
  }

  /** The machine's context: answers, flags, referrals, deadlines, trace. Read it; never change it. */
  get context(): CaseContext {
    return this.actor.getSnapshot().context as CaseContext;
  }

  /** Whether the case's own SOP has reached one of its ends (follow-ups and handovers may still be open). */
  get finished(): boolean {
    const value = this.actor.getSnapshot().value;
    if (typeof value !== "string") return false;
    const path = this.compiled.stepByStateKey.get(value);
    return path !== undefined && this.compiled.steps.get(path)?.step.kind === "end";
  }

  /** The step inputs that make up the current state (after corrections and going back). */
  get effectiveInputs(): readonly InputEvent[] {
    return this.inputs.filter(isStepInput);
  }

  /** The paths of the steps waiting for the officer now (several in parallel tracks). */
  activeSteps(): string[] {
    return [...this.currentSteps()];
  }

  /** The active steps as kept for the current snapshot, not to be changed (`activeSteps` gives a copy). */
  private currentSteps(): readonly string[] {
    const snapshot = this.actor.getSnapshot();
    // A machine's snapshot is a new object after every change: the steps found for one stand until the next.
    if (snapshot !== this.stepsOf?.snapshot) this.stepsOf = { snapshot, steps: this.findActiveSteps(snapshot) };
    return this.stepsOf.steps;
  }

  private stepsOf?: { snapshot: unknown; steps: readonly string[] };

  private findActiveSteps(snapshot: ReturnType<Actor<AnyStateMachine>["getSnapshot"]>): string[] {
    if (snapshot.status !== "active") return [];
    const found: string[] = [];
    this.walkActive(snapshot.value, "", found);
    return found;
  }

  /** Collects the input steps under a state value (a method, not a closure: it runs after every answer). */
  private walkActive(value: unknown, prefix: string, found: string[]): void {
    const { stepByStateKey, steps } = this.compiled;
    if (typeof value === "string") {
      const path = stepByStateKey.get(prefix ? `${prefix}.${value}` : value);
      // Only input steps wait for the officer: a track that reached its end rests in a final state until the
      // others finish, and a decision whose routes all fail stays where it is (the case is stuck).
      const kind = path ? steps.get(path)?.step.kind : undefined;
      if (path && kind && isInputKind(kind)) found.push(path);
      return;
    }
    for (const key in value as Record<string, unknown>) {
      const here = prefix ? `${prefix}.${key}` : key;
      const path = stepByStateKey.get(here);
      const kind = path ? steps.get(path)?.step.kind : undefined;
      if (kind === "procedure" || kind === "parallel" || !path)
        this.walkActive((value as Record<string, unknown>)[key], here, found);
    }
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
    switch (event.type) {
      case "CASE_OPENED":
        return refuse("bad-event", "The case is already open.");
      case "NOTE_ADDED": {
        if (typeof event.text !== "string" || event.text.trim() === "" || event.text.length > 2000)
          return refuse("bad-event", "A note needs a text of 1 to 2,000 characters.");
        const level = event.level ?? "public";
        this.notes.push({ at: event.at, by: event.by, text: event.text, step: event.step, level });
        return this.accept(event);
      }
      case "LANGUAGE_SET":
        if (typeof event.language !== "string" || !/^[a-z]{2}(-[A-Z]{2})?$/.test(event.language))
          return refuse("bad-event", "An interview language is a language code, like es, en, ht, fr or pt.");
        this.interviewLanguage = event.language;
        return this.accept(event);
      case "RELATIONSHIP_RECORDED":
        if (typeof event.otherCase !== "string" || event.otherCase === "" || event.otherCase === this.opened.caseId)
          return refuse("bad-event", "A relationship names another case of the same group.");
        this.relationships.push({
          otherCase: event.otherCase,
          relation: event.relation,
          claimedBy: event.claimedBy,
          verified: event.verified,
          at: event.at,
          by: event.by,
        });
        return this.accept(event);
      case "HANDED_OVER":
        // Station event (issue 13): the case goes to another desk or role; nothing changes in the procedure.
        return this.accept(event);
      case "ANSWER_REVEALED":
        if (!this.context.answers.has(event.step))
          return refuse("not-answered", `Step "${event.step}" has no answer to reveal.`);
        this.reveals.push({ step: event.step, at: event.at, by: event.by });
        return this.accept(event);
      default:
        break;
    }
    if (this.closedBy)
      return refuse("case-closed", `The case was closed (${this.closedBy.reason}); open a new case or add a note.`);
    switch (event.type) {
      case "CASE_CLOSED":
        if (!CLOSE_REASONS.includes(event.reason))
          return refuse("bad-event", `A closure needs a reason: one of ${CLOSE_REASONS.join(", ")}.`);
        this.closedBy = event;
        return this.accept(event);
      case "CASE_PAUSED":
        if (this.pausedBy) return refuse("paused", "The case is already paused.");
        if (typeof event.reason !== "string" || event.reason.trim() === "")
          return refuse("bad-event", "Say why the case is paused, so whoever resumes it knows.");
        this.pausedBy = event;
        return this.accept(event);
      case "CASE_RESUMED":
        if (!this.pausedBy) return refuse("bad-event", "The case is not paused.");
        this.pausedBy = undefined;
        return this.accept(event);
      default:
        break;
    }
    if (this.pausedBy) return refuse("paused", `The case is paused (${this.pausedBy.reason}); resume it first.`);
    switch (event.type) {
      case "WENT_BACK": {
        const last = this.inputs.findLastIndex((i) => isStepInput(i) || i.type === "INFORMATION_UPDATED");
        if (last < 0) return refuse("nothing-to-undo", "There is no earlier step to go back to.");
        const undone = this.inputs[last] as { step: string };
        const result = this.rebuild(
          this.inputs.filter((_, i) => i !== last),
          -1,
          { cause: "went-back", step: undone.step },
        );
        if (!result.ok) return result;
        this.log.push(event);
        return { ok: true, dropped: [undone.step, ...result.dropped] };
      }
      case "CONFLICT_RESOLVED":
      case "CORRECTED": {
        const index = this.inputs.findLastIndex((i) => isStepInput(i) && i.step === event.step);
        // Station event (issue 13): a resolution that keeps the answer the path holds (or settles a step no longer
        // on it) changes nothing; one that picks another answer stands as a correction.
        if (
          event.type === "CONFLICT_RESOLVED" &&
          (index < 0 || holdsValue(this.inputs[index] as InputEvent, event.value))
        )
          return this.accept(event);
        if (index < 0)
          return refuse(
            "not-answered",
            `Step "${event.step}" has not been answered on the current path, so there is nothing to correct.`,
          );
        const original = this.inputs[index] as InputEvent;
        const replacement = correctedInput(original, event.value, event.by);
        if (!replacement)
          return refuse("wrong-kind", `Step "${event.step}" is an acknowledgement; go back instead of correcting it.`);
        const candidate = [...this.inputs];
        candidate[index] = replacement;
        const result = this.rebuild(candidate, index, { cause: "corrected", step: event.step });
        if (!result.ok) return result;
        this.log.push(event);
        return result;
      }
      case "ANSWERED":
      case "CHECKED":
      case "ACKNOWLEDGED":
      case "REFERRED":
      case "INFORMATION_UPDATED":
      case "FLAG_SET":
      case "REFERRAL_UPDATED":
      case "FOLLOW_UP_DONE": {
        const input = event as CaseInput;
        const refusal = this.apply(input, "live");
        if (refusal) return refusal;
        this.inputs.push(input);
        return this.accept(event);
      }
      default:
        return refuse("bad-event", `Unknown event type "${(event as { type: string }).type}".`);
    }
  }

  private accept(event: CaseEvent): SendResult {
    this.log.push(event);
    return { ok: true, dropped: [] };
  }

  /**
   * Applies one input. `live` checks it as a new event; `rebuild` re-applies it after a correction or a going back,
   * where a handover whose referral is gone is kept as superseded (`cause` says why, as data) instead of being refused.
   */
  private apply(input: CaseInput, mode: "live" | "rebuild", cause?: ReferralSupersession): Refusal | undefined {
    const context = this.context;
    switch (input.type) {
      case "FLAG_SET": {
        const flag = this.compiled.catalog.flags.get(input.flag);
        if (!flag) return refuse("unknown-flag", `The catalog has no flag "${input.flag}".`);
        if (!flag.manual) return refuse("not-manual", `The flag "${input.flag}" is raised by the SOP, not by hand.`);
        if (typeof input.reason !== "string" || input.reason.trim() === "")
          return refuse("bad-event", "Say why the instruction is raised or cleared.");
        setTime(context, input);
        if (input.raise) raiseFlag(context, input.flag, "#manual");
        else clearFlag(context, input.flag);
        context.manualFlags.push({
          flag: input.flag,
          raise: input.raise,
          at: input.at,
          by: input.by,
          reason: input.reason,
        });
        context.trace.push({
          kind: "flag",
          at: context.nowIso,
          step: "",
          flag: input.flag,
          raise: input.raise,
          manual: { by: input.by, reason: input.reason },
        });
        return undefined;
      }
      case "REFERRAL_UPDATED": {
        const referral = context.referralByService.get(input.service);
        const delivered = referral?.delivery.some((d) => d.status === "handed-over");
        if (mode === "live") {
          if (referral?.status !== "made")
            return refuse("not-referred", `There is no referral made to "${input.service}" to hand over.`);
          if (input.status === "acknowledged" && !delivered)
            return refuse("not-handed-over", `Hand the referral to "${input.service}" over before it is acknowledged.`);
        }
        setTime(context, input);
        const delivery = {
          status: input.status,
          at: input.at,
          by: input.by,
          ...(input.note ? { note: input.note } : {}),
        };
        if (referral) {
          referral.delivery.push(delivery);
          // The corrected path decided this referral again, maybe at another step: it keeps what was handed over.
          const before = this.referralsBefore?.get(input.service);
          if (before && before !== referral) keepHandedOver(referral, before);
          if (referral.status !== "made") {
            referral.status = "superseded";
            referral.note = undefined;
            // A rebuild with no cause of its own (after an input the SOP could not process) keeps the one it had.
            referral.supersededBy = cause ?? before?.supersededBy;
          }
        } else {
          // Handed over, then a correction took the path away from what made it: the record of what was done
          // stays as it was handed over (urgency, reasons, slip), not as a routine referral with no reason.
          const before = this.referralsBefore?.get(input.service);
          const record: ReferralRecord = {
            service: input.service,
            step: before?.step ?? "",
            urgency: before?.urgency ?? "routine",
            reason: before?.reason ?? {},
            reasons: before ? [...before.reasons] : [],
            status: "superseded",
            consent: before?.consent ?? false,
            mandatory: before?.mandatory ?? false,
            at: before?.at ?? input.at,
            by: before?.by ?? input.by,
            ...(before?.dueAt ? { dueAt: before.dueAt } : {}),
            shares: before ? [...before.shares] : [],
            sharesHousehold: before?.sharesHousehold ?? false,
            level: before?.level ?? "restricted",
            ...((cause ?? before?.supersededBy) ? { supersededBy: cause ?? before?.supersededBy } : {}),
            delivery: [delivery],
          };
          context.referrals.push(record);
          context.referralByService.set(input.service, record);
        }
        return undefined;
      }
      case "FOLLOW_UP_DONE": {
        const followUp = context.followUps.get(input.followUp);
        if (mode === "live" && (!followUp || followUp.done))
          return refuse("no-follow-up", `There is no open follow-up "${input.followUp}".`);
        if (followUp && !followUp.done)
          followUp.done = { at: input.at, by: input.by, ...(input.note ? { note: input.note } : {}) };
        return undefined;
      }
      case "INFORMATION_UPDATED": {
        const compiled = this.compiled.steps.get(input.step);
        if (!compiled || !this.compiled.updatable.has(input.step) || compiled.step.kind !== "question")
          return refuse("not-updatable", `Step "${input.step}" does not take new information; correct it instead.`);
        if (!context.answers.has(input.step))
          return refuse("not-answered", `Step "${input.step}" has not been answered yet: answer it instead.`);
        const problem = checkAnswer(compiled.step.answer, input.value);
        if (problem) return refuse("invalid-value", `Step "${input.step}": ${problem}`);
        setTime(context, input);
        return this.sendToMachine(
          { type: "UPDATED", step: input.step, value: input.value, reason: input.reason },
          input.step,
        );
      }
      default:
        return this.applyStepInput(input);
    }
  }

  /** Applies an answer, tick, acknowledgement or referral to the running machine, or says why not. */
  private applyStepInput(input: InputEvent): Refusal | undefined {
    if (this.finished) return refuse("case-finished", "Every step of this case is done; add a note or close the case.");
    const compiled = this.compiled.steps.get(input.step);
    if (!compiled) return refuse("unknown-step", `This SOP has no step "${input.step}".`);
    const active = this.currentSteps();
    if (!active.includes(input.step))
      return refuse(
        "not-current",
        `Step "${input.step}" is not waiting for an answer; the case is at ${active.map((a) => `"${a}"`).join(" and ") || "no step"}.`,
      );
    const refusal = validateInput(compiled, input, this.context, this.compiled.catalog);
    if (refusal) return refusal;
    setTime(this.context, input);
    return this.sendToMachine(input, input.step);
  }

  private sendToMachine(
    event: { type: string; step: string; [key: string]: unknown },
    step: string,
  ): Refusal | undefined {
    this.actor.send(event);
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status === "error") {
      const reason = String((snapshot as { error?: unknown }).error);
      this.rebuild(this.inputs, -1);
      return refuse("engine-error", `The SOP could not process this input at step "${step}": ${reason}`);
    }
    return undefined;
  }

  /** Restarts the machine and replays `inputs`; answers no longer valid on the new path are dropped. */
  private rebuild(inputs: CaseInput[], mustKeep: number, cause?: ReferralSupersession): SendResult {
    const previousActor = this.actor;
    const previousInputs = this.inputs;
    this.referralsBefore = previousActor ? new Map(this.context.referralByService) : undefined;
    this.restart();
    const kept: CaseInput[] = [];
    const dropped: string[] = [];
    for (const [i, input] of inputs.entries()) {
      const refusal = this.apply(input, "rebuild", cause);
      if (!refusal) kept.push(input);
      else if (i === mustKeep) {
        this.actor.stop();
        this.actor = previousActor;
        this.inputs = previousInputs;
        this.referralsBefore = undefined;
        return refusal;
      } else if ("step" in input) dropped.push(input.step);
    }
    this.referralsBefore = undefined;
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

/** Sets the case's clock and author to an input's, before it is applied. */
function setTime(context: CaseContext, input: CaseInput): void {
  const at = new Date(instantMs(input.at));
  context.now = at;
  context.nowIso = isoOf(input.at, at);
  context.by = input.by;
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
      return { ...original, consent: value as boolean, notNeeded: undefined, by };
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
 * live state. Given a `snapshot` taken after the first events (`session.snapshot()`), it starts from it and replays
 * only the events after it; a snapshot of another SOP bundle, snapshot version or log is ignored. Fails (as data) when the log does not start with CASE_OPENED, was opened on another SOP version,
 * or holds an event the SOP refuses.
 */
export function replayCase(compiled: CompiledSop, events: readonly CaseEvent[], snapshot?: CaseSnapshot): ReplayResult {
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
  // A snapshot that stands for the first events saves replaying them; any other is ignored.
  const restored = snapshot ? CaseSession.fromSnapshot(compiled, events, snapshot) : undefined;
  const session = restored ?? createSession(compiled, first);
  for (let i = restored ? restored.events.length : 1; i < events.length; i++) {
    const result = session.send(events[i]);
    if (!result.ok) return { ok: false, index: i, code: result.code, reason: result.reason };
  }
  return { ok: true, session };
}
