import type { CompiledSop } from "../compile/CompiledSop";
import { SendaError } from "../errors";
import type { CaseSession } from "./CaseSession";
import { replayCase } from "./CaseSession";

/** From how many events a parked case keeps a snapshot beside its log, so that waking it replays little. */
export const PARK_SNAPSHOT_FROM = 200;

/**
 * A case nobody is working on, kept as text instead of a running machine: its event log as JSON and, for a long
 * log, a snapshot of its state. A desk holding thousands of open cases keeps them parked and wakes the one an officer
 * opens: about the size of its log instead of a statechart actor with its context.
 *
 * @example
 * const parked = ParkedCase.park(session);
 * const again = parked.wake(); // the same case: same step, view and slips
 */
export class ParkedCase {
  readonly compiled: CompiledSop;
  readonly caseId: string;
  /** How many events the case holds. */
  readonly count: number;
  private readonly log: string;
  private readonly snapshot?: string;

  private constructor(compiled: CompiledSop, caseId: string, count: number, log: string, snapshot?: string) {
    this.compiled = compiled;
    this.caseId = caseId;
    this.count = count;
    this.log = log;
    this.snapshot = snapshot;
  }

  /** Parks a case: the session can be dropped afterwards. */
  static park(session: CaseSession, snapshotFrom = PARK_SNAPSHOT_FROM): ParkedCase {
    const events = session.events;
    const snapshot = events.length >= snapshotFrom ? JSON.stringify(session.snapshot()) : undefined;
    return new ParkedCase(session.compiled, session.opened.caseId, events.length, JSON.stringify(events), snapshot);
  }

  /** The case as a running session again, from its snapshot when it has one, else by replaying its log. */
  wake(): CaseSession {
    const result = replayCase(
      this.compiled,
      JSON.parse(this.log),
      this.snapshot ? JSON.parse(this.snapshot) : undefined,
    );
    if (!result.ok)
      throw new SendaError("invalid-state", `A parked case (${this.caseId}) could not be woken: ${result.reason}`);
    return result.session;
  }
}
