import type { Issue } from "../errors";
import { didYouMean } from "./didYouMean";
import { describeSubject, issue } from "./issueMessages";
import type { JsonKind, PatternForm, SchemaParams, Subject } from "./issueParams";
import { pruneEchoes, pruneKeyErrors, pruneOneOf, type SchemaError } from "./pruneSchemaErrors";

export type { SchemaError } from "./pruneSchemaErrors";

export type SchemaValidator = ((value: unknown) => boolean) & { errors?: SchemaError[] | null };

/** Says where a JSON pointer is, in the words of one kind of document. */
export type PlaceOf = (pointer: string) => Subject;

/**
 * Runs a precompiled schema validator and turns its errors into issues a policy officer can act on. Of the forms
 * of a failed `oneOf`, only the one the value was meant to take speaks, so one mistake gives one message. When the
 * validator rejects the value, at least one issue comes back.
 */
export function checkSchema(validate: SchemaValidator, value: unknown, placeOf: PlaceOf = subjectOf): Issue[] {
  if (validate(value)) return [];
  const raw = validate.errors ?? [];
  const errors = pruneEchoes(pruneKeyErrors(pruneOneOf(raw)));
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    const found = toIssue(error, placeOf);
    const key = `${found.pointer}\u0000${found.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(found);
  }
  // The validator said no: whatever the pruning did, the file must not pass as valid.
  if (issues.length === 0) {
    const first = raw[0];
    const pointer = first?.instancePath ?? "";
    issues.push(
      issue("schema", { ...placeOf(pointer), rule: "other", detail: first?.message ?? "is not valid" }, pointer),
    );
  }
  return issues;
}

const KINDS: Record<string, string[]> = {
  kind: ["instruction", "checklist", "question", "decision", "referral", "procedure", "parallel", "end"],
  type: ["yes-no", "consent", "one-of", "several-of", "number", "date", "datetime", "duration", "text"],
};

function toIssue(error: SchemaError, placeOf: PlaceOf): Issue {
  const at = error.instancePath;
  const p = error.params;
  const make = (params: SchemaParams, pointer = at) => issue("schema", params, pointer);
  const place = placeOf(at);
  switch (error.keyword) {
    case "required":
      return make({ ...place, rule: "required", field: String(p.missingProperty) });
    case "additionalProperties": {
      const field = String(p.additionalProperty);
      const allowed = Object.keys(error.parentSchema?.properties ?? {});
      return make(
        { ...place, rule: "unknown-field", field, allowed, suggestion: didYouMean(field, allowed) },
        `${at}/${pointerSegment(field)}`,
      );
    }
    case "discriminator": {
      const tag = String(p.tag);
      if (p.error === "tag") return make({ ...place, rule: "tag-missing", tag });
      const value = JSON.stringify(p.tagValue);
      const allowed = KINDS[tag] ?? [];
      return make(
        { ...place, rule: "unknown-tag", tag, value, allowed, suggestion: didYouMean(String(p.tagValue), allowed) },
        `${at}/${pointerSegment(tag)}`,
      );
    }
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return make({
        ...place,
        rule: "enum",
        value: JSON.stringify(error.data),
        allowed,
        suggestion: didYouMean(String(error.data), allowed),
      });
    }
    case "const":
      return make({ ...place, rule: "const", expected: JSON.stringify(p.allowedValue) });
    case "pattern": {
      // A failed key (from `propertyNames`) is reported at the key's own pointer.
      const key = error.propertyName;
      const pointer = key === undefined ? at : `${at}/${pointerSegment(key)}`;
      const pattern = String(p.pattern);
      const value = JSON.stringify(key ?? error.data);
      return make(
        { ...place, rule: "pattern", form: formOf(pattern), value, key: key !== undefined, pattern },
        pointer,
      );
    }
    case "type":
    case "x-types": {
      const expected = (error.keyword === "type" ? typeList(p.type) : (p.types as JsonKind[])) as JsonKind[];
      const actual = kindOf(error.data);
      const value = isPrimitive(error.data) ? JSON.stringify(error.data) : undefined;
      const numberInQuotes =
        actual === "string" &&
        expected.some((k) => k === "number" || k === "integer") &&
        /^\s*-?\d+(\.\d+)?\s*$/.test(String(error.data));
      const forms = error.keyword === "x-types" ? (p.forms as string[]) : undefined;
      return make({
        ...place,
        rule: "type",
        expected,
        forms,
        actual,
        value,
        numberInQuotes: numberInQuotes || undefined,
      });
    }
    case "x-no-form":
      return make({ ...place, rule: "no-form", fields: p.fields as string[] });
    case "oneOf":
      return make({ ...place, rule: "several-forms" });
    case "propertyNames":
      return make({ ...place, rule: "other", detail: `has a key that is not allowed: ${error.message ?? ""}` });
    case "minItems":
      return make({ ...place, rule: "min-items", limit: Number(p.limit) });
    case "minProperties":
      return make({ ...place, rule: "min-properties", limit: Number(p.limit) });
    case "minLength":
      return make({ ...place, rule: "empty" });
    case "maximum":
    case "exclusiveMaximum":
      return make({ ...place, rule: "maximum", limit: Number(p.limit), value: JSON.stringify(error.data) });
    case "minimum":
    case "exclusiveMinimum":
      return make({ ...place, rule: "minimum", limit: Number(p.limit), value: JSON.stringify(error.data) });
    case "uniqueItems":
      return make({ ...place, rule: "unique-items" });
    case "format":
      return make({ ...place, rule: "format", format: String(p.format), value: JSON.stringify(error.data) });
    default:
      return make({ ...place, rule: "other", detail: error.message ?? "is not valid" });
  }
}

/** The form a schema pattern asks for, by the patterns the schemas use. */
function formOf(pattern: string): PatternForm {
  if (pattern.startsWith("^[a-z0-9]+(-[a-z0-9]+)*(/")) return "step-path";
  if (pattern.startsWith("^[a-z0-9]+(-[a-z0-9]+)*")) return "id";
  if (pattern.startsWith("^[a-z][a-z0-9_]*")) return "variable";
  if (pattern.startsWith("^[a-z]{2}")) return "locale";
  if (pattern.startsWith("^[0-9]+(\\.[0-9]+)?(m|h|d)$")) return "duration";
  if (pattern.startsWith("^[a-z0-9]+(_[a-z0-9]+)*")) return "option";
  if (pattern.startsWith("^(0|[1-9]\\d*)\\.")) return "version";
  return "other";
}

function typeList(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : String(type).split(",");
}

function isPrimitive(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** The JSON kind of a value. */
export function kindOf(value: unknown): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  return "object";
}

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function segments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Where a pointer is in an SOP or catalog: a step by id, or the path from the root. */
export function subjectOf(pointer: string): Subject {
  if (pointer === "") return {};
  const parts = segments(pointer);
  if (parts[0] === "steps" && parts.length >= 2) {
    const rest = parts.slice(2);
    return rest.length ? { step: parts[1], at: rest.join(".") } : { step: parts[1] };
  }
  return { path: parts.join(".") };
}

/** Where a pointer is in a scenario: its actions (its `steps` list) by number, else the path from the root. */
export function scenarioSubjectOf(pointer: string): Subject {
  const match = /^\/steps\/(\d+)(?:\/(.+))?$/.exec(pointer);
  if (!match) return pointer === "" ? {} : { path: segments(pointer).join(".") };
  const action = Number(match[1]) + 1;
  return match[2] ? { action, at: match[2].split("/").join(".") } : { action };
}

/** "Step "ask-age"", "Step "x" (at next.0.to)", or the path as a fallback: where a pointer is, in English. */
export function describePlace(pointer: string): string {
  return placeWords(subjectOf(pointer));
}

/** "Action 4 (at step)" for the actions of a scenario (its `steps` list), else as `describePlace`. */
export function describeScenarioPlace(pointer: string): string {
  return placeWords(scenarioSubjectOf(pointer));
}

function placeWords(subject: Subject): string {
  return describeSubject(subject, "en");
}
