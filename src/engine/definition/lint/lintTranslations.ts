import { pointerSegment } from "../../errors";
import type { Subject } from "../issueParams";
import { scenarioSubjectOf, subjectOf } from "../schemaIssues";
import type { DocumentKind, SopDefinition } from "../types";
import type { LintContext } from "./LintContext";

/** The locales every human text must have. */
export const REQUIRED_LOCALES = ["es", "en"] as const;

/**
 * The fields whose values are locale maps (`$defs/Text` in each schema), wherever they stand in a document. A test
 * compares them with the schemas, so a new text field cannot go unchecked.
 */
export const TEXT_FIELDS: Readonly<Record<DocumentKind, ReadonlySet<string>>> = {
  sop: new Set([
    "title",
    "summary",
    "notes",
    "say",
    "guidance",
    "label",
    "text",
    "reason",
    "unit",
    "why",
    "offerAgain",
  ]),
  catalog: new Set(["name", "description", "label", "hours", "note", "notes", "instruction", "publicLabel", "why"]),
  scenario: new Set(["title", "persona"]),
};

/** A text of a document that lacks a required language: where it is, and which languages it lacks. */
export interface MissingTranslation {
  pointer: string;
  params: Subject & { missing: string[] };
}

/**
 * Every text of a schema-valid document without a Spanish and an English version, in document order; a text read
 * aloud (`say`) also needs every one of `interviewLanguages`, the languages the people who arrive speak.
 */
export function findMissingTranslations(
  value: unknown,
  kind: DocumentKind,
  interviewLanguages: readonly string[] = [],
): MissingTranslation[] {
  const spoken = [...new Set([...REQUIRED_LOCALES, ...interviewLanguages])];
  const fields = TEXT_FIELDS[kind];
  const placeOf = kind === "scenario" ? scenarioSubjectOf : subjectOf;
  const found: MissingTranslation[] = [];
  // Iterative: a schema-valid document is shallow, but a walk over data should not trust that. Each place keeps the
  // way up (its parent, and its key or index there): a pointer is written only for a text that lacks a language.
  // Only objects and arrays are places: nothing else holds a text.
  interface Place {
    value: object;
    /** The member name the value stands under (for an array's item, the array's). */
    key: string;
    parent?: Place;
    /** The index of an array's item, -1 for an object's member. */
    index: number;
  }
  const pointerOf = (place: Place) => {
    const segments: string[] = [];
    for (let at: Place | undefined = place; at?.parent; at = at.parent)
      segments.push(at.index >= 0 ? String(at.index) : pointerSegment(at.key));
    let pointer = "";
    for (let i = segments.length - 1; i >= 0; i--) pointer += `/${segments[i]}`;
    return pointer;
  };
  const isPlace = (v: unknown): v is object => v !== null && typeof v === "object";
  const stack: Place[] = isPlace(value) ? [{ value, key: "", index: -1 }] : [];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const { value: v, key } = place;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        if (isPlace(item)) stack.push({ value: item, key, parent: place, index: i });
      }
      continue;
    }
    const record = v as Record<string, unknown>;
    if (fields.has(key) && allStrings(record)) {
      const missing = (key === "say" && kind === "sop" ? spoken : REQUIRED_LOCALES).filter((l) => !(l in record));
      if (missing.length) {
        const pointer = pointerOf(place);
        found.push({ pointer, params: { ...placeOf(pointer), missing } });
      }
      continue;
    }
    // Children pushed last first, so they are visited in the order the file gives them.
    const keys = Object.keys(record);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const child = record[k];
      if (isPlace(child)) stack.push({ value: child, key: k, parent: place, index: -1 });
    }
  }
  return found;
}

/** Whether every member of an object is a string (a locale map's shape). */
function allStrings(record: Record<string, unknown>): boolean {
  for (const key in record) if (typeof record[key] !== "string") return false;
  return true;
}

/** Every human text of an SOP has a Spanish and an English version, and every text read aloud each interview language. */
export function lintTranslations(context: LintContext): void {
  const spoken = context.library.catalog.interviewLanguages ?? [];
  for (const { pointer, params } of findMissingTranslations(context.sop, "sop", spoken))
    context.add("missing-translation", params, pointer);
}

/** An interview language whose texts some SOPs read aloud without a native speaker's review. */
export interface UnreviewedLanguage {
  language: string;
  sops: string[];
}

/**
 * The languages beyond Spanish and English that SOPs read aloud in without marking them `reviewed` in their
 * `translations`, with those SOPs, so a library's state of translation is visible at a glance.
 */
export function listUnreviewedTranslations(sops: Iterable<SopDefinition>): UnreviewedLanguage[] {
  const found = new Map<string, string[]>();
  for (const sop of sops) {
    const spoken = new Set<string>();
    const stack: unknown[] = [sop.steps];
    while (stack.length > 0) {
      const value = stack.pop();
      if (!value || typeof value !== "object") continue;
      for (const [key, child] of Object.entries(value)) {
        if (key === "say" && child && typeof child === "object") for (const l of Object.keys(child)) spoken.add(l);
        else stack.push(child);
      }
    }
    for (const language of spoken) {
      if ((REQUIRED_LOCALES as readonly string[]).includes(language)) continue;
      if (sop.translations?.[language]?.reviewed === true) continue;
      found.set(language, [...(found.get(language) ?? []), sop.id]);
    }
  }
  return [...found].map(([language, ids]) => ({ language, sops: ids.sort() }));
}
