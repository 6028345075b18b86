import type { Issue } from "../errors";
import { addCatalogSettings, emptyCatalog } from "./catalogSettings";
import { validateCatalogSchema } from "./generated/validateCatalogSchema.js";
import { validateScenarioSchema } from "./generated/validateScenarioSchema.js";
import { validateSopSchema } from "./generated/validateSopSchema.js";
import { issue } from "./issueMessages";
import type { CatalogKind } from "./issueParams";
import { parseJson } from "./parseJson";
import { checkSchema, type PlaceOf, type SchemaValidator, scenarioSubjectOf, subjectOf } from "./schemaIssues";
import type { Catalog, CatalogGaps, CatalogIndex, DocumentKind, Scenario, SopDefinition } from "./types";

/** The outcome of loading one file: the value when it passed the schema, and every issue found, located. */
export interface LoadResult<T> {
  file: string;
  /** The value, only when the file is JSON that passed its schema: nothing else reaches lint or the graph code. */
  value?: T;
  /** The parsed JSON whatever the schema said, or undefined when the text is not JSON. */
  parsed?: unknown;
  issues: Issue[];
  /** Locates a JSON pointer in the file's text, for issues found later (lint). */
  locate: (pointer: string) => { line: number; column: number };
}

/** How to check a file's `$schema` against the schema files, for a caller that can see them (the CLI). */
export interface SchemaReferences {
  /** The `$schema` this file should have, relative to it, when the schema can be found. */
  expected(file: string, kind: DocumentKind): string | undefined;
  /** Whether `$schema`, resolved from the file's folder, names a file that exists. */
  exists(file: string, reference: string): boolean;
}

/** The published address of each schema (its `$id`), which a file may give instead of a relative path. */
const SCHEMA_ID = (kind: DocumentKind) => `https://senda.example/schemas/${kind}.schema.json`;

function loadWith<T>(
  kind: DocumentKind,
  validate: SchemaValidator,
  text: string,
  file: string,
  placeOf: PlaceOf,
  references?: SchemaReferences,
): LoadResult<T> {
  const { document: parsed, issues } = parseJson(text);
  const locate = (pointer: string) => parsed?.locate(pointer) ?? { line: 1, column: 1 };
  if (!parsed) return { file, issues: issues.map((i) => ({ ...i, file })), locate };
  const valid = validate(parsed.value);
  const found = valid ? [] : checkSchema(validate, parsed.value, placeOf);
  found.push(...checkSchemaReference(parsed.value, kind, file, references));
  // Parse issues are placed already (a duplicate key at its key); schema issues at their value.
  const all = [...issues, ...found].map((i) => ({
    ...i,
    file,
    ...(i.line === undefined ? parsed.locate(i.pointer) : {}),
  }));
  return { file, value: valid ? (parsed.value as T) : undefined, parsed: parsed.value, issues: all, locate };
}

/** A `$schema` that names another kind's schema, or (when the caller can tell) a file that is not there. */
function checkSchemaReference(
  value: unknown,
  kind: DocumentKind,
  file: string,
  references?: SchemaReferences,
): Issue[] {
  const reference = value && typeof value === "object" ? (value as { $schema?: unknown }).$schema : undefined;
  if (typeof reference !== "string" || reference === SCHEMA_ID(kind)) return [];
  const name = `${kind}.schema.json`;
  const known = references?.expected(file, kind);
  const expected = known ?? reference.replace(/[^/]*$/, name);
  if (!reference.endsWith(`/${name}`) && reference !== name)
    return [issue("schema-reference", { problem: "wrong-schema", value: reference, expected }, "/$schema")];
  // A missing target is reported only where the right one is known: a library copied away from its schemas is not
  // wrong, only incomplete.
  if (known !== undefined && !/^[a-z]+:/.test(reference) && !references!.exists(file, reference))
    return [issue("schema-reference", { problem: "missing-target", value: reference, expected }, "/$schema")];
  return [];
}

/** Parses and schema-checks an SOP definition. Lint (what a schema cannot say) is `lintSop`. */
export function loadSop(text: string, file = "<sop>", references?: SchemaReferences): LoadResult<SopDefinition> {
  return loadWith<SopDefinition>("sop", validateSopSchema as SchemaValidator, text, file, subjectOf, references);
}

/** Parses and schema-checks one catalog file. */
export function loadCatalog(text: string, file = "<catalog>", references?: SchemaReferences): LoadResult<Catalog> {
  return loadWith<Catalog>("catalog", validateCatalogSchema as SchemaValidator, text, file, subjectOf, references);
}

/** Parses and schema-checks one scenario file. */
export function loadScenario(text: string, file = "<scenario>", references?: SchemaReferences): LoadResult<Scenario> {
  return loadWith<Scenario>(
    "scenario",
    validateScenarioSchema as SchemaValidator,
    text,
    file,
    scenarioSubjectOf,
    references,
  );
}

const KINDS = ["services", "flags", "sites", "roles"] as const;
const KIND_OF: Record<(typeof KINDS)[number], CatalogKind> = {
  services: "service",
  flags: "flag",
  sites: "site",
  roles: "role",
};

/**
 * Merges catalog files into one index; an id defined twice is an issue at its second definition. Of a file that
 * fails its schema, the entries the schema has nothing against are kept, and the ids of the others are noted
 * (`gaps`), so that a reference to them is blamed on the catalog file, not on the SOP.
 */
export function mergeCatalogs(files: readonly LoadResult<Catalog>[]): { catalog: CatalogIndex; issues: Issue[] } {
  const catalog = emptyCatalog();
  const seenSettings = new Set<string>();
  const gaps: CatalogGaps = { broken: new Map(), unreadable: [] };
  const issues: Issue[] = [];
  const firstFile = new Map<string, string>();
  for (const loaded of files) {
    if (loaded.parsed === undefined) {
      gaps.unreadable.push(loaded.file);
      continue;
    }
    // A file's settings (urgency times, categories) count only when the whole file is sound.
    if (loaded.value) addCatalogSettings(catalog, loaded.value, seenSettings);
    const problems = loaded.value ? [] : loaded.issues.map((i) => i.pointer);
    const isBroken = (pointer: string) => problems.some((p) => p === pointer || p.startsWith(`${pointer}/`));
    const raw = loaded.parsed as Record<string, unknown>;
    for (const kind of KINDS) {
      const list = raw && typeof raw === "object" ? raw[kind] : undefined;
      if (!Array.isArray(list)) continue;
      const listBroken = problems.includes(`/${kind}`);
      const index = catalog[kind] as Map<string, { id: string }>;
      for (const [i, entry] of list.entries()) {
        const id = entry && typeof entry === "object" ? (entry as { id?: unknown }).id : undefined;
        if (typeof id !== "string") continue;
        if (listBroken || isBroken(`/${kind}/${i}`)) {
          gaps.broken.set(`${KIND_OF[kind]}:${id}`, loaded.file);
          continue;
        }
        if (index.has(id)) {
          const pointer = `/${kind}/${i}/id`;
          issues.push({
            ...issue("duplicate-id", { what: KIND_OF[kind], id, otherFile: firstFile.get(`${kind}:${id}`) }, pointer),
            file: loaded.file,
            ...loaded.locate(pointer),
          });
          continue;
        }
        index.set(id, entry);
        firstFile.set(`${kind}:${id}`, loaded.file);
      }
    }
  }
  if (gaps.broken.size > 0 || gaps.unreadable.length > 0) catalog.gaps = gaps;
  return { catalog, issues };
}

export { emptyCatalog };
