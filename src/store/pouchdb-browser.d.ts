// The part of PouchDB 9's API the store uses, typed by hand: @types/pouchdb-* describe PouchDB 6-7 and would pull
// in the types of adapters and plugins the store never touches. Shapes follow pouchdb.com/api.html.
declare module "pouchdb-browser" {
  /** A stored document: JSON with an `_id`, and the `_rev` it was read at when updating. */
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    [field: string]: unknown;
  }

  /** One entry of `bulkDocs`' answer, in the order of the documents given: written, or refused with a reason. */
  export type BulkResult =
    | { ok: true; id: string; rev: string; error?: undefined }
    | { error: true; id?: string; status?: number; name?: string; message?: string; reason?: string };

  export interface AllDocsOptions {
    startkey?: string;
    endkey?: string;
    keys?: string[];
    descending?: boolean;
    limit?: number;
    skip?: number;
    include_docs?: boolean;
  }

  export interface AllDocsRow {
    id: string;
    key: string;
    value: { rev: string; deleted?: boolean };
    doc?: PouchDoc & { _rev: string };
    error?: string;
  }

  export interface AllDocsResponse {
    total_rows: number;
    offset: number;
    rows: AllDocsRow[];
  }

  export interface ChangesOptions {
    since?: number | string;
    live?: boolean;
    include_docs?: boolean;
    /** Keep no array of every change in memory: a live feed runs for as long as the app is open. */
    return_docs?: boolean;
    /** At most this many changes (a feed that is not live). */
    limit?: number;
  }

  export interface Change {
    id: string;
    seq: number | string;
    deleted?: boolean;
    changes: { rev: string }[];
    doc?: PouchDoc & { _rev: string };
  }

  /** What a feed that is not live resolves with: the changes since `since`, and the sequence they reach. */
  export interface ChangesResult {
    results: Change[];
    last_seq: number | string;
  }

  /** A changes feed; one that is not live is also a promise of its changes. */
  export interface ChangesFeed extends PromiseLike<ChangesResult> {
    on(event: "change", listener: (change: Change) => void): ChangesFeed;
    on(event: "error", listener: (error: unknown) => void): ChangesFeed;
    on(event: "complete", listener: (info: unknown) => void): ChangesFeed;
    cancel(): void;
  }

  export interface DatabaseInfo {
    db_name: string;
    doc_count: number;
    update_seq: number | string;
    adapter?: string;
  }

  export interface DatabaseOptions {
    adapter?: string;
    /** For a remote database: do not try to create it (the server's administrator does). */
    skip_setup?: boolean;
    /** Drop the bodies of superseded revisions at once (summaries change on every answer). */
    auto_compaction?: boolean;
    revs_limit?: number;
  }

  export interface ReplicateOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    batches_limit?: number;
    /** Run on the source for each document; only those it accepts are sent. */
    filter?: (doc: PouchDoc) => boolean;
    /** The longest wait between retries, in ms. */
    back_off_function?: (delay: number) => number;
    checkpoint?: "source" | "target" | false;
  }

  export interface ReplicationInfo {
    docs_read?: number;
    docs_written?: number;
    doc_write_failures?: number;
    last_seq?: number | string;
    errors?: unknown[];
    status?: string;
  }

  export interface Replication extends Promise<ReplicationInfo> {
    on(event: "change", listener: (info: ReplicationInfo) => void): Replication;
    on(event: "paused", listener: (error?: unknown) => void): Replication;
    on(event: "active", listener: () => void): Replication;
    on(event: "denied", listener: (error: unknown) => void): Replication;
    on(event: "complete", listener: (info: ReplicationInfo) => void): Replication;
    on(event: "error", listener: (error: unknown) => void): Replication;
    cancel(): void;
  }

  export default class PouchDB {
    replicate: {
      to(target: PouchDB | string, options?: ReplicateOptions): Replication;
      from(source: PouchDB | string, options?: ReplicateOptions): Replication;
    };
    constructor(name: string, options?: DatabaseOptions);
    readonly name: string;
    readonly adapter: string;
    bulkDocs(docs: PouchDoc[]): Promise<BulkResult[]>;
    allDocs(options?: AllDocsOptions): Promise<AllDocsResponse>;
    get(id: string): Promise<PouchDoc & { _rev: string }>;
    changes(options: ChangesOptions): ChangesFeed;
    info(): Promise<DatabaseInfo>;
    destroy(): Promise<{ ok: boolean }>;
    close(): Promise<void>;
    on(event: "destroyed", listener: (fromOtherInstance?: boolean) => void): this;
    removeListener(event: "destroyed", listener: (fromOtherInstance?: boolean) => void): this;
  }
}
