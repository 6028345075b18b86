import { useCallback, useEffect, useRef, useState } from "react";
import type { SurgePlan } from "../../../engine/index";
import type { SurgeReply, SurgeRequest } from "./surgeWorker";

/** Where a simulation stands. */
export type SurgeRun =
  | { state: "idle" }
  | { state: "running" }
  | { state: "stopped" }
  | { state: "done"; reply: SurgeReply };

/**
 * Runs simulations in a Web Worker, one at a time: a new run or `stop` ends the one in progress (the worker is
 * terminated and started anew), so a long simulation never holds the screen or a stale result.
 */
export function useSurgeWorker() {
  const worker = useRef<Worker | undefined>(undefined);
  const next = useRef(0);
  const [run, setRun] = useState<SurgeRun>({ state: "idle" });

  const stopWorker = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
  }, []);
  useEffect(() => stopWorker, [stopWorker]);

  const start = useCallback(
    (plan: SurgePlan, csvText?: string) => {
      stopWorker();
      const w = new Worker(new URL("./surgeWorker.ts", import.meta.url), { type: "module" });
      worker.current = w;
      const id = ++next.current;
      w.onmessage = (event: MessageEvent<SurgeReply>) => {
        if (event.data.id !== id) return;
        setRun({ state: "done", reply: event.data });
        stopWorker();
      };
      w.onerror = (event) => {
        event.preventDefault();
        setRun({ state: "done", reply: { id, ok: false, failure: event.message || "worker error" } });
        stopWorker();
      };
      setRun({ state: "running" });
      w.postMessage({ id, plan, csvText } satisfies SurgeRequest);
    },
    [stopWorker],
  );

  const stop = useCallback(() => {
    stopWorker();
    setRun({ state: "stopped" });
  }, [stopWorker]);

  return { run, start, stop };
}
