import { useEffect, useState } from "react";
import { useI18n } from "../../shared/i18n/I18nProvider";
import type { PathsReply, PathsRequest } from "./pathsWorker";

/** Where the search for an SOP's paths stands. */
export type PathsState = { state: "idle" } | { state: "running" } | { state: "done"; reply: PathsReply };

let next = 0;

/**
 * The paths of an SOP (the first `limit` of them, and with `coverage` every path a scenario takes and how the
 * scenarios cover the SOP), found in a Web Worker; a new SOP or
 * leaving the screen ends the search in progress.
 */
export function usePaths(sop: string | undefined, coverage: boolean, limit?: number): PathsState {
  const { locale } = useI18n();
  const [run, setRun] = useState<PathsState>({ state: "idle" });
  useEffect(() => {
    if (!sop) {
      setRun({ state: "idle" });
      return;
    }
    const worker = new Worker(new URL("./pathsWorker.ts", import.meta.url), { type: "module" });
    const id = ++next;
    worker.onmessage = (event: MessageEvent<PathsReply>) => {
      if (event.data.id === id) setRun({ state: "done", reply: event.data });
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      setRun({ state: "done", reply: { id, ok: false, failure: event.message || "worker error" } });
      worker.terminate();
    };
    setRun({ state: "running" });
    worker.postMessage({ id, sop, coverage, locale, limit } satisfies PathsRequest);
    return () => worker.terminate();
  }, [sop, coverage, locale, limit]);
  return run;
}
