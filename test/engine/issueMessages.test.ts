import type { IssueParamsOf } from "../../src/engine/definition/issueParams";
import {
  describeSubject,
  formatIssue,
  formatIssueCount,
  ISSUE_CODES,
  ISSUE_MESSAGES,
  type IssueCode,
  LOCALES,
} from "../../src/engine/index";

/**
 * Params for every code, and for every variant of a code's message. Typed by code, so a new code without a sample
 * here (or a sample with params its code does not take) is a compile error.
 */
const SAMPLES: { [C in IssueCode]: IssueParamsOf[C][] } = {
  "file-not-found": [{ file: "sop/uasc.sop.json" }, { file: "counts.csv", role: "arrivals" }],
  "bad-json": [{ problem: "empty" }, { problem: "curly-quote" }, { problem: "too-deep", limit: 100 }],
  "duplicate-key": [{ key: "next" }],
  schema: [
    { step: "a", rule: "required", field: "next" },
    { step: "a", at: "answer", rule: "unknown-field", field: "mni", allowed: ["min", "max"], suggestion: "min" },
    { path: "legalBasis.0", rule: "unknown-field", field: "x", allowed: ["ref"] },
    { step: "a", rule: "tag-missing", tag: "kind" },
    { step: "a", rule: "unknown-tag", tag: "kind", value: '"questoin"', allowed: ["question"], suggestion: "question" },
    { step: "a", rule: "enum", value: '"urgnet"', allowed: ["immediate", "urgent"], suggestion: "urgent" },
    { rule: "const", expected: '"end"' },
    { step: "a", rule: "pattern", form: "id", value: '"Ask Age"', pattern: "^x$" },
    { step: "a", rule: "pattern", form: "other", value: '"x"', key: true, pattern: "^y$" },
    { step: "a", at: "next", rule: "type", expected: ["string", "array"], forms: ["Id", "Route[]"], actual: "null" },
    { step: "a", rule: "type", expected: ["number"], actual: "string", value: '"18"', numberInQuotes: true },
    { step: "a", rule: "no-form", fields: ["raise", "clear"] },
    { step: "a", rule: "several-forms" },
    { step: "a", rule: "min-items", limit: 1 },
    { step: "a", rule: "min-items", limit: 2 },
    { step: "a", rule: "min-properties", limit: 1 },
    { step: "a", rule: "empty" },
    { step: "a", rule: "maximum", limit: 1440, value: "2000" },
    { step: "a", rule: "minimum", limit: 0, value: "-1" },
    { step: "a", rule: "unique-items" },
    { path: "openedAt", rule: "format", format: "date-time", value: '"yesterday"' },
    { rule: "other", detail: "cannot be compiled: x" },
  ],
  "unknown-step": [
    { context: "route", step: "a", target: "b", suggestion: "c" },
    { context: "start", target: "b" },
    { context: "track", step: "a", track: "t", target: "b" },
    { context: "estimate", target: "b" },
    { context: "invariant", invariant: "i", target: "b" },
    { context: "condition", step: "a", target: "b" },
    { context: "action", action: 3, target: "b", sop: "uasc" },
    { context: "expect", path: "expect.visits.0", target: "b", sop: "uasc" },
  ],
  "unknown-service": [
    { context: "referral", step: "a", service: "seniaf", suggestion: "senniaf" },
    { context: "forbids", path: "flags.0.forbids.0", flag: "no-consulate", service: "consulate-x" },
    { context: "action", action: 4, service: "x" },
    { context: "condition", invariant: "i", service: "x" },
  ],
  "unknown-flag": [
    { context: "effect", step: "a", flag: "uacs", suggestion: "uasc" },
    { context: "lifts", path: "flags.0.forbids.1", flag: "missing", owner: "secret" },
    { context: "condition", step: "a", flag: "x" },
  ],
  "unknown-sop": [
    { context: "procedure", step: "a", sop: "uasc" },
    { context: "scenario", sop: "uasc", brokenFile: "sop/uasc.sop.json" },
  ],
  "unknown-variable": [
    { context: "condition", step: "a", variable: "agee", suggestion: "age" },
    { context: "with", step: "a", variable: "agee", sop: "uasc" },
  ],
  "unknown-option": [
    { context: "condition", step: "a", variable: "with", value: "alnoe", options: ["alone"], suggestion: "alone" },
    { context: "answer", action: 2, step: "a", value: "x", options: ["alone"] },
    { context: "item", action: 2, step: "a", value: "x", options: ["a", "b"] },
  ],
  "duplicate-variable": [
    { step: "b", variable: "x", first: "a" },
    { step: "b", variable: "x", first: "a", type: "bool", firstType: "int" },
  ],
  "duplicate-id": [
    { what: "track", step: "p", id: "t" },
    { what: "invariant", id: "i" },
    { what: "item", step: "c", id: "x" },
    { what: "option", step: "q", id: "x" },
    { what: "sop", id: "uasc", otherFile: "copy/uasc.sop.json" },
    { what: "scenario", id: "s", otherFile: "scenarios/s.scenario.json" },
    { what: "flag", id: "uasc", otherFile: "catalog/flags.json" },
    { what: "service", id: "senniaf" },
  ],
  "unreachable-step": [{ step: "orphan" }],
  "dead-end": [{ step: "a" }, { step: "a", route: 1 }],
  "no-default-route": [{ step: "a" }],
  "consent-missing": [{ step: "a", category: "gbv" }],
  "expression-syntax": [
    { step: "a", expression: "age <", detail: "Unexpected end" },
    { step: "a", expression: "a AND b", detail: "x", slip: "and", written: "a && b" },
  ],
  "expression-type": [
    { step: "a", expression: "x", duration: "5d" },
    { step: "a", expression: "age", gives: "int", needs: "bool" },
    {
      invariant: "i",
      expression: 'age < "18"',
      detail: "no such overload",
      slip: "number-in-quotes",
      written: "age < 18",
    },
  ],
  "missing-translation": [
    { step: "a", at: "title", missing: ["en"] },
    { path: "title", missing: ["es", "en"] },
  ],
  "procedure-cycle": [{ step: "run", sop: "b", chain: ["a"] }],
  "track-escape": [{ step: "x", secondTrack: "t", secondParallel: "p" }],
  "own-consulate": [{ step: "a", service: "consulate-ve", country: "VE" }],
  "id-mismatch": [
    { kind: "sop", id: "uasc-v2", expectedFile: "uasc-v2.sop.json" },
    { kind: "scenario", id: "s", expectedFile: "s.scenario.json" },
  ],
  "version-conflict": [{ sop: "uasc", version: "1.0.0", otherFile: "old/uasc.sop.json" }],
  "unverified-legal-basis": [{ path: "legalBasis.0", ref: "Law 285" }],
  "trapping-loop": [{ step: "start-bia", from: "start-bia", to: "ask-age", steps: ["ask-age", "start-bia"] }],
  "loop-never-left": [{ step: "b", from: "b", to: "a", steps: ["a", "b"] }],
  "schema-reference": [
    { problem: "wrong-schema", value: "../schemas/catalog.schema.json", expected: "../schemas/sop.schema.json" },
    { problem: "missing-target", value: "../x.json", expected: "../schemas/sop.schema.json" },
  ],
  "catalog-invalid": [
    { step: "a", catalogFile: "catalog/services.json", kind: "service", count: 1, id: "senniaf" },
    { step: "a", catalogFile: "catalog/flags.json", kind: "flag", count: 26, id: "uasc" },
  ],
  "answer-type": [
    {
      action: 2,
      step: "ask-age",
      expected: "whole-number",
      actual: "string",
      value: '"18"',
      numberInQuotes: true,
      min: 0,
      max: 120,
    },
    { action: 3, step: "ask-alone", expected: "yes-no" },
    { action: 3, step: "d", expected: "datetime", actual: "number", value: "3", min: 1 },
  ],
  "wrong-action": [
    { action: 5, step: "closed", kind: "end", sop: "uasc" },
    { action: 6, step: "notify", kind: "instruction", sop: "uasc", do: "correct" },
    { action: 7, step: "ask-age", kind: "question", sop: "uasc", do: "not-needed" },
  ],
  "unknown-deadline": [{ path: "expect.deadlines.0.id", deadline: "pep", sop: "gbv", suggestion: "pep-72h" }],
  "empty-expectations": [{}],
  "unknown-role": [{ step: "ask", followUp: "check", role: "nurse", suggestion: "nurses" }],
  "unknown-kind": [
    { path: "flags.0.forbids.0", flag: "secret", kind: "consulat", context: "forbids", suggestion: "consulate" },
    { path: "flags.0.concerns.0", flag: "secret", kind: "tracing", context: "concerns" },
  ],
  "placeholder-text": [
    { step: "a", at: "guidance", found: "⚠" },
    { path: "services.0.contact", found: "por fijar", field: "contact" },
  ],
  "gendered-say": [{ step: "ask", found: "está usted segura", locale: "es" }],
  "answer-reveals": [{ step: "risk", flag: "harm", sensitivity: "restricted", level: "public" }],
  "slip-over-level": [
    { step: "refer", service: "camp", receives: "public", variable: "meds", shared: "restricted" },
    { step: "refer", service: "camp", receives: "public", own: "confidential" },
  ],
  "slip-misses-need": [
    {
      step: "refer",
      service: "obstetric",
      variable: "age",
      whyEs: "un embarazo adolescente es de alto riesgo",
      whyEn: "an adolescent pregnancy is high risk",
    },
  ],
  "outcome-mislabelled": [
    { step: "outcome", end: "end-closed", outcome: "closed", service: "camp" },
    { step: "outcome", end: "end-referred", outcome: "referred" },
  ],
  "resume-outside-region": [{ step: "ask", target: "track-step" }],
  "missing-public-label": [{ flag: "secret", sensitivity: "confidential" }],
  "incomplete-action": [
    { action: 2, do: "hand-over", needs: "service" },
    { action: 3, do: "answer", needs: "step" },
  ],
  "unknown-follow-up": [{ action: 4, followUp: "chek", sop: "uasc", suggestion: "check" }],
  "unknown-scenario": [{ scenario: "carlos-15", suggestion: "carlos-15-alone" }],
  "unknown-path": [
    { sop: "uasc", count: 1 },
    { sop: "uasc", count: 12 },
  ],
  "unknown-site": [
    { site: "san-vicent", suggestion: "san-vicente" },
    { site: "los-planes", noCapacity: true },
  ],
  "unhandled-step": [{ persona: "carlos", sop: "uasc" }],
  "missing-answer": [
    {
      sop: "site-contingency",
      missing: ["planned_arrivals"],
      titlesEn: ["Planned arrivals"],
      titlesEs: ["Llegadas previstas"],
    },
    { sop: "site-contingency", missing: ["a", "b"], titlesEn: ["A", "B"], titlesEs: ["A", "B"] },
  ],
  "invalid-answer": [{ variable: "outbreak", step: "ask-outbreak", detail: "the answer must be one of none, signal." }],
  "conflicting-fields": [
    { rule: "days-or-hours" },
    { rule: "site-or-capacity" },
    { rule: "scenario-or-path" },
    { rule: "too-few-counts", counts: 1, days: 3 },
    { rule: "sop-at-two-desks", sop: "uasc", desk: "registration" },
    { rule: "days-reversed", fromDay: 3, toDay: 2 },
  ],
  "missing-field": [{ rule: "length" }, { rule: "beds" }],
  "unused-answer": [
    { rule: "derived", variable: "occupancy", figure: "the day's peak number of people on site" },
    { rule: "after-end", day: 9, days: 7 },
  ],
  "unstaffed-desk": [{ desk: "medical", persona: "carlos" }],
  "persona-differs": [{ persona: "carlos", difference: 'expected flag "uasc"' }],
  "bad-csv": [{ problem: "not-a-count", value: "lots" }, { problem: "no-counts" }],
  "nesting-too-deep": [
    { step: "p13", what: "tracks", depth: 13, limit: 12 },
    { step: "run", what: "procedures", depth: 13, limit: 12 },
  ],
};

describe("the issue message table", () => {
  it("has a template in Spanish and English for every code, and nothing else", () => {
    expect(Object.keys(ISSUE_MESSAGES).sort()).toEqual([...ISSUE_CODES].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...ISSUE_CODES].sort());
    for (const templates of Object.values(ISSUE_MESSAGES)) expect(Object.keys(templates).sort()).toEqual(["en", "es"]);
  });

  it.each(Object.entries(SAMPLES))("writes %s in both languages from its params alone", (code, samples) => {
    for (const params of samples) {
      const found = { code: code as IssueCode, params };
      const [es, en] = LOCALES.map((locale) => formatIssue(found, locale));
      for (const message of [es, en]) {
        expect(message.length).toBeGreaterThan(10);
        expect(message).not.toMatch(/undefined|\[object Object\]|NaN|\{[a-z]+\}/);
      }
      // Spanish is written, not copied: only ids, values and file names are shared.
      expect(es).not.toBe(en);
    }
  });

  it("names every id, value and suggestion of its params in the message", () => {
    const message = formatIssue(
      { code: "unknown-step", params: { context: "route", step: "notify", target: "closng", suggestion: "closing" } },
      "es",
    );
    expect(message).toBe('El paso "notify" lleva a "closng", que no existe. ¿Quiso decir "closing"?');
  });

  it("counts in the right number, so that one problem is never '1 problemas: 1 errores'", () => {
    expect(formatIssueCount(1, 0, "es")).toBe("1 problema: 1 error y 0 avisos");
    expect(formatIssueCount(2, 1, "es")).toBe("3 problemas: 2 errores y 1 aviso");
    expect(formatIssueCount(0, 1, "en")).toBe("1 problem: 0 errors and 1 warning");
    expect(formatIssueCount(1, 1, "en")).toBe("2 problems: 1 error and 1 warning");
    expect(formatIssue({ code: "catalog-invalid", params: SAMPLES["catalog-invalid"][0] }, "es")).toContain(
      "no se puede comprobar 1 referencia a sus servicios",
    );
    expect(formatIssue({ code: "catalog-invalid", params: SAMPLES["catalog-invalid"][1] }, "es")).toContain(
      "no se pueden comprobar 26 referencias a sus alertas",
    );
  });

  it("contracts the Spanish as the language requires", () => {
    expect(formatIssue({ code: "unreachable-step", params: { step: "orphan" } }, "es")).toBe(
      'Nunca se llega al paso "orphan": ningún paso lleva a él. Enlácelo desde otro paso, o bórrelo.',
    );
    expect(
      formatIssue({ code: "track-escape", params: { step: "x", secondTrack: "t", secondParallel: "p" } }, "es"),
    ).toMatch(/^Al paso "x" se llega desde el flujo principal y desde la pista "t" del paso "p"/);
  });

  it("says where an issue is in each language", () => {
    expect(describeSubject({ step: "ask-age", at: "next.0" }, "es")).toBe('El paso "ask-age" (en next.0)');
    expect(describeSubject({ action: 4 }, "en")).toBe("Action 4");
    expect(describeSubject({ track: "t", step: "p" }, "es")).toBe('La pista "t" del paso "p"');
    expect(describeSubject({}, "es")).toBe("El documento");
  });
});
