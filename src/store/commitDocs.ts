import type PouchDB from "pouchdb-browser";
import type { BulkResult, PouchDoc } from "pouchdb-browser";
import { toStoreError } from "./toStoreError";

/** The outcome of a commit: every document written (with its new revision), or the ids that already existed. */
export type CommitResult = { ok: true; revs: Map<string, string> } | { ok: false; conflicts: string[] };

/**
 * Writes `docs` in one `bulkDocs` call, all or nothing. PouchDB writes each document on its own, so when some are
 * refused (a conflict: the id exists, or the `_rev` is stale) the ones that were written are undone at once: new
 * documents are deleted, updated ones get their `priors` body back. Conflicts come back as data for the caller,
 * which knows what to tell the officer; any other failure (a full quota) throws a `StoreError`.
 */
export async function commitDocs(
  db: PouchDB,
  docs: PouchDoc[],
  priors: ReadonlyMap<string, PouchDoc>,
  path: string,
): Promise<CommitResult> {
  let results: BulkResult[];
  try {
    results = await db.bulkDocs(docs);
  } catch (error) {
    throw toStoreError(error, path, "saving the case");
  }
  const revs = new Map<string, string>();
  const conflicts: string[] = [];
  let failure: BulkResult | undefined;
  results.forEach((result, i) => {
    const id = docs[i]._id;
    if (!result.error) revs.set(id, result.rev);
    else if (result.status === 409) conflicts.push(id);
    else failure ??= result;
  });
  if (conflicts.length === 0 && !failure) return { ok: true, revs };
  await undo(db, revs, priors, path);
  if (failure) throw toStoreError(failure, path, "saving the case");
  return { ok: false, conflicts };
}

async function undo(
  db: PouchDB,
  written: ReadonlyMap<string, string>,
  priors: ReadonlyMap<string, PouchDoc>,
  path: string,
): Promise<void> {
  if (written.size === 0) return;
  const reverts = [...written].map(([id, rev]): PouchDoc => {
    const prior = priors.get(id);
    return prior ? { ...prior, _id: id, _rev: rev } : { _id: id, _rev: rev, _deleted: true };
  });
  let results: BulkResult[];
  try {
    results = await db.bulkDocs(reverts);
  } catch (error) {
    throw toStoreError(error, path, "undoing a write that was only partly saved");
  }
  const failed = results.find((r) => r.error);
  if (failed) throw toStoreError(failed, path, "undoing a write that was only partly saved");
}
