import { type CaseEvent, type CaseSession, type CompiledSop, openCase, type SendResult } from "../../src/engine/index";

/** A case event without its time and author, which the driver adds. */
type Draft = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, "at" | "by"> : never) : never;

/** The moment test cases open. */
export const OPENED_AT = "2024-03-01T08:00:00.000Z";

/** The time `minutes` after the case opened, as an event time. */
export const at = (minutes: number) => new Date(Date.parse(OPENED_AT) + minutes * 60_000).toISOString();

/**
 * Drives a case the way an officer's screen does: one event per action, a minute apart by default, with the
 * event built from the kind of the step. Every helper returns what `send` answered.
 */
export class CaseDriver {
  readonly session: CaseSession;
  minute = 0;
  constructor(compiled: CompiledSop, caseId = "case-1") {
    this.session = openCase(compiled, { caseId, at: OPENED_AT, by: "officer-1", site: "lajas-blancas" });
  }
  /** Sends any event, `after` minutes after the last one. */
  send(event: Draft, after = 1): SendResult {
    this.minute += after;
    return this.session.send({ ...event, at: at(this.minute), by: "officer-1" } as CaseEvent);
  }
  ack(step: string, after?: number) {
    return this.send({ type: "ACKNOWLEDGED", step }, after);
  }
  answer(step: string, value: unknown, after?: number) {
    return this.send({ type: "ANSWERED", step, value: value as never }, after);
  }
  check(step: string, items: string[], after?: number) {
    return this.send({ type: "CHECKED", step, items }, after);
  }
  refer(step: string, consent: boolean, after?: number) {
    return this.send({ type: "REFERRED", step, consent }, after);
  }
  correct(step: string, value: unknown, after?: number) {
    return this.send({ type: "CORRECTED", step, value: value as never }, after);
  }
  back(after?: number) {
    return this.send({ type: "WENT_BACK" }, after);
  }
  note(text: string, step?: string) {
    return this.send({ type: "NOTE_ADDED", text, ...(step ? { step } : {}) }, 0);
  }
  close(reason: string) {
    return this.send({ type: "CASE_CLOSED", reason: reason as never });
  }
  /** The steps waiting now. */
  get current() {
    return this.session.activeSteps();
  }
}
