import type { CompiledSop } from "../compile/CompiledSop";
import { compileSop } from "../compile/compileSop";
import { hasErrors, type Issue, issue, SendaError } from "../errors";
import { suggestion } from "./didYouMean";
import { lintCatalogFile } from "./lintProtection";
import { lintSop } from "./lintSop";
import { type LoadResult, loadCatalog, loadScenario, loadSop, mergeCatalogs } from "./loadDocument";
import type { Catalog, Scenario, SopDefinition, SopLibrary } from "./types";

/** A file handed to the engine by whoever can read files (the CLI, a test, the editor). */
export interface SourceFile {
  path: string;
  text: string;
}

/** What kind of document a path holds, by the library's naming rules. */
export function classifyPath(path: string): "sop" | "catalog" | "scenario" | undefined {
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

/**
 * Loads an SOP library from its files: catalogs are merged, SOPs validated, linted against the whole library and
 * compiled; scenarios validated and checked against the SOPs. Never throws for bad content: everything wrong is
 * an issue with file, line, column and JSON pointer.
 */
export function loadLibrary(files: readonly SourceFile[]): LoadedLibrary {
  const issues: Issue[] = [];
  const catalogs: LoadResult<Catalog>[] = [];
  const sops: LoadResult<SopDefinition>[] = [];
  const scenarios: LoadResult<Scenario>[] = [];
  for (const file of files) {
    const kind = classifyPath(file.path);
    if (kind === "catalog") catalogs.push(loadCatalog(file.text, file.path));
    else if (kind === "sop") sops.push(loadSop(file.text, file.path));
    else if (kind === "scenario") scenarios.push(loadScenario(file.text, file.path));
  }
  for (const loaded of [...catalogs, ...sops, ...scenarios]) issues.push(...loaded.issues);
  const merged = mergeCatalogs(catalogs);
  issues.push(...merged.issues);
  for (const loaded of catalogs)
    if (loaded.value) issues.push(...lintCatalogFile(loaded.value, merged.catalog).map((i) => at(loaded, i)));

  const library: SopLibrary = { sops: new Map(), catalog: merged.catalog };
  const sopFiles = new Map<string, string>();
  const broken = new Set<string>();
  const located = new Map<string, LoadResult<SopDefinition>>();
  for (const loaded of sops) {
    if (!loaded.value) continue;
    const id = loaded.value.id;
    if (library.sops.has(id)) {
      // Which of the two is meant is anyone's guess: compile neither.
      broken.add(id);
      issues.push(
        at(
          loaded,
          issue(
            "duplicate-id",
            `The SOP id "${id}" is also used by ${sopFiles.get(id)}; each SOP needs its own id.`,
            "/id",
          ),
        ),
      );
      continue;
    }
    library.sops.set(id, loaded.value);
    sopFiles.set(id, loaded.file);
    located.set(id, loaded);
  }

  for (const [id, sop] of library.sops) {
    const loaded = located.get(id)!;
    const found = lintSop(sop, library, loaded.file).map((i) => at(loaded, i));
    issues.push(...found);
    // Errors found while loading count too (a duplicate key passes the schema but is still an error).
    if (hasErrors(found) || hasErrors(loaded.issues)) broken.add(id);
  }
  const compiled = new Map<string, CompiledSop>();
  for (const [id, sop] of library.sops) {
    if (broken.has(id) || dependsOnBroken(sop, library, broken, new Set())) continue;
    try {
      compiled.set(id, compileSop(sop, library));
    } catch (error) {
      if (!(error instanceof SendaError)) throw error;
      issues.push(at(located.get(id)!, issue("schema", `The SOP cannot be compiled: ${error.message}`, "")));
    }
  }

  const loadedScenarios: { file: string; scenario: Scenario }[] = [];
  const scenarioIds = new Map<string, string>();
  for (const loaded of scenarios) {
    if (!loaded.value) continue;
    const scenario = loaded.value;
    if (!library.sops.has(scenario.sop))
      issues.push(
        at(
          loaded,
          issue(
            "unknown-sop",
            `The scenario enters the SOP "${scenario.sop}", which is not in the library.${suggestion(scenario.sop, library.sops.keys())}`,
            "/sop",
          ),
        ),
      );
    if (scenarioIds.has(scenario.id))
      issues.push(
        at(
          loaded,
          issue(
            "duplicate-id",
            `The scenario id "${scenario.id}" is also used by ${scenarioIds.get(scenario.id)}.`,
            "/id",
          ),
        ),
      );
    else scenarioIds.set(scenario.id, loaded.file);
    if (!loaded.file.endsWith(`${scenario.id}.scenario.json`))
      issues.push(
        at(
          loaded,
          issue(
            "id-mismatch",
            `The scenario id "${scenario.id}" does not match its file name; name the file "${scenario.id}.scenario.json".`,
            "/id",
            "warning",
          ),
        ),
      );
    loadedScenarios.push({ file: loaded.file, scenario });
  }
  return { library, sopFiles, scenarios: loadedScenarios, compiled, issues };
}

function dependsOnBroken(sop: SopDefinition, library: SopLibrary, broken: Set<string>, seen: Set<string>): boolean {
  if (seen.has(sop.id)) return false;
  seen.add(sop.id);
  for (const step of Object.values(sop.steps)) {
    if (step.kind !== "procedure") continue;
    const callee = library.sops.get(step.sop);
    if (!callee || broken.has(callee.id) || dependsOnBroken(callee, library, broken, seen)) return true;
  }
  return false;
}

function at<T>(loaded: LoadResult<T>, found: Issue): Issue {
  return { ...found, file: loaded.file, ...loaded.locate(found.pointer) };
}
