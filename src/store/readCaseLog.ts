import type { AllDocsRow } from "pouchdb-browser";
import { detailDocId, parseLogDocId } from "./documentIds";
import { StoreError } from "./StoreError";
import { isSealed, type Sealer } from "./sealing";
import { type CaseLog, checkEvent, type LogEntry, readEventDoc } from "./storedDocuments";

/**
 * Builds a case's log from its documents (`allDocs` over the case's range, with docs): every event in key order,
 * each with its content when the device holds it (public events, and the details of the levels it has keys for).
 * A detail whose event has not arrived yet is left out until it does. Fails with `corrupt-log` when the log does not
 * start with CASE_OPENED for this case, or a document is not what its id says.
 */
export async function readCaseLog(rows: readonly AllDocsRow[], caseId: string, sealer?: Sealer): Promise<CaseLog> {
  const details = new Map<string, AllDocsRow["doc"]>();
  const entries: LogEntry[] = [];
  for (const row of rows) {
    if (!row.doc || row.value?.deleted) continue;
    const parsed = parseLogDocId(row.id);
    if (!parsed || parsed.caseId !== caseId) continue;
    if (parsed.part === "detail") details.set(parsed.key, row.doc);
    else entries.push(readEventDoc(row.doc, caseId, parsed.key));
  }
  let complete = true;
  for (const entry of entries) {
    if (entry.event) continue;
    const detail = details.get(entry.key);
    const id = detailDocId(caseId, entry.key);
    const fail = (what: string) =>
      new StoreError("corrupt-log", `The log of case "${caseId}" is broken at ${id}: ${what}.`, id);
    if (detail && detail.kind === "detail" && detail.level === entry.level) {
      if (detail.event !== undefined) entry.event = checkEvent(detail.event, fail);
      else if (isSealed(detail.sealed) && sealer?.holds(entry.level))
        entry.event = checkEvent(await sealer.open(entry.level, detail.sealed, id), fail);
    }
    if (!entry.event) complete = false;
  }
  const first = entries[0];
  if (first && (first.event?.type !== "CASE_OPENED" || first.event.caseId !== caseId))
    throw new StoreError(
      "corrupt-log",
      `The log of case "${caseId}" does not start with CASE_OPENED for that case. The case cannot be shown; report it to the data manager.`,
      caseId,
    );
  if (entries.slice(1).some((e) => e.event?.type === "CASE_OPENED"))
    throw new StoreError("corrupt-log", `The log of case "${caseId}" opens the case twice.`, caseId);
  return { caseId, entries, complete };
}
