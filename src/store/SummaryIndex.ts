import type { CaseStatus, CaseSummary } from "./CaseSummary";
import { StoreError } from "./StoreError";

/** What the queue asks for. Every field narrows the list; an empty query lists every case. */
export interface SummaryQuery {
  /**
   * Words to find in the case id or the title of a current step (in any locale). Case and accents are ignored, and
   * every word must be found: "edad c-12" finds case c-12 waiting at "Edad".
   */
  text?: string;
  /** Only cases with this flag raised. */
  flag?: string;
  /** Only cases in this status, or in one of these. */
  status?: CaseStatus | readonly CaseStatus[];
  /** Only cases opened at this site. */
  site?: string;
  /**
   * Only the cases of this group of people who arrived together: those opened with it as their `group`, and the case
   * whose id it is (the first person of a group is often opened alone, before anyone is added to it).
   */
  group?: string;
  /** Only cases with a deadline falling due within this many hours of `now` (overdue ones included). */
  dueWithinHours?: number;
  /** The time `dueWithinHours` counts from; the store's clock when absent. */
  now?: Date;
  /**
   * `urgency` (the default): the most urgent flag first, then the earliest deadline, then the longest waiting.
   * `recent`: the last updated first.
   */
  sort?: "urgency" | "recent";
}

interface Entry {
  summary: CaseSummary;
  /** The revision's generation (the number before the dash): a later write of the same summary has a higher one. */
  generation: number;
  /** Case id and step titles, folded for matching. */
  text: string;
  /** The next deadline as epoch milliseconds; Infinity when there is none. */
  dueAt: number;
  updatedAt: number;
}

const HOUR = 3_600_000;

/**
 * The summaries of every case on the device, in memory: loaded once, then kept current by the store's writes and
 * its changes feed. Lists, searches, filters and sorts without touching the database.
 */
export class SummaryIndex {
  private readonly entries = new Map<string, Entry>();

  get size(): number {
    return this.entries.size;
  }

  get(caseId: string): CaseSummary | undefined {
    return this.entries.get(caseId)?.summary;
  }

  /**
   * Records a summary at revision `rev`, unless a later revision is already held (the changes feed can report a
   * write after the writer recorded it). Returns whether the index changed.
   */
  put(summary: CaseSummary, rev: string): boolean {
    const generation = Number.parseInt(rev, 10);
    const held = this.entries.get(summary.caseId);
    if (held && held.generation > generation) return false;
    if (held && held.generation === generation && sameJson(held.summary, summary)) return false;
    const frozen = deepFreeze(structuredClone(summary));
    this.entries.set(summary.caseId, {
      summary: frozen,
      generation,
      text: foldText([summary.caseId, ...summary.current.flatMap((s) => Object.values(s.title ?? {}))].join("\n")),
      dueAt: summary.nextDeadline ? Date.parse(summary.nextDeadline.dueAt) : Number.POSITIVE_INFINITY,
      updatedAt: Date.parse(summary.updatedAt),
    });
    return true;
  }

  /** Forgets a case; returns whether it was held. */
  remove(caseId: string): boolean {
    return this.entries.delete(caseId);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The summaries matching `query`, sorted; the objects are frozen and shared, never copies. */
  list(query: SummaryQuery, now: Date): CaseSummary[] {
    const match = compileQuery(query, now);
    const found: Entry[] = [];
    for (const entry of this.entries.values()) if (match(entry)) found.push(entry);
    found.sort(query.sort === "recent" ? byRecent : byUrgency);
    return found.map((entry) => entry.summary);
  }
}

function compileQuery(query: SummaryQuery, now: Date): (entry: Entry) => boolean {
  const words = foldText(query.text ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const statuses =
    query.status === undefined ? undefined : new Set(typeof query.status === "string" ? [query.status] : query.status);
  let dueBy = Number.POSITIVE_INFINITY;
  if (query.dueWithinHours !== undefined) {
    if (typeof query.dueWithinHours !== "number" || !Number.isFinite(query.dueWithinHours) || query.dueWithinHours < 0)
      throw new StoreError(
        "invalid-argument",
        `dueWithinHours must be a number of hours, 0 or more; got ${String(query.dueWithinHours)}.`,
        "dueWithinHours",
      );
    const from = (query.now ?? now).getTime();
    if (Number.isNaN(from)) throw new StoreError("invalid-argument", "The query's `now` is not a valid date.", "now");
    dueBy = from + query.dueWithinHours * HOUR;
  }
  return (entry) => {
    const s = entry.summary;
    if (statuses && !statuses.has(s.status)) return false;
    if (query.flag !== undefined && !s.flags.includes(query.flag)) return false;
    if (query.site !== undefined && s.site !== query.site) return false;
    if (query.group !== undefined && s.group !== query.group && s.caseId !== query.group) return false;
    if (query.dueWithinHours !== undefined && !(entry.dueAt <= dueBy)) return false;
    for (const word of words) if (!entry.text.includes(word)) return false;
    return true;
  };
}

function byUrgency(a: Entry, b: Entry): number {
  return (
    compareNumbers(a.summary.priority ?? Number.POSITIVE_INFINITY, b.summary.priority ?? Number.POSITIVE_INFINITY) ||
    compareNumbers(a.dueAt, b.dueAt) ||
    compareNumbers(a.updatedAt, b.updatedAt) ||
    compareStrings(a.summary.caseId, b.summary.caseId)
  );
}

function byRecent(a: Entry, b: Entry): number {
  return compareNumbers(b.updatedAt, a.updatedAt) || compareStrings(a.summary.caseId, b.summary.caseId);
}

// Infinity - Infinity is NaN, which a comparator must never return.
function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lower case without accents, so that "Niñez" is found by "ninez" and "EDAD" by "edad". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
