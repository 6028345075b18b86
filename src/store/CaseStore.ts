import type PouchDB from "pouchdb-browser";
import type { AllDocsRow, Change, PouchDoc } from "pouchdb-browser";
import type { CaseEvent, CompiledSop } from "../engine/index";
import { CaseDatabase } from "./CaseDatabase";
import type { CaseSummary } from "./CaseSummary";
import {
  fingerprintKeys,
  readSnapshotDoc,
  type SnapshotSource,
  type StoredSnapshot,
  snapshotDue,
  toSnapshotDoc,
} from "./caseSnapshots";
import { checkAppend } from "./checkAppend";
import { commitDocs } from "./commitDocs";
import { DerivedSummaries, type SummaryDeriver } from "./DerivedSummaries";
import {
  caseRange,
  checkCaseId,
  eventRange,
  isSummaryId,
  parseLogDocId,
  snapshotDocId,
  summaryDocId,
} from "./documentIds";
import { checkDeviceCode, makeEventKey, nextStamp, parseEventKey } from "./eventKey";
import { LEVELS, type Level, lastHandover, levelOfEvent, publicDigest } from "./eventLevel";
import { LogHeads } from "./logHeads";
import { readCaseLog } from "./readCaseLog";
import { ConflictError, StoreError } from "./StoreError";
import { SummaryIndex, type SummaryQuery } from "./SummaryIndex";
import { SummaryMirror } from "./SummaryMirror";
import type { Sealer } from "./sealing";
import {
  type CaseLog,
  readSummary,
  type SummaryDoc,
  summaryIsSealed,
  toDetailDoc,
  toEventDoc,
  toSummaryDoc,
} from "./storedDocuments";
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
  /** This device's code, unique in the deployment: part of every event key it writes. Default `local`. */
  device?: string;
  /** The levels this device may record and hold (its signed-in role's `sees`). Default: every level. */
  holds?: readonly Level[];
  /** Encrypts restricted and confidential content and the summaries at rest. Without it they are stored as they are. */
  sealer?: Sealer;
  /**
   * Makes a case's summary from its merged log when events arrive from another device (by replication). Default: the
   * public digest its last writer left, which needs no SOP.
   */
  derive?: SummaryDeriver;
  /**
   * Keeps a copy of the summaries in a small IndexedDB database of its own (`SummaryMirror`), from which
   * `openEarly` lists the cases before PouchDB is loaded. Ignored with a sealer. Default false.
   */
  mirror?: boolean;
}

/** What an append may say beyond its events. */
export interface AppendOptions {
  /**
   * The SOP the case runs on: gives each event its level (a sensitive event goes to its level's database, as a
   * stub in the public one) and the public digest left for devices that cannot see every event. Without it, every
   * event is public.
   */
  compiled?: CompiledSop;
  /**
   * The case's state after these events, for the store to keep beside the log when the log passes a multiple of
   * `SNAPSHOT_EVERY` events (then opening the case replays only what follows). Called at once, before the append
   * returns its promise, so the state is the one these events led to; `setAside` lists the log's entries the case
   * did not take. The snapshot is written after the events, on its own: failing to write it loses nothing.
   */
  snapshot?: () => SnapshotSource;
}

/** The database name used when none is given. */
export const DEFAULT_STORE_NAME = "senda-cases";

/**
 * The cases on this device: each case an append-only log of immutable event documents, merged from every device
 * that wrote to it, beside a small summary document written in the same transaction. Summaries are held in memory
 * (loaded once, kept current by this store's writes and by PouchDB's changes feed, so that other tabs' writes and
 * replicated events show up) for the queue to list, search, filter and sort without reading the database. Every
 * failure is a `StoreError`.
 *
 * @example
 * const store = await CaseStore.open({ device: "KQM" });
 * const session = openCase(compiled, { caseId: "KQM-0001", at, by });
 * const summary = summarizeCase(viewCase(session, clock()), session.events.length);
 * await store.appendEvents("KQM-0001", 0, session.events, summary, { compiled });
 * store.listSummaries({ status: "active", text: "edad" });
 */
export class CaseStore {
  /** The database's name. */
  readonly name: string;
  /** This device's code. */
  readonly device: string;
  private readonly clock: () => Date;
  private readonly onError: (error: StoreError) => void;
  private readonly holds: readonly Level[];
  private readonly sealer?: Sealer;
  private readonly index = new SummaryIndex();
  private readonly listeners = new Set<() => void>();
  private readonly database: CaseDatabase;
  private readonly derived: DerivedSummaries;
  private changeCount = 0;
  private isClosed = false;
  /** Per case: how often it changed by this store's own writes or by events from other devices. */
  private readonly versions = new Map<string, number>();
  private readonly mirror?: SummaryMirror;
  /** What appends need to know of the logs of the cases appended to lately, kept between appends. */
  private readonly heads = new LogHeads();
  /**
   * Resolves once the database is open and the summaries in memory are the ones it holds (at once for a store from
   * `open`); rejects with a `StoreError` when it cannot be opened. Until then a store from `openEarly` lists the
   * mirror's copies, and every read or write of the database waits for it.
   */
  ready: Promise<void> = Promise.resolve();

  private constructor(options: CaseStoreOptions) {
    this.name = options.name ?? DEFAULT_STORE_NAME;
    this.device = checkDeviceCode(options.device ?? "local");
    this.clock = options.clock ?? (() => new Date());
    this.onError = options.onError ?? ((error) => console.error(error));
    this.holds = options.holds ?? LEVELS;
    this.sealer = options.sealer;
    if (options.mirror && !options.sealer) this.mirror = new SummaryMirror(this.name);
    this.database = new CaseDatabase(this.name, {
      onChange: (change) => this.onChange(change),
      onLoad: (rows) => this.reload(rows),
      onError: (error) => this.onError(error),
    });
    this.derived = new DerivedSummaries({
      database: this.database,
      derive: options.derive,
      lockName: (caseId) => this.lockName(caseId),
      loadLog: (caseId) => this.loadLog(caseId),
      readLog: (rows, caseId) => readCaseLog(rows, caseId, this.sealer),
      writeMany: (summaries) => this.writeSummaries(summaries),
      held: (caseId) => this.index.get(caseId),
      write: (summary, prior) => this.writeSummary(summary, prior),
      onError: (error) => this.onError(error),
    });
  }

  /**
   * Opens (or creates) the store and loads every summary into memory, then derives the summaries of cases whose
   * events arrived since the last time. Fails with a `StoreError`. Needs IndexedDB: in Node tests, a jsdom
   * environment and `import "fake-indexeddb/auto"`.
   */
  static async open(options: CaseStoreOptions = {}): Promise<CaseStore> {
    const store = new CaseStore(options);
    await store.database.open();
    await store.pendingLoad;
    store.derived.start();
    return store;
  }

  /**
   * Opens the store as `open` does, but resolves as soon as the summaries kept in its mirror (see
   * `CaseStoreOptions.mirror`, set here) are in memory, without waiting for PouchDB: the queue can show the device's
   * cases at once. PouchDB is loaded and opened meanwhile (`ready`); its summaries then replace the mirror's, and every
   * read or write of the database waits for it, so nothing is written or read before the store is open. With no
   * mirror to read (the first start, a sealer, no IndexedDB), it waits for the database as `open` does.
   */
  static async openEarly(options: CaseStoreOptions = {}): Promise<CaseStore> {
    const store = new CaseStore({ ...options, mirror: true });
    // Begun first: PouchDB's code loads while the mirror is read.
    const opened = store.database.open().then(async () => {
      await store.pendingLoad;
      store.derived.start();
    });
    const mirrored = store.mirror ? await store.mirror.read() : undefined;
    if (!mirrored) {
      await opened;
      return store;
    }
    // Unless the database answered first (then its summaries are in memory already).
    if (store.pendingLoad === undefined) {
      for (const { summary, rev } of mirrored) store.index.put(summary, rev);
      if (mirrored.length > 0) store.changed();
    }
    store.ready = opened;
    // Its failure is the caller's to show (from `ready`); not an unhandled rejection meanwhile.
    opened.catch(() => undefined);
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

  /** The levels this device may record and hold. */
  get levels(): readonly Level[] {
    return this.holds;
  }

  /** Calls `listener` after every change to the summaries, from this tab or another; returns the unsubscriber. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends `events` to a case's log, with the case's new summary (`summarizeCase` of the view after the events were
   * applied), in one transaction. `expectedSeq` is how many events of the case the writer's view was built on (0
   * opens the case with CASE_OPENED). Resolves with the summary once IndexedDB has committed the write.
   *
   * If the device holds any other number of events for the case (another tab wrote first, or another device's
   * events arrived), nothing is written and it rejects with a `ConflictError`: reload the case and retry. An event
   * above the levels this device may hold rejects with `not-permitted`; a full quota with a `StorageFullError`.
   */
  async appendEvents(
    caseId: string,
    expectedSeq: number,
    events: readonly CaseEvent[],
    summary: CaseSummary,
    options: AppendOptions = {},
  ): Promise<CaseSummary> {
    this.checkOpen();
    checkAppend(checkCaseId(caseId), expectedSeq, events, summary);
    const levels = events.map((event) => (options.compiled ? levelOfEvent(options.compiled, event) : "public"));
    const refused = levels.findIndex((level) => !this.holds.includes(level));
    if (refused >= 0)
      throw new StoreError(
        "not-permitted",
        `This device's role may not record ${levels[refused]} facts (${events[refused].type} at step ${JSON.stringify((events[refused] as { step?: string }).step ?? "")}); hand the case over to a desk whose role can.`,
        caseId,
      );
    // The summary a screen makes from the engine's view knows nothing of handovers: carry the last one over.
    const handedTo = lastHandover(events) ?? this.index.get(caseId)?.handedTo;
    if (handedTo && !summary.handedTo) summary = { ...summary, handedTo };
    const digest = options.compiled ? publicDigest(summary, options.compiled) : summary;
    const summaryId = summaryDocId(caseId);
    // Taken now, while the caller's session is at these events: it may move on before the write below is done.
    const snapshot = options.snapshot && snapshotDue(expectedSeq, events.length) ? options.snapshot() : undefined;
    let keys: string[] = [];
    // The lock makes the count-then-write below one step for every tab on this device; the write itself still
    // refuses existing ids, which is what stops a replicated document that arrives in between.
    const rev = await withLock(this.lockName(caseId), () =>
      this.database.use(caseId, "saving the case", async (db) => {
        // The log's head and the summary's revision are read together: one round of reads before the write. The
        // head comes from the changes since the last append, not from every id of the log (`LogHeads`).
        let [head, prior] = await Promise.all([this.heads.read(db, caseId), readOptional(db, summaryId)]);
        // Events kept with no summary beside them (every append writes both): the database may have been deleted and
        // made again since (another tab's deleteAll), which its changes cannot tell. The log's ids are read again.
        if (!prior && head.keys.length > 0) {
          this.heads.forget(caseId);
          head = await this.heads.read(db, caseId);
        }
        const storedSeq = head.keys.length;
        if (storedSeq !== expectedSeq) throw new ConflictError({ caseId, expectedSeq, storedSeq });
        const seen: Record<string, string> = { ...head.seen };
        let lastStamp = head.lastStamp;
        const added: string[] = [];
        const docs: PouchDoc[] = [];
        for (const [i, event] of events.entries()) {
          lastStamp = nextStamp(event.at, lastStamp);
          const key = makeEventKey(lastStamp, this.device);
          const level = levels[i];
          const eventDoc = toEventDoc(caseId, key, event, level, { ...seen });
          if (i === events.length - 1) eventDoc.digest = digest;
          if (level !== "public") {
            const detailId = `${eventDoc._id.slice(0, eventDoc._id.lastIndexOf("/event/"))}/detail/${key}`;
            const sealed = this.sealer ? await this.sealer.seal(level, event, detailId) : undefined;
            docs.push(toDetailDoc(caseId, key, event, level, sealed));
          }
          docs.push(eventDoc);
          seen[this.device] = key;
          added.push(key);
        }
        docs.push(await this.toSummaryDoc(summary, prior?._rev));
        const result = await commitDocs(db, docs, new Map(prior ? [[summaryId, prior]] : []), caseId);
        if (!result.ok) {
          this.heads.forget(caseId);
          const now = await db.allDocs(eventRange(caseId)).then(
            (r) => r.rows.length,
            () => undefined,
          );
          throw new ConflictError({ caseId, expectedSeq, storedSeq: now });
        }
        this.heads.written(head, added);
        // Only when a snapshot is due (every `SNAPSHOT_EVERY` events): the keys of the whole log.
        if (snapshot) keys = [...head.keys];
        return result.revs.get(summaryId)!;
      }),
    );
    this.bump(caseId);
    if (this.put(summary, rev)) this.changed();
    if (snapshot) void this.writeSnapshot(caseId, keys, snapshot);
    return this.index.get(caseId)!;
  }

  /**
   * Keeps `source` as the case's snapshot over the log whose keys are `keys`, when it stands for all of them (the
   * entries taken and those set aside add up). Best effort: a failure only means the next opening replays more.
   */
  private async writeSnapshot(caseId: string, keys: readonly string[], source: SnapshotSource): Promise<void> {
    if (source.session.count + source.setAside.length !== keys.length) return;
    const snapshot: StoredSnapshot = { ...source, count: keys.length, log: fingerprintKeys(keys, keys.length) };
    const id = snapshotDocId(caseId);
    const written = this.database.use(caseId, "saving a snapshot", async (db) => {
      const prior = await readOptional(db, id);
      const doc = await toSnapshotDoc(caseId, snapshot, this.sealer, prior?._rev);
      if (doc) await db.bulkDocs([doc]);
    });
    this.snapshotWrites.add(written);
    await written.catch(() => undefined);
    this.snapshotWrites.delete(written);
  }

  private readonly snapshotWrites = new Set<Promise<void>>();

  /** Resolves once every snapshot this store began writing is written (or failed): for tests and the benchmark. */
  async snapshotsWritten(): Promise<void> {
    await Promise.all([...this.snapshotWrites].map((w) => w.catch(() => undefined)));
  }

  /**
   * How often a case changed through this store (any caller in this tab) or by events from other devices; not by
   * another tab of this device, whose writes a screen learns of when its own next write conflicts. A screen showing
   * the case reloads it when this moves and the summary counts more events than it holds.
   */
  caseVersion(caseId: string): number {
    return this.versions.get(caseId) ?? 0;
  }

  private bump(caseId: string): void {
    this.versions.set(caseId, (this.versions.get(caseId) ?? 0) + 1);
  }

  /**
   * A case's log as this device holds it: every event from every device, in the order every device gives them, each
   * with its content when this device may hold it. Rejects with `not-found` for an unknown case.
   */
  async loadLog(caseId: string): Promise<CaseLog> {
    this.checkOpen();
    checkCaseId(caseId);
    const [{ rows }, snapshotDoc] = await this.database.use(caseId, "loading the case", (db) =>
      Promise.all([
        db.allDocs({ ...caseRange(caseId), include_docs: true }),
        readOptional(db, snapshotDocId(caseId)).catch(() => undefined),
      ]),
    );
    const log = await readCaseLog(rows, caseId, this.sealer);
    if (log.entries.length === 0)
      throw new StoreError("not-found", `There is no case "${caseId}" on this device.`, caseId);
    const snapshot = await readSnapshotDoc(snapshotDoc, log, this.sealer);
    if (snapshot) log.snapshot = snapshot;
    return log;
  }

  /** The events of a case's log whose content this device holds, in log order. Rejects with `not-found`. */
  async loadEvents(caseId: string): Promise<CaseEvent[]> {
    const log = await this.loadLog(caseId);
    return log.entries.flatMap((entry) => (entry.event ? [entry.event] : []));
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

  /** Resolves once every summary waiting to be derived from replicated events has been written. */
  settled(): Promise<void> {
    return this.derived.settled();
  }

  /**
   * Deletes every case on the device by destroying the database, and starts an empty one: for signing out, tests and
   * training. Other stores with the same name in this tab start over too; other tabs must be reloaded.
   */
  async deleteAll(): Promise<void> {
    this.checkOpen();
    await this.derived.stop();
    await this.database.destroy();
    await this.mirror?.clear();
    this.derived.start();
  }

  /** Stops following changes and closes the database. The store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    await this.snapshotsWritten();
    await this.ready.catch(() => undefined);
    await this.derived.stop();
    await this.mirror?.written();
    this.isClosed = true;
    this.listeners.clear();
    await this.database.close();
  }

  /** @internal The PouchDB database under the store, for replication. */
  useDatabase<T>(doing: string, task: (db: PouchDB) => Promise<T>): Promise<T> {
    return this.database.use(this.name, doing, task);
  }

  private pendingLoad?: Promise<void>;
  /** Counts reloads, so that a summary opened before one is not put back after it. */
  private epoch = 0;

  /** Replaces every summary held with `rows`, as read from the database. */
  private reload(rows: AllDocsRow[]): void {
    this.epoch++;
    this.index.clear();
    this.heads.clear();
    this.pendingLoad = Promise.all(rows.map((row) => this.accept(row.id, row.doc))).then(() => {
      // Cases the mirror holds but the database does not (a copy left from before a deleteAll elsewhere) go.
      this.mirror?.retain(new Set(this.index.list({}, this.clock()).map((s) => s.caseId)));
      this.changed();
    });
  }

  /** Puts a summary at revision `rev` in memory, and in the mirror; returns whether the memory changed. */
  private put(summary: CaseSummary, rev: string): boolean {
    if (!this.index.put(summary, rev)) return false;
    this.mirror?.put(summary, rev);
    return true;
  }

  /** Resolves once the mirror holds what the store holds (or its write failed): for tests. */
  async mirrored(): Promise<void> {
    await this.mirror?.written();
  }

  private onChange(change: Change): void {
    if (isSummaryId(change.id)) {
      if (change.deleted) {
        const caseId = change.id.slice("summary/".length);
        if (this.index.remove(decodeURIComponent(caseId))) {
          this.mirror?.remove(decodeURIComponent(caseId));
          this.changed();
        }
      } else
        void this.accept(change.id, change.doc).then((changed) => {
          if (changed) this.changed();
        });
      return;
    }
    // This device's writes (from any tab) carry their summary in the same transaction: only other devices' events,
    // arriving by replication, need a summary derived here.
    const parsed = parseLogDocId(change.id);
    if (parsed && !change.deleted && parseEventKey(parsed.key)?.device !== this.device) {
      this.bump(parsed.caseId);
      this.derived.notice(parsed.caseId, change.seq, parsed.part === "detail");
    }
  }

  /**
   * Takes a summary document into the index; resolves with whether the index changed. A sealed summary is opened
   * first; if the index was reloaded meanwhile (the database was destroyed), the summary is dropped.
   */
  private async accept(id: string, doc: (PouchDoc & { _rev: string }) | undefined): Promise<boolean> {
    const epoch = this.epoch;
    try {
      const value =
        summaryIsSealed(doc) && this.sealer
          ? await this.sealer.open("confidential", (doc as SummaryDoc).sealed!, id)
          : (doc as SummaryDoc | undefined)?.summary;
      if (epoch !== this.epoch) return false;
      return this.put(readSummary(value, id), doc!._rev);
    } catch (error) {
      this.onError(toStoreError(error, id, "reading a summary"));
      return false;
    }
  }

  private async toSummaryDoc(summary: CaseSummary, rev: string | undefined): Promise<SummaryDoc> {
    const id = summaryDocId(summary.caseId);
    // The summary names flags and referrals as sensitive as the answers behind them: sealed with the highest key.
    if (this.sealer?.holds("confidential"))
      return {
        _id: id,
        ...(rev ? { _rev: rev } : {}),
        kind: "summary",
        sealed: await this.sealer.seal("confidential", summary, id),
      };
    return toSummaryDoc(summary, rev);
  }

  /** Writes a derived summary over `prior` (its revision); returns the new revision. */
  private async writeSummary(summary: CaseSummary, prior: string | undefined): Promise<string> {
    const doc = await this.toSummaryDoc(summary, prior);
    const rev = await this.database.use(summary.caseId, "saving a summary", async (db) => {
      const [result] = await db.bulkDocs([doc]);
      if (result.error) throw toStoreError(result, summary.caseId, "saving a summary");
      return result.rev;
    });
    if (this.put(summary, rev)) this.changed();
    return rev;
  }

  /** Writes derived summaries in one batch; one whose revision moved meanwhile is left as it is. */
  private async writeSummaries(summaries: { summary: CaseSummary; priorRev?: string }[]): Promise<void> {
    const docs = await Promise.all(summaries.map((s) => this.toSummaryDoc(s.summary, s.priorRev)));
    const results = await this.database.use("summaries", "saving summaries", (db) => db.bulkDocs(docs));
    let changed = false;
    results.forEach((result, i) => {
      if (!result.error && this.put(summaries[i].summary, result.rev)) changed = true;
    });
    if (changed) this.changed();
  }

  private lockName(caseId: string): string {
    return `senda-store/${this.name}/${caseId}`;
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

async function readOptional(db: PouchDB, id: string): Promise<(PouchDoc & { _rev: string }) | undefined> {
  try {
    return await db.get(id);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
