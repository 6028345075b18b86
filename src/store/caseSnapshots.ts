import type { PouchDoc } from "pouchdb-browser";
import type { CaseSnapshot } from "../engine/index";
import { snapshotDocId } from "./documentIds";
import { LEVELS, type Level } from "./eventLevel";
import { isSealed, type Sealed, type Sealer } from "./sealing";
import type { CaseLog } from "./storedDocuments";

/*
 * A case's state kept beside its log, so that opening a long case replays only the events after it. It is a cache:
 * the log stays the truth. It stands for the first `count` entries of the merged log, named by their keys (a
 * fingerprint of them), so a snapshot taken before replication merged in another device's events, which sort among
 * the earlier ones, no longer matches and is ignored. It holds every answer of the case, so it is sealed like the
 * most sensitive events, and it is never replicated (the replication filters send events and details only).
 */

/** How often a snapshot is taken: each time the log's length passes a multiple of this. */
export const SNAPSHOT_EVERY = 50;

/** An event of the log that the case did not take (another device answered first), as a snapshot keeps it. */
export interface SnapshotSetAside {
  key: string;
  code: string;
  reason: string;
}

/** What a caller gives the store to snapshot: the engine's snapshot and the log entries it set aside. */
export interface SnapshotSource {
  session: CaseSnapshot;
  setAside: readonly SnapshotSetAside[];
}

/** A case's stored snapshot, as read back and checked against the log. */
export interface StoredSnapshot extends SnapshotSource {
  /** How many entries of the merged log it stands for (the engine's snapshot counts only those taken). */
  count: number;
  /** The fingerprint of those entries' keys. */
  log: string;
}

/** The document holding a snapshot: sealed when the device has keys. */
export interface SnapshotDoc extends PouchDoc {
  kind: "snapshot";
  caseId: string;
  count: number;
  log: string;
  /** The level whose key sealed it. */
  level?: Level;
  sealed?: Sealed;
  snapshot?: StoredSnapshot;
}

/** Whether appending `added` events to a log of `before` passes a multiple of `SNAPSHOT_EVERY`. */
export function snapshotDue(before: number, added: number): boolean {
  return Math.floor((before + added) / SNAPSHOT_EVERY) > Math.floor(before / SNAPSHOT_EVERY);
}

/** A fingerprint of the first `count` keys of a log: FNV-1a over them, twice with different seeds. */
export function fingerprintKeys(keys: readonly string[], count: number): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let k = 0; k < count; k++) {
    const key = keys[k];
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x0100012b);
    }
    h1 = Math.imul(h1 ^ 10, 0x01000193);
    h2 = Math.imul(h2 ^ 10, 0x0100012b);
  }
  return `${count}:${(h1 >>> 0).toString(16).padStart(8, "0")}${(h2 >>> 0).toString(16).padStart(8, "0")}`;
}

/** The highest level whose key the sealer holds, or undefined without a sealer. */
function sealingLevel(sealer: Sealer | undefined): Level | undefined {
  if (!sealer) return undefined;
  return [...LEVELS].reverse().find((level) => sealer.holds(level));
}

/** The document for `snapshot`, sealed when there is a sealer; `rev` is the revision it replaces. */
export async function toSnapshotDoc(
  caseId: string,
  snapshot: StoredSnapshot,
  sealer: Sealer | undefined,
  rev: string | undefined,
): Promise<SnapshotDoc | undefined> {
  const id = snapshotDocId(caseId);
  const base = { _id: id, ...(rev ? { _rev: rev } : {}), kind: "snapshot" as const, caseId };
  const head = { count: snapshot.count, log: snapshot.log };
  if (!sealer) return { ...base, ...head, snapshot };
  const level = sealingLevel(sealer);
  if (!level) return undefined;
  return { ...base, ...head, level, sealed: await sealer.seal(level, snapshot, id) };
}

/**
 * The snapshot a document holds when it stands for the start of `log`, else undefined: a snapshot of another log
 * (events merged in since), one that cannot be opened (altered, or sealed with a key this device lacks) or that is
 * not well formed is ignored, and the case is replayed from its log.
 */
export async function readSnapshotDoc(
  doc: PouchDoc | undefined,
  log: CaseLog,
  sealer: Sealer | undefined,
): Promise<StoredSnapshot | undefined> {
  const d = doc as Partial<SnapshotDoc> | undefined;
  if (d?.kind !== "snapshot" || d.caseId !== log.caseId) return undefined;
  if (!standsFor(d.count, d.log, log)) return undefined;
  let value: unknown;
  if (d.sealed !== undefined) {
    if (!isSealed(d.sealed) || !d.level || !sealer?.holds(d.level)) return undefined;
    try {
      value = await sealer.open(d.level, d.sealed, snapshotDocId(log.caseId));
    } catch {
      return undefined;
    }
  } else value = d.snapshot;
  const s = value as Partial<StoredSnapshot> | undefined;
  if (!s || typeof s !== "object" || !standsFor(s.count, s.log, log)) return undefined;
  if (!s.session || typeof s.session !== "object" || !Array.isArray(s.setAside)) return undefined;
  if (!s.setAside.every((a) => a && typeof a.key === "string" && typeof a.code === "string")) return undefined;
  return s as StoredSnapshot;
}

function standsFor(count: unknown, fingerprint: unknown, log: CaseLog): boolean {
  if (!Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > log.entries.length) return false;
  const keys = log.entries.map((entry) => entry.key);
  return fingerprint === fingerprintKeys(keys, count as number);
}
