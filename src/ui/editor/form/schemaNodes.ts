import sopSchema from "../../../../schemas/sop.schema.json";

/** A JSON Schema node, as the form generator reads it (draft 2020-12, the subset the SOP schema uses). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  discriminator?: { propertyName: string };
  $defs?: Record<string, SchemaNode>;
}

/** The SOP schema, the one source of what the structured editor shows. */
export const SOP_SCHEMA = sopSchema as unknown as SchemaNode;

/** A node with its `$ref` followed: the definition's name (e.g. "Text", "Expression") and the merged node. */
export interface ResolvedNode {
  node: SchemaNode;
  /** The `$defs` name of the last reference followed, if any. */
  ref?: string;
}

/** Follows `$ref`s to `#/$defs/…`; keywords beside a `$ref` (a description) are kept. */
export function resolveNode(node: SchemaNode, root: SchemaNode = SOP_SCHEMA): ResolvedNode {
  let current = node;
  let ref: string | undefined;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const name = /^#\/\$defs\/(.+)$/.exec(current.$ref)?.[1];
    const target = name ? root.$defs?.[name] : undefined;
    if (!target) break;
    const { $ref: _ignored, ...beside } = current;
    current = { ...target, ...beside };
    ref = name;
  }
  return { node: current, ref };
}

/** The node for a step kind ("question" → QuestionStep), from the `Step` definition's branches. */
export function stepKinds(root: SchemaNode = SOP_SCHEMA): { kind: string; node: SchemaNode; ref: string }[] {
  const step = root.$defs?.Step;
  return (step?.oneOf ?? []).map((branch) => {
    const { node, ref } = resolveNode(branch, root);
    return { kind: String(node.properties?.kind?.const ?? ref), node, ref: ref ?? "" };
  });
}

/** Which branch of a `oneOf` a value belongs to: by the discriminator, else by required keys, else by JSON type. */
export function pickBranch(node: SchemaNode, value: unknown, root: SchemaNode = SOP_SCHEMA): number {
  const branches = (node.oneOf ?? []).map((b) => resolveNode(b, root).node);
  const discriminator = node.discriminator?.propertyName;
  if (discriminator && value && typeof value === "object") {
    const tag = (value as Record<string, unknown>)[discriminator];
    const found = branches.findIndex((b) => {
      const property = b.properties?.[discriminator];
      return property?.const === tag || (property?.enum ?? []).includes(tag);
    });
    if (found >= 0) return found;
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const found = branches.findIndex(
      (b) => b.type === "object" && (b.required ?? []).every((r) => keys.includes(r)) && (b.required ?? []).length > 0,
    );
    if (found >= 0) return found;
  }
  const jsonType = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  const byType = branches.findIndex((b) => b.type === jsonType || (jsonType === "object" && b.properties));
  return Math.max(byType, 0);
}

/** A value to start a new item with: the required properties of an object filled in, an enum's first value… */
export function skeletonOf(input: SchemaNode, root: SchemaNode = SOP_SCHEMA): unknown {
  const { node, ref } = resolveNode(input, root);
  if (ref === "Text") return {};
  if (node.const !== undefined) return node.const;
  if (node.default !== undefined) return node.default;
  if (node.enum) return node.enum[0];
  if (node.oneOf) return skeletonOf(node.oneOf[0], root);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === "array") return node.minItems ? [skeletonOf(node.items ?? {}, root)] : [];
  if (type === "object" || node.properties) {
    const value: Record<string, unknown> = {};
    for (const key of node.required ?? []) value[key] = skeletonOf(node.properties?.[key] ?? {}, root);
    return value;
  }
  if (type === "boolean") return false;
  if (type === "number" || type === "integer") return node.minimum ?? 0;
  return "";
}

/** Whether a node describes a locale map (the schema's `Text`). */
export function isTextNode(resolved: ResolvedNode): boolean {
  return resolved.ref === "Text";
}
