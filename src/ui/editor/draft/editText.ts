import {
  applyEdits,
  findNodeAtLocation,
  type JSONPath,
  modify,
  type Node,
  type ParseError,
  parse,
  parseTree,
} from "jsonc-parser";

export type { JSONPath };

// The format of the shipped files; edits touch only the text they change, so an author's layout stays.
const FORMAT = { formattingOptions: { tabSize: 2, insertSpaces: true, eol: "\n" } } as const;

/** The draft's text parsed: the value, or where the JSON is broken. */
export type ParsedDraft = { ok: true; value: Record<string, unknown> } | { ok: false; offset: number; error: string };

/** Parses a draft's text as strict JSON (no comments, no trailing commas), reporting the first syntax error. */
export function parseDraft(text: string): ParsedDraft {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) return { ok: false, offset: errors[0].offset, error: String(errors[0].error) };
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { ok: false, offset: 0, error: "not-an-object" };
  return { ok: true, value };
}

/** Sets (or, with `undefined`, removes) the value at `path`, changing only that part of the text. */
export function setAt(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(text, modify(text, path, value, FORMAT));
}

/** Inserts `value` into the array at `path` before `index` (at the end when `index` is its length). */
export function insertAt(text: string, path: JSONPath, index: number, value: unknown): string {
  return applyEdits(text, modify(text, [...path, index], value, { ...FORMAT, isArrayInsertion: true }));
}

/** Renames the key `from` of the object at `path` to `to`, in place (its position and value untouched). */
export function renameKey(text: string, path: JSONPath, from: string, to: string): string {
  const tree = parseTree(text);
  const node = tree && findNodeAtLocation(tree, [...path, from]);
  const keyNode = node?.parent?.children?.[0];
  if (!keyNode) return text;
  return text.slice(0, keyNode.offset) + JSON.stringify(to) + text.slice(keyNode.offset + keyNode.length);
}

/** The text offset and length of the value at `path`, for the JSON view to select it. */
export function locate(text: string, path: JSONPath): { offset: number; length: number } | undefined {
  const tree = parseTree(text);
  let node: Node | undefined = tree && findNodeAtLocation(tree, path);
  // A pointer may name something absent (a missing property): show its nearest parent.
  for (let cut = path.length; !node && cut > 0 && tree; cut--) node = findNodeAtLocation(tree, path.slice(0, cut - 1));
  return node ? { offset: node.offset, length: node.length } : undefined;
}

/** The properties that hold a step id (besides the keys of `steps` and `estimates`). */
const STEP_REFERENCES = new Set(["start", "to", "next", "avoids", "visits", "notAsked", "asked"]);

/**
 * Renames a step and every reference to it: `start`, `next` and route targets, track starts, invariants'
 * `visits`/`avoids`/`notAsked`/`asked`, the `estimates` key, and `"id" in visited` inside conditions. Refuses (returns undefined) a
 * new id that is already a step.
 */
export function renameStep(text: string, from: string, to: string): string | undefined {
  const parsed = parseDraft(text);
  if (!parsed.ok) return undefined;
  const steps = parsed.value.steps as Record<string, unknown> | undefined;
  if (!steps || !(from in steps) || to in steps) return undefined;
  // Edits from the end of the text backwards, so earlier offsets stay true.
  const edits: { offset: number; length: number; content: string }[] = [];
  const tree = parseTree(text);
  const visit = (node: Node, key: string | undefined, path: JSONPath) => {
    if (node.type === "object") {
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const name = keyNode.value as string;
        const ownerIsStepsOrEstimates = path.length === 1 && (path[0] === "steps" || path[0] === "estimates");
        if (ownerIsStepsOrEstimates && name === from)
          edits.push({ offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(to) });
        visit(valueNode, name, [...path, name]);
      }
    } else if (node.type === "array") {
      for (const [i, child] of (node.children ?? []).entries()) visit(child, key, [...path, i]);
    } else if (node.type === "string") {
      const value = node.value as string;
      if (key && STEP_REFERENCES.has(key) && value === from)
        edits.push({ offset: node.offset, length: node.length, content: JSON.stringify(to) });
      else if (value.includes(`"${from}"`) && value.includes("visited"))
        edits.push({
          offset: node.offset,
          length: node.length,
          content: JSON.stringify(value.split(`"${from}"`).join(`"${to}"`)),
        });
    }
  };
  if (tree) visit(tree, undefined, []);
  edits.sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of edits)
    result = result.slice(0, edit.offset) + edit.content + result.slice(edit.offset + edit.length);
  return result;
}

/** Moves the step `id` one place up or down in the order of `steps` (which only the editor and graph show). */
export function moveStep(text: string, id: string, by: -1 | 1): string {
  const parsed = parseDraft(text);
  if (!parsed.ok) return text;
  const steps = parsed.value.steps as Record<string, unknown>;
  const keys = Object.keys(steps);
  const at = keys.indexOf(id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= keys.length) return text;
  [keys[at], keys[to]] = [keys[to], keys[at]];
  return setAt(text, ["steps"], Object.fromEntries(keys.map((k) => [k, steps[k]])));
}

/** A JSON pointer's segments (RFC 6901), numbers for array indexes where the value is an array. */
export function pointerToPath(pointer: string, value?: unknown): JSONPath {
  if (!pointer) return [];
  const path: JSONPath = [];
  let current = value;
  for (const raw of pointer.replace(/^\//, "").split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = current && typeof current === "object" ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** The JSON pointer of a path. */
export function pathToPointer(path: JSONPath): string {
  return path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
