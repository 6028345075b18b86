import type PouchDB from "pouchdb-browser";
import type { AllDocsRow, Change, PouchDoc } from "pouchdb-browser";
import type { CaseEvent } from "../engine/index";
import { CaseDatabase } from "./CaseDatabase";
import type { CaseSummary } from "./CaseSummary";
import { checkAppend } from "./checkAppend";
import { commitDocs } from "./commitDocs";
import { caseIdOfSummaryId, checkCaseId, eventRange, isSummaryId, seqOfEventId, summaryDocId } from "./documentIds";
import { ConflictError, StoreError } from "./StoreError";
import { SummaryIndex, type SummaryQuery } from "./SummaryIndex";
import { readEventDoc, readSummaryDoc, toEventDoc, toSummaryDoc } from "./storedDocuments";
import { toStoreError } from "./toStoreError";
import { withLock } from "./withLock";

/** How to open a store. */
export interface CaseStoreOptions {
  /** The IndexedDB database; one per deployment, or one per training session. Default `senda-cases`. */
  name?: string;
  /** Where "now" comes from for deadline filters; injected so that tests and the simulator can move it. */
  clock?: () => Date;
  /**
   * Problems found in the background, with no caller to throw to: a malformed summary replicated from elsewhere,
   * a broken changes feed. Default: `console.error`.
   */
  onError?: (error: StoreError) => void;
}

/** The database name used when none is given. */
export const DEFAULT_STORE_NAME = "senda-cases";

/**
 * The cases on this device: each case an append-only log of immutable event documents, beside a small summary
 * document written in the same transaction. Summaries are held in memory (loaded once, kept current by this
 * store's writes and by PouchDB's changes feed, so that other tabs' writes show up) for the queue to list, search,
 * filter and sort without reading the database. Every failure is a `StoreError`.
 *
 * @example
 * const store = await CaseStore.open();
 * const session = openCase(compiled, { caseId: "c-1", at, by });
 * const summary = summarizeCase(viewCase(session, clock()), session.events.length);
 * await store.appendEvents("c-1", 0, session.events, summary);
 * store.listSummaries({ status: "active", text: "edad" });
 */
export class CaseStore {
  /** The database's name. */
  readonly name: string;
  private readonly clock: () => Date;
  private readonly onError: (error: StoreError) => void;
  private readonly index = new SummaryIndex();
  private readonly listeners = new Set<() => void>();
  private readonly database: CaseDatabase;
  private changeCount = 0;
  private isClosed = false;

  private constructor(options: CaseStoreOptions) {
    this.name = options.name ?? DEFAULT_STORE_NAME;
    this.clock = options.clock ?? (() => new Date());
    this.onError = options.onError ?? ((error) => console.error(error));
    this.database = new CaseDatabase(this.name, {
      onChange: (change) => this.onChange(change),
      onLoad: (rows) => this.reload(rows),
      onError: (error) => this.onError(error),
    });
  }

  /**
   * Opens (or creates) the store and loads every summary into memory. Fails with a `StoreError`. Needs IndexedDB: in
   * Node tests, a jsdom environment and `import "fake-indexeddb/auto"`.
   */
  static async open(options: CaseStoreOptions = {}): Promise<CaseStore> {
    const store = new CaseStore(options);
    await store.database.open();
    return store;
  }

  /** How many cases the device holds. */
  get size(): number {
    return this.index.size;
  }

  /** A number that grows whenever any summary changes: a snapshot key for `useSyncExternalStore`. */
  get revision(): number {
    return this.changeCount;
  }

  /** Calls `listener` after every change to the summaries, from this tab or another; returns the unsubscriber. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends `events` to a case's log at sequence number `expectedSeq` (0 opens the case with CASE_OPENED), with the
   * case's new summary (`summarizeCase` of the view after the events were applied), in one transaction. Resolves
   * with the summary once IndexedDB has committed the write. If the log does not hold exactly `expectedSeq` events
   * (another tab or device wrote first), nothing is written and it rejects with a `ConflictError`; a full quota
   * rejects with a `StorageFullError`, and nothing is written either.
   */
  async appendEvents(
    caseId: string,
    expectedSeq: number,
    events: readonly CaseEvent[],
    summary: CaseSummary,
  ): Promise<CaseSummary> {
    this.checkOpen();
    checkAppend(checkCaseId(caseId), expectedSeq, events, summary);
    const summaryId = summaryDocId(caseId);
    // The lock makes the count-then-write below one step for every tab on this device; the write itself still
    // refuses existing ids, which is what stops a replicated document that arrives in between.
    const rev = await withLock(`senda-store/${this.name}/${caseId}`, () =>
      this.database.use(caseId, "saving the case", async (db) => {
        const stored = await countEvents(db, caseId);
        if (stored !== expectedSeq) throw new ConflictError({ caseId, expectedSeq, storedSeq: stored });
        const prior = await readOptional(db, summaryId);
        const docs: PouchDoc[] = events.map((event, i) => toEventDoc(caseId, expectedSeq + i, event));
        docs.push(toSummaryDoc(summary, prior?._rev));
        const result = await commitDocs(db, docs, new Map(prior ? [[summaryId, prior]] : []), caseId);
        if (!result.ok) {
          const now = await countEvents(db, caseId).catch(() => undefined);
          throw new ConflictError({ caseId, expectedSeq, storedSeq: now });
        }
        return result.revs.get(summaryId)!;
      }),
    );
    if (this.index.put(summary, rev)) this.changed();
    return this.index.get(caseId)!;
  }

  /** A case's whole log, oldest first, checked to be gap-free. Rejects with `not-found` for an unknown case. */
  async loadEvents(caseId: string): Promise<CaseEvent[]> {
    this.checkOpen();
    checkCaseId(caseId);
    const { rows } = await this.database.use(caseId, "loading the case", (db) =>
      db.allDocs({ ...eventRange(caseId), include_docs: true }),
    );
    if (rows.length === 0) throw new StoreError("not-found", `There is no case "${caseId}" on this device.`, caseId);
    return rows.map((row, seq) => readEventDoc(row.doc, caseId, seq));
  }

  /** The summary of one case, from memory. */
  getSummary(caseId: string): CaseSummary | undefined {
    return this.index.get(caseId);
  }

  /**
   * The summaries matching `query`, sorted by urgency unless asked otherwise. Reads memory only; the objects are
   * frozen and shared between calls.
   */
  listSummaries(query: SummaryQuery = {}): CaseSummary[] {
    this.checkOpen();
    return this.index.list(query, this.clock());
  }

  /**
   * Deletes every case on the device by destroying the database, and starts an empty one: for tests and training
   * only. Other stores with the same name in this tab start over too; other tabs must be reloaded.
   */
  async deleteAll(): Promise<void> {
    this.checkOpen();
    await this.database.destroy();
  }

  /** Stops following changes and closes the database. The store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.listeners.clear();
    await this.database.close();
  }

  /** Replaces every summary held with `rows`, as read from the database. */
  private reload(rows: AllDocsRow[]): void {
    this.index.clear();
    for (const row of rows) this.accept(row.id, row.doc);
    this.changed();
  }

  private onChange(change: Change): void {
    if (!isSummaryId(change.id)) return;
    if (change.deleted) {
      if (this.index.remove(caseIdOfSummaryId(change.id))) this.changed();
    } else if (this.accept(change.id, change.doc)) this.changed();
  }

  /** Takes a summary document into the index; returns whether the index changed. */
  private accept(id: string, doc: (PouchDoc & { _rev: string }) | undefined): boolean {
    try {
      return this.index.put(readSummaryDoc(doc, id), doc!._rev);
    } catch (error) {
      this.onError(toStoreError(error, id, "reading a summary"));
      return false;
    }
  }

  private changed(): void {
    this.changeCount++;
    for (const listener of this.listeners) listener();
  }

  private checkOpen(): void {
    if (this.isClosed)
      throw new StoreError("unavailable", `The case store "${this.name}" was closed; open it again.`, this.name);
  }
}

/** How many events a case's log holds, from its last event id: one index lookup, whatever the log's length. */
async function countEvents(db: PouchDB, caseId: string): Promise<number> {
  const range = eventRange(caseId);
  const { rows } = await db.allDocs({ startkey: range.endkey, endkey: range.startkey, descending: true, limit: 1 });
  const last = rows[0] ? seqOfEventId(caseId, rows[0].id) : undefined;
  return last === undefined ? 0 : last + 1;
}

async function readOptional(db: PouchDB, id: string): Promise<(PouchDoc & { _rev: string }) | undefined> {
  try {
    return await db.get(id);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
