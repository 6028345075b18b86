import type { JSONPath } from "../draft/editText";
import { pickBranch, resolveNode, type SchemaNode, SOP_SCHEMA } from "./schemaNodes";

/** A text of the SOP (a locale map) and where it is. */
export interface TextEntry {
  path: JSONPath;
  /** The property it is under ("title", "say", "label"…). */
  name: string;
  texts: Record<string, string>;
}

/**
 * Every text of an SOP, found by walking the value along its JSON Schema (so a new kind of text in the schema is
 * found with no change here), in document order.
 */
export function collectTexts(
  value: unknown,
  node: SchemaNode = SOP_SCHEMA,
  path: JSONPath = [],
  name = "",
): TextEntry[] {
  const found: TextEntry[] = [];
  const walk = (current: unknown, schema: SchemaNode, at: JSONPath, key: string) => {
    const { node: resolved, ref } = resolveNode(schema);
    if (ref === "Text") {
      if (current && typeof current === "object" && !Array.isArray(current))
        found.push({ path: at, name: key, texts: current as Record<string, string> });
      return;
    }
    if (resolved.oneOf) {
      const branch = resolved.oneOf[pickBranch(resolved, current)];
      if (branch) walk(current, branch, at, key);
      return;
    }
    if (Array.isArray(current)) {
      const items = resolved.items;
      if (items) for (const [i, item] of current.entries()) walk(item, items, [...at, i], key);
      return;
    }
    if (current && typeof current === "object") {
      for (const [k, v] of Object.entries(current as Record<string, unknown>)) {
        const child =
          resolved.properties?.[k] ??
          (typeof resolved.additionalProperties === "object" ? resolved.additionalProperties : undefined);
        if (child) walk(v, child, [...at, k], resolved.properties?.[k] ? k : key);
      }
    }
  };
  walk(value, node, path, name);
  return found;
}

/** Every language the SOP's texts use. */
export function collectLocales(value: unknown): string[] {
  const locales = new Set<string>();
  for (const entry of collectTexts(value)) for (const locale of Object.keys(entry.texts)) locales.add(locale);
  return [...locales];
}
