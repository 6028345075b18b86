import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type CaseEvent,
  type CaseSession,
  type CompiledSop,
  hasErrors,
  loadLibrary,
  openCase,
  viewCase,
} from "../../src/engine/index";
import type { CaseStore } from "../../src/store/index";
import { summarizeCase } from "../../src/store/index";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");

/** The mini SOP of test/fixtures, loaded, linted and compiled through the engine's `loadLibrary`. */
export function compileMini(): CompiledSop {
  const loaded = loadLibrary([
    { path: "sops/mini.sop.json", text: readFileSync(resolve(FIXTURES, "sops/mini.sop.json"), "utf8") },
    // loadLibrary knows a catalog by its catalog/ folder; the mini fixture keeps its catalog one level up.
    { path: "catalog/catalog.json", text: readFileSync(resolve(FIXTURES, "catalog.json"), "utf8") },
  ]);
  const compiled = loaded.compiled.get("mini");
  if (hasErrors(loaded.issues) || !compiled)
    throw new Error(`the mini fixture does not load:\n${loaded.issues.map((i) => i.message).join("\n")}`);
  return compiled;
}

/** A minute-by-minute clock for one case, so that every event has its own time. */
export function minutesFrom(start: string): () => string {
  let at = Date.parse(start);
  return () => {
    at += 60_000;
    return new Date(at).toISOString();
  };
}

/**
 * A case being worked on as the officers' client does it: every event the engine accepts is appended to the
 * store, with the summary of the view after it, before the next one is sent.
 */
export class LiveCase {
  readonly session: CaseSession;
  private readonly next: () => string;

  constructor(
    readonly store: CaseStore,
    compiled: CompiledSop,
    readonly caseId: string,
    options: { opened?: string; site?: string; group?: string } = {},
  ) {
    const opened = options.opened ?? "2024-03-01T08:00:00.000Z";
    this.session = openCase(compiled, {
      caseId,
      at: opened,
      by: "officer-7",
      site: options.site,
      group: options.group,
    });
    this.next = minutesFrom(opened);
  }

  /** Saves CASE_OPENED (and whatever the session already holds). */
  async open(): Promise<void> {
    const events = this.session.events;
    await this.store.appendEvents(this.caseId, 0, events, this.summary());
  }

  /** Sends one event (timed a minute after the last) to the session, then appends it; throws if refused. */
  async send(event: DistributiveOmit<CaseEvent, "at" | "by">): Promise<CaseEvent> {
    const full = { ...event, at: this.next(), by: "officer-7" } as CaseEvent;
    const expectedSeq = this.session.events.length;
    const result = this.session.send(full);
    if (!result.ok) throw new Error(`the engine refused ${full.type}: ${result.reason}`);
    await this.store.appendEvents(this.caseId, expectedSeq, [full], this.summary());
    return full;
  }

  summary() {
    const events = this.session.events;
    return summarizeCase(viewCase(this.session, new Date(events[events.length - 1].at)), events.length);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let counter = 0;
/** A database name no other test uses. */
export function freshName(label: string): string {
  counter += 1;
  return `test-${label}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
