import fc from "fast-check";
import {
  ISSUE_CODES,
  type Issue,
  type IssueCode,
  loadLibrary,
  openCase,
  type SourceFile,
  viewCase,
} from "../../src/engine/index";
import { runs } from "./propertyRuns";
import { readFixture } from "./readFixture";

const CODES: readonly IssueCode[] = ISSUE_CODES;

const library = readFixture("library");
const catalogFiles = library.filter((f) => f.path.startsWith("catalog/"));

/** Every issue is data a policy officer can act on: a known code, a pointer, a place in a file, and words. */
function expectWellFormed(issues: Issue[], files: SourceFile[]) {
  for (const found of issues) {
    expect(CODES).toContain(found.code);
    expect(["error", "warning"]).toContain(found.severity);
    expect(typeof found.pointer).toBe("string");
    expect(found.pointer === "" || found.pointer.startsWith("/")).toBe(true);
    expect(files.map((f) => f.path)).toContain(found.file);
    expect(Number.isInteger(found.line) && found.line! >= 1).toBe(true);
    expect(Number.isInteger(found.column) && found.column! >= 1).toBe(true);
    expect(found.message.length).toBeGreaterThan(10);
    expect(found.message).not.toMatch(/undefined|\[object Object\]|NaN/);
  }
}

/** Loads the files; an SOP without errors must compile and open a case that shows a view. */
function checkLoads(files: SourceFile[]) {
  const loaded = loadLibrary(files);
  expectWellFormed(loaded.issues, files);
  for (const [id, compiled] of loaded.compiled) {
    expect(loaded.issues.some((i) => i.severity === "error" && i.file === loaded.sopFiles.get(id))).toBe(false);
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
                  next: later(i, p.jump),
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
  it("either compile or come back as issues, never as an exception", () => {
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
  });

  it("compile when they are right by construction, and open a case", () => {
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
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Mutations of the valid test library: what a hurried edit does to a good SOP.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a JSON document, the root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

function parentOf(root: Json, path: (string | number)[]): { parent: Json; key: string | number } {
  let parent = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key];
  return { parent, key: path[path.length - 1] };
}

const KINDS = ["instruction", "checklist", "question", "decision", "referral", "procedure", "parallel", "end"];

/** Applies one mutation, chosen and placed by the numbers. */
function mutate(sop: Json, kind: number, where: number, what: number): Json {
  const doc = JSON.parse(JSON.stringify(sop)) as Record<string, Json> & { steps: Record<string, Record<string, Json>> };
  const all = paths(doc);
  if (all.length === 0) return doc;
  const path = all[where % all.length];
  const { parent, key } = parentOf(doc, path);
  // An earlier mutation may have taken the steps away, or left a step that is not an object.
  const stepIds = doc.steps && typeof doc.steps === "object" ? Object.keys(doc.steps) : [];
  const someStep = stepIds.length ? doc.steps[stepIds[where % stepIds.length]] : undefined;
  if (kind % 8 >= 2 && kind % 8 !== 5 && (!someStep || typeof someStep !== "object" || Array.isArray(someStep)))
    return doc;
  const strings = ["", "x", "Ask Age", "ask-aeg", "age <", "uacs", "72 hours", stepIds[what % stepIds.length]];
  switch (kind % 8) {
    case 0: // delete a field
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
      break;
    case 1: // change a string, or put a string where something else was
      (parent as Record<string | number, Json>)[key] = strings[what % strings.length];
      break;
    case 2: // retarget a next, to an existing step (maybe making a cycle) or a missing one
      if ("next" in someStep!) someStep!.next = what % 3 === 0 ? "missing-step" : stepIds[what % stepIds.length];
      break;
    case 3: // swap a step's kind
      someStep!.kind = KINDS[what % KINDS.length];
      break;
    case 4: // insert a cycle back to the start
      if ("next" in someStep!) someStep!.next = doc.start as string;
      for (const id of stepIds)
        if (doc.steps[id]?.kind === "end" && what % 2 === 0)
          doc.steps[id] = { kind: "instruction", title: { es: "x", en: "x" }, next: doc.start as string };
      break;
    case 5: // a value of the wrong type
      (parent as Record<string | number, Json>)[key] = [null, 3, true, [], {}][what % 5];
      break;
    case 6: // duplicate a step under another id
      doc.steps[`${stepIds[what % stepIds.length]}-copy`] = JSON.parse(JSON.stringify(someStep!));
      break;
    case 7: // rename a step without renaming what points at it
      doc.steps[`${stepIds[where % stepIds.length]}-renamed`] = someStep!;
      delete doc.steps[stepIds[where % stepIds.length]];
      break;
  }
  return doc;
}

describe("mutated SOPs", () => {
  const targets = library.filter((f) => f.path.endsWith(".sop.json"));

  it("either compile or come back as issues, never as an exception", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...targets.map((f) => f.path)),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (path, mutations) => {
          const original = JSON.parse(library.find((f) => f.path === path)!.text);
          const mutated = mutations.reduce((doc, [k, w, v]) => mutate(doc, k, w, v), original as Json);
          checkLoads(library.map((f) => (f.path === path ? { path, text: JSON.stringify(mutated, null, 2) } : f)));
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it("come back as a bad-json issue when the text itself is cut or spliced", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...targets.map((f) => f.path)),
        fc.nat(),
        fc.nat({ max: 40 }),
        fc.string({ maxLength: 3 }),
        (path, at, length, insert) => {
          const text = library.find((f) => f.path === path)!.text;
          const cut = at % text.length;
          const spliced = text.slice(0, cut) + insert + text.slice(cut + length);
          const loaded = checkLoads(library.map((f) => (f.path === path ? { path, text: spliced } : f)));
          const bad = loaded.issues.filter((i) => i.code === "bad-json");
          // At most one syntax message per file: the parser's follow-up errors are not shown.
          expect(bad.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
