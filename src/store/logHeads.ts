import type PouchDB from "pouchdb-browser";
import type { Change } from "pouchdb-browser";
import { eventRange } from "./documentIds";
import { parseEventKey } from "./eventKey";

/**
 * What an append needs to know of a case's log: how many events it holds (to refuse a writer whose view is behind),
 * the last key of each device (what the new events had seen) and the highest stamp (so that a new key sorts last),
 * and, every `SNAPSHOT_EVERY` events, every key (the snapshot's fingerprint). Reading the log's ids for that on each
 * append costs more as the case grows; a `LogHead` keeps them from one append to the next, and brings them up to date
 * from the database's changes since (whatever wrote them: this tab, another tab, replication), so that an append
 * reads only what changed since the last one. The changes are read from the database itself, in the append's own
 * round of reads: the count an append checks is the stored one, as when it read the whole log.
 */
export interface LogHead {
  /** The database's update sequence the head is known to be current at (it may also hold changes after it). */
  seq: number | string;
  /** The keys of the case's events, in log order. */
  keys: string[];
  known: Set<string>;
  /** Per device, its last key. */
  seen: Record<string, string>;
  lastStamp?: number;
}

/**
 * Past this many changes since the head's sequence (a replication burst, other cases written in other tabs), reading
 * the case's ids again costs less than reading the changes.
 */
export const HEAD_CHANGES = 64;
/** How many cases' heads a store keeps (an officer works a few cases at a time); the least recent goes first. */
const HEADS_KEPT = 16;

/** The heads of the cases a store appended to lately. */
export class LogHeads {
  private readonly heads = new Map<string, LogHead>();

  /**
   * The head of a case's log as the database holds it now: the kept one brought up to date from the changes since,
   * or, when none is kept or the changes do not simply add events after it (an event removed, one that sorts among
   * the earlier ones, too many changes), read from the log's ids.
   */
  async read(db: PouchDB, caseId: string): Promise<LogHead> {
    const kept = this.heads.get(caseId);
    this.heads.delete(caseId);
    let head: LogHead | undefined;
    if (kept) {
      const feed = await db.changes({ since: kept.seq, limit: HEAD_CHANGES, return_docs: true });
      if (feed.results.length < HEAD_CHANGES && addChanges(kept, caseId, feed.results)) {
        kept.seq = feed.last_seq;
        head = kept;
      }
    }
    // The sequence is read before the ids: a change in between is read again next time, and counted once (by key).
    if (!head) {
      const { update_seq } = await db.info();
      head = headOf(update_seq, await db.allDocs(eventRange(caseId)));
    }
    this.heads.set(caseId, head);
    if (this.heads.size > HEADS_KEPT) this.heads.delete(this.heads.keys().next().value as string);
    return head;
  }

  /** Adds the keys of events just written to the case's head that `read` gave (they follow every key it holds). */
  written(head: LogHead, keys: readonly string[]): void {
    for (const key of keys) addKey(head, key);
  }

  /** Forgets a case's head: the next append reads its log's ids again. */
  forget(caseId: string): void {
    this.heads.delete(caseId);
  }

  /** Forgets every head (the database was opened again, or destroyed). */
  clear(): void {
    this.heads.clear();
  }
}

function headOf(seq: number | string, { rows }: { rows: { id: string }[] }): LogHead {
  const head: LogHead = { seq, keys: [], known: new Set(), seen: {} };
  for (const row of rows) addKey(head, row.id.slice(row.id.lastIndexOf("/") + 1));
  return head;
}

function addKey(head: LogHead, key: string): void {
  if (head.known.has(key)) return;
  head.known.add(key);
  head.keys.push(key);
  const parsed = parseEventKey(key);
  if (!parsed) return;
  head.seen[parsed.device] = key;
  head.lastStamp = Math.max(head.lastStamp ?? parsed.stamp, parsed.stamp);
}

/**
 * Adds the case's new events among `changes` to `head`; false when the changes do more than add events after every
 * key it holds (then the head must be read again).
 */
function addChanges(head: LogHead, caseId: string, changes: readonly Change[]): boolean {
  const { startkey, endkey } = eventRange(caseId);
  const added: string[] = [];
  for (const change of changes) {
    if (change.id < startkey || change.id > endkey) continue;
    const key = change.id.slice(startkey.length);
    if (change.deleted) return false;
    if (!head.known.has(key)) added.push(key);
  }
  added.sort();
  const last = head.keys[head.keys.length - 1];
  if (added.length > 0 && last !== undefined && added[0] < last) return false;
  for (const key of added) addKey(head, key);
  return true;
}
