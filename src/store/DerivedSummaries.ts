import type { AllDocsRow, PouchDoc } from "pouchdb-browser";
import type { CaseDatabase } from "./CaseDatabase";
import type { CaseSummary } from "./CaseSummary";
import { eventRange, LOG_RANGE, parseLogDocId, summaryDocId } from "./documentIds";
import { lastHandover } from "./eventLevel";
import type { StoreError } from "./StoreError";
import type { CaseLog } from "./storedDocuments";
import { toStoreError } from "./toStoreError";
import { withLock } from "./withLock";

/** Makes a case's summary from its merged log, or says it cannot (undefined: the public digest is used instead). */
export type SummaryDeriver = (log: CaseLog) => Promise<CaseSummary | undefined>;

interface Deps {
  database: CaseDatabase;
  derive?: SummaryDeriver;
  lockName(caseId: string): string;
  loadLog(caseId: string): Promise<CaseLog>;
  /** A case's log from its documents, already read. */
  readLog(rows: AllDocsRow[], caseId: string): Promise<CaseLog>;
  /** Writes many derived summaries at once; those whose revision moved meanwhile are left (a fresher one won). */
  writeMany(summaries: { summary: CaseSummary; priorRev?: string }[]): Promise<void>;
  held(caseId: string): CaseSummary | undefined;
  write(summary: CaseSummary, priorRev: string | undefined): Promise<string>;
  onError(error: StoreError): void;
}

// Where derivation got to in the database's changes: not replicated (`_local`), so each device keeps its own.
const CHECKPOINT = "_local/senda-derived-summaries";
// From this many cases waiting (a fresh device's first replication), every log is read in pages instead of case by case.
const BULK_FROM = 100;
const PAGE = 2000;

/**
 * The summaries of cases whose events arrive from elsewhere (another device, through replication), derived on this
 * device from the merged log rather than replicated, so that no two devices fight over one document. Cases are
 * derived one at a time, in the background, each under the case's lock; a case whose summary already counts every
 * event (this device wrote them) is skipped after one index lookup. On open, the changes since the last checkpoint
 * are derived, so that a tab closed mid-way misses nothing.
 */
export class DerivedSummaries {
  private readonly deps: Deps;
  /** Cases waiting, with whether a detail (sensitive content) arrived for them. */
  private readonly queue = new Map<string, boolean>();
  private highestSeq: number | string = 0;
  private running?: Promise<void>;
  private stopped = true;
  /** Whether a summary was written since the checkpoint was last saved. */
  private dirty = false;
  private idle: (() => void)[] = [];

  constructor(deps: Deps) {
    this.deps = deps;
  }

  /** Starts deriving: first what changed since the last checkpoint, then what the changes feed reports. */
  start(): void {
    this.stopped = false;
    this.running = this.catchUp().then(() => this.drain());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  /** A log document of `caseId` changed at `seq`. */
  notice(caseId: string, seq: number | string, isDetail: boolean): void {
    this.queue.set(caseId, (this.queue.get(caseId) ?? false) || isDetail);
    if (compareSeq(seq, this.highestSeq) > 0) this.highestSeq = seq;
    if (!this.running && !this.stopped) this.running = this.drain();
  }

  /** Resolves when nothing is waiting. */
  settled(): Promise<void> {
    if (!this.running && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async catchUp(): Promise<void> {
    try {
      await this.deps.database.use("summaries", "finding cases to derive", async (db) => {
        const since = await db.get(CHECKPOINT).then(
          (doc) => (doc as PouchDoc & { seq: number | string }).seq,
          () => 0,
        );
        const feed = await changesSince(db, since);
        for (const change of feed.results) {
          if (change.id < LOG_RANGE.startkey || change.id > LOG_RANGE.endkey) continue;
          const parsed = parseLogDocId(change.id);
          if (parsed) this.queue.set(parsed.caseId, true);
        }
        this.highestSeq = feed.last_seq;
        this.dirty = this.queue.size > 0;
      });
    } catch (error) {
      this.deps.onError(toStoreError(error, "summaries", "finding cases to derive"));
    }
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && this.queue.size > 0) {
        if (this.queue.size >= BULK_FROM) {
          const cases = new Set(this.queue.keys());
          this.queue.clear();
          await this.deriveInPages(cases).catch((error: unknown) =>
            this.deps.onError(toStoreError(error, "summaries", "deriving the summaries of the cases received")),
          );
        } else {
          const [caseId, detail] = this.queue.entries().next().value as [string, boolean];
          this.queue.delete(caseId);
          await this.deriveOne(caseId, detail).catch((error: unknown) =>
            this.deps.onError(toStoreError(error, caseId, "deriving the summary of a case from its events")),
          );
        }
        if (this.queue.size === 0 && this.dirty) await this.saveCheckpoint();
      }
    } finally {
      this.running = undefined;
      if (this.queue.size > 0 && !this.stopped) this.running = this.drain();
      else for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async deriveOne(caseId: string, detailArrived: boolean): Promise<void> {
    const { deps } = this;
    await withLock(deps.lockName(caseId), async () => {
      const count = await deps.database.use(caseId, "counting events", (db) =>
        db.allDocs(eventRange(caseId)).then((r) => r.rows.length),
      );
      const held = deps.held(caseId);
      if (count === 0) return;
      if (held && held.eventCount >= count && !(detailArrived && held.withheld)) return;
      const log = await deps.loadLog(caseId);
      const derived = (await deps.derive?.(log)) ?? digestOf(log);
      if (!derived) return;
      const handedTo = lastHandover(log.entries.map((e) => e.event));
      const { handedTo: _stale, ...rest } = derived;
      const summary: CaseSummary = handedTo ? { ...rest, handedTo } : rest;
      const prior = await deps.database.use(caseId, "reading a summary", (db) =>
        db.get(summaryDocId(caseId)).then(
          (doc) => doc._rev,
          () => undefined,
        ),
      );
      await deps.write(summary, prior);
      this.dirty = true;
    });
  }

  /**
   * Derives the summaries of many cases by reading every case log in pages of documents (they sort by case), a few
   * reads and writes per page rather than per case. No lock: a summary an officer's write replaced meanwhile is left.
   */
  private async deriveInPages(cases: ReadonlySet<string>): Promise<void> {
    const { deps } = this;
    let startkey: string = LOG_RANGE.startkey;
    let skip = 0;
    let carried: AllDocsRow[] = [];
    for (;;) {
      if (this.stopped) return;
      const { rows } = await deps.database.use("summaries", "reading the cases received", (db) =>
        db.allDocs({ startkey, endkey: LOG_RANGE.endkey, include_docs: true, limit: PAGE, skip }),
      );
      const last = rows.length < PAGE;
      const all = carried.concat(rows);
      const byCase = new Map<string, AllDocsRow[]>();
      for (const row of all) {
        const caseId = parseLogDocId(row.id)?.caseId;
        if (caseId === undefined) continue;
        const list = byCase.get(caseId);
        if (list) list.push(row);
        else byCase.set(caseId, [row]);
      }
      // The page's last case may go on in the next page: keep its rows for then.
      const lastCase = rows.length ? parseLogDocId(rows[rows.length - 1].id)?.caseId : undefined;
      carried = !last && lastCase !== undefined ? (byCase.get(lastCase) ?? []) : [];
      if (!last && lastCase !== undefined) byCase.delete(lastCase);
      const made: CaseSummary[] = [];
      for (const [caseId, caseRows] of byCase) {
        if (!cases.has(caseId)) continue;
        const held = deps.held(caseId);
        const count = caseRows.filter((r) => parseLogDocId(r.id)?.part === "event").length;
        if (held && held.eventCount >= count && !held.withheld) continue;
        const log = await deps.readLog(caseRows, caseId).catch((error: unknown) => {
          deps.onError(toStoreError(error, caseId, "reading a case received"));
          return undefined;
        });
        if (!log || log.entries.length === 0) continue;
        const derived = (await deps.derive?.(log)) ?? digestOf(log);
        if (!derived) continue;
        const handedTo = lastHandover(log.entries.map((e) => e.event));
        const { handedTo: _stale, ...rest } = derived;
        made.push(handedTo ? { ...rest, handedTo } : rest);
      }
      if (made.length) {
        const ids = made.map((m) => summaryDocId(m.caseId));
        const priors = await deps.database.use("summaries", "reading summaries", (db) => db.allDocs({ keys: ids }));
        await deps.writeMany(made.map((summary, i) => ({ summary, priorRev: priors.rows[i]?.value?.rev })));
        this.dirty = true;
      }
      if (last) return;
      startkey = rows[rows.length - 1].id;
      skip = 1;
    }
  }

  private async saveCheckpoint(): Promise<void> {
    const seq = this.highestSeq;
    this.dirty = false;
    await this.deps.database
      .use("summaries", "saving where derivation got to", async (db) => {
        const prior = await db.get(CHECKPOINT).catch(() => undefined);
        await db.bulkDocs([{ _id: CHECKPOINT, ...(prior ? { _rev: prior._rev } : {}), seq }]);
      })
      .catch(() => undefined);
  }
}

/**
 * The summary a device that cannot replay the log shows: the public digest the last writer left, counting every
 * event, marked `withheld` when the device lacks some of the events' content.
 */
export function digestOf(log: CaseLog): CaseSummary | undefined {
  for (let i = log.entries.length - 1; i >= 0; i--) {
    const digest = log.entries[i].digest;
    if (!digest) continue;
    const { withheld: _withheld, ...rest } = digest;
    return {
      ...rest,
      eventCount: log.entries.length,
      ...(log.complete && !digest.withheld ? {} : { withheld: true }),
    };
  }
  return undefined;
}

function changesSince(db: Parameters<Parameters<CaseDatabase["use"]>[2]>[0], since: number | string) {
  return (
    db as unknown as {
      changes(o: object): Promise<{ results: { id: string; seq: number | string }[]; last_seq: number | string }>;
    }
  ).changes({ since, return_docs: true });
}

function compareSeq(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const na = Number.parseInt(String(a), 10);
  const nb = Number.parseInt(String(b), 10);
  return na - nb;
}
