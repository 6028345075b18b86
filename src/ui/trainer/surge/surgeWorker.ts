/// <reference lib="webworker" />
/**
 * Runs a surge simulation off the page's thread, so the screen never freezes: receives a plan (and the text of its
 * CSV of daily counts), plays its personas through the shipped SOPs, simulates, and posts the result or the plan's
 * problems back. The shipped library is bundled into this worker alone, so only a simulation loads it.
 */
import {
  buildLibrary,
  type Catalog,
  type CompiledSop,
  compileSop,
  createRandom,
  type Issue,
  loadSurgePlan,
  prepareSurge,
  type Scenario,
  type SopDefinition,
  type SurgeResult,
  simulateSurge,
} from "../../../engine/index";

/** What the screen asks. */
export interface SurgeRequest {
  id: number;
  plan: unknown;
  csvText?: string;
}

/** What the worker answers. */
export type SurgeReply =
  | { id: number; ok: true; result: SurgeResult; warnings: Issue[]; elapsedMs: number }
  | { id: number; ok: false; issues: Issue[] }
  | { id: number; ok: false; failure: string };

const sops = import.meta.glob<SopDefinition>("/sop/*.sop.json", { eager: true, import: "default" });
const catalogs = import.meta.glob<Catalog>("/sop/catalog/*.json", { eager: true, import: "default" });
const scenarios = import.meta.glob<Scenario>("/sop/scenarios/*.scenario.json", { eager: true, import: "default" });

const library = buildLibrary(Object.values(sops), Object.values(catalogs));
const compiled = new Map<string, CompiledSop | undefined>();
const surgeLibrary = {
  compiled(id: string): CompiledSop | undefined {
    if (!compiled.has(id)) {
      const sop = library.sops.get(id);
      compiled.set(id, sop ? compileSop(sop, library) : undefined);
    }
    return compiled.get(id);
  },
  scenarios: Object.values(scenarios),
  catalog: library.catalog,
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<SurgeRequest>) => {
  const { id, plan, csvText } = event.data;
  try {
    const started = performance.now();
    const loaded = loadSurgePlan(JSON.stringify(plan), "plan");
    if (!loaded.plan) return reply({ id, ok: false, issues: loaded.issues });
    const prepared = prepareSurge(loaded.plan, surgeLibrary, { csvText, csvFile: "csv" });
    if (!prepared.surge) return reply({ id, ok: false, issues: prepared.issues });
    const result = simulateSurge(prepared.surge, createRandom(prepared.surge.seed));
    reply({ id, ok: true, result, warnings: prepared.issues, elapsedMs: performance.now() - started });
  } catch (error) {
    reply({ id, ok: false, failure: error instanceof Error ? error.message : String(error) });
  }
};

function reply(message: SurgeReply): void {
  scope.postMessage(message);
}
