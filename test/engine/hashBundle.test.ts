import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { canonicalJson, hashJson } from "../../src/engine/compile/hashBundle";

/** Canonical JSON as first written (map, filter, sort, join): the text every stored hash was made from. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The two FNV-1a hashes over a text, as `hashJson` first computed them over `canonicalJson`'s whole text. */
function referenceHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193 + 0x2b);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

describe("canonical JSON, which SOP and bundle hashes are made from", () => {
  it("is the same text as ever for every shipped SOP and catalog file", () => {
    const files = [
      ...readdirSync("sop")
        .filter((f) => f.endsWith(".json"))
        .map((f) => `sop/${f}`),
      ...readdirSync("sop/catalog").map((f) => `sop/catalog/${f}`),
    ];
    for (const file of files) {
      const value = JSON.parse(readFileSync(file, "utf8"));
      expect(canonicalJson(value)).toBe(reference(value));
      expect(hashJson(value)).toBe(referenceHash(reference(value)));
    }
  });

  it("is the same text as ever for any JSON value, with undefined and functions where they may hide", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
        expect(hashJson(value)).toBe(referenceHash(reference(value)));
      }),
      { numRuns: 500, seed: 14 },
    );
    const odd = { a: undefined, b: [undefined, 1, () => 2], c: () => 3, d: { e: null }, f: new Date(0) };
    expect(canonicalJson(odd)).toBe(reference(odd));
    expect(hashJson(odd)).toBe(referenceHash(reference(odd)));
  });

  it("hashes text that needs escaping (quotes, backslashes, control characters, lone surrogates) as JSON has it", () => {
    const tricky = { 'say "hi"': "a\\b", "tab\t": ["\u0001", "\ud800", "😀", "ñ", -0, 1e21, Number.NaN] };
    expect(hashJson(tricky)).toBe(referenceHash(reference(tricky)));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), fc.string({ unit: "binary" })), (value) => {
        expect(hashJson(value)).toBe(referenceHash(reference(value)));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
