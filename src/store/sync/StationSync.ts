import type PouchDB from "pouchdb-browser";
import type { PouchDoc, ReplicateOptions, Replication } from "pouchdb-browser";
import { loadPouchDB } from "../CaseDatabase";
import { parseLogDocId } from "../documentIds";
import { parseEventKey } from "../eventKey";
import type { Level } from "../eventLevel";
import { CASE_DATABASES, LIBRARY_DATABASE, TRAINING_DATABASE } from "./stationDatabases";

/** Where replication stands, for the status the officer sees. It never blocks work on the device. */
export interface SyncStatus {
  /** `active`: sending or receiving; `idle`: everything sent and received; `offline`: the server cannot be reached
   * (it retries by itself); `signed-out`: the server's session ended, sign in again to go on syncing. */
  state: "starting" | "active" | "idle" | "offline" | "signed-out" | "stopped";
  /** When every database was last in step with the server. */
  lastSyncedAt?: string;
  /** Changes made on this device that the server does not have yet. */
  pending: number;
  /** Changes the server refused (its rules), which will never be sent. */
  refused: number;
}

/** What to replicate, and with what. */
export interface StationSyncOptions {
  /** The server's base URL (`<origin>/db`). */
  base: string;
  /** The levels the signed-in role may see: which case databases are replicated. */
  sees: readonly Level[];
  /** This device's code: its own events are what `pending` counts. */
  device: string;
  /** Whether the user publishes SOP versions (policy staff): otherwise only bundle records go up to the library. */
  publishes: boolean;
  /** The local case database's name (the store's). */
  casesName: string;
  now: () => Date;
}

interface Link {
  name: string;
  local: PouchDB;
  replication?: Replication;
  /** The last source sequence a push replication reported sent. */
  pushedSeq?: number | string;
  /** The local sequence when the current push cycle started: all sent once the cycle pauses without error. */
  cycleSeq?: number | string;
  filter?: (doc: PouchDoc) => boolean;
  push: boolean;
  idle: boolean;
  offline: boolean;
}

/**
 * The station's replication, with PouchDB's CouchDB replication protocol (no protocol of ours): cases (the public
 * database, and the restricted and confidential ones the role may read), the SOP library and training results,
 * pulled and pushed, live while online and resumed with back-off after being offline. Each local case database
 * document goes to the server database of its level; a document the server refuses is counted, never retried.
 */
export class StationSync {
  private readonly options: StationSyncOptions;
  private readonly links: Link[] = [];
  private readonly listeners = new Set<() => void>();
  private current: SyncStatus = { state: "starting", pending: 0, refused: 0 };
  private pendingTimer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  private constructor(options: StationSyncOptions) {
    this.options = options;
  }

  /** Starts every replication; resolves at once (replication goes on in the background). */
  static async start(options: StationSyncOptions): Promise<StationSync> {
    const sync = new StationSync(options);
    await sync.open();
    return sync;
  }

  /** Destroys local databases by name (signing out): what they held is gone from the device. */
  static async destroyLocal(names: readonly string[]): Promise<void> {
    const Pouch = await loadPouchDB();
    for (const name of names) await new Pouch(name).destroy();
  }

  get status(): SyncStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recounts what is waiting to be sent (after a local write). */
  notifyLocalWrite(): void {
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => void this.countPending(), 200);
  }

  /** Stops replicating and closes the connections (the local data stays). */
  async stop(): Promise<void> {
    this.stopped = true;
    globalThis.removeEventListener?.("online", this.onOnline);
    clearTimeout(this.pendingTimer);
    for (const link of this.links) link.replication?.cancel();
    // The case database's connection is shared with the device's store (PouchDB keeps one per name): the store closes it.
    const own = new Set(this.links.map((l) => l.local).filter((db) => db.name !== this.options.casesName));
    await Promise.all([...own].map((db) => db.close().catch(() => undefined)));
    this.update({ state: "stopped" });
  }

  /** Stops and starts every replication again (after signing in again, or to retry at once). */
  async restart(): Promise<void> {
    for (const link of this.links) link.replication?.cancel();
    this.update({ state: "starting" });
    for (const link of this.links) this.run(link, await this.remoteOf(link));
  }

  private readonly remotes = new Map<Link, PouchDB>();

  private async remoteOf(link: Link): Promise<PouchDB> {
    return this.remotes.get(link)!;
  }

  private async open(): Promise<void> {
    const Pouch = await loadPouchDB();
    const { base, sees, casesName, device } = this.options;
    const cases = new Pouch(casesName, { auto_compaction: true });
    const add = (name: string, local: PouchDB, push: boolean, filter?: (doc: PouchDoc) => boolean) => {
      const link: Link = { name, local, push, filter, idle: false, offline: false };
      const stored = localStorage.getItem(this.seqKey(link));
      if (stored !== null) link.pushedSeq = JSON.parse(stored) as number | string;
      this.links.push(link);
      this.remotes.set(link, new Pouch(`${base}/${name}`, { skip_setup: true }));
    };
    for (const level of sees) {
      const name = CASE_DATABASES[level];
      add(name, cases, false);
      add(name, cases, true, (doc) =>
        level === "public" ? doc.kind === "event" : doc.kind === "detail" && doc.level === level,
      );
    }
    const library = new Pouch(LIBRARY_DATABASE);
    add(LIBRARY_DATABASE, library, false);
    // Officers send the bundle records of the cases they open; policy staff their versions and drafts too. The
    // versions that came with the app are on every device already.
    add(LIBRARY_DATABASE, library, true, (doc) =>
      doc._id.startsWith("bundle:")
        ? true
        : this.options.publishes && /^(sopver|draft):/.test(doc._id) && doc.origin !== "shipped",
    );
    const training = new Pouch(TRAINING_DATABASE);
    add(TRAINING_DATABASE, training, false);
    add(TRAINING_DATABASE, training, true);
    for (const link of this.links) this.run(link, this.remotes.get(link)!);
    void device;
    void this.countPending();
    // Back online: retry at once rather than after PouchDB's back-off, which may have grown to a minute.
    globalThis.addEventListener?.("online", this.onOnline);
  }

  private readonly onOnline = (): void => {
    if (!this.stopped && this.links.some((l) => l.offline)) void this.restart();
  };

  private run(link: Link, remote: PouchDB): void {
    const options: ReplicateOptions = {
      live: true,
      retry: true,
      batch_size: 200,
      // PouchDB doubles the wait after each failure; a minute at most, so a reconnected device catches up soon.
      back_off_function: (delay) => (delay === 0 ? 1000 : Math.min(delay * 2, 60_000)),
      ...(link.filter ? { filter: link.filter } : {}),
    };
    const replication = link.push
      ? link.local.replicate.to(remote, options)
      : link.local.replicate.from(remote, options);
    link.replication = replication;
    link.idle = false;
    replication
      .on("change", (info) => {
        if (link.push && info.last_seq !== undefined) {
          link.pushedSeq = info.last_seq;
          localStorage.setItem(this.seqKey(link), JSON.stringify(info.last_seq));
        }
        this.notifyLocalWrite();
      })
      .on("active", () => {
        link.idle = false;
        link.offline = false;
        if (link.push)
          void link.local.info().then(
            (info) => (link.cycleSeq = info.update_seq),
            () => undefined,
          );
        this.summarize();
      })
      .on("paused", (error) => {
        link.idle = !error;
        link.offline = !!error;
        if (link.push && !error && link.cycleSeq !== undefined && seqAfter(link.cycleSeq, link.pushedSeq)) {
          link.pushedSeq = link.cycleSeq;
          localStorage.setItem(this.seqKey(link), JSON.stringify(link.cycleSeq));
        }
        if (isUnauthorized(error)) this.update({ state: "signed-out" });
        this.summarize();
        if (!error) this.notifyLocalWrite();
      })
      .on("denied", () => {
        this.update({ refused: this.current.refused + 1 });
      })
      .on("error", (error) => {
        link.offline = true;
        if (isUnauthorized(error)) this.update({ state: "signed-out" });
        else this.summarize();
      });
  }

  private summarize(): void {
    if (this.stopped || this.current.state === "signed-out") return;
    const offline = this.links.some((l) => l.offline);
    const idle = this.links.every((l) => l.idle);
    const state: SyncStatus["state"] = offline ? "offline" : idle ? "idle" : "active";
    this.update({ state, ...(idle ? { lastSyncedAt: this.options.now().toISOString() } : {}) });
  }

  /** Counts this device's case documents written since each push replication last reported. */
  private async countPending(): Promise<void> {
    if (this.stopped) return;
    let pending = 0;
    for (const link of this.links) {
      if (!link.push || !link.name.startsWith("senda-cases")) continue;
      try {
        const feed = (await (link.local.changes({
          since: link.pushedSeq ?? 0,
          include_docs: true,
        }) as unknown as Promise<{
          results: { id: string; doc?: PouchDoc }[];
        }>)) ?? { results: [] };
        for (const change of feed.results) {
          const parsed = parseLogDocId(change.id);
          if (!parsed || parseEventKey(parsed.key)?.device !== this.options.device) continue;
          if (change.doc && link.filter && !link.filter(change.doc)) continue;
          pending++;
        }
      } catch {
        // A count that fails is retried on the next change; the status keeps its last figure.
      }
    }
    this.update({ pending });
  }

  private seqKey(link: Link): string {
    return `senda.sync.${this.options.casesName}.${link.name}.${link.push ? "push" : "pull"}`;
  }

  private update(change: Partial<SyncStatus>): void {
    const next = { ...this.current, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

/** Whether local sequence `a` is later than `b` (IndexedDB's are numbers; a missing one is the start). */
function seqAfter(a: number | string, b: number | string | undefined): boolean {
  return b === undefined || Number.parseInt(String(a), 10) > Number.parseInt(String(b), 10);
}

function isUnauthorized(error: unknown): boolean {
  const status = (error as { status?: number } | undefined)?.status;
  return status === 401;
}
