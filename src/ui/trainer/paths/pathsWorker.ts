/// <reference lib="webworker" />
/**
 * The SOP's paths and its coverage by the scenarios, off the page's thread (an exploration takes seconds): the
 * trainer's one call into the engine's path analysis (`modelSop`, `enumeratePaths`, `coverScenarios`,
 * `describeActions`). The shipped library is bundled into this worker alone.
 */
import {
  type AnswerText,
  answerSpacesOf,
  buildLibrary,
  type Catalog,
  type CompiledSop,
  compileSop,
  coverScenarios,
  describeActions,
  enumeratePaths,
  type Missed,
  modelSop,
  pickText,
  type Scenario,
  type SopDefinition,
  type SopPath,
  type Text,
} from "../../../engine/index";
import { playReference } from "../trainerEngine";

/** What a screen asks: the paths of an SOP, and with `coverage` how the scenarios cover them. */
export interface PathsRequest {
  id: number;
  sop: string;
  coverage: boolean;
  /** The language of the coverage's answers. */
  locale: string;
  limit?: number;
}

/** One path, with its answers in words in every interface language and the scenarios that take it. */
export interface PathSummary extends Omit<SopPath, "violations" | "signature"> {
  answers: Record<string, AnswerText[]>;
  scenarios: string[];
}

/** A route no scenario takes: from which step to which, by their titles, and answers that take it. */
export interface MissedRoute {
  step: string;
  from: Text;
  to: Text;
  answers: AnswerText[];
}

/** A referral (made or declined) no scenario produces. */
export interface MissedReferral {
  step: string;
  service: Text;
  status: string;
}

/** Coverage as the explorer shows it. */
export interface CoverageSummary {
  paths: { covered: number; total: number };
  steps: { covered: number; total: number };
  routes: { covered: number; total: number };
  referrals: { covered: number; total: number };
  missed: { routes: MissedRoute[]; referrals: MissedReferral[] };
}

export type PathsReply =
  | {
      id: number;
      ok: true;
      sop: string;
      title: Text;
      steps: SopDefinition["steps"];
      start: string;
      paths: PathSummary[];
      total: number;
      complete: boolean;
      coverage?: CoverageSummary;
      /** With `coverage`: the steps each of the SOP's scenarios visits, to highlight it. */
      scenarioSteps?: Record<string, string[]>;
    }
  | { id: number; ok: false; failure: string };

const LOCALES = ["es", "en"];
/** Paths coverage matches scenarios against (the engine's default). */
const COVERAGE_PATHS = 5000;
const sops = import.meta.glob<SopDefinition>("/sop/*.sop.json", { eager: true, import: "default" });
const catalogs = import.meta.glob<Catalog>("/sop/catalog/*.json", { eager: true, import: "default" });
const scenarios = import.meta.glob<Scenario>("/sop/scenarios/*.scenario.json", { eager: true, import: "default" });
const library = buildLibrary(Object.values(sops), Object.values(catalogs));
const compiled = new Map<string, CompiledSop>();

function compiledSop(id: string): CompiledSop {
  let found = compiled.get(id);
  if (!found) {
    const sop = library.sops.get(id);
    if (!sop) throw new Error(`The SOP "${id}" is not shipped with this version of the app.`);
    found = compileSop(sop, library);
    compiled.set(id, found);
  }
  return found;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<PathsRequest>) => {
  const request = event.data;
  try {
    scope.postMessage(explore(request));
  } catch (error) {
    scope.postMessage({
      id: request.id,
      ok: false,
      failure: error instanceof Error ? error.message : String(error),
    } satisfies PathsReply);
  }
};

function explore(request: PathsRequest): PathsReply {
  const sop = compiledSop(request.sop);
  const limit = request.limit ?? 300;
  const spaces = answerSpacesOf(sop);
  // Coverage matches scenarios against up to COVERAGE_PATHS paths: list as many, so that the same paths are known.
  const list = enumeratePaths(modelSop(sop, { purpose: "results" }, spaces), {
    limit: request.coverage ? COVERAGE_PATHS : limit,
  });
  const byPath = new Map<string, string[]>();
  let coverage: CoverageSummary | undefined;
  let scenarioSteps: Record<string, string[]> | undefined;
  if (request.coverage) {
    const own = Object.values(scenarios).filter((s) => s.sop === request.sop);
    const covered = coverScenarios(sop, own, { locale: request.locale, pathLimit: COVERAGE_PATHS });
    scenarioSteps = Object.fromEntries(own.map((s) => [s.id, [...playReference(sop, s).session.context.visitedSet]]));
    for (const s of covered.scenarios)
      if (s.path !== undefined) byPath.set(s.path, [...(byPath.get(s.path) ?? []), s.id]);
    coverage = {
      paths: { covered: covered.paths.covered, total: covered.paths.total },
      steps: covered.steps,
      routes: covered.routes,
      referrals: covered.referrals,
      missed: {
        routes: covered.missed.routes.flatMap((m) => missedRoute(sop, m)),
        referrals: covered.missed.referrals.flatMap((m) => missedReferral(sop, m)),
      },
    };
  }
  return {
    id: request.id,
    ok: true,
    sop: sop.id,
    title: sop.definition.title,
    steps: sop.definition.steps,
    start: sop.definition.start,
    total: list.total,
    complete: list.countExact,
    // Every path a scenario takes, then the first others, in their order.
    paths: [
      ...list.paths.filter((p) => byPath.has(p.signature)),
      ...list.paths.filter((p) => !byPath.has(p.signature)).slice(0, limit),
    ]
      .sort((a, b) => a.index - b.index)
      .map(({ violations: _v, signature, ...path }) => ({
        ...path,
        answers: Object.fromEntries(
          LOCALES.map((locale) => [locale, describeActions(sop, spaces, path.actions, locale)]),
        ),
        scenarios: byPath.get(signature) ?? [],
      })),
    coverage,
    scenarioSteps,
  };
}

/** A missed route is keyed "step#index", the index from 0. */
function missedRoute(sop: CompiledSop, missed: Missed): MissedRoute[] {
  const at = missed.key.lastIndexOf("#");
  const step = missed.key.slice(0, at);
  const placed = sop.steps.get(step)?.step;
  if (!placed || placed.kind === "end" || typeof placed.next === "string") return [];
  const route = placed.next[Number(missed.key.slice(at + 1))];
  const scope = step.includes("/") ? step.slice(0, step.lastIndexOf("/") + 1) : "";
  return [
    { step, from: titleOf(sop, step), to: titleOf(sop, `${scope}${route?.to ?? ""}`), answers: missed.answers ?? [] },
  ];
}

/** A missed referral is keyed "step:status". */
function missedReferral(sop: CompiledSop, missed: Missed): MissedReferral[] {
  const at = missed.key.lastIndexOf(":");
  const step = missed.key.slice(0, at);
  const placed = sop.steps.get(step)?.step;
  if (placed?.kind !== "referral") return [];
  const service = sop.catalog.services.get(placed.service)?.name ?? { es: placed.service, en: placed.service };
  return [{ step, service, status: missed.key.slice(at + 1) }];
}

function titleOf(sop: CompiledSop, path: string): Text {
  const step = sop.steps.get(path)?.step;
  const title = step && "title" in step ? step.title : undefined;
  return title && pickText(title, "es") ? title : { es: path, en: path };
}
