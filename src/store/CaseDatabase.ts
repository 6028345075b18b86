import type PouchDB from "pouchdb-browser";
import type { AllDocsRow, Change, ChangesFeed } from "pouchdb-browser";
import { SUMMARY_RANGE } from "./documentIds";
import { requireStrictDurability } from "./requireStrictDurability";
import type { StoreError } from "./StoreError";
import { toStoreError } from "./toStoreError";

/** What the owner of a `CaseDatabase` hears about. */
export interface DatabaseListener {
  /** A document changed, in this tab or another (PouchDB's live changes feed). */
  onChange(change: Change): void;
  /**
   * The database was opened (or reopened empty after `deleteAll` here or in another store of this tab): `summaries`
   * are every summary it holds; later changes follow through `onChange`.
   */
  onLoad(summaries: AllDocsRow[]): void;
  /** A problem with no caller to throw to. */
  onError(error: StoreError): void;
}

const OPTIONS = { auto_compaction: true } as const;

let loading: Promise<typeof PouchDB> | undefined;

/**
 * PouchDB, loaded on first use: its code (about 43 KB gzipped) becomes a chunk of its own that the app can fetch
 * while it paints, and importing the store's door needs no browser globals (pouchdb-browser reads `self` at once).
 */
export function loadPouchDB(): Promise<typeof PouchDB> {
  loading ??= import("pouchdb-browser").then((module) => module.default);
  return loading;
}

/**
 * One PouchDB database kept usable: its live changes feed, and a new connection after a failure. PouchDB's
 * IndexedDB adapter closes its connection for good when any transaction aborts (a full quota does that), so
 * without reopening, every later read and write would fail until the page is reloaded.
 */
export class CaseDatabase {
  readonly name: string;
  private readonly listener: DatabaseListener;
  private db!: PouchDB;
  private feed?: ChangesFeed;
  /** The last change seen: a reopened feed starts there, so that nothing written meanwhile is missed. */
  private since: number | string = 0;
  private reopening?: Promise<void>;
  /** The first opening while it runs (or failed): every task waits for it. */
  private opening?: Promise<void>;
  private destroying = false;
  private closed = false;

  constructor(name: string, listener: DatabaseListener) {
    this.name = name;
    this.listener = listener;
  }

  /**
   * Opens the database and hands every summary document to the listener, then follows changes. Tasks given to `use`
   * meanwhile wait for it (and fail as it failed).
   */
  open(): Promise<void> {
    const opening = this.load();
    this.opening = opening;
    void opening.then(
      () => {
        if (this.opening === opening) this.opening = undefined;
      },
      () => undefined,
    );
    return opening;
  }

  private async load(): Promise<void> {
    requireStrictDurability(this.name);
    try {
      const db = new (await loadPouchDB())(this.name, OPTIONS);
      // Reading the sequence before the summaries means nothing written in between is missed; what is seen twice
      // is told apart by revision.
      const since = (await db.info()).update_seq;
      const { rows } = await db.allDocs({ ...SUMMARY_RANGE, include_docs: true });
      this.listener.onLoad(rows);
      this.attach(db, since);
    } catch (error) {
      throw toStoreError(error, this.name, "opening the case store");
    }
  }

  /**
   * Runs `task` on the database. A failure comes out as a `StoreError` (`doing` says what was being done, `path`
   * what it concerned); after one that leaves the connection closed, the next task waits for a new one.
   */
  async use<T>(path: string, doing: string, task: (db: PouchDB) => Promise<T>): Promise<T> {
    await this.opening;
    await this.reopening;
    try {
      return await task(this.db);
    } catch (error) {
      const mapped = toStoreError(error, path, doing);
      if (mapped.code === "storage-full" || mapped.code === "unavailable") this.reopen();
      throw mapped;
    }
  }

  /** Destroys the database and starts an empty one in its place. */
  async destroy(): Promise<void> {
    await this.opening;
    await this.reopening;
    this.detach();
    this.destroying = true;
    try {
      await this.db.destroy();
    } catch (error) {
      throw toStoreError(error, this.name, "deleting every case");
    } finally {
      this.destroying = false;
    }
    return this.open();
  }

  /** Stops the feed and closes the connection for good. */
  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => undefined);
    await this.reopening;
    this.detach();
    await this.db.close().catch(() => undefined);
  }

  private attach(db: PouchDB, since: number | string): void {
    this.db = db;
    this.since = since;
    this.feed = db
      .changes({ since, live: true, include_docs: true, return_docs: false })
      .on("change", (change) => {
        this.since = change.seq;
        this.listener.onChange(change);
      })
      .on("error", (error) => {
        const mapped = toStoreError(error, this.name, "following changes from other tabs");
        if (mapped.code === "storage-full" || mapped.code === "unavailable") this.reopen();
        else this.listener.onError(mapped);
      });
    db.on("destroyed", this.onDestroyed);
  }

  private detach(): void {
    this.feed?.cancel();
    this.feed = undefined;
    this.db?.removeListener("destroyed", this.onDestroyed);
  }

  private reopen(): void {
    if (this.reopening || this.closed) return;
    const dead = this.db;
    this.detach();
    this.reopening = (async () => {
      await dead.close().catch(() => undefined);
      this.attach(new (await loadPouchDB())(this.name, OPTIONS), this.since);
    })().finally(() => {
      this.reopening = undefined;
    });
  }

  private readonly onDestroyed = (): void => {
    // Another store in this tab destroyed the database (deleteAll): start over with an empty one.
    if (this.destroying || this.closed) return;
    this.detach();
    this.reopening = this.open()
      .catch((error) => this.listener.onError(toStoreError(error, this.name, "reopening the case store")))
      .finally(() => {
        this.reopening = undefined;
      });
  };
}
