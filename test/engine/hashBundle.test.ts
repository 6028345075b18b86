import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { canonicalJson } from "../../src/engine/compile/hashBundle";

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
    }
  });

  it("is the same text as ever for any JSON value, with undefined and functions where they may hide", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
    const odd = { a: undefined, b: [undefined, 1, () => 2], c: () => 3, d: { e: null }, f: new Date(0) };
    expect(canonicalJson(odd)).toBe(reference(odd));
  });
});
