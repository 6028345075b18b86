import type { CompiledSop } from "../compile/CompiledSop";
import { compileSop } from "../compile/compileSop";
import { hasErrors, type Issue, SendaError } from "../errors";
import type { ExpressionScope } from "../expression/ExpressionScope";
import { didYouMean } from "./didYouMean";
import { issue } from "./issueMessages";
import { lintScenario } from "./lint/lintScenario";
import { findMissingTranslations } from "./lint/lintTranslations";
import { lintCatalogFile } from "./lintProtection";
import { lintSopWithScope } from "./lintSop";
import {
  type LoadResult,
  loadCatalog,
  loadScenario,
  loadSop,
  mergeCatalogs,
  type SchemaReferences,
} from "./loadDocument";
import { stepValues } from "./stepGraph";
import type { Catalog, DocumentKind, Scenario, SopDefinition, SopLibrary } from "./types";

/** A file handed to the engine by whoever can read files (the CLI, a test, the editor). */
export interface SourceFile {
  path: string;
  text: string;
}

/** What kind of document a path holds, by the library's naming rules. */
export function classifyPath(path: string): DocumentKind | undefined {
  if (path.endsWith(".sop.json")) return "sop";
  if (path.endsWith(".scenario.json")) return "scenario";
  if (/(^|\/)catalog\/[^/]+\.json$/.test(path)) return "catalog";
  return undefined;
}

/** A whole library loaded, linted and compiled, with every issue located in its file. */
export interface LoadedLibrary {
  library: SopLibrary;
  /** The file each SOP came from, by SOP id. */
  sopFiles: Map<string, string>;
  scenarios: { file: string; scenario: Scenario }[];
  /** Compiled SOPs, for every SOP without errors (its own or its procedures'). */
  compiled: Map<string, CompiledSop>;
  issues: Issue[];
}

/** Options of `loadLibrary`. */
export interface LoadOptions {
  /** How to check each file's `$schema` against the schema files, when the caller can see them. */
  schemaReferences?: SchemaReferences;
}

/**
 * Loads an SOP library from its files: catalogs are merged, SOPs validated, linted against the whole library and
 * compiled; scenarios validated and checked against their SOPs. Never throws for bad content: everything wrong is
 * an issue with file, line, column, JSON pointer and params. A file its schema rejects is never linted.
 *
 * @example
 * const { issues, compiled } = loadLibrary([{ path: "uasc.sop.json", text }, { path: "catalog/flags.json", text: flags }]);
 */
export function loadLibrary(files: readonly SourceFile[], options: LoadOptions = {}): LoadedLibrary {
  const issues: Issue[] = [];
  const catalogs: LoadResult<Catalog>[] = [];
  const sops: LoadResult<SopDefinition>[] = [];
  const scenarios: LoadResult<Scenario>[] = [];
  const references = options.schemaReferences;
  for (const file of files) {
    const kind = classifyPath(file.path);
    if (kind === "catalog") catalogs.push(loadCatalog(file.text, file.path, references));
    else if (kind === "sop") sops.push(loadSop(file.text, file.path, references));
    else if (kind === "scenario") scenarios.push(loadScenario(file.text, file.path, references));
  }
  for (const loaded of [...catalogs, ...sops, ...scenarios]) issues.push(...loaded.issues);
  const merged = mergeCatalogs(catalogs);
  issues.push(...merged.issues);
  for (const loaded of catalogs)
    if (loaded.value) issues.push(...lintCatalogFile(loaded.value, merged.catalog).map((i) => at(loaded, i)));
  // A scenario's texts need both languages too (an SOP's and a catalog file's are checked by their lint).
  for (const loaded of scenarios)
    if (loaded.value)
      for (const { pointer, params } of findMissingTranslations(loaded.value, "scenario"))
        issues.push(at(loaded, issue("missing-translation", params, pointer)));

  const library: SopLibrary = { sops: new Map(), catalog: merged.catalog };
  const sopFiles = new Map<string, string>();
  const broken = new Set<string>();
  const located = new Map<string, LoadResult<SopDefinition>>();
  const unloaded = new Map<string, string>();
  for (const loaded of sops) {
    if (!loaded.value) {
      const id = idOf(loaded.parsed) ?? idOfFile(loaded.file, ".sop.json");
      if (id !== undefined && !unloaded.has(id)) unloaded.set(id, loaded.file);
      continue;
    }
    const id = loaded.value.id;
    if (library.sops.has(id)) {
      // Which of the two is meant is anyone's guess: compile neither.
      broken.add(id);
      issues.push(at(loaded, issue("duplicate-id", { what: "sop", id, otherFile: sopFiles.get(id) }, "/id")));
      continue;
    }
    library.sops.set(id, loaded.value);
    sopFiles.set(id, loaded.file);
    located.set(id, loaded);
  }
  for (const id of library.sops.keys()) unloaded.delete(id);
  if (unloaded.size > 0) library.unloaded = unloaded;
  const renamed = new Map<string, string>();
  for (const [id, file] of sopFiles) {
    const named = idOfFile(file, ".sop.json");
    if (named !== undefined && named !== id && !library.sops.has(named)) renamed.set(named, id);
  }
  if (renamed.size > 0) library.renamed = renamed;

  // Each SOP's CEL environment, as lint built it: compilation takes it over.
  const expressionScopes = new Map<SopDefinition, ExpressionScope>();
  for (const [id, sop] of library.sops) {
    const loaded = located.get(id)!;
    const linted = lintSopWithScope(sop, library, loaded.file);
    expressionScopes.set(sop, linted.scope);
    const found = linted.issues.map((i) => at(loaded, i));
    issues.push(...found);
    // Errors found while loading count too (a duplicate key passes the schema but is still an error).
    if (hasErrors(found) || hasErrors(loaded.issues)) broken.add(id);
  }
  const compiled = new Map<string, CompiledSop>();
  for (const [id, sop] of library.sops) {
    if (broken.has(id) || dependsOnBroken(sop, library, broken)) continue;
    try {
      compiled.set(id, compileSop(sop, library, undefined, expressionScopes));
    } catch (error) {
      if (!(error instanceof SendaError)) throw error;
      issues.push(
        at(located.get(id)!, issue("schema", { rule: "other", detail: `cannot be compiled: ${error.message}` }, "")),
      );
    }
  }

  const loadedScenarios: { file: string; scenario: Scenario }[] = [];
  const scenarioIds = new Map<string, string>();
  for (const loaded of scenarios) {
    if (!loaded.value) continue;
    const scenario = loaded.value;
    const sop = library.sops.get(scenario.sop);
    if (sop) issues.push(...lintScenario(scenario, sop, library).map((i) => at(loaded, i)));
    else {
      const brokenFile = unloaded.get(scenario.sop);
      const suggestion =
        brokenFile === undefined
          ? (library.renamed?.get(scenario.sop) ?? didYouMean(scenario.sop, library.sops.keys()))
          : undefined;
      issues.push(
        at(loaded, issue("unknown-sop", { context: "scenario", sop: scenario.sop, brokenFile, suggestion }, "/sop")),
      );
    }
    const other = scenarioIds.get(scenario.id);
    if (other !== undefined)
      issues.push(at(loaded, issue("duplicate-id", { what: "scenario", id: scenario.id, otherFile: other }, "/id")));
    else scenarioIds.set(scenario.id, loaded.file);
    if (!loaded.file.endsWith(`${scenario.id}.scenario.json`))
      issues.push(
        at(
          loaded,
          issue(
            "id-mismatch",
            { kind: "scenario", id: scenario.id, expectedFile: `${scenario.id}.scenario.json` },
            "/id",
          ),
        ),
      );
    loadedScenarios.push({ file: loaded.file, scenario });
  }
  return { library, sopFiles, scenarios: loadedScenarios, compiled, issues };
}

/** Whether an SOP runs, directly or through others, a procedure that is missing or broken. Iterative. */
function dependsOnBroken(sop: SopDefinition, library: SopLibrary, broken: Set<string>): boolean {
  const seen = new Set([sop.id]);
  const queue = [sop];
  while (queue.length > 0) {
    for (const step of stepValues(queue.shift()!)) {
      if (step.kind !== "procedure" || seen.has(step.sop)) continue;
      seen.add(step.sop);
      const callee = library.sops.get(step.sop);
      if (!callee || broken.has(callee.id)) return true;
      queue.push(callee);
    }
  }
  return false;
}

/** The `id` of a parsed document, when it has a usable one. */
function idOf(parsed: unknown): string | undefined {
  const id = parsed && typeof parsed === "object" ? (parsed as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The id a file's name gives (`sop/uasc.sop.json` → `uasc`). */
export function idOfFile(file: string, suffix: string): string | undefined {
  const name = file.slice(file.lastIndexOf("/") + 1);
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
}

function at<T>(loaded: LoadResult<T>, found: Issue): Issue {
  return { ...found, file: loaded.file, ...loaded.locate(found.pointer) };
}
