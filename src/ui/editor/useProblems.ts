import { useEffect, useRef, useState } from "react";
import type { Issue } from "../../engine/index";
import type { Analysis, ProblemReport } from "./checks/runAnalysis";
import type { Draft } from "./draft/useDraft";
import { sopPath } from "./library/useLibraryFiles";

/** The problems of the draft's current text, or `checking` while the newest text has not been checked yet. */
export interface Problems {
  /** True until the whole library has been checked with the newest text. */
  checking: boolean;
  /** True once the draft's own problems are known for the newest text (the rest of the library may still run). */
  ownChecked: boolean;
  /** The last report; never shown as current when `checking`. */
  report?: ProblemReport;
  own: Issue[];
  elsewhere: Issue[];
  /** Milliseconds from the change to its problems being shown, for the last change: the draft's, then all. */
  latency?: { own?: number; all?: number };
}

/**
 * Sends every text of the draft to the analysis worker and keeps the answer for the newest one only: an answer
 * for an older text (the author typed on) is dropped by its version number, so a stale verdict is never shown.
 */
export function useProblems(analysis: Analysis, draft: Draft, sop: string): Problems {
  const [report, setReport] = useState<ProblemReport>();
  const [own, setOwn] = useState<ProblemReport>();
  const [latency, setLatency] = useState<{ own?: number; all?: number }>();
  const latest = useRef(draft.version);
  latest.current = draft.version;
  const { text, version } = draft;
  useEffect(() => {
    let live = true;
    const sent = performance.now();
    const onOwn = (answer: ProblemReport) => {
      if (!live || answer.version !== latest.current) return;
      setOwn(answer);
      setLatency({ own: performance.now() - sent });
    };
    analysis.checkProblems(version, { path: sopPath(sop), text }, onOwn).then((answer) => {
      if (!live || !answer || answer.version !== latest.current) return;
      setReport(answer);
      setLatency((l) => ({ ...l, all: performance.now() - sent }));
    });
    return () => {
      live = false;
    };
  }, [analysis, text, version, sop]);
  const checking = !report || report.version !== version;
  const ownChecked = !checking || own?.version === version;
  const path = sopPath(sop);
  const issues = report?.issues ?? [];
  return {
    checking,
    ownChecked,
    report,
    // The draft's own problems from the fast pass when the whole library has not caught up yet.
    own: checking && own?.version === version ? own.issues : issues.filter((i) => i.file === path),
    elsewhere: issues.filter((i) => i.file !== path),
    latency,
  };
}
