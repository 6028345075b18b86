import type PouchDB from "pouchdb-browser";
import type { PouchDoc } from "pouchdb-browser";
import { hashJson, type SopDefinition } from "../../engine/index";
import { requireStrictDurability } from "../requireStrictDurability";
import { StoreError } from "../StoreError";
import { toStoreError } from "../toStoreError";
import { compareVersions } from "./compareVersions";
import type { BundleRecord, LibraryEntry, PublishedVersion, SopDraft } from "./types";

const VERSION_PREFIX = "sopver:";
const DRAFT_PREFIX = "draft:";
const BUNDLE_PREFIX = "bundle:";
const SEED_MARK = "_local/shipped";
// Draft texts are rewritten on every keystroke: keep no old bodies.
const OPTIONS = { auto_compaction: true } as const;

/** How to open the library. */
export interface LibraryOptions {
  /** The IndexedDB database; default `senda-library`. */
  name?: string;
}

/** What `publish` needs: the definition (its `id` and `version` name the SOP and version) and who and why. */
export interface PublishInput {
  definition: SopDefinition;
  note: string;
  author: string;
  at: string;
  origin?: PublishedVersion["origin"];
}

/**
 * The SOP library on this device: immutable published versions (the shipped SOPs are the first ones), each
 * author's drafts saved as they are typed, and the bundles cases were opened on, so that an open case always finds
 * the exact versions it started with. Documents replicate through CouchDB like cases; no document is ever changed
 * once published. Every failure is a `StoreError`.
 *
 * @example
 * const library = await openSopLibraryStore();
 * await library.seed(shippedDefinitions, new Date().toISOString());
 * const newest = await library.newestVersion("uasc");
 */
export class SopLibraryStore {
  readonly name: string;
  private readonly db: PouchDB;
  /** The last text handed to `saveDraft` per draft id, and the write in flight: a typist outruns IndexedDB. */
  private readonly pendingDrafts = new Map<string, { draft: SopDraft; running?: Promise<void> }>();
  /** Who `watchVersions` tells when a published version is written. */
  private readonly versionWatchers = new Set<() => void>();

  private constructor(name: string, db: PouchDB) {
    this.name = name;
    this.db = db;
  }

  /** Opens (or creates) the library. Needs IndexedDB (in Node tests: jsdom and `fake-indexeddb/auto`). */
  static async open(options: LibraryOptions = {}): Promise<SopLibraryStore> {
    const name = options.name ?? "senda-library";
    requireStrictDurability(name);
    try {
      const PouchDB = (await import("pouchdb-browser")).default;
      const db = new PouchDB(name, OPTIONS);
      await db.info();
      return new SopLibraryStore(name, db);
    } catch (error) {
      throw toStoreError(error, name, "opening the SOP library");
    }
  }

  /**
   * Writes the SOPs shipped with the app as published versions, once per set of shipped versions (`stamp`, for
   * example every "id@version" joined): a device keeps every version it ever shipped, so cases opened on them still
   * replay after an update. Returns how many versions were new.
   */
  async seed(definitions: readonly SopDefinition[], at: string, stamp?: string): Promise<number> {
    const mark = stamp ?? definitions.map((d) => `${d.id}@${d.version}`).join(",");
    const seen = await this.read<{ stamp?: string }>(SEED_MARK);
    if (seen?.stamp === mark) return 0;
    const docs = definitions.map((definition) =>
      this.toVersion({ definition, note: "", author: "", at, origin: "shipped" }),
    );
    const existing = await this.run("reading the shipped versions", (db) =>
      db.allDocs({ keys: docs.map((d) => d._id) }),
    );
    const missing = docs.filter((_, i) => !existing.rows[i] || existing.rows[i].error);
    if (missing.length) {
      await this.write(missing as unknown as PouchDoc[], "seeding the shipped SOPs");
      this.versionsChanged();
    }
    await this.write([{ _id: SEED_MARK, ...(seen as object), stamp: mark } as PouchDoc], "seeding the shipped SOPs");
    return missing.length;
  }

  /** Whether `seed` already ran for this set of shipped versions, so that the caller need not load them. */
  async isSeeded(stamp: string): Promise<boolean> {
    return (await this.read<{ stamp?: string }>(SEED_MARK))?.stamp === stamp;
  }

  /**
   * Publishes a new version. Refused (`conflict`) when the SOP already has this version number with other content:
   * a changed text needs a new number. Publishing the same text again returns the version already stored.
   */
  async publish(input: PublishInput): Promise<PublishedVersion> {
    const doc = this.toVersion(input);
    const known = await this.listVersions(doc.sop);
    const same = known.find((v) => v.hash === doc.hash);
    if (same) return same;
    const taken = known.find((v) => v.version === doc.version);
    if (taken)
      throw new StoreError(
        "conflict",
        `${doc.sop} ${doc.version} is already published with other content; give this text a new version number.`,
        doc._id,
      );
    await this.write([doc as unknown as PouchDoc], `publishing ${doc.sop} ${doc.version}`);
    this.versionsChanged();
    return doc;
  }

  /**
   * Calls `listener` whenever a published version is written to the library: at once for this connection's own
   * writes, through PouchDB's live changes feed for other tabs' and replication's (an error of the feed counts as a
   * change: the listener's caller looks again). Returns a function that stops it.
   */
  watchVersions(listener: () => void): () => void {
    this.versionWatchers.add(listener);
    const feed = this.db
      .changes({ since: "now", live: true, return_docs: false })
      .on("change", (change) => {
        if (change.id.startsWith(VERSION_PREFIX)) listener();
      })
      .on("error", () => listener());
    return () => {
      this.versionWatchers.delete(listener);
      feed.cancel();
    };
  }

  private versionsChanged(): void {
    for (const listener of this.versionWatchers) listener();
  }

  /** Every published version of an SOP, the newest (highest semantic version, then latest) first. */
  async listVersions(sop: string): Promise<PublishedVersion[]> {
    const prefix = `${VERSION_PREFIX}${sop}:`;
    const { rows } = await this.run("listing the versions of an SOP", (db) =>
      db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true }),
    );
    return rows.map((r) => r.doc as unknown as PublishedVersion).sort(newestFirst);
  }

  /**
   * The content hashes of every published version, by SOP, read from the documents' ids alone (no definition is
   * read): enough to know that the only version of an SOP is a given one.
   */
  async versionHashes(): Promise<Map<string, string[]>> {
    const { rows } = await this.run("listing the versions", (db) =>
      db.allDocs({ startkey: VERSION_PREFIX, endkey: `${VERSION_PREFIX}\uffff` }),
    );
    const found = new Map<string, string[]>();
    for (const { id } of rows) {
      const split = id.lastIndexOf(":");
      const sop = id.slice(VERSION_PREFIX.length, split);
      found.set(sop, [...(found.get(sop) ?? []), id.slice(split + 1)]);
    }
    return found;
  }

  /** The newest published version of an SOP, if the library has any. */
  async newestVersion(sop: string): Promise<PublishedVersion | undefined> {
    return (await this.listVersions(sop))[0];
  }

  /** The published version of an SOP with this content hash. */
  async getVersion(sop: string, hash: string): Promise<PublishedVersion | undefined> {
    return this.read<PublishedVersion>(versionId(sop, hash));
  }

  /** Every SOP in the library with its versions (newest first) and its drafts (all authors', or one author's). */
  async listEntries(author?: string): Promise<LibraryEntry[]> {
    const [versions, drafts] = await Promise.all([
      this.run("listing the library", (db) =>
        db.allDocs({ startkey: VERSION_PREFIX, endkey: `${VERSION_PREFIX}\uffff`, include_docs: true }),
      ),
      this.listDrafts(author),
    ]);
    const entries = new Map<string, LibraryEntry>();
    const entry = (sop: string) => {
      let found = entries.get(sop);
      if (!found) {
        found = { sop, versions: [], drafts: [] };
        entries.set(sop, found);
      }
      return found;
    };
    for (const row of versions.rows) {
      const version = row.doc as unknown as PublishedVersion;
      entry(version.sop).versions.push(version);
    }
    for (const draft of drafts) entry(draft.sop).drafts.push(draft);
    for (const found of entries.values()) found.versions.sort(newestFirst);
    return [...entries.values()].sort((a, b) => a.sop.localeCompare(b.sop));
  }

  /** The drafts on this device, all authors' or one author's, the latest first. */
  async listDrafts(author?: string): Promise<SopDraft[]> {
    const prefix = author === undefined ? DRAFT_PREFIX : `${DRAFT_PREFIX}${encode(author)}:`;
    const { rows } = await this.run("listing drafts", (db) =>
      db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true }),
    );
    return rows
      .map((r) => this.pendingDrafts.get(r.id)?.draft ?? (r.doc as unknown as SopDraft))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** One author's draft of one SOP. */
  async loadDraft(author: string, sop: string): Promise<SopDraft | undefined> {
    const id = draftId(author, sop);
    return this.pendingDrafts.get(id)?.draft ?? this.read<SopDraft>(id);
  }

  /**
   * Saves a draft's text. Calls may come on every keystroke: each is written in turn, and a call made while one
   * is being written replaces any still waiting, so the last text always reaches the disk. Resolves once the text
   * given (or a later one) is stored.
   */
  saveDraft(input: { author: string; sop: string; text: string; base?: string; at: string }): Promise<void> {
    const id = draftId(input.author, input.sop);
    const draft: SopDraft = {
      _id: id,
      type: "sop-draft",
      sop: input.sop,
      author: input.author,
      ...(input.base ? { base: input.base } : {}),
      text: input.text,
      updatedAt: input.at,
    };
    const slot = this.pendingDrafts.get(id);
    if (slot) {
      slot.draft = draft;
      return slot.running!;
    }
    const fresh: { draft: SopDraft; running?: Promise<void> } = { draft };
    this.pendingDrafts.set(id, fresh);
    fresh.running = (async () => {
      try {
        let written: SopDraft | undefined;
        while (written !== fresh.draft) {
          written = fresh.draft;
          const current = await this.db.get(id).catch(() => undefined);
          await this.write(
            [{ ...written, ...(current ? { _rev: current._rev } : {}) } as unknown as PouchDoc],
            "saving the draft",
          );
        }
      } finally {
        this.pendingDrafts.delete(id);
      }
    })();
    return fresh.running;
  }

  /** Deletes a draft (after publishing it, or when its author drops it). */
  async discardDraft(author: string, sop: string): Promise<void> {
    const id = draftId(author, sop);
    await this.pendingDrafts.get(id)?.running?.catch(() => undefined);
    const current = await this.read<SopDraft & { _rev: string }>(id);
    if (current) await this.write([{ _id: id, _rev: current._rev, _deleted: true }], "discarding the draft");
  }

  /** Records which versions a bundle hash was made of (idempotent: a bundle's content never changes). */
  async saveBundle(hash: string, members: Record<string, string>): Promise<void> {
    const id = `${BUNDLE_PREFIX}${hash}`;
    if (await this.read(id)) return;
    const record: BundleRecord = { _id: id, type: "sop-bundle", hash, members };
    await this.write([record as unknown as PouchDoc], "recording the SOP versions of a case").catch((error) => {
      // Another tab recorded the same bundle first: same content, nothing to do.
      if (!(error instanceof StoreError && error.code === "conflict")) throw error;
    });
  }

  /** The versions a bundle hash was made of, if a case was opened on it on this device or one it syncs with. */
  async getBundle(hash: string): Promise<BundleRecord | undefined> {
    return this.read<BundleRecord>(`${BUNDLE_PREFIX}${hash}`);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.pendingDrafts.values()].map((s) => s.running?.catch(() => undefined)));
    await this.db.close().catch(() => undefined);
  }

  /** Deletes the whole library (tests and training resets). */
  async destroy(): Promise<void> {
    await this.run("deleting the library", (db) => db.destroy());
  }

  private toVersion(input: PublishInput): PublishedVersion {
    const { definition } = input;
    const hash = hashJson(definition);
    return {
      _id: versionId(definition.id, hash),
      type: "sop-version",
      sop: definition.id,
      version: definition.version,
      hash,
      note: input.note,
      author: input.author,
      at: input.at,
      origin: input.origin ?? "published",
      definition,
    };
  }

  private async read<T>(id: string): Promise<T | undefined> {
    try {
      return (await this.db.get(id)) as unknown as T;
    } catch (error) {
      if ((error as { status?: number })?.status === 404) return undefined;
      throw toStoreError(error, id, "reading the SOP library");
    }
  }

  private async write(docs: PouchDoc[], doing: string): Promise<void> {
    const results = await this.run(doing, (db) => db.bulkDocs(docs));
    for (const [i, result] of results.entries()) {
      if (!result.error) continue;
      const id = docs[i]._id;
      if (result.status === 409) throw new StoreError("conflict", `"${id}" was written elsewhere while ${doing}.`, id);
      throw toStoreError(result, id, doing);
    }
  }

  private async run<T>(doing: string, task: (db: PouchDB) => Promise<T>): Promise<T> {
    try {
      return await task(this.db);
    } catch (error) {
      throw toStoreError(error, this.name, doing);
    }
  }
}

function newestFirst(a: PublishedVersion, b: PublishedVersion): number {
  return compareVersions(b.version, a.version) || b.at.localeCompare(a.at);
}

function versionId(sop: string, hash: string): string {
  return `${VERSION_PREFIX}${sop}:${hash}`;
}

function draftId(author: string, sop: string): string {
  return `${DRAFT_PREFIX}${encode(author)}:${sop}`;
}

// Author names are free text; ids keep ":" as their separator.
function encode(author: string): string {
  return encodeURIComponent(author || "anonymous");
}
