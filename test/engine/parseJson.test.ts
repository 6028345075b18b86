import { parseJson } from "../../src/engine/index";

describe("parseJson", () => {
  it("gives the value and locates every value by JSON pointer", () => {
    const text = '{\n  "a": 1,\n  "steps": {\n    "x/y": [true, { "k~": "v" }]\n  }\n}\n';
    const { document, issues } = parseJson(text);
    expect(issues).toEqual([]);
    expect(document?.value).toEqual({ a: 1, steps: { "x/y": [true, { "k~": "v" }] } });
    expect(document?.locate("")).toEqual({ line: 1, column: 1 });
    expect(document?.locate("/a")).toEqual({ line: 2, column: 8 });
    expect(document?.locate("/steps")).toEqual({ line: 3, column: 12 });
    // "/" and "~" in keys are escaped in pointers as ~1 and ~0 (RFC 6901).
    expect(document?.locate("/steps/x~1y")).toEqual({ line: 4, column: 12 });
    expect(document?.locate("/steps/x~1y/1")).toEqual({ line: 4, column: 19 });
    expect(document?.locate("/steps/x~1y/1/k~0")).toEqual({ line: 4, column: 27 });
  });

  it("locates a missing value at its nearest existing parent", () => {
    const { document } = parseJson('{\n  "steps": {\n    "a": {}\n  }\n}');
    expect(document?.locate("/steps/a/next/0/to")).toEqual({ line: 3, column: 10 });
    expect(document?.locate("/nothing/here")).toEqual({ line: 1, column: 1 });
  });

  it("counts columns in UTF-16 code units on lines after non-ASCII text", () => {
    const { document } = parseJson('{ "say": "¿Cuántos años?",\n  "n": 1 }');
    expect(document?.locate("/n")).toEqual({ line: 2, column: 8 });
  });

  it("reports a key written twice, at the second key, and keeps the last value", () => {
    const { document, issues } = parseJson('{\n  "next": "a",\n  "next": "b"\n}');
    expect(document?.value).toEqual({ next: "b" });
    expect(issues).toEqual([
      {
        code: "duplicate-key",
        severity: "error",
        message: '"next" is written twice in the same object; the second one would silently win. Keep one.',
        params: { key: "next" },
        pointer: "/next",
        line: 3,
        column: 3,
      },
    ]);
  });

  it("reports duplicate keys at every depth, and only the repeats", () => {
    const { issues } = parseJson('{ "a": { "b": 1, "b": 2, "b": 3 }, "c": [{ "d": 1, "d": 2 }] }');
    expect(issues.map((i) => i.pointer)).toEqual(["/a/b", "/a/b", "/c/0/d"]);
  });

  it("finds a repeated key among colons, quotes and backslashes inside strings", () => {
    // Colons in strings are no members: the text below has as many colons outside strings as a repeat-free one would.
    const text = '{ "a:b": "x:y\\"z:", "c": { "d": "e\\\\", "d": 1 }, "f": [":"] }';
    const { document, issues } = parseJson(text);
    expect(issues.map((i) => i.pointer)).toEqual(["/c/d"]);
    expect(document?.value).toEqual({ "a:b": 'x:y"z:', c: { d: 1 }, f: [":"] });
    const clean = parseJson('{ "a:b": "x:y\\"z:",\n  "c": { "d": "e\\\\" } }');
    expect(clean.issues).toEqual([]);
    expect(clean.document?.value).toEqual({ "a:b": 'x:y"z:', c: { d: "e\\" } });
    expect(clean.document?.locate("/c/d")).toEqual({ line: 2, column: 15 });
  });

  it.each([
    ["an empty file", "", 1, 1, "the file is empty"],
    ["a file of blanks", "  \n\t\n", 1, 1, "the file is empty"],
    ["a missing comma, at the end of the value before it", '{\n  "a": 1\n  "b": 2\n}', 2, 9, "a comma is missing"],
    ["a trailing comma in an object, at the comma", '{\n  "a": 1,\n}', 2, 9, "remove it"],
    ["a trailing comma in a list, at the comma", '{ "a": [1, 2, ] }', 1, 13, "remove it"],
    ["a comment", '{\n  // note\n  "a": 1\n}', 2, 3, "comments are not allowed"],
    ["a block comment", '{ /* note */ "a": 1 }', 1, 3, "comments are not allowed"],
    ["an unclosed string", '{\n  "a": "open\n}', 2, 8, "a string is not closed"],
    ["single quotes", "{ 'a': 1 }", 1, 3, 'JSON needs double quotes, like "ask-age"'],
    ["curly quotes from a word processor", "{ \u201ca\u201d: 1 }", 1, 3, "a curly quote"],
    ["a string closed by a curly quote", '{ "a": "b\u201d,\n  "c": 1 }', 1, 10, "a curly quote"],
    ["arrays nested 50,000 deep", `${"[".repeat(50_000)}${"]".repeat(50_000)}`, 1, 101, "more than 100 levels"],
    ["objects nested deeper than any SOP", `${'{"a":'.repeat(200)}1${"}".repeat(200)}`, 1, 501, "more than 100 levels"],
    ["a missing closing brace", '{ "a": { "b": 1 }', 1, 18, "a closing } was expected"],
    ["a stray character", '{ "a": 1 } x', 1, 12, "an unexpected character"],
    ["a second document", '{ "a": 1 } {}', 1, 12, "text after the end"],
    ["a number cut off", '{ "a": 1. }', 1, 8, "a number is cut off"],
  ])("reports %s as one bad-json issue with a line and column", (_, text, line, column, words) => {
    const { document, issues } = parseJson(text);
    expect(document).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "bad-json", severity: "error", pointer: "", line, column });
    expect(issues[0].message).toContain(words);
  });

  it("accepts a byte-order mark, as Windows editors write, without shifting columns", () => {
    const { document, issues } = parseJson('\ufeff{ "a": 1,\n  "b": 2 }');
    expect(issues).toEqual([]);
    expect(document?.value).toEqual({ a: 1, b: 2 });
    expect(document?.locate("/a")).toEqual({ line: 1, column: 9 });
    expect(document?.locate("/b")).toEqual({ line: 2, column: 8 });
  });

  it("keeps a key named __proto__ as a key, so the schema sees it", () => {
    const value = parseJson('{ "__proto__": { "kind": "end" } }').document?.value as object;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("accepts curly quotes inside a string, where they are text", () => {
    const { document, issues } = parseJson('{ "say": "Diga \u201chola\u201d" }');
    expect(issues).toEqual([]);
    expect(document?.value).toEqual({ say: "Diga \u201chola\u201d" });
  });

  it("parses any JSON value at the top", () => {
    expect(parseJson("[1, 2]").document?.value).toEqual([1, 2]);
    expect(parseJson(" 42 ").document?.value).toBe(42);
    expect(parseJson("null").document?.value).toBeNull();
  });
});
