/**
 * The structured data each issue code carries, from which its message is written in Spanish or English. A code's
 * params name the things a person needs to find and fix the mistake; the message templates are in
 * `issueMessages.ts`, and nothing else writes issue text.
 */

/** Where in a document an issue is: the step, track, invariant or scenario action, and where inside it. */
export type Subject = {
  /** The step the issue is about (in an SOP), or the step a scenario action is at. */
  step?: string;
  /** A parallel track of `step`. */
  track?: string;
  invariant?: string;
  /** A scenario's action, counted from 1. */
  action?: number;
  /** Where inside the subject, as a dotted path (`effects.0.within`). */
  at?: string;
  /** Where from the document's root, as a dotted path, when there is no subject (`legalBasis.0`). */
  path?: string;
};

/** A close existing name, when the value looks like a typo of it. */
type Suggests = {
  suggestion?: string;
};

/** The JSON kinds of value, as the schema names them. */
export type JsonKind = "null" | "boolean" | "number" | "integer" | "string" | "array" | "object";

/** What went wrong in a file's JSON text. */
export type JsonProblem =
  | "empty"
  | "trailing-comma"
  | "comment"
  | "missing-comma"
  | "value-expected"
  | "property-name"
  | "colon"
  | "close-brace"
  | "close-bracket"
  | "end-of-file"
  | "unclosed-string"
  | "number"
  | "unicode"
  | "escape"
  | "control-character"
  | "unexpected-character"
  | "too-deep"
  | "curly-quote"
  | "single-quote";

/** The forms a string may be required to take, by the schema's patterns. */
export type PatternForm = "id" | "variable" | "locale" | "duration" | "option" | "version" | "step-path" | "other";

/** What a schema found wrong, by the rule that failed. */
export type SchemaParams = Subject &
  (
    | { rule: "required"; field: string }
    | ({ rule: "unknown-field"; field: string; allowed: readonly string[] } & Suggests)
    | { rule: "tag-missing"; tag: string }
    | ({ rule: "unknown-tag"; tag: string; value: string; allowed: readonly string[] } & Suggests)
    | ({ rule: "enum"; value: string; allowed: readonly string[] } & Suggests)
    | { rule: "const"; expected: string }
    | { rule: "pattern"; form: PatternForm; value: string; key?: boolean; pattern: string }
    | {
        rule: "type";
        expected: readonly JsonKind[];
        /** The forms the value may take, by definition name (`Id`, `Route[]`), when the schema offers several. */
        forms?: readonly string[];
        actual: JsonKind;
        value?: string;
        numberInQuotes?: boolean;
      }
    | { rule: "no-form"; fields: readonly string[] }
    | { rule: "several-forms" }
    | { rule: "min-items"; limit: number }
    | { rule: "min-properties"; limit: number }
    | { rule: "empty" }
    | { rule: "maximum" | "minimum"; limit: number; value: string }
    | { rule: "unique-items" }
    | { rule: "format"; format: string; value: string }
    | { rule: "other"; detail: string }
  );

/** The kinds of catalog entry. */
export type CatalogKind = "service" | "flag" | "site" | "role";

/** Where in a case's route a step reference stands. */
export type StepContext =
  | "route"
  | "start"
  | "track"
  | "estimate"
  | "invariant"
  | "condition"
  | "action"
  | "expect"
  | "resume"
  | "desk";

/** A level of sensitivity, as the catalog names them. */
export type LevelName = "public" | "restricted" | "confidential";

/** The params of each issue code; a code missing here is a compile error wherever its template is written. */
export interface IssueParamsOf {
  /** `role`: what the file was for ("arrivals": a surge plan's daily counts). */
  "file-not-found": { file: string; role?: "arrivals" };
  "bad-json": { problem: JsonProblem; limit?: number };
  "duplicate-key": { key: string };
  schema: SchemaParams;
  "unknown-step": Subject & Suggests & { context: StepContext; target: string; sop?: string };
  /** `flag`: for a standing instruction's `forbids`, the flag that forbids. */
  "unknown-service": Subject &
    Suggests & { context: "referral" | "expect" | "condition" | "forbids" | "action"; service: string; flag?: string };
  /** `owner`: for a standing instruction's `unlessFlag`, the flag it lifts. */
  "unknown-flag": Subject &
    Suggests & { context: "effect" | "expect" | "condition" | "lifts" | "action"; flag: string; owner?: string };
  /** `brokenFile`: the SOP is in the library, but its file has errors, so it could not be loaded. */
  "unknown-sop": Subject &
    Suggests & {
      /** `plan`, `contingency`, `persona`: in a surge plan (a desk's SOP, the contingency SOP, a persona's). */
      context: "procedure" | "scenario" | "plan" | "contingency" | "persona";
      sop: string;
      brokenFile?: string;
      scenario?: string;
    };
  /** `contingency`: an answer a surge plan gives to a question the contingency SOP does not ask. */
  "unknown-variable": Subject &
    Suggests & { context: "condition" | "with" | "contingency" | "slip"; variable: string; sop?: string };
  "unknown-option": Subject &
    Suggests & {
      context: "condition" | "answer" | "item";
      variable?: string;
      value: string;
      options: readonly string[];
    };
  "duplicate-variable": Subject & {
    variable: string;
    first: string;
    type?: string;
    firstType?: string;
  };
  "duplicate-id": Subject & {
    what: "track" | "invariant" | "item" | "option" | "sop" | "scenario" | "desk" | CatalogKind;
    id: string;
    otherFile?: string;
  };
  "unreachable-step": Subject;
  "dead-end": Subject & { route?: number };
  "no-default-route": Subject;
  "consent-missing": Subject & { category: string };
  "expression-syntax": Subject & { expression: string; detail: string; slip?: CelSlip; written?: string };
  "expression-type": Subject & {
    expression: string;
    detail?: string;
    duration?: string;
    gives?: string;
    needs?: string;
    slip?: CelSlip;
    written?: string;
  };
  "missing-translation": Subject & { missing: readonly string[] };
  "procedure-cycle": Subject & { sop: string; chain: readonly string[] };
  /** The two regions that share the step; a region without a track is the main flow. */
  "track-escape": Subject & {
    firstTrack?: string;
    firstParallel?: string;
    secondTrack?: string;
    secondParallel?: string;
  };
  "own-consulate": Subject & { service: string; country: string };
  "id-mismatch": { kind: "sop" | "scenario"; id: string; expectedFile: string };
  "version-conflict": { sop: string; version: string; otherFile: string };
  "unverified-legal-basis": Subject & { ref: string };
  "trapping-loop": Subject & { from: string; to: string; steps: readonly string[] };
  "loop-never-left": Subject & { from: string; to: string; steps: readonly string[] };
  "schema-reference": {
    problem: "wrong-schema" | "missing-target";
    value: string;
    expected: string;
  };
  "catalog-invalid": Subject & { catalogFile: string; kind: "service" | "flag"; count: number; id: string };
  "answer-type": Subject & {
    expected: "yes-no" | "number" | "whole-number" | "text" | "option" | "options" | "date" | "datetime" | "items";
    /** The kind of value given; absent when the action gives no answer. */
    actual?: JsonKind;
    /** The value given, as JSON text. */
    value?: string;
    numberInQuotes?: boolean;
    min?: number;
    max?: number;
  };
  /** `do`: what the action does to the step, when not answering it ("correct", "update", "not-needed"). */
  "wrong-action": Subject & { kind: string; sop: string; do?: string };
  "unknown-deadline": Subject & Suggests & { deadline: string; sop: string };
  "empty-expectations": Subject;
  /** An action that does not say what it acts on: `needs` is the field it lacks. */
  "incomplete-action": Subject & { do: string; needs: "step" | "language" | "service" | "flag" | "followUp" };
  "unknown-follow-up": Subject & Suggests & { followUp: string; sop: string };
  // Surge plans (a trainer's rehearsal of a surge at a station).
  "unknown-scenario": Subject & Suggests & { scenario: string };
  "unknown-path": Subject & { sop: string; count: number };
  "unknown-site": Subject & Suggests & { site: string; noCapacity?: boolean };
  "unhandled-step": Subject & { persona: string; sop: string };
  "missing-answer": Subject & {
    sop: string;
    missing: readonly string[];
    titlesEn: readonly string[];
    titlesEs: readonly string[];
  };
  /** `detail`: why the answer does not fit the question, as the case says it (in English). */
  "invalid-answer": Subject & { variable: string; step: string; detail: string };
  "conflicting-fields": Subject &
    (
      | { rule: "days-or-hours" | "site-or-capacity" | "scenario-or-path" }
      | { rule: "too-few-counts"; counts: number; days: number }
      | { rule: "sop-at-two-desks"; sop: string; desk: string }
      | { rule: "days-reversed"; fromDay: number; toDay: number }
    );
  "missing-field": Subject & { rule: "length" | "beds" };
  "unused-answer": Subject &
    ({ rule: "derived"; variable: string; figure: string } | { rule: "after-end"; day: number; days: number });
  "unstaffed-desk": Subject & { desk: string; persona: string };
  /** `difference`: the first way the persona's case differs from its scenario, as `senda test` says it (in English). */
  "persona-differs": Subject & { persona: string; difference: string };
  "bad-csv": Subject & { problem: "not-a-count" | "no-counts"; value?: string };
  /** `followUp`: the follow-up given to the role; absent for a surge plan's desk. */
  "unknown-role": Subject & Suggests & { followUp?: string; role: string };
  "unknown-kind": Subject & Suggests & { flag: string; kind: string; context: "forbids" | "concerns" };
  /** `field`: "contact" for a service's contact, else a text. */
  "placeholder-text": Subject & { found: string; field?: "contact" };
  /** `found`: the words that mark the listener's gender; `locale`: the language of the text read aloud. */
  "gendered-say": Subject & { found: string; locale: string };
  "answer-reveals": Subject & { flag: string; sensitivity: LevelName; level: LevelName };
  /** `variable` and `shared` when a shared answer is too sensitive; `own` when the procedure part is. */
  "slip-over-level": Subject & {
    service: string;
    receives: LevelName;
    variable?: string;
    shared?: LevelName;
    own?: LevelName;
  };
  /** `variable`: the answer the service needs that the slip leaves out; `whyEs`/`whyEn`: why, in the catalog's words. */
  "slip-misses-need": Subject & { service: string; variable: string; whyEs: string; whyEn: string };
  /**
   * `end`: the end step a decision reaches; `outcome`: its outcome, "closed" when `service` (the one referral made)
   * is not counted, "referred" when no referral was made.
   */
  "outcome-mislabelled": Subject & { end: string; outcome: "closed" | "referred"; service?: string };
  "resume-outside-region": Subject & { target: string };
  "missing-public-label": Subject & { flag: string; sensitivity: LevelName };
  /** Parallel tracks inside tracks, or procedures running procedures, deeper than `limit`. */
  "nesting-too-deep": Subject & { what: "tracks" | "procedures"; depth: number; limit: number };
}

/** A slip a person makes in a CEL condition, usually from a spreadsheet's formula language. */
export type CelSlip =
  | "curly-quote"
  | "and"
  | "or"
  | "not"
  | "single-equals"
  | "not-equals"
  | "single-quote-text"
  | "number-in-quotes";
