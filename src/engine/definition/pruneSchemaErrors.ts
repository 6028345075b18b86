import { didYouMean } from "./didYouMean";
import type { JsonKind } from "./issueParams";

/** The shape of an error from a precompiled Ajv validator (verbose mode), and the two this module adds. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  /** An Ajv keyword, or `x-types` (no form of a `oneOf` takes this kind of value) or `x-no-form` (no form fits). */
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The keyword's value: for `oneOf`, the list of forms. */
  schema?: unknown;
  parentSchema?: {
    properties?: Record<string, unknown>;
    title?: string;
    description?: string;
    oneOf?: BranchSchema[];
  };
  data?: unknown;
  /** Set on the errors of a `propertyNames` subschema: the key that failed. */
  propertyName?: string;
}

interface BranchSchema {
  $ref?: string;
  type?: string;
  items?: { $ref?: string };
  required?: string[];
  properties?: Record<string, { const?: unknown; enum?: unknown[] }>;
}

/**
 * Keeps, of every failed `oneOf`, the errors of the form the value was most likely meant to take, so one mistake
 * gives one message; and never drops every error of a value the schema rejected.
 *
 * Ajv reports a `oneOf`'s branch errors just before the `oneOf` error itself, and the precompiled validators give
 * each `schemaPath` relative to the definition it was found in, so two failures at different places of a document
 * can have the same `schemaPath`. The branch errors are therefore found by place (the trailing run of errors at or
 * below the `oneOf`'s `instancePath`), never by `schemaPath` across the document.
 */
export function pruneOneOf(errors: readonly SchemaError[]): SchemaError[] {
  const out: SchemaError[] = [];
  for (const error of errors) {
    if (error.keyword !== "oneOf") {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && isAtOrBelow(out[start - 1].instancePath, error.instancePath)) start--;
    const window = out.splice(start);
    out.push(...resolveOneOf(error, window));
  }
  return out;
}

function isAtOrBelow(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/** The forms of a failed `oneOf`. */
function branchesOf(failure: SchemaError): BranchSchema[] {
  if (Array.isArray(failure.schema)) return failure.schema as BranchSchema[];
  return failure.parentSchema?.oneOf ?? [];
}

/** Which form of a failed `oneOf` an error at its place came from, when its `schemaPath` says so. */
function branchOf(error: SchemaError, failure: SchemaError, branches: BranchSchema[]): number | undefined {
  const prefix = `${failure.schemaPath}/`;
  if (error.schemaPath.startsWith(prefix)) {
    const i = Number(error.schemaPath.slice(prefix.length).split("/")[0]);
    return Number.isInteger(i) && i < branches.length ? i : undefined;
  }
  // A form that is a $ref reports paths inside the referenced definition; only those at the oneOf's own value.
  if (error.instancePath !== failure.instancePath) return undefined;
  const i = branches.findIndex(
    (b) => b.$ref && (error.schemaPath === b.$ref || error.schemaPath.startsWith(`${b.$ref}/`)),
  );
  return i >= 0 ? i : undefined;
}

function resolveOneOf(failure: SchemaError, window: SchemaError[]): SchemaError[] {
  const branches = branchesOf(failure);
  const at = failure.instancePath;
  const placed: SchemaError[][] = branches.map(() => []);
  // Errors that cannot be placed in a form (deeper ones from a $ref'd form) point at real bad values: kept.
  const unplaced: SchemaError[] = [];
  for (const error of window) {
    const branch = branchOf(error, failure, branches);
    if (branch === undefined) unplaced.push(error);
    else placed[branch].push(error);
  }
  if (failure.params.passingSchemas) return [...unplaced, failure];

  const isTypeMismatch = (list: SchemaError[]) => list.some((e) => e.keyword === "type" && e.instancePath === at);
  const candidates = branches.map((_, i) => i).filter((i) => !isTypeMismatch(placed[i]));
  if (candidates.length === 0) {
    const kinds = [...new Set(placed.flatMap((list) => list.filter((e) => e.keyword === "type").flatMap(typeOf)))];
    return [...unplaced, { ...failure, keyword: "x-types", params: { types: kinds, forms: branches.map(formName) } }];
  }
  const chosen = pickBranch(failure, candidates, branches, placed);
  if (chosen === undefined) {
    const fields = candidates.flatMap((i) => {
      const missing = placed[i].find((e) => e.keyword === "required" && e.instancePath === at);
      return missing ? [String(missing.params.missingProperty)] : [];
    });
    return [...unplaced, { ...failure, keyword: "x-no-form", params: { fields: [...new Set(fields)] } }];
  }
  const kept = [...unplaced, ...placed[chosen]];
  return kept.length > 0 ? kept : [failure];
}

/** A form's name, from its definition: `Id`, `Route[]` (a list of routes), or its JSON type. */
function formName(branch: BranchSchema): string {
  const name = (ref?: string) => ref?.slice(ref.lastIndexOf("/") + 1);
  if (branch.$ref) return name(branch.$ref)!;
  if (branch.type === "array" && branch.items?.$ref) return `${name(branch.items.$ref)}[]`;
  return branch.type ?? "";
}

function typeOf(error: SchemaError): JsonKind[] {
  const type = error.params.type;
  return (Array.isArray(type) ? type : String(type).split(",")) as JsonKind[];
}

/**
 * The form an object was meant to take: the one whose discriminating `const` (a `kind`, a `type`) it carries; else
 * the one with the most of its required fields present (a misspelt one counting half); then the one with the
 * fewest errors. Undefined when the value has none of any form's required fields.
 */
function pickBranch(
  failure: SchemaError,
  candidates: number[],
  branches: BranchSchema[],
  placed: SchemaError[][],
): number | undefined {
  if (candidates.length === 1) return candidates[0];
  const data = failure.data;
  const at = failure.instancePath;
  if (!data || typeof data !== "object" || Array.isArray(data))
    return candidates.reduce((best, i) => (placed[i].length < placed[best].length ? i : best));
  const value = data as Record<string, unknown>;
  for (const i of candidates) {
    for (const [key, property] of Object.entries(branches[i].properties ?? {})) {
      if (!(key in value)) continue;
      if (property.const !== undefined && property.const === value[key]) return i;
      if (Array.isArray(property.enum) && property.enum.includes(value[key])) return i;
    }
  }
  const extras = Object.keys(value);
  const score = (i: number) => {
    const missing = placed[i]
      .filter((e) => e.keyword === "required" && e.instancePath === at)
      .map((e) => String(e.params.missingProperty));
    const required = branches[i].required?.length ?? missing.length;
    const misspelt = missing.filter((name) => didYouMean(name, extras) !== undefined).length;
    return required - missing.length + misspelt / 2;
  };
  let best: number | undefined;
  let bestScore = 0;
  for (const i of candidates) {
    const s = score(i);
    if (s > bestScore || (s === bestScore && best !== undefined && placed[i].length < placed[best].length)) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

/** A bad key gives an error about the key and a wrapping `propertyNames` error; keep only the first. */
export function pruneKeyErrors(errors: SchemaError[]): SchemaError[] {
  const explained = new Set(errors.filter((e) => e.propertyName !== undefined).map((e) => e.instancePath));
  return errors.filter((e) => !(e.keyword === "propertyNames" && explained.has(e.instancePath)));
}

/**
 * Drops errors that only repeat another at the same place: a missing "kind" also fails the discriminator, and a
 * misspelt field ("nxet") also leaves the field it meant ("next") missing; the message about the typo says it all.
 */
export function pruneEchoes(errors: SchemaError[]): SchemaError[] {
  const required = (at: string, name: unknown) =>
    errors.some((r) => r.keyword === "required" && r.instancePath === at && r.params.missingProperty === name);
  const misspelt = (at: string, name: string) =>
    errors.some(
      (a) =>
        a.keyword === "additionalProperties" &&
        a.instancePath === at &&
        didYouMean(String(a.params.additionalProperty), [name]) === name,
    );
  return errors.filter((e) => {
    if (e.keyword === "discriminator" && e.params.error === "tag") return !required(e.instancePath, e.params.tag);
    if (e.keyword === "required") return !misspelt(e.instancePath, String(e.params.missingProperty));
    return true;
  });
}
