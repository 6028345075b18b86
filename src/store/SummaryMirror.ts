import type { CaseSummary } from "./CaseSummary";
import { readSummary } from "./storedDocuments";

/** One case's summary as the mirror keeps it: the revision of the summary document it copies. */
interface MirrorRecord {
  caseId: string;
  rev: string;
  summary: CaseSummary;
}

const STORE = "summaries";

/** What a mirror read found: the summaries and their revisions, each well formed. */
export interface MirroredSummary {
  summary: CaseSummary;
  rev: string;
}

/**
 * A copy of the case summaries in a small IndexedDB database of its own (`<store name>~queue`), written after every
 * change to the summaries the store holds, so that the queue can paint the device's cases from one read at startup,
 * before PouchDB's code (about 40 KB gzipped) is loaded. It is a cache and nothing more: the summaries in PouchDB
 * replace it once the store has opened, every write goes to PouchDB first, and a mirror that cannot be read or
 * written only means the queue waits for PouchDB, as it did before. Summaries of a store with a sealer are never
 * mirrored (they would lie here in clear).
 */
export class SummaryMirror {
  private readonly name: string;
  /** What the mirror is believed to hold: case id → revision. */
  private readonly known = new Map<string, string>();
  private pending = new Map<string, MirrorRecord | null>();
  private flushing?: Promise<void>;
  private scheduled = false;
  private broken = false;
  /** The open connection, kept for the writes that follow. */
  private connection?: Promise<IDBDatabase | undefined>;

  constructor(storeName: string) {
    this.name = `${storeName}~queue`;
  }

  /**
   * Every summary the mirror holds, well formed ones only; undefined when there is no mirror yet (this device never
   * opened the store with one) or it cannot be read.
   */
  async read(): Promise<MirroredSummary[] | undefined> {
    if (typeof indexedDB === "undefined") return undefined;
    try {
      const db = await this.connect(false);
      if (!db) return undefined;
      this.connection ??= Promise.resolve(db);
      const records = await request<MirrorRecord[]>(
        db.transaction(STORE, "readonly").objectStore(STORE).getAll() as IDBRequest<MirrorRecord[]>,
      );
      const found: MirroredSummary[] = [];
      for (const record of records) {
        try {
          if (typeof record?.rev !== "string") continue;
          found.push({ summary: readSummary(record.summary, `summary/${record.caseId}`), rev: record.rev });
          this.known.set(record.caseId, record.rev);
        } catch {
          // A malformed copy is left out: PouchDB's summaries replace the mirror's soon after.
        }
      }
      return found;
    } catch {
      return undefined;
    }
  }

  /** Copies a summary at revision `rev` (written soon after, with others, in one transaction). */
  put(summary: CaseSummary, rev: string): void {
    if (this.known.get(summary.caseId) === rev && !this.pending.has(summary.caseId)) return;
    this.pending.set(summary.caseId, { caseId: summary.caseId, rev, summary });
    this.schedule();
  }

  /** Forgets a case. */
  remove(caseId: string): void {
    if (!this.known.has(caseId) && !this.pending.has(caseId)) return;
    this.pending.set(caseId, null);
    this.schedule();
  }

  /** Forgets every case not in `caseIds` (after the store read every summary from PouchDB). */
  retain(caseIds: ReadonlySet<string>): void {
    for (const caseId of [...this.known.keys(), ...this.pending.keys()]) if (!caseIds.has(caseId)) this.remove(caseId);
  }

  /** Resolves once every change asked for so far is written (or failed): for tests. */
  async written(): Promise<void> {
    while (this.scheduled || this.flushing) {
      if (this.scheduled) await new Promise((resolve) => later(() => resolve(undefined)));
      await this.flushing;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.broken || typeof indexedDB === "undefined") return;
    this.scheduled = true;
    // When the page is idle: the officer's next tap and its paint come first (within a second anyway).
    later(() => {
      this.scheduled = false;
      const previous = this.flushing ?? Promise.resolve();
      const flushing: Promise<void> = previous.then(() => this.flush());
      this.flushing = flushing;
      void flushing.finally(() => {
        if (this.flushing === flushing) this.flushing = undefined;
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    try {
      this.connection ??= this.connect(true);
      const db = await this.connection;
      if (!db) return;
      // Relaxed: a copy lost with the power is read from PouchDB at the next start, as before the mirror existed.
      const tx = db.transaction(STORE, "readwrite", { durability: "relaxed" });
      const store = tx.objectStore(STORE);
      for (const [caseId, record] of batch) {
        if (record) store.put(record);
        else store.delete(caseId);
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = tx.onerror = () => reject(tx.error);
      });
      for (const [caseId, record] of batch) {
        if (record) this.known.set(caseId, record.rev);
        else this.known.delete(caseId);
      }
    } catch {
      // The mirror is only a cache: stop writing it, and clear what it believed it held so that a later start that
      // reads a stale copy is corrected by PouchDB's summaries as always.
      this.broken = true;
      await deleteDatabase(this.name).catch(() => undefined);
    }
  }

  /** Opens the mirror's database; with `create` false, undefined when it does not exist yet. */
  private connect(create: boolean): Promise<IDBDatabase | undefined> {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(this.name, 1);
      let created = false;
      open.onupgradeneeded = () => {
        created = true;
        open.result.createObjectStore(STORE, { keyPath: "caseId" });
      };
      open.onsuccess = () => {
        if (created && !create) {
          // It did not exist: leave nothing behind that a later read would take for an empty mirror.
          open.result.close();
          void deleteDatabase(this.name).catch(() => undefined);
          resolve(undefined);
        } else {
          const db = open.result;
          // Another tab deleting the mirror (its store's deleteAll) must not wait for this connection.
          db.onversionchange = () => {
            db.close();
            this.connection = undefined;
          };
          resolve(db);
        }
      };
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error(`${this.name} is blocked`));
    });
  }

  /** Deletes the mirror (with the store's `deleteAll`). */
  async clear(): Promise<void> {
    this.pending.clear();
    this.known.clear();
    await this.written();
    const db = await this.connection?.catch(() => undefined);
    db?.close();
    this.connection = undefined;
    await deleteDatabase(this.name).catch(() => undefined);
  }
}

/** Runs `task` once the page is idle (within a second), or after the current task where there is no idle callback. */
function later(task: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 0);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}
