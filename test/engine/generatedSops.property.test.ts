import fc from "fast-check";
import {
  classifyPath,
  formatIssue,
  ISSUE_CODES,
  ISSUE_MESSAGES,
  type Issue,
  LOCALES,
  loadCatalog,
  loadLibrary,
  openCase,
  type SourceFile,
  viewCase,
} from "../../src/engine/index";
import { MISTAKE_KINDS, type Mistake, makeMistakes } from "./humanMistakes";
import { runs } from "./propertyRuns";
import { readFixture } from "./readFixture";

/** A property's runs take seconds, more on a busy machine and many more in `npm run fuzz`. */
const PROPERTY_TIMEOUT = 120_000 * Math.max(1, Number(process.env.SENDA_PROPERTY_SCALE ?? 1));

/** Every code the engine can report, each with its message templates. */
const CODES = ISSUE_CODES.filter((code) => code in ISSUE_MESSAGES);

const library = readFixture("library");
const catalogFiles = library.filter((f) => f.path.startsWith("catalog/"));

const isParamValue = (value: unknown) =>
  value === undefined ||
  ["string", "number", "boolean"].includes(typeof value) ||
  (Array.isArray(value) && value.every((v) => typeof v === "string"));

/**
 * Every issue is data a policy officer can act on: a known code, params that write its message in every language,
 * a pointer, a place in a file, and words.
 */
function expectWellFormed(issues: Issue[], files: SourceFile[]) {
  for (const found of issues) {
    expect(CODES).toContain(found.code);
    expect(["error", "warning"]).toContain(found.severity);
    expect(typeof found.pointer).toBe("string");
    expect(found.pointer === "" || found.pointer.startsWith("/")).toBe(true);
    expect(files.map((f) => f.path)).toContain(found.file);
    expect(Number.isInteger(found.line) && found.line! >= 1).toBe(true);
    expect(Number.isInteger(found.column) && found.column! >= 1).toBe(true);
    expect(Object.values(found.params).every(isParamValue)).toBe(true);
    expect(formatIssue(found, "en")).toBe(found.message);
    for (const locale of LOCALES) {
      const message = formatIssue(found, locale);
      expect(message.length).toBeGreaterThan(10);
      expect(message).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  }
}

/**
 * Loads the files and checks what must hold whatever they hold: nothing throws; every issue is well formed; a file
 * that did not load has an error of its own (no schema error is ever dropped); an SOP without errors compiles and
 * opens a case that shows a view.
 */
function checkLoads(files: SourceFile[]) {
  const loaded = loadLibrary(files);
  expectWellFormed(loaded.issues, files);
  const hasError = (file: string) => loaded.issues.some((i) => i.file === file && i.severity === "error");
  const loadedSops = new Set(loaded.sopFiles.values());
  const loadedScenarios = new Set(loaded.scenarios.map((s) => s.file));
  for (const file of files) {
    const kind = classifyPath(file.path);
    if (kind === "sop" && !loadedSops.has(file.path)) expect(hasError(file.path)).toBe(true);
    if (kind === "scenario" && !loadedScenarios.has(file.path)) expect(hasError(file.path)).toBe(true);
    if (kind === "catalog" && !loadCatalog(file.text, file.path).value) expect(hasError(file.path)).toBe(true);
  }
  for (const [id, compiled] of loaded.compiled) {
    expect(hasError(loaded.sopFiles.get(id)!)).toBe(false);
    const session = openCase(compiled, { caseId: "g", at: "2024-03-01T08:00:00Z", by: "o" });
    const view = viewCase(session, new Date("2024-03-01T09:00:00Z"));
    expect(["active", "finished", "stuck"]).toContain(view.status);
  }
  return loaded;
}

// ---------------------------------------------------------------------------------------------------------------
// Random SOPs, built from the vocabulary of the schema, right and wrong.

const ids = [
  "start",
  "ask-age",
  "ask-alone",
  "decide",
  "refer",
  "notify",
  "care",
  "closing",
  "done",
  "end-b",
  "nowhere",
  "constructor",
];
const variables = ["age", "alone", "with", "dob", "since", "docs", "nope"];
const expressions = [
  "age < 18",
  "alone",
  'with == "alone"',
  'with == "alnoe"',
  '"uasc" in flags',
  '"usac" in flags',
  "age <",
  'age < "18"',
  "age",
  "nope > 1",
  "size(referrals) > 0",
  "yearsBetween(dob, now) < 18",
  'since < duration("72h")',
  "now - since",
  "true",
  "",
  "(((",
  'alone && age < 18 || with == "group"',
];
const text = fc.constantFrom({ es: "Texto", en: "Text" }, { es: "Solo español" }, {}, "plain", { EN: "x" });
const next = fc.oneof(
  fc.constantFrom(...ids),
  fc.array(
    fc.record(
      { when: fc.option(fc.constantFrom(...expressions), { nil: undefined }), to: fc.constantFrom(...ids) },
      { requiredKeys: ["to"] },
    ),
    { maxLength: 3 },
  ),
  fc.constantFrom(3, null, {}),
);
const answer = fc.oneof(
  fc.constant({ type: "yes-no" }),
  fc.constant({ type: "number", min: 0, max: 120 }),
  fc.constant({
    type: "one-of",
    options: [
      { value: "alone", label: { es: "Solo", en: "Alone" } },
      { value: "group", label: { es: "Grupo", en: "Group" } },
    ],
  }),
  fc.constant({ type: "date" }),
  fc.constant({ type: "duration", unit: "hours" }),
  fc.constant({ type: "consent", covers: ["gbv"] }),
  fc.constant({ type: "several-of", options: [] }),
  fc.constant({ type: "nubmer" }),
);
const effect = fc.oneof(
  fc.record(
    {
      raise: fc.constantFrom("uasc", "pep-window", "uacs"),
      when: fc.option(fc.constantFrom(...expressions), { nil: undefined }),
    },
    { requiredKeys: ["raise"] },
  ),
  fc.record({ clear: fc.constantFrom("uasc", "nothing") }),
  fc.record(
    {
      deadline: fc.constantFrom("pep", "Bad Id"),
      label: text,
      from: fc.option(fc.constantFrom(...expressions), { nil: undefined }),
      within: fc.constantFrom("72h", "90m", "5d", "3 days"),
    },
    { requiredKeys: ["deadline", "label", "within"] },
  ),
);
const common = { title: text, effects: fc.option(fc.array(effect, { maxLength: 2 }), { nil: undefined }) };
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant("instruction"), ...common, next }, { requiredKeys: ["kind", "next"] }),
  fc.record(
    {
      kind: fc.constant("question"),
      ...common,
      say: text,
      variable: fc.constantFrom(...variables),
      answer,
      sensitive: fc.option(fc.constantFrom("gbv", "health"), { nil: undefined }),
      next,
    },
    { requiredKeys: ["kind", "title", "say", "variable", "answer", "next"] },
  ),
  fc.record(
    {
      kind: fc.constant("checklist"),
      ...common,
      variable: fc.option(fc.constantFrom(...variables), { nil: undefined }),
      items: fc.constantFrom(
        [{ id: "a", text: { es: "A", en: "A" }, required: true }],
        [
          { id: "a", text: { es: "A", en: "A" } },
          { id: "a", text: { es: "B", en: "B" } },
        ],
        [],
      ),
      next,
    },
    { requiredKeys: ["kind", "title", "items", "next"] },
  ),
  fc.record({ kind: fc.constant("decision"), ...common, next }, { requiredKeys: ["kind", "next"] }),
  fc.record(
    {
      kind: fc.constant("referral"),
      ...common,
      service: fc.constantFrom("senniaf", "minsa-clinic", "seniaf"),
      urgency: fc.constantFrom("immediate", "urgnet"),
      reason: text,
      requiresConsent: fc.option(fc.boolean(), { nil: undefined }),
      next,
    },
    { requiredKeys: ["kind", "title", "service", "urgency", "reason", "next"] },
  ),
  fc.record(
    {
      kind: fc.constant("procedure"),
      ...common,
      sop: fc.constantFrom("child-protection", "random", "missing"),
      with: fc.option(fc.dictionary(fc.constantFrom("age", "agee"), fc.constantFrom(...expressions)), {
        nil: undefined,
      }),
      next,
    },
    { requiredKeys: ["kind", "title", "sop", "next"] },
  ),
  fc.record(
    {
      kind: fc.constant("parallel"),
      ...common,
      tracks: fc.array(fc.record({ id: fc.constantFrom("a", "b", "c"), title: text, start: fc.constantFrom(...ids) }), {
        minLength: 1,
        maxLength: 3,
      }),
      next,
    },
    { requiredKeys: ["kind", "title", "tracks", "next"] },
  ),
  fc.record(
    { kind: fc.constant("end"), ...common, outcome: fc.constantFrom("closed", "referred", "done") },
    { requiredKeys: ["kind", "outcome"] },
  ),
  fc.record({ kind: fc.constantFrom("questoin", 7) }),
);
const sopArb = fc.record({
  id: fc.constantFrom("random", "Random SOP"),
  version: fc.constantFrom("1.0.0", "1.0"),
  title: text,
  owner: fc.constant("Fuzz"),
  legalBasis: fc.constant([]),
  start: fc.constantFrom(...ids),
  steps: fc.dictionary(fc.constantFrom(...ids, "Bad_Id"), stepArb, { minKeys: 0, maxKeys: 9 }),
  invariants: fc.option(
    fc.array(
      fc.record(
        {
          id: fc.constantFrom("i", "j"),
          text,
          when: fc.option(fc.constantFrom(...expressions), { nil: undefined }),
          expect: fc.array(
            fc.oneof(
              fc.record({ referral: fc.constantFrom("senniaf", "x") }),
              fc.record({ visits: fc.constantFrom(...ids) }),
              fc.record({ holds: fc.constantFrom(...expressions) }),
              fc.record({ outcome: fc.constant(["referred"]) }),
            ),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: ["id", "text", "expect"] },
      ),
      { maxLength: 2 },
    ),
    { nil: undefined },
  ),
  estimates: fc.option(fc.dictionary(fc.constantFrom(...ids), fc.integer({ min: -1, max: 30 })), { nil: undefined }),
});

/** SOPs that are right by construction: steps in a row, each going on to a later one, conditions over answers. */
const wellFormedSopArb = fc
  .array(
    fc.record({
      kind: fc.constantFrom(
        "instruction",
        "yes-no",
        "number",
        "one-of",
        "checklist",
        "decision",
        "referral",
        "procedure",
      ),
      jump: fc.nat({ max: 3 }),
      condition: fc.constantFrom("age < 18", "alone", 'with == "group"', '"uasc" in flags', "size(referrals) > 0"),
      raise: fc.boolean(),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((plan) => {
    const n = plan.length;
    const id = (i: number) => (i >= n ? "done" : `s${i}`);
    const later = (i: number, jump: number) => id(Math.min(n, i + 1 + jump));
    const t = { es: "Texto", en: "Text" };
    const steps: Record<string, unknown> = {
      // Declared first, so every condition type-checks; answered or not, it only decides a route.
      s0: {
        kind: "question",
        title: t,
        say: t,
        variable: "age",
        answer: { type: "number", min: 0, max: 120 },
        next: "s0b",
      },
      s0b: { kind: "question", title: t, say: t, variable: "alone", answer: { type: "yes-no" }, next: "s0c" },
      s0c: {
        kind: "question",
        title: t,
        say: t,
        variable: "with",
        answer: {
          type: "one-of",
          options: [
            { value: "alone", label: t },
            { value: "group", label: t },
          ],
        },
        next: n > 1 ? "s1" : "done",
      },
      done: { kind: "end", outcome: "closed" },
    };
    for (const [i, p] of plan.entries()) {
      if (i === 0) continue;
      const routes = [{ when: p.condition, to: later(i, p.jump) }, { to: later(i, 0) }];
      const effects = p.raise ? [{ raise: "uasc", when: p.condition }] : undefined;
      const base = { title: t, ...(effects ? { effects } : {}) };
      steps[id(i)] =
        p.kind === "instruction"
          ? { kind: "instruction", ...base, next: routes }
          : p.kind === "yes-no"
            ? { kind: "question", ...base, say: t, variable: `q${i}`, answer: { type: "yes-no" }, next: routes }
            : p.kind === "number"
              ? {
                  kind: "question",
                  ...base,
                  say: t,
                  variable: `n${i}`,
                  answer: { type: "number" },
                  next: later(i, 0),
                }
              : p.kind === "one-of"
                ? {
                    kind: "question",
                    ...base,
                    say: t,
                    variable: `o${i}`,
                    answer: { type: "one-of", options: [{ value: "a", label: t }] },
                    next: routes,
                  }
                : p.kind === "checklist"
                  ? { kind: "checklist", ...base, items: [{ id: "a", text: t, required: true }], next: later(i, 0) }
                  : p.kind === "decision"
                    ? { kind: "decision", ...base, next: routes }
                    : p.kind === "referral"
                      ? { kind: "referral", ...base, service: "senniaf", urgency: "urgent", reason: t, next: routes }
                      : {
                          kind: "procedure",
                          ...base,
                          sop: "child-protection",
                          with: { age: "age" },
                          next: later(i, 0),
                        };
    }
    return { id: "random", version: "1.0.0", title: t, owner: "Fuzz", legalBasis: [], start: "s0", steps };
  });

describe("randomly generated SOPs", () => {
  it(
    "either compile or come back as issues, never as an exception",
    () => {
      const child = library.find((f) => f.path === "child-protection.sop.json")!;
      fc.assert(
        fc.property(sopArb, fc.boolean(), (sop, pretty) => {
          const files = [
            ...catalogFiles,
            child,
            { path: "random.sop.json", text: JSON.stringify(sop, null, pretty ? 2 : 0) },
          ];
          checkLoads(files);
        }),
        { numRuns: runs(400) },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "compile when they are right by construction, and open a case",
    () => {
      const child = library.find((f) => f.path === "child-protection.sop.json")!;
      fc.assert(
        fc.property(wellFormedSopArb, (sop) => {
          const files = [...catalogFiles, child, { path: "random.sop.json", text: JSON.stringify(sop, null, 2) }];
          const loaded = checkLoads(files);
          expect(loaded.issues.filter((i) => i.severity === "error")).toEqual([]);
          expect(loaded.compiled.has("random")).toBe(true);
        }),
        { numRuns: runs(200) },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Mutations of a valid library: what a hurried edit by hand does to good files (see humanMistakes.ts).

const mistakes = (max: number) =>
  fc.array(fc.tuple(fc.nat({ max: MISTAKE_KINDS - 1 }), fc.nat(), fc.nat()), { minLength: 1, maxLength: max });

/** A library with one of its files broken by the given mistakes. */
function withMistakes(files: SourceFile[], path: string, made: Mistake[]): SourceFile[] {
  return files.map((f) => (f.path === path ? { path, text: makeMistakes(f.text, made) } : f));
}

/** The shipped library's SOPs and catalog, and its scenarios, as files relative to sop/. */
const shipped = readFixture("../../sop");
const shippedCore = shipped.filter((f) => !f.path.startsWith("scenarios/"));

describe("a library with human mistakes", () => {
  const paths = library.map((f) => f.path);

  it(
    "comes back as located issues, never as an exception, whatever file the mistakes are in",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...paths), mistakes(4), (path, made) => {
          checkLoads(withMistakes(library, path, made));
        }),
        { numRuns: runs(400) },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "comes back as located issues for mistakes in the shipped library, with its procedures and parallel tracks",
    () => {
      // The SOPs and catalog, and the one scenario mistaken (if a scenario is): loading all the scenarios each time
      // would make a run too slow for the runs it needs.
      fc.assert(
        fc.property(fc.constantFrom(...shipped.map((f) => f.path)), mistakes(3), (path, made) => {
          const scenario = path.startsWith("scenarios/") ? shipped.filter((f) => f.path === path) : [];
          checkLoads(withMistakes([...shippedCore, ...scenario], path, made));
        }),
        { numRuns: runs(12) },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "comes back as one bad-json issue when the text itself is cut or spliced",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          fc.nat(),
          fc.nat({ max: 40 }),
          fc.string({ maxLength: 3 }),
          (path, at, length, insert) => {
            const text = library.find((f) => f.path === path)!.text;
            const cut = at % text.length;
            const spliced = text.slice(0, cut) + insert + text.slice(cut + length);
            const loaded = checkLoads(library.map((f) => (f.path === path ? { path, text: spliced } : f)));
            // At most one syntax message per file: the parser's follow-up errors are not shown.
            expect(loaded.issues.filter((i) => i.code === "bad-json").length).toBeLessThanOrEqual(1);
          },
        ),
        { numRuns: runs(300) },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
