import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type IssueCode, loadLibrary } from "../../src/engine/index";
import { FIXTURES, readFixture } from "./readFixture";

/**
 * One folder per broken SOP under test/fixtures/broken/: a tiny SOP with exactly one mistake (and, when the mistake
 * is about the catalog or another SOP, those files beside it). Each row says exactly what `loadLibrary` must report.
 */
interface Expected {
  name: string;
  /** The file the issue is in; `<name>.sop.json` when absent. */
  file?: string;
  code: IssueCode;
  severity?: "error" | "warning";
  pointer: string;
  line: number;
  column: number;
  /** What the message must name, in quotes: the step, or the thing at fault. */
  names?: string;
  /** The fix the message must suggest. */
  hint?: string;
  /** Whether the SOP still compiles: only with warnings, or when the mistake is in another file. */
  compiles?: boolean;
  /** Further issues the same mistake rightly causes (elsewhere in the SOP, or in another file). */
  also?: { file: string; code: IssueCode; pointer: string; line: number; column: number }[];
}

const mean = (word: string) => `Did you mean "${word}"?`;

const CORPUS: Expected[] = [
  // Not JSON at all
  { name: "json-missing-comma", code: "bad-json", pointer: "", line: 3, column: 21, hint: "a comma is missing" },
  { name: "json-trailing-comma", code: "bad-json", pointer: "", line: 38, column: 23, hint: "remove it" },
  { name: "json-comment", code: "bad-json", pointer: "", line: 7, column: 23, hint: "comments are not allowed" },
  { name: "json-empty", code: "bad-json", pointer: "", line: 1, column: 1, hint: "the file is empty" },
  { name: "json-unclosed-string", code: "bad-json", pointer: "", line: 5, column: 12, hint: "a string is not closed" },
  {
    name: "duplicate-key",
    code: "duplicate-key",
    pointer: "/steps/notify/next",
    line: 34,
    column: 7,
    names: "next",
    hint: "Keep one",
  },
  // The schema: a required field missing, for each step kind
  {
    name: "missing-instruction-next",
    code: "schema",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    hint: 'missing "next"',
  },
  {
    name: "missing-question-variable",
    code: "schema",
    pointer: "/steps/ask-alone",
    line: 22,
    column: 18,
    names: "ask-alone",
    hint: 'missing "variable"',
  },
  {
    name: "missing-question-answer",
    code: "schema",
    pointer: "/steps/ask-alone",
    line: 22,
    column: 18,
    names: "ask-alone",
    hint: 'missing "answer"',
  },
  {
    name: "missing-checklist-items",
    code: "schema",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    hint: 'missing "items"',
  },
  {
    name: "missing-decision-next",
    code: "schema",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    hint: 'missing "next"',
  },
  {
    name: "missing-referral-service",
    code: "schema",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    hint: 'missing "service"',
  },
  {
    name: "missing-procedure-sop",
    code: "schema",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    hint: 'missing "sop"',
  },
  {
    name: "missing-parallel-tracks",
    code: "schema",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    hint: 'missing "tracks"',
  },
  {
    name: "missing-end-outcome",
    code: "schema",
    pointer: "/steps/closed",
    line: 40,
    column: 15,
    names: "closed",
    hint: 'missing "outcome"',
  },
  { name: "missing-owner", code: "schema", pointer: "", line: 1, column: 1, names: "owner", hint: 'missing "owner"' },
  // The schema: everything else that matters
  {
    name: "unknown-kind",
    code: "schema",
    pointer: "/steps/notify/kind",
    line: 31,
    column: 15,
    names: "notify",
    hint: mean("instruction"),
  },
  {
    name: "unknown-answer-type",
    code: "schema",
    pointer: "/steps/ask-alone/answer/type",
    line: 27,
    column: 27,
    names: "ask-alone",
    hint: mean("yes-no"),
  },
  {
    name: "unknown-field",
    code: "schema",
    pointer: "/steps/notify/guidence",
    line: 33,
    column: 19,
    names: "notify",
    hint: mean("guidance"),
  },
  {
    name: "bad-step-id",
    code: "schema",
    pointer: "/steps/Closed_Early",
    line: 40,
    column: 21,
    names: "Closed_Early",
    hint: 'like "ask-age"',
  },
  {
    name: "bad-variable-name",
    code: "schema",
    pointer: "/steps/ask-alone/variable",
    line: 26,
    column: 19,
    names: "ask-alone",
    hint: 'like "travelling_with"',
  },
  {
    name: "bad-within",
    code: "schema",
    pointer: "/steps/notify/effects/0/within",
    line: 33,
    column: 105,
    names: "notify",
    hint: 'like "90m", "72h" or "5d"',
  },
  {
    name: "bad-urgency",
    code: "schema",
    pointer: "/steps/notify/urgency",
    line: 34,
    column: 18,
    names: "notify",
    hint: mean("urgent"),
  },
  {
    name: "bad-outcome",
    code: "schema",
    pointer: "/steps/closed/outcome",
    line: 40,
    column: 43,
    names: "closed",
    hint: "closed, referred, escalated, transferred",
  },
  { name: "bad-version", code: "schema", pointer: "/version", line: 3, column: 14, names: "1.0", hint: 'like "1.2.0"' },
  { name: "empty-steps", code: "schema", pointer: "/steps", line: 8, column: 12, names: "steps", hint: "at least 1" },
  {
    name: "wrong-type",
    code: "schema",
    pointer: "/steps/ask-age/answer/max",
    line: 19,
    column: 54,
    names: "ask-age",
    hint: "must be a number",
  },
  {
    name: "title-not-text",
    code: "schema",
    pointer: "/steps/notify/title",
    line: 32,
    column: 16,
    names: "notify",
    hint: "must be an object",
  },
  { name: "not-an-object", code: "schema", pointer: "", line: 1, column: 1, hint: "must be an object" },
  // Unknown references
  {
    name: "unknown-step-start",
    code: "unknown-step",
    pointer: "/start",
    line: 7,
    column: 12,
    names: "welcom",
    hint: mean("welcome"),
  },
  {
    name: "unknown-step-next",
    code: "unknown-step",
    pointer: "/steps/notify/next",
    line: 33,
    column: 15,
    names: "notify",
    hint: mean("closing"),
  },
  {
    name: "unknown-step-route",
    code: "unknown-step",
    pointer: "/steps/ask-alone/next/1/to",
    line: 28,
    column: 61,
    names: "ask-alone",
    hint: mean("closing"),
  },
  {
    name: "unknown-step-track",
    code: "unknown-step",
    pointer: "/steps/notify/tracks/1/start",
    line: 35,
    column: 95,
    names: "notify",
    hint: mean("register"),
  },
  {
    name: "unknown-step-estimate",
    code: "unknown-step",
    severity: "warning",
    pointer: "/estimates/ask-aeg",
    line: 42,
    column: 43,
    names: "ask-aeg",
    hint: mean("ask-age"),
  },
  {
    name: "unknown-step-invariant",
    code: "unknown-step",
    pointer: "/invariants/0/expect/0/visits",
    line: 43,
    column: 139,
    names: "child-alone-notified",
    hint: mean("notify"),
  },
  {
    name: "unknown-service",
    code: "unknown-service",
    pointer: "/steps/notify/service",
    line: 33,
    column: 18,
    names: "notify",
    hint: mean("senniaf"),
  },
  {
    name: "unknown-service-condition",
    code: "unknown-service",
    pointer: "/steps/closing/effects/0/when",
    line: 37,
    column: 46,
    names: "closing",
    hint: mean("senniaf"),
  },
  {
    name: "unknown-flag-effect",
    code: "unknown-flag",
    pointer: "/steps/notify/effects/0/raise",
    line: 33,
    column: 30,
    names: "notify",
    hint: mean("uasc"),
  },
  {
    name: "unknown-flag-condition",
    code: "unknown-flag",
    pointer: "/steps/notify/effects/0/when",
    line: 33,
    column: 46,
    names: "notify",
    hint: mean("uasc"),
  },
  {
    name: "unknown-flag-invariant",
    code: "unknown-flag",
    pointer: "/invariants/0/expect/0/flag",
    line: 43,
    column: 135,
    names: "child-alone-flagged",
    hint: mean("uasc"),
  },
  {
    name: "unknown-sop",
    code: "unknown-sop",
    pointer: "/steps/notify/sop",
    line: 33,
    column: 14,
    names: "notify",
    hint: mean("child-protection"),
  },
  {
    name: "unknown-variable-condition",
    code: "unknown-variable",
    pointer: "/steps/ask-age/next/0/when",
    line: 20,
    column: 26,
    names: "ask-age",
    hint: mean("age"),
  },
  {
    name: "unknown-variable-with-target",
    code: "unknown-variable",
    pointer: "/steps/notify/with/agee",
    line: 34,
    column: 25,
    names: "notify",
    hint: mean("age"),
  },
  {
    name: "unknown-variable-with-value",
    code: "unknown-variable",
    pointer: "/steps/notify/with/age",
    line: 34,
    column: 24,
    names: "notify",
    hint: mean("age"),
  },
  {
    name: "unknown-option",
    code: "unknown-option",
    pointer: "/steps/ask-alone/next/0/when",
    line: 28,
    column: 26,
    names: "ask-alone",
    hint: mean("alone"),
  },
  // Expressions
  {
    name: "expression-syntax",
    code: "expression-syntax",
    pointer: "/steps/ask-age/next/0/when",
    line: 20,
    column: 26,
    names: "ask-age",
    hint: "cannot be read",
  },
  {
    name: "expression-type-compare",
    code: "expression-type",
    pointer: "/steps/ask-age/next/0/when",
    line: 20,
    column: 26,
    names: "ask-age",
    hint: "int < string",
  },
  {
    name: "expression-type-not-bool",
    code: "expression-type",
    pointer: "/steps/ask-age/next/0/when",
    line: 20,
    column: 26,
    names: "ask-age",
    hint: "gives a whole number where a yes/no is needed",
  },
  {
    name: "expression-type-from",
    code: "expression-type",
    pointer: "/steps/notify/effects/0/from",
    line: 33,
    column: 103,
    names: "notify",
    hint: "where a moment in time is needed",
  },
  // Duplicates
  {
    name: "duplicate-variable",
    code: "duplicate-variable",
    pointer: "/steps/ask-alone/variable",
    line: 26,
    column: 19,
    names: "ask-alone",
    hint: "Use another variable name",
  },
  {
    name: "duplicate-checklist-item",
    code: "duplicate-id",
    pointer: "/steps/notify/items/1/id",
    line: 35,
    column: 17,
    names: "notify",
  },
  {
    name: "duplicate-option",
    code: "duplicate-id",
    pointer: "/steps/ask-alone/answer/options/1/value",
    line: 27,
    column: 124,
    names: "ask-alone",
  },
  {
    name: "duplicate-invariant",
    code: "duplicate-id",
    pointer: "/invariants/1/id",
    line: 44,
    column: 13,
    names: "child-alone-notified",
  },
  {
    name: "duplicate-track",
    code: "duplicate-id",
    pointer: "/steps/notify/tracks/1/id",
    line: 35,
    column: 17,
    names: "notify",
  },
  {
    name: "duplicate-sop-id",
    code: "duplicate-id",
    pointer: "/id",
    line: 2,
    column: 9,
    names: "duplicate-sop-id",
    hint: "copy/duplicate-sop-id.sop.json",
  },
  {
    name: "duplicate-catalog-id",
    file: "catalog/more.json",
    code: "duplicate-id",
    pointer: "/flags/1/id",
    line: 4,
    column: 13,
    names: "uasc",
    hint: "keep one",
    compiles: true,
  },
  // Structure
  {
    name: "unreachable-step",
    code: "unreachable-step",
    severity: "warning",
    pointer: "/steps/orphan",
    line: 41,
    column: 15,
    names: "orphan",
  },
  {
    name: "dead-end-cycle",
    code: "dead-end",
    pointer: "/steps/notify",
    line: 30,
    column: 15,
    names: "notify",
    also: [{ file: "dead-end-cycle.sop.json", code: "dead-end", pointer: "/steps/wait", line: 35, column: 13 }],
  },
  {
    name: "no-default-route",
    code: "no-default-route",
    severity: "warning",
    pointer: "/steps/ask-alone/next",
    line: 28,
    column: 15,
    names: "ask-alone",
    hint: 'one that has no "when"',
  },
  {
    name: "route-after-default",
    code: "dead-end",
    severity: "warning",
    pointer: "/steps/ask-alone/next/1",
    line: 28,
    column: 37,
    names: "ask-alone",
    hint: "never taken",
  },
  {
    name: "consent-missing",
    code: "consent-missing",
    pointer: "/steps/ask-violence/sensitive",
    line: 44,
    column: 20,
    names: "ask-violence",
    hint: 'covers ["gbv"]',
  },
  {
    name: "consent-other-category",
    code: "consent-missing",
    pointer: "/steps/ask-violence/sensitive",
    line: 44,
    column: 20,
    names: "ask-violence",
    hint: 'covers ["gbv"]',
  },
  {
    name: "missing-translation",
    code: "missing-translation",
    severity: "warning",
    pointer: "/steps/notify/title",
    line: 32,
    column: 16,
    names: "notify",
    hint: "no en version",
  },
  {
    name: "procedure-cycle",
    file: "helper.sop.json",
    code: "procedure-cycle",
    pointer: "/steps/again/sop",
    line: 20,
    column: 14,
    names: "again",
    also: [
      { file: "procedure-cycle.sop.json", code: "procedure-cycle", pointer: "/steps/notify/sop", line: 33, column: 14 },
    ],
  },
  {
    name: "track-escape",
    code: "track-escape",
    pointer: "/steps/closing",
    line: 51,
    column: 16,
    names: "closing",
    also: [{ file: "track-escape.sop.json", code: "track-escape", pointer: "/steps/closed", line: 56, column: 15 }],
  },
  {
    name: "id-mismatch",
    code: "id-mismatch",
    severity: "warning",
    pointer: "/id",
    line: 2,
    column: 9,
    names: "screening",
    hint: 'name the file "screening.sop.json"',
  },
];

describe("the broken SOP corpus", () => {
  it("has a row for every folder, and a folder for every row", () => {
    const folders = readdirSync(join(FIXTURES, "broken")).sort();
    expect(CORPUS.map((c) => c.name).sort()).toEqual(folders);
    expect(folders.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS)("$name: $code at $pointer", (expected) => {
    const { issues, compiled } = loadLibrary(readFixture(`broken/${expected.name}`));
    const file = expected.file ?? `${expected.name}.sop.json`;
    const where = (i: { file?: string; code: string; pointer: string; line?: number; column?: number }) => ({
      file: i.file,
      code: i.code,
      pointer: i.pointer,
      line: i.line,
      column: i.column,
    });
    const wanted = [
      { file, code: expected.code, pointer: expected.pointer, line: expected.line, column: expected.column },
    ];
    expect(issues.map(where)).toEqual([...wanted, ...(expected.also ?? [])]);

    const found = issues[0];
    expect(found.severity).toBe(expected.severity ?? "error");
    if (expected.names) expect(found.message).toContain(`"${expected.names}"`);
    if (expected.hint) expect(found.message).toContain(expected.hint);
    // An SOP with an error is never compiled; one with only warnings is.
    const sopId = expected.name === "id-mismatch" ? "screening" : expected.name;
    expect(compiled.has(sopId)).toBe(expected.compiles ?? (expected.severity ?? "error") === "warning");
  });
});
