import { type Issue, issue, pointerSegment } from "../errors";
import { didYouMean, suggestion } from "./didYouMean";

/** The shape of an error from a precompiled Ajv validator (verbose mode). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: {
    properties?: Record<string, unknown>;
    title?: string;
    description?: string;
    oneOf?: { $ref?: string }[];
  };
  data?: unknown;
  /** Set on the errors of a `propertyNames` subschema: the key that failed. */
  propertyName?: string;
}

export type SchemaValidator = ((value: unknown) => boolean) & { errors?: SchemaError[] | null };

/**
 * Runs a precompiled schema validator and turns its errors into issues a policy officer can act on.
 * Of the branches of a failed `oneOf`, only the closest one is reported, so one mistake gives one message.
 */
export function checkSchema(
  validate: SchemaValidator,
  value: unknown,
  describe: (pointer: string) => string = describePlace,
): Issue[] {
  if (validate(value)) return [];
  const errors = pruneEchoes(pruneKeyErrors(pruneOneOf(validate.errors ?? [])));
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    const found = toIssue(error, describe);
    const key = `${found.pointer}\u0000${found.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(found);
  }
  return issues;
}

/** A bad key gives an error about the key and a wrapping `propertyNames` error; keep only the first. */
function pruneKeyErrors(errors: SchemaError[]): SchemaError[] {
  const explained = new Set(errors.filter((e) => e.propertyName !== undefined).map((e) => e.instancePath));
  return errors.filter((e) => !(e.keyword === "propertyNames" && explained.has(e.instancePath)));
}

/**
 * Drops errors that only repeat another: a missing "kind" also fails the discriminator, and a misspelt field
 * ("nxet") also leaves the field it meant ("next") missing; the message about the typo says it all.
 */
function pruneEchoes(errors: SchemaError[]): SchemaError[] {
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

/** Which branch of a failed `oneOf` an error came from, if any. */
function branchOf(error: SchemaError, failure: SchemaError): string | undefined {
  const prefix = `${failure.schemaPath}/`;
  if (error.schemaPath.startsWith(prefix)) return error.schemaPath.slice(prefix.length).split("/")[0];
  // A branch that is a $ref reports paths inside the referenced schema; those at the oneOf's own value are its.
  if (error.instancePath !== failure.instancePath) return undefined;
  const branches = failure.parentSchema?.oneOf ?? [];
  const i = branches.findIndex(
    (b) => b.$ref && (error.schemaPath === b.$ref || error.schemaPath.startsWith(`${b.$ref}/`)),
  );
  return i >= 0 ? String(i) : undefined;
}

function pruneOneOf(errors: SchemaError[]): SchemaError[] {
  const oneOfs = errors.filter((e) => e.keyword === "oneOf");
  if (oneOfs.length === 0) return errors;
  const dropped = new Set<SchemaError>();
  for (const failure of oneOfs) {
    const byBranch = new Map<string, SchemaError[]>();
    for (const e of errors) {
      if (e === failure) continue;
      // Errors below the value from a $ref inside a branch cannot be placed; they still show a branch went deeper.
      const branch =
        branchOf(e, failure) ?? (e.instancePath.startsWith(`${failure.instancePath}/`) ? "deeper" : undefined);
      if (branch !== undefined) byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    if (byBranch.size === 0) continue;
    // The closest branch: the one that got furthest into the value (deepest error), then with the fewest errors.
    const score = (list: SchemaError[]) =>
      Math.max(...list.map((e) => e.instancePath.length + (e.keyword === "type" ? 0 : 1))) * 1000 - list.length;
    const ranked = [...byBranch.values()].sort((a, b) => score(b) - score(a));
    const bestIsShallowTypeMismatch = ranked[0].every(
      (e) => e.keyword === "type" && e.instancePath === failure.instancePath,
    );
    for (const [i, list] of ranked.entries())
      if (i > 0 || bestIsShallowTypeMismatch) for (const e of list) dropped.add(e);
    if (!bestIsShallowTypeMismatch) dropped.add(failure);
  }
  return errors.filter((e) => !dropped.has(e));
}

function toIssue(error: SchemaError, describe: (pointer: string) => string): Issue {
  const at = error.instancePath;
  const where = describe(at);
  const p = error.params;
  switch (error.keyword) {
    case "required":
      return issue("schema", `${where} is missing "${p.missingProperty}".`, at);
    case "additionalProperties": {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys(error.parentSchema?.properties ?? {});
      const hint = suggestion(extra, allowed) || (allowed.length ? ` Allowed here: ${allowed.join(", ")}.` : "");
      return issue("schema", `${where} has a field "${extra}" that is not allowed.${hint}`, `${at}/${extra}`);
    }
    case "discriminator": {
      const tag = String(p.tag);
      const value = p.tagValue;
      if (p.error === "tag") return issue("schema", `${where} needs "${tag}" as a string.`, at);
      return issue(
        "schema",
        `${where} has an unknown ${tag} ${JSON.stringify(value)}.${kindHint(tag, value)}`,
        `${at}/${tag}`,
      );
    }
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const got = JSON.stringify(error.data);
      return issue(
        "schema",
        `${where} must be one of ${allowed.join(", ")}; it is ${got}.${suggestion(String(error.data), allowed)}`,
        at,
      );
    }
    case "const":
      return issue("schema", `${where} must be ${JSON.stringify(p.allowedValue)}.`, at);
    case "pattern": {
      // A failed key (from `propertyNames`) is reported at the key's own pointer.
      const key = error.propertyName;
      const pointer = key === undefined ? at : `${at}/${pointerSegment(key)}`;
      const subject =
        key === undefined ? `${where} ${JSON.stringify(error.data)}` : `${where}: the key ${JSON.stringify(key)}`;
      const pattern = String(p.pattern);
      if (pattern.startsWith("^[a-z0-9]+(-[a-z0-9]+)*"))
        return issue(
          "schema",
          `${subject} is not a valid id: use lowercase letters, digits and single hyphens, like "ask-age".`,
          pointer,
        );
      if (pattern.startsWith("^[a-z][a-z0-9_]*"))
        return issue(
          "schema",
          `${subject} is not a valid variable name: use lowercase letters, digits and underscores, like "travelling_with".`,
          pointer,
        );
      if (pattern.startsWith("^[a-z]{2}"))
        return issue(
          "schema",
          `${subject} is not a locale code: use two lowercase letters, like "es" or "en".`,
          pointer,
        );
      if (pattern.startsWith("^[0-9]+(\\.[0-9]+)?(m|h|d)$"))
        return issue(
          "schema",
          `${subject} is not a time span: write a number followed by m, h or d, like "90m", "72h" or "5d".`,
          pointer,
        );
      if (pattern.startsWith("^[a-z0-9]+(_[a-z0-9]+)*"))
        return issue(
          "schema",
          `${subject} is not a valid option value: use lowercase letters, digits and single underscores, like "with_family".`,
          pointer,
        );
      if (pattern.startsWith("^(0|[1-9]\\d*)\\."))
        return issue("schema", `${subject} is not a version number: write it like "1.2.0".`, pointer);
      return issue("schema", `${subject} is not in the expected form (${pattern}).`, pointer);
    }
    case "type":
      return issue("schema", `${where} must be ${article(String(p.type))}; it is ${describeValue(error.data)}.`, at);
    case "oneOf":
      return issue(
        "schema",
        `${where} is not in any of the accepted forms${error.parentSchema?.description ? `: ${error.parentSchema.description}` : "."}`,
        at,
      );
    case "propertyNames":
      return issue("schema", `${where} has a key that is not allowed: ${error.message ?? ""}.`, at);
    case "minItems":
      return issue("schema", `${where} must have at least ${p.limit} item${p.limit === 1 ? "" : "s"}.`, at);
    case "minProperties":
      return issue("schema", `${where} must have at least ${p.limit} entr${p.limit === 1 ? "y" : "ies"}.`, at);
    case "minLength":
      return issue("schema", `${where} must not be empty.`, at);
    case "format":
      return issue("schema", `${where} ${JSON.stringify(error.data)} is not a valid ${p.format}.`, at);
    default:
      return issue("schema", `${where} ${error.message ?? "is not valid"}.`, at);
  }
}

const KINDS: Record<string, string[]> = {
  kind: ["instruction", "checklist", "question", "decision", "referral", "procedure", "parallel", "end"],
  type: ["yes-no", "consent", "one-of", "several-of", "number", "date", "datetime", "duration", "text"],
};

function kindHint(tag: string, value: unknown): string {
  const allowed = KINDS[tag];
  if (!allowed) return "";
  return `${suggestion(String(value), allowed)} Use one of: ${allowed.join(", ")}.`;
}

/** "step `ask-age`", "the route 2 of step `x`", or the pointer as a fallback. */
export function describePlace(pointer: string): string {
  if (pointer === "") return "The document";
  const parts = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "steps" && parts.length >= 2) {
    const rest = parts.slice(2);
    const inner = rest.length ? ` (at ${rest.join(".")})` : "";
    return `Step "${parts[1]}"${inner}`;
  }
  return `"${parts.join(".")}"`;
}

/** "Action 4 (at step)" for the actions of a scenario (its `steps` list), else as `describePlace`. */
export function describeScenarioPlace(pointer: string): string {
  const match = /^\/steps\/(\d+)(?:\/(.+))?$/.exec(pointer);
  if (!match) return describePlace(pointer);
  return `Action ${Number(match[1]) + 1}${match[2] ? ` (at ${match[2].split("/").join(".")})` : ""}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
