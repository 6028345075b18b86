import type { CaseEvent } from "../engine/index";
import type { CaseSummary } from "./CaseSummary";
import { StoreError } from "./StoreError";
import { summaryProblem } from "./storedDocuments";

/** Checks an append against the store's contract; a violation is a programmer error, thrown as `invalid-argument`. */
export function checkAppend(
  caseId: string,
  expectedSeq: number,
  events: readonly CaseEvent[],
  summary: CaseSummary,
): void {
  const bad = (message: string) => new StoreError("invalid-argument", message, caseId);
  if (!Number.isSafeInteger(expectedSeq) || expectedSeq < 0)
    throw bad(
      `expectedSeq must be a whole number, 0 or more (the number of events already saved); got ${expectedSeq}.`,
    );
  if (!Array.isArray(events) || events.length === 0)
    throw bad(`Nothing to append to case "${caseId}": give one event or more.`);
  events.forEach((event, i) => {
    const seq = expectedSeq + i;
    if (!event || typeof event !== "object" || typeof event.type !== "string" || Number.isNaN(Date.parse(event.at)))
      throw bad(`Event ${seq} of case "${caseId}" needs a type and a valid time (at).`);
    if (seq === 0 && (event.type !== "CASE_OPENED" || event.caseId !== caseId))
      throw bad(`Event 0 of case "${caseId}" must be CASE_OPENED for that case; got ${event.type}.`);
    if (seq > 0 && event.type === "CASE_OPENED")
      throw bad(`Event ${seq} of case "${caseId}" is CASE_OPENED, which only starts a log.`);
  });
  const count = expectedSeq + events.length;
  const problem = summaryProblem(summary, caseId);
  if (problem) throw bad(`The summary given for case "${caseId}" is not well formed: ${problem}.`);
  if (summary.eventCount !== count)
    throw bad(
      `The summary of case "${caseId}" counts ${summary.eventCount} events, but the log will hold ${count}: pass summarizeCase(view, ${count}).`,
    );
  const last = events[events.length - 1];
  if (summary.updatedAt !== last.at)
    throw bad(
      `The summary of case "${caseId}" was taken at ${summary.updatedAt}, before the last event (${last.at}): call viewCase after sending the events.`,
    );
}
