import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { type Issue, pointerSegment } from "../errors";
import { issue } from "./issueMessages";
import type { JsonProblem } from "./issueParams";

/**
 * How deep values may nest. An SOP needs fewer than fifteen levels; the limit keeps every recursive walk over a
 * parsed file (the parser's own included) far from the stack's end, whatever the file holds.
 */
export const MAX_DEPTH = 100;

/** A parsed JSON document that can say where each value stands in its source text. */
export interface JsonDocument {
  value: unknown;
  /** 1-based line and column of the value at a JSON pointer, or of its nearest existing parent. */
  locate(pointer: string): { line: number; column: number };
}

/**
 * Parses JSON text, keeping positions so that every issue can name a line and column.
 * Returns the document, or issues for syntax errors and duplicate keys (which JSON.parse silently drops).
 */
export function parseJson(text: string): { document?: JsonDocument; issues: Issue[] } {
  // Editors on Windows often save a byte-order mark; JSON parsers may ignore it. A space keeps every offset.
  if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`;
  let lineStarts: number[] | undefined;
  const position = (offset: number) => {
    lineStarts ??= computeLineStarts(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const scan = scanText(text);
  if (scan.tooDeep !== undefined)
    return {
      issues: [{ ...issue("bad-json", { problem: "too-deep", limit: MAX_DEPTH }, ""), ...position(scan.tooDeep) }],
    };
  // Most files are well-formed with no repeated key: the engine's own parser reads them, and positions are worked out
  // only when an issue asks for one. A key repeated in an object leaves fewer keys in the value than the text has
  // (every colon outside strings starts a member), so such files, and those JSON.parse refuses, take the full path.
  const fast = parseWithoutDuplicates(text, scan.members);
  if (fast) {
    let offsets: Map<string, number> | undefined;
    const locate = (pointer: string) => {
      offsets ??= indexTree(parseTree(text, [], PARSE_OPTIONS)!, position).offsets;
      return locateIn(offsets, pointer, position);
    };
    return { document: { value: fast.value, locate }, issues: [] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  if (errors.length > 0 || !root) {
    const fail = (problem: JsonProblem, offset: number) => ({
      issues: [{ ...issue("bad-json", { problem }, ""), ...position(offset) }],
    });
    if (text.trim() === "") return fail("empty", 0);
    // Only the first syntax error: the parser's recovery turns one mistake into several follow-up errors.
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const comma = first ? trailingComma(text, offset) : -1;
    if (comma >= 0) return fail("trailing-comma", comma);
    // A word processor's quotes, or single quotes, at or before the place the parser gave up: the likely cause.
    if (scan.curlyQuote !== undefined && scan.curlyQuote <= offset) return fail("curly-quote", scan.curlyQuote);
    const code = first ? printParseErrorCode(first.error) : "ValueExpected";
    if (code === "UnexpectedEndOfString") {
      const curly = curlyQuoteOnLine(text, offset);
      if (curly >= 0) return fail("curly-quote", curly);
    }
    if (scan.singleQuote !== undefined && scan.singleQuote <= offset) return fail("single-quote", scan.singleQuote);
    // A missing comma is noticed at the next value; point at the end of the previous one, where it belongs.
    return fail(
      PARSE_PROBLEM[code] ?? "unexpected-character",
      code === "CommaExpected" ? endOfPreviousToken(text, offset) : offset,
    );
  }
  const { value, issues, offsets } = indexTree(root, position);
  return { document: { value, locate: (pointer) => locateIn(offsets, pointer, position) }, issues };
}

const PARSE_OPTIONS = { allowTrailingComma: false, disallowComments: true } as const;

/** The value of text JSON.parse reads with as many object members as the text has, or undefined. */
function parseWithoutDuplicates(text: string, members: number): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return countMembers(value) === members ? { value } : undefined;
}

/** How many members the objects of a parsed value have, nested ones included (depth is at most MAX_DEPTH). */
function countMembers(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countMembers(item);
    return count;
  }
  // Object.keys: a large object (an SOP's steps) is a dictionary to V8, which for…in walks several times slower.
  const keys = Object.keys(value);
  count = keys.length;
  for (let i = 0; i < keys.length; i++) count += countMembers((value as Record<string, unknown>)[keys[i]]);
  return count;
}

/** The value of a parse tree, its repeated keys as issues, and the offset of the value at every JSON pointer. */
function indexTree(root: Node, position: (offset: number) => { line: number; column: number }) {
  const offsets = new Map<string, number>();
  const issues: Issue[] = [];
  const walk = (node: Node, pointer: string): unknown => {
    offsets.set(pointer, node.offset);
    if (node.type === "object") {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        const key = keyNode.value as string;
        const childPointer = `${pointer}/${pointerSegment(key)}`;
        if (Object.hasOwn(out, key)) {
          issues.push({ ...issue("duplicate-key", { key }, childPointer), ...position(keyNode.offset) });
        }
        const value = valueNode ? walk(valueNode, childPointer) : undefined;
        // A key "__proto__" must stay a key, not replace the object's prototype: it is defined, not assigned.
        if (key === "__proto__")
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    }
    if (node.type === "array") return (node.children ?? []).map((child, i) => walk(child, `${pointer}/${i}`));
    return node.value;
  };
  const value = walk(root, "");
  return { value, issues, offsets };
}

/** The position of the value at a pointer, or of its nearest existing parent. */
function locateIn(
  offsets: Map<string, number>,
  pointer: string,
  position: (offset: number) => { line: number; column: number },
) {
  let p = pointer;
  while (!offsets.has(p) && p !== "") p = p.slice(0, p.lastIndexOf("/"));
  return position(offsets.get(p) ?? 0);
}

/** The offset of a comma that stands right before a closing bracket at `offset`, or -1. */
function trailingComma(text: string, offset: number): number {
  let after = offset;
  while (after < text.length && /\s/.test(text[after])) after++;
  if (text[after] !== "}" && text[after] !== "]") return -1;
  let before = Math.min(offset, after) - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  return text[before] === "," ? before : -1;
}

/** The offset just after the last non-space character before `offset`. */
function endOfPreviousToken(text: string, offset: number): number {
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before])) before--;
  return before + 1;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const PARSE_PROBLEM: Record<string, JsonProblem> = {
  InvalidSymbol: "unexpected-character",
  InvalidNumberFormat: "number",
  PropertyNameExpected: "property-name",
  ValueExpected: "value-expected",
  ColonExpected: "colon",
  CommaExpected: "missing-comma",
  CloseBraceExpected: "close-brace",
  CloseBracketExpected: "close-bracket",
  EndOfFileExpected: "end-of-file",
  InvalidCommentToken: "comment",
  UnexpectedEndOfComment: "comment",
  UnexpectedEndOfString: "unclosed-string",
  UnexpectedEndOfNumber: "number",
  InvalidUnicode: "unicode",
  InvalidEscapeCharacter: "escape",
  InvalidCharacter: "control-character",
};

const CURLY_QUOTES = new Set(["\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb"]);

/**
 * One pass over the text, outside strings: where nesting first goes deeper than `MAX_DEPTH`, the first curly or
 * single quote, and how many object members it has (its colons). Iterative, so no text can exhaust the stack.
 */
function scanText(text: string): { tooDeep?: number; curlyQuote?: number; singleQuote?: number; members: number } {
  const found: { tooDeep?: number; curlyQuote?: number; singleQuote?: number; members: number } = { members: 0 };
  let depth = 0;
  let inString = false;
  // Character codes rather than one-character strings: this runs over every character of every file.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE || code === NEWLINE) inString = false;
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > MAX_DEPTH) {
        found.tooDeep = i;
        return found;
      }
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) depth = Math.max(0, depth - 1);
    else if (code === COLON) found.members++;
    else if (code === APOSTROPHE) found.singleQuote ??= i;
    else if (code > 127 && CURLY_QUOTES.has(text[i])) found.curlyQuote ??= i;
  }
  return found;
}

const [QUOTE, BACKSLASH, NEWLINE, COLON, APOSTROPHE] = ['"', "\\", "\n", ":", "'"].map((c) => c.charCodeAt(0));
const [OPEN_BRACKET, OPEN_BRACE, CLOSE_BRACKET, CLOSE_BRACE] = ["[", "{", "]", "}"].map((c) => c.charCodeAt(0));

/** The first curly quote on the line of `offset`, or -1: a string "closed" by one is not closed. */
function curlyQuoteOnLine(text: string, offset: number): number {
  const start = text.lastIndexOf("\n", Math.max(0, offset - 1)) + 1;
  let end = text.indexOf("\n", offset);
  if (end < 0) end = text.length;
  for (let i = start; i < end; i++) if (CURLY_QUOTES.has(text[i])) return i;
  return -1;
}
