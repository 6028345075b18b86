import { ParkedCase } from "../../engine/index";
import type { CaseStore, MergedReplay } from "../../store/index";

/** How many cases left idle this page keeps parked, the least recently left dropped first. */
export const PARKED_CASES = 200;

/** A case the officer left, parked, and what of the store it was valid for. */
interface Parked {
  parked: ParkedCase;
  merged: Omit<MergedReplay, "session">;
  /** The store's count of changes to the case when it was parked (this tab's writes, other devices' events). */
  version: number;
}

/** The parts of the store that tell whether a parked case is still the stored one. */
export type ParkingStore = Pick<CaseStore, "getSummary" | "caseVersion">;

/**
 * Cases left idle in this page, by store (a training store, or the store opened after signing in again, has its
 * own) and then by case id, oldest first. A store dropped takes its parked cases with it.
 */
let parkedByStore = new WeakMap<object, Map<string, Parked>>();

function parkedIn(store: object): Map<string, Parked> {
  let parked = parkedByStore.get(store);
  if (!parked) {
    parked = new Map();
    parkedByStore.set(store, parked);
  }
  return parked;
}

/**
 * Parks a case the officer has left, with everything stored: kept as its log's text (and a snapshot for a long one)
 * rather than a running statechart, and woken by `wakeParkedCase` when the officer opens it again, without reading
 * the store. Call only once every accepted event of it is written.
 */
export function parkCase(store: ParkingStore, merged: MergedReplay): void {
  const { session, ...rest } = merged;
  const caseId = session.opened.caseId;
  const parkedCases = parkedIn(store);
  parkedCases.delete(caseId);
  // Only a case whose every stored event this session holds or set aside: then the stored summary counts them.
  if (store.getSummary(caseId)?.eventCount !== merged.count) return;
  parkedCases.set(caseId, {
    parked: ParkedCase.park(session),
    merged: { ...rest, setAside: [...rest.setAside], conflicts: [...rest.conflicts] },
    version: store.caseVersion(caseId),
  });
  for (const oldest of parkedCases.keys()) {
    if (parkedCases.size <= PARKED_CASES) break;
    parkedCases.delete(oldest);
  }
}

/**
 * The case as it was parked, running again, when nothing changed it since: no write of this tab or event from
 * another device (the store's case version), and the same number of events in its stored summary (which other tabs'
 * writes move). Otherwise undefined, and the case is read from the store. A write that another tab made just before
 * and whose summary has not arrived yet is caught by the next append, which then conflicts and reloads the case.
 */
export function wakeParkedCase(store: Partial<ParkingStore>, caseId: string): MergedReplay | undefined {
  const parkedCases = parkedByStore.get(store);
  const entry = parkedCases?.get(caseId);
  if (!parkedCases || !entry) return undefined;
  parkedCases.delete(caseId);
  if (!store.getSummary || !store.caseVersion) return undefined;
  if (store.caseVersion(caseId) !== entry.version || store.getSummary(caseId)?.eventCount !== entry.merged.count)
    return undefined;
  try {
    return { ...entry.merged, session: entry.parked.wake() };
  } catch {
    return undefined;
  }
}

/** How many cases of `store` this page holds parked (for tests). */
export function parkedCount(store: object): number {
  return parkedByStore.get(store)?.size ?? 0;
}

/** Drops every parked case (tests). */
export function dropParkedCases(): void {
  parkedByStore = new WeakMap();
}
