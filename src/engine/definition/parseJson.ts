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
    const issues = errors.map((e) => {
      const found = issue(
        "bad-json",
        `the file is not valid JSON: ${describeParseError(printParseErrorCode(e.error))}`,
        "",
      );
      return { ...found, ...position(e.offset) };
    });
    if (issues.length === 0) issues.push({ ...issue("bad-json", "the file is empty", ""), line: 1, column: 1 });
    return { issues };
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
    CommaExpected: "a comma was expected (or there is one too many)",
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
