import { type Issue, issue } from "../errors";
import { addCatalogSettings, emptyCatalog } from "./catalogSettings";
import { validateCatalogSchema } from "./generated/validateCatalogSchema.js";
import { validateScenarioSchema } from "./generated/validateScenarioSchema.js";
import { validateSopSchema } from "./generated/validateSopSchema.js";
import { type JsonDocument, parseJson } from "./parseJson";
import { checkSchema, describeScenarioPlace, type SchemaValidator } from "./schemaIssues";
import type { Catalog, CatalogIndex, Scenario, SopDefinition } from "./types";

/** The outcome of loading one file: the value when it passed the schema, and every issue found, located. */
export interface LoadResult<T> {
  file: string;
  value?: T;
  issues: Issue[];
  /** Locates a JSON pointer in the file's text, for issues found later (lint). */
  locate: (pointer: string) => { line: number; column: number };
}

function loadWith<T>(
  validate: SchemaValidator,
  text: string,
  file: string,
  describe?: (pointer: string) => string,
): LoadResult<T> {
  const { document: parsed, issues } = parseJson(text);
  const locate = (pointer: string) => parsed?.locate(pointer) ?? { line: 1, column: 1 };
  if (!parsed) return { file, issues: issues.map((i) => ({ ...i, file })), locate };
  const schemaIssues = checkSchema(validate, parsed.value, describe).map((i) => placeIssue(i, file, parsed));
  const all = [...issues.map((i) => ({ ...i, file })), ...schemaIssues];
  return { file, value: schemaIssues.length === 0 ? (parsed.value as T) : undefined, issues: all, locate };
}

function placeIssue(found: Issue, file: string, parsed: JsonDocument): Issue {
  return { ...found, file, ...parsed.locate(found.pointer) };
}

/** Parses and schema-checks an SOP definition. Lint (what a schema cannot say) is `lintSop`. */
export function loadSop(text: string, file = "<sop>"): LoadResult<SopDefinition> {
  return loadWith<SopDefinition>(validateSopSchema as SchemaValidator, text, file);
}

/** Parses and schema-checks one catalog file. */
export function loadCatalog(text: string, file = "<catalog>"): LoadResult<Catalog> {
  return loadWith<Catalog>(validateCatalogSchema as SchemaValidator, text, file);
}

/** Parses and schema-checks one scenario file. */
export function loadScenario(text: string, file = "<scenario>"): LoadResult<Scenario> {
  return loadWith<Scenario>(validateScenarioSchema as SchemaValidator, text, file, describeScenarioPlace);
}

/** Merges catalog files into one index; an id defined twice is an issue at its second definition. */
export function mergeCatalogs(files: readonly LoadResult<Catalog>[]): { catalog: CatalogIndex; issues: Issue[] } {
  const catalog = emptyCatalog();
  const issues: Issue[] = [];
  const seenSettings = new Set<string>();
  for (const loaded of files) {
    if (!loaded.value) continue;
    addCatalogSettings(catalog, loaded.value, seenSettings);
    for (const kind of ["services", "flags", "sites", "roles"] as const) {
      const index = catalog[kind] as Map<string, { id: string }>;
      for (const [i, entry] of (loaded.value[kind] ?? []).entries()) {
        if (index.has(entry.id)) {
          const pointer = `/${kind}/${i}/id`;
          issues.push({
            ...issue(
              "duplicate-id",
              `${kind.slice(0, -1)} "${entry.id}" is defined twice in the catalog; keep one.`,
              pointer,
            ),
            file: loaded.file,
            ...loaded.locate(pointer),
          });
          continue;
        }
        index.set(entry.id, entry);
      }
    }
  }
  return { catalog, issues };
}

export { emptyCatalog };
