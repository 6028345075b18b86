import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { type Issue, issue, pointerSegment } from "../errors";

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
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lineStarts = computeLineStarts(text);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  if (errors.length > 0 || !root) {
    if (text.trim() === "") return { issues: [{ ...issue("bad-json", "the file is empty", ""), line: 1, column: 1 }] };
    // Only the first syntax error: the parser's recovery turns one mistake into several follow-up errors.
    const first = errors[0];
    const comma = first ? trailingComma(text, first.offset) : -1;
    if (comma >= 0) {
      const message = "the file is not valid JSON: a comma before a closing } or ] (JSON allows none there); remove it";
      return { issues: [{ ...issue("bad-json", message, ""), ...position(comma) }] };
    }
    const code = first ? printParseErrorCode(first.error) : "ValueExpected";
    // A missing comma is noticed at the next value; point at the end of the previous one, where it belongs.
    const offset = code === "CommaExpected" ? endOfPreviousToken(text, first!.offset) : (first?.offset ?? 0);
    const message = `the file is not valid JSON: ${describeParseError(code)}`;
    return { issues: [{ ...issue("bad-json", message, ""), ...position(offset) }] };
  }
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
          issues.push({
            ...issue(
              "duplicate-key",
              `"${key}" is written twice in the same object; the second one would silently win. Keep one.`,
              childPointer,
            ),
            ...position(keyNode.offset),
          });
        }
        out[key] = valueNode ? walk(valueNode, childPointer) : undefined;
      }
      return out;
    }
    if (node.type === "array") return (node.children ?? []).map((child, i) => walk(child, `${pointer}/${i}`));
    return node.value;
  };
  const value = walk(root, "");
  const locate = (pointer: string) => {
    let p = pointer;
    while (!offsets.has(p) && p !== "") p = p.slice(0, p.lastIndexOf("/"));
    return position(offsets.get(p) ?? 0);
  };
  return { document: { value, locate }, issues };
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

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: "an unexpected character",
    InvalidNumberFormat: "a badly written number",
    PropertyNameExpected: "a property name in double quotes was expected",
    ValueExpected: "a value was expected",
    ColonExpected: "a colon was expected",
    CommaExpected: "a comma is missing after this value",
    CloseBraceExpected: "a closing } was expected",
    CloseBracketExpected: "a closing ] was expected",
    EndOfFileExpected: "text after the end of the document",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfComment: "comments are not allowed in JSON",
    UnexpectedEndOfString: "a string is not closed",
    UnexpectedEndOfNumber: "a number is cut off",
    InvalidUnicode: "a bad \\u escape",
    InvalidEscapeCharacter: "a bad escape in a string",
    InvalidCharacter: "a control character inside a string",
  };
  return words[code] ?? code;
}
