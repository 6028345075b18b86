import { useEffect, useRef, useState } from "react";
import type { Issue } from "../../engine/index";
import type { Analysis, ProblemReport } from "./checks/runAnalysis";
import type { Draft } from "./draft/useDraft";
import { sopPath } from "./library/useLibraryFiles";

/** The problems of the draft's current text, or `checking` while the newest text has not been checked yet. */
export interface Problems {
  checking: boolean;
  /** The last report; never shown as current when `checking`. */
  report?: ProblemReport;
  own: Issue[];
  elsewhere: Issue[];
  /** Milliseconds from the change to its problems being shown, for the last change. */
  latency?: number;
}

/**
 * Sends every text of the draft to the analysis worker and keeps the answer for the newest one only: an answer
 * for an older text (the author typed on) is dropped by its version number, so a stale verdict is never shown.
 */
export function useProblems(analysis: Analysis, draft: Draft, sop: string): Problems {
  const [report, setReport] = useState<ProblemReport>();
  const [latency, setLatency] = useState<number>();
  const sentAt = useRef(new Map<number, number>());
  const latest = useRef(draft.version);
  latest.current = draft.version;
  const { text, version } = draft;
  useEffect(() => {
    sentAt.current.set(version, performance.now());
    let live = true;
    analysis.checkProblems(version, { path: sopPath(sop), text }).then((answer) => {
      if (!live || !answer || answer.version !== latest.current) return;
      const started = sentAt.current.get(answer.version);
      sentAt.current.clear();
      setReport(answer);
      if (started !== undefined) setLatency(performance.now() - started);
    });
    return () => {
      live = false;
    };
  }, [analysis, text, version, sop]);
  const checking = !report || report.version !== version;
  const path = sopPath(sop);
  const issues = report?.issues ?? [];
  return {
    checking,
    report,
    own: issues.filter((i) => i.file === path),
    elsewhere: issues.filter((i) => i.file !== path),
    latency,
  };
}
