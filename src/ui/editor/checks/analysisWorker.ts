/// <reference lib="webworker" />
// The engine's analysis, off the page's thread: problems on every keystroke, and the consequences of publishing
// (scenarios, invariants, diff), which take seconds. Only runAnalysis.ts talks to this worker.
import {
  checkSop,
  diffSops,
  type LoadedLibrary,
  loadLibrary,
  runScenario,
  type SourceFile,
} from "../../../engine/index";
import type { AnalysisRequest, AnalysisResponse, Consequences, ScenarioVerdict } from "./analysisProtocol";
import { callersOf, checkCallers } from "./callerChecks";

let files: SourceFile[] = [];
let published: LoadedLibrary | undefined;
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: AnalysisResponse): void {
  scope.postMessage(message);
}

function withDraft(draft: SourceFile): SourceFile[] {
  return [...files.filter((f) => f.path !== draft.path), draft];
}

scope.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  try {
    if (request.type === "library") {
      files = request.files;
      published = undefined;
    } else if (request.type === "problems") {
      checkProblems(request.id, request.draft);
    } else if (request.type === "diff") {
      const before = loadLibrary(withDraft(request.before)).compiled.get(request.sop);
      const after = loadLibrary(withDraft(request.after)).compiled.get(request.sop);
      const diff = before && after ? diffSops(before, after, { locale: request.locale }) : undefined;
      post({ type: "diff", id: request.id, diff });
    } else {
      post({ type: "consequences", id: request.id, result: consequences(request) });
    }
  } catch (error) {
    post({
      type: "failed",
      id: "id" in request ? request.id : -1,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};

let latestProblems = -1;
const proceduresByText = new Map<string, { id?: string; sop?: string; procedures: string[] }>();

/** What a file says of itself, read once per text: an SOP's id and procedures, a scenario's SOP. */
function readRefs(file: SourceFile): { id?: string; sop?: string; procedures: string[] } {
  let refs = proceduresByText.get(file.text);
  if (!refs) {
    refs = { procedures: [] };
    try {
      const value = JSON.parse(file.text) as {
        id?: unknown;
        sop?: unknown;
        steps?: Record<string, { kind?: string; sop?: string }>;
      };
      if (typeof value.id === "string") refs.id = value.id;
      if (typeof value.sop === "string") refs.sop = value.sop;
      for (const step of Object.values(value.steps ?? {}))
        if (step?.kind === "procedure" && typeof step.sop === "string") refs.procedures.push(step.sop);
    } catch {
      // Broken JSON: loadLibrary says where.
    }
    if (proceduresByText.size > 500) proceduresByText.clear();
    proceduresByText.set(file.text, refs);
  }
  return refs;
}

/**
 * Problems in two passes: first the draft with the catalog, the SOPs it runs and its own scenarios (the draft's
 * problems, fast), then the whole library (what the edit breaks elsewhere). A newer text skips the second pass of
 * an older one.
 */
function checkProblems(id: number, draft: SourceFile): void {
  latestProblems = id;
  const started = performance.now();
  const all = withDraft(draft);
  const sops = new Map(all.filter((f) => f.path.endsWith(".sop.json")).map((f) => [readRefs(f).id ?? f.path, f]));
  const draftId = readRefs(draft).id;
  const closure = new Set<string>();
  const visit = (sop: string | undefined) => {
    if (!sop || closure.has(sop)) return;
    closure.add(sop);
    const file = sops.get(sop);
    if (file) for (const callee of readRefs(file).procedures) visit(callee);
  };
  visit(draftId);
  const near = all.filter((f) => {
    if (f === draft) return true;
    if (f.path.endsWith(".sop.json")) return closure.has(readRefs(f).id ?? "");
    // Scenarios' problems are in their own files: the second pass finds them.
    return !f.path.endsWith(".scenario.json");
  });
  const own = loadLibrary(near).issues.filter((i) => i.file === draft.path);
  post({ type: "problems", id, phase: "own", issues: own, ms: performance.now() - started });
  // A moment's wait lets a newer text (the author still typing) arrive first and take over.
  setTimeout(() => {
    if (latestProblems !== id) return;
    const whole = loadLibrary(all);
    post({ type: "problems", id, phase: "all", issues: whole.issues, ms: performance.now() - started });
  }, 20);
}

function consequences(request: Extract<AnalysisRequest, { type: "consequences" }>): Consequences {
  published ??= loadLibrary(files);
  const draft = loadLibrary(withDraft(request.draft));
  const notes: string[] = [];
  const draftCompiled = draft.compiled.get(request.sop);
  const before = published.compiled.get(request.sop);
  // Scenarios of every SOP whose bundle holds the edited one: a change to a procedure shows in its callers' too.
  const concerned = draft.scenarios.filter(({ scenario }) => {
    const compiled = draft.compiled.get(scenario.sop) ?? published?.compiled.get(scenario.sop);
    return (
      scenario.sop === request.sop ||
      (compiled ? [...compiled.scopes.values()].some((s) => s.sop.id === request.sop) : false)
    );
  });
  const scenarios: ScenarioVerdict[] = [];
  for (const [index, { file, scenario }] of concerned.entries()) {
    post({ type: "progress", id: request.id, phase: "scenarios", done: index, total: concerned.length });
    const now = draft.compiled.get(scenario.sop);
    const then = published.compiled.get(scenario.sop);
    if (!now) {
      scenarios.push({
        file,
        id: scenario.id,
        title: scenario.title,
        sop: scenario.sop,
        status: "failed",
        differences: ["not-compiled"],
      });
      continue;
    }
    const after = runScenario(now, scenario, { locale: request.locale });
    const result = then ? runScenario(then, scenario, { locale: request.locale }) : undefined;
    const same = result && JSON.stringify(summary(result.view)) === JSON.stringify(summary(after.view));
    scenarios.push({
      file,
      id: scenario.id,
      title: scenario.title,
      sop: scenario.sop,
      status: !after.passed ? "failed" : same || !result ? "passed" : "changed",
      differences: after.differences,
    });
  }
  post({ type: "progress", id: request.id, phase: "invariants", done: 0, total: 1 });
  const check = draftCompiled
    ? checkSop(draftCompiled, { locale: request.locale, control: { now: () => performance.now() } })
    : undefined;
  if (!draftCompiled) notes.push("not-compiled");
  post({ type: "progress", id: request.id, phase: "diff", done: 0, total: 1 });
  const diff = draftCompiled && before ? diffSops(before, draftCompiled, { locale: request.locale }) : undefined;
  if (!before) notes.push("no-published");
  const order = { failed: 0, changed: 1, passed: 2 };
  scenarios.sort((a, b) => order[a.status] - order[b.status] || a.id.localeCompare(b.id));
  const runBy = callersOf(draft, request.sop).map((id) => ({
    sop: id,
    title: draft.compiled.get(id)!.definition.title,
  }));
  if (request.callersBudgetMs === undefined || !draftCompiled) return { scenarios, check, diff, notes, runBy };
  const callers = checkCallers(draft, request.sop, {
    locale: request.locale,
    budgetMs: request.callersBudgetMs,
    now: () => performance.now(),
    onCaller: (done, total, partial) =>
      post({
        type: "progress",
        id: request.id,
        phase: "callers",
        done,
        total,
        partial: { scenarios, check, diff, notes, runBy, callers: partial },
      }),
  });
  return { scenarios, check, diff, notes, runBy, callers };
}

function summary(view: { outcome?: unknown; flags?: unknown; referrals?: unknown }) {
  return { outcome: view.outcome, flags: view.flags, referrals: view.referrals };
}
