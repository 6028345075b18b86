import type { Issue, SopDiff, SourceFile } from "../../../engine/index";
import type { AnalysisRequest, AnalysisResponse, Consequences } from "./analysisProtocol";

export type { CallerCheck, Consequences, ScenarioVerdict } from "./analysisProtocol";

/** The problems found for one text of the draft; `version` is the draft version they were computed for. */
export interface ProblemReport {
  version: number;
  issues: Issue[];
  /** Time the analysis took in the worker. */
  ms: number;
}

/** A long run that can be stopped. */
export interface Cancellable<T> {
  result: Promise<T | undefined>;
  cancel(): void;
}

/** Progress of the consequences: which phase, how far. */
export interface ConsequenceProgress {
  phase: "scenarios" | "invariants" | "diff" | "callers";
  done: number;
  total: number;
  /** What is known so far: scenarios and invariants while the diff runs. */
  partial?: Consequences;
}

/**
 * The editor's one door to the engine's analysis, run in Web Workers so that typing never waits for it: one
 * worker for problems (each request supersedes the one waiting, so the answer always concerns the newest text),
 * one for the consequences of publishing, stopped by terminating it. When the analysis API changes, this file
 * (and the worker behind it) is all that changes.
 */
export class Analysis {
  private files: SourceFile[] = [];
  private problems?: Worker;
  private busy = false;
  private waiting?: Pending & { draft: SourceFile };
  /** Requests sent whose whole-library answer has not come yet, by version. */
  private sent = new Map<number, Pending>();
  private nextId = 1;

  /** The library the draft is checked against: catalogs, scenarios and the newest version of every SOP. */
  setLibrary(files: SourceFile[]): void {
    this.files = files;
    this.problems?.postMessage({ type: "library", files } satisfies AnalysisRequest);
  }

  /**
   * Checks the whole library with `draft` in place of its SOP: schema, lint and compile problems in every file.
   * `onOwn` first gets the draft's own problems (checked with the SOPs it runs: fast); the promise resolves with
   * every file's problems, or with undefined when a newer text superseded this one.
   */
  checkProblems(
    version: number,
    draft: SourceFile,
    onOwn?: (report: ProblemReport) => void,
  ): Promise<ProblemReport | undefined> {
    return new Promise((resolve) => {
      this.waiting?.resolve(undefined);
      this.waiting = { version, draft, resolve, onOwn };
      this.pump();
    });
  }

  /** Plays the scenarios, checks the invariants and diffs against the published version, with progress. */
  runConsequences(
    input: { sop: string; draft: SourceFile; locale: string; callersBudgetMs?: number },
    onProgress: (progress: ConsequenceProgress) => void,
  ): Cancellable<Consequences> {
    const worker = startWorker();
    const id = this.nextId++;
    let settle: (value: Consequences | undefined) => void = () => undefined;
    const result = new Promise<Consequences | undefined>((resolve, reject) => {
      settle = resolve;
      worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
        const message = event.data;
        if (message.type === "progress") onProgress(message);
        else if (message.type === "consequences") {
          resolve(message.result);
          worker.terminate();
        } else if (message.type === "failed") {
          reject(new Error(message.message));
          worker.terminate();
        }
      };
      worker.onerror = (event) => {
        reject(new Error(event.message || "analysis worker failed"));
        worker.terminate();
      };
    });
    worker.postMessage({ type: "library", files: this.files } satisfies AnalysisRequest);
    worker.postMessage({
      type: "consequences",
      id,
      sop: input.sop,
      draft: input.draft,
      locale: input.locale,
      callersBudgetMs: input.callersBudgetMs,
    } satisfies AnalysisRequest);
    return {
      result,
      cancel: () => {
        worker.terminate();
        settle(undefined);
      },
    };
  }

  /** The path-level difference between two texts of one SOP, each checked against the library. */
  diffVersions(input: { sop: string; before: SourceFile; after: SourceFile; locale: string }): Cancellable<SopDiff> {
    const worker = startWorker();
    let settle: (value: SopDiff | undefined) => void = () => undefined;
    const result = new Promise<SopDiff | undefined>((resolve, reject) => {
      settle = resolve;
      worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
        const message = event.data;
        if (message.type === "diff") resolve(message.diff);
        else if (message.type === "failed") reject(new Error(message.message));
        else return;
        worker.terminate();
      };
      worker.onerror = (event) => {
        reject(new Error(event.message || "analysis worker failed"));
        worker.terminate();
      };
    });
    worker.postMessage({ type: "library", files: this.files } satisfies AnalysisRequest);
    worker.postMessage({
      type: "diff",
      id: this.nextId++,
      ...input,
    } satisfies AnalysisRequest);
    return {
      result,
      cancel: () => {
        worker.terminate();
        settle(undefined);
      },
    };
  }

  /** Stops the workers. */
  dispose(): void {
    this.problems?.terminate();
    this.problems = undefined;
    this.waiting?.resolve(undefined);
    for (const pending of this.sent.values()) pending.resolve(undefined);
    this.sent.clear();
  }

  private pump(): void {
    if (this.busy || !this.waiting) return;
    const { draft, ...pending } = this.waiting;
    this.waiting = undefined;
    this.busy = true;
    this.sent.set(pending.version, pending);
    this.problemWorker().postMessage({ type: "problems", id: pending.version, draft } satisfies AnalysisRequest);
  }

  private problemWorker(): Worker {
    if (this.problems) return this.problems;
    const worker = startWorker();
    worker.postMessage({ type: "library", files: this.files } satisfies AnalysisRequest);
    worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
      const message = event.data;
      if (message.type !== "problems") {
        if (message.type === "failed") {
          this.sent.get(message.id)?.resolve(undefined);
          this.sent.delete(message.id);
        }
        this.busy = false;
        this.pump();
        return;
      }
      const pending = this.sent.get(message.id);
      const report = { version: message.id, issues: message.issues, ms: message.ms };
      if (message.phase === "own") {
        // Older requests will get no whole-library answer: the worker skips them for this one.
        for (const [version, older] of this.sent)
          if (version < message.id) {
            older.resolve(undefined);
            this.sent.delete(version);
          }
        pending?.onOwn?.(report);
        this.busy = false;
        this.pump();
      } else {
        this.sent.delete(message.id);
        pending?.resolve(report);
      }
    };
    worker.onerror = () => {
      // A crashed worker is replaced on the next request; what was in flight is answered "superseded".
      for (const pending of this.sent.values()) pending.resolve(undefined);
      this.sent.clear();
      this.busy = false;
      this.problems?.terminate();
      this.problems = undefined;
      this.pump();
    };
    this.problems = worker;
    return worker;
  }
}

interface Pending {
  version: number;
  resolve: (report: ProblemReport | undefined) => void;
  onOwn?: (report: ProblemReport) => void;
}

function startWorker(): Worker {
  return new Worker(new URL("./analysisWorker.ts", import.meta.url), { type: "module", name: "senda-analysis" });
}
