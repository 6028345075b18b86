import { useCallback, useEffect, useRef, useState } from "react";
import type { Analysis, ConsequenceProgress, Consequences } from "../checks/runAnalysis";
import { sopPath } from "../library/useLibraryFiles";

/** The consequences of the draft's current behaviour, or how far their computation is. */
export interface ConsequencesState {
  result?: Consequences;
  /** The behaviour key the result was computed for; stale when it differs from the draft's. */
  key?: string;
  running: boolean;
  progress?: ConsequenceProgress;
  error?: string;
  /** Runs them; with `callers`, also checks the invariants of every SOP that runs this one. */
  run(options?: { callers: boolean }): void;
  cancel(): void;
}

/** How long the check of one SOP that runs the edited one may take, before what is left stays unproven. */
export const CALLER_BUDGET_MS = 120_000;

/** What the draft does, without its version number (which changes no behaviour). */
export function behaviourKey(parsed: Record<string, unknown> | undefined): string | undefined {
  if (!parsed) return undefined;
  const { version: _version, ...rest } = parsed;
  return JSON.stringify(rest);
}

/** Runs the scenarios, the invariant check and the diff for the draft in a worker, with progress and cancel. */
export function useConsequences(
  analysis: Analysis,
  input: { sop: string; text: string; key?: string; locale: string },
): ConsequencesState {
  const [state, setState] = useState<Omit<ConsequencesState, "run" | "cancel">>({ running: false });
  const running = useRef<{ cancel(): void }>(undefined);
  const inputRef = useRef(input);
  inputRef.current = input;
  const cancel = useCallback(() => {
    running.current?.cancel();
    running.current = undefined;
    setState((s) => ({ ...s, running: false, progress: undefined }));
  }, []);
  const run = useCallback(
    (options?: { callers: boolean }) => {
      running.current?.cancel();
      const { sop, text, key, locale } = inputRef.current;
      const job = analysis.runConsequences(
        {
          sop,
          draft: { path: sopPath(sop), text },
          locale,
          callersBudgetMs: options?.callers ? CALLER_BUDGET_MS : undefined,
        },
        (progress) => setState((s) => ({ ...s, progress })),
      );
      running.current = job;
      setState((s) => ({ ...s, running: true, progress: undefined, error: undefined }));
      job.result.then(
        (result) => {
          if (running.current !== job) return;
          running.current = undefined;
          setState(result ? { result, key, running: false } : (s) => ({ ...s, running: false }));
        },
        (error: unknown) => {
          if (running.current !== job) return;
          running.current = undefined;
          setState((s) => ({ ...s, running: false, error: error instanceof Error ? error.message : String(error) }));
        },
      );
    },
    [analysis],
  );
  useEffect(() => () => running.current?.cancel(), []);
  return { ...state, run, cancel };
}
