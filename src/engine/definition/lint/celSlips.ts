import type { CelSlip } from "../issueParams";

/** A slip found in a CEL condition, and the condition as it was probably meant. */
export interface FoundSlip {
  slip: CelSlip;
  written: string;
}

const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/** Applies `fix` to the parts of an expression outside string literals. */
function outsideStrings(expression: string, fix: (code: string) => string): string {
  let out = "";
  let last = 0;
  for (const match of expression.matchAll(STRING)) {
    out += fix(expression.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + fix(expression.slice(last));
}

/** The rewrites, in the order they are tried; each names the slip it undoes. */
const REWRITES: { slip: CelSlip; fix: (expression: string) => string }[] = [
  { slip: "curly-quote", fix: (e) => e.replace(/[\u201c\u201d\u201e]/g, '"').replace(/[\u2018\u2019]/g, "'") },
  { slip: "and", fix: (e) => outsideStrings(e, (c) => c.replace(/\s*\band\b\s*/gi, " && ")) },
  { slip: "or", fix: (e) => outsideStrings(e, (c) => c.replace(/\s*\bor\b\s*/gi, " || ")) },
  { slip: "not", fix: (e) => outsideStrings(e, (c) => c.replace(/\bnot\b\s*/gi, "!")) },
  { slip: "not-equals", fix: (e) => outsideStrings(e, (c) => c.replace(/<>/g, "!=")) },
  { slip: "single-equals", fix: (e) => outsideStrings(e, (c) => c.replace(/(?<![=!<>])=(?!=)/g, "==")) },
  {
    slip: "number-in-quotes",
    fix: (e) =>
      e
        .replace(/(==|!=|<=|>=|<|>)\s*["'](-?\d+(?:\.\d+)?)["']/g, "$1 $2")
        .replace(/["'](-?\d+(?:\.\d+)?)["']\s*(==|!=|<=|>=|<|>)/g, "$1 $2"),
  },
];

/**
 * The slips people make in a CEL condition, mostly from spreadsheet formulas and word processors: curly quotes,
 * `AND`/`OR`/`NOT`, `=` and `<>`, a number in quotes. Every rewrite that changes the expression is applied; the
 * result is offered only when `isValid` accepts it, so the hint never suggests another broken condition. Named by
 * the first slip found.
 */
export function findCelSlip(expression: string, isValid: (rewritten: string) => boolean): FoundSlip | undefined {
  let written = expression;
  let first: CelSlip | undefined;
  for (const { slip, fix } of REWRITES) {
    const next = fix(written);
    if (next !== written) {
      first ??= slip;
      written = next;
    }
  }
  if (first === undefined || !isValid(written)) return undefined;
  return { slip: first, written: written.replace(/\s+/g, " ").trim() };
}
