/** The fixed set of problem codes Senda reports. Policy staff and CI can filter on them. */
export const ISSUE_CODES = [
  "file-not-found",
  "bad-json",
  "duplicate-key",
  "schema",
  "unknown-step",
  "unknown-service",
  "unknown-flag",
  "unknown-sop",
  "unknown-variable",
  "unknown-option",
  "duplicate-variable",
  "duplicate-id",
  "unreachable-step",
  "dead-end",
  "no-default-route",
  "consent-missing",
  "expression-syntax",
  "expression-type",
  "missing-translation",
  "procedure-cycle",
  "track-escape",
  "own-consulate",
  "id-mismatch",
  "version-conflict",
  "unverified-legal-basis",
  "unknown-role",
  "unknown-kind",
  "placeholder-text",
  "gendered-say",
  "answer-reveals",
  "slip-over-level",
  "slip-misses-need",
  "outcome-mislabelled",
  "resume-outside-region",
  "missing-public-label",
  "trapping-loop",
  "loop-never-left",
  "schema-reference",
  "catalog-invalid",
  "answer-type",
  "wrong-action",
  "unknown-deadline",
  "empty-expectations",
  "nesting-too-deep",
  "incomplete-action",
  "unknown-follow-up",
  // Surge plans
  "unknown-scenario",
  "unknown-path",
  "unknown-site",
  "unhandled-step",
  "missing-answer",
  "invalid-answer",
  "conflicting-fields",
  "missing-field",
  "unused-answer",
  "unstaffed-desk",
  "persona-differs",
  "bad-csv",
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = "error" | "warning";

/** A value in an issue's structured data: text, a number, a yes/no, or a list of texts. */
export type IssueParamValue = string | number | boolean | readonly string[];

/**
 * The structured data of an issue (the step, the value, the expected type, the suggestion, the other file …), from
 * which its message is written in any language. Which names each code uses is `IssueParamsOf` in
 * `definition/issueParams.ts`.
 */
export type IssueParams = { readonly [name: string]: IssueParamValue | undefined };

/** One problem found in a file, with where it is and what to do about it. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** The message in English, as the CLI prints it; `formatIssue` writes it in another language from `params`. */
  message: string;
  params: IssueParams;
  /** The file it was found in, as given to the loader. */
  file?: string;
  /** RFC 6901 JSON pointer to the offending value, "" for the whole file. */
  pointer: string;
  /** 1-based line and column of the offending value, when the source text is known. */
  line?: number;
  column?: number;
}

/** The codes of misuse the engine throws for: a programmer error, never a user's bad input. */
export type SendaErrorCode = "invalid-definition" | "unknown-name" | "invalid-state" | "invalid-argument";

/** Thrown only for programmer errors; expected problems are returned as `Issue`s or refusals. */
export class SendaError extends Error {
  readonly code: SendaErrorCode;
  readonly path: string;
  constructor(code: SendaErrorCode, message: string, path = "") {
    super(message);
    this.name = "SendaError";
    this.code = code;
    this.path = path;
  }
}

/** Encodes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  const text = String(segment);
  return text.includes("~") || text.includes("/") ? text.replace(/~/g, "~0").replace(/\//g, "~1") : text;
}

/** Joins segments into a JSON pointer. */
export function toPointer(...segments: (string | number)[]): string {
  let pointer = "";
  for (const segment of segments) pointer += `/${pointerSegment(segment)}`;
  return pointer;
}

/** Whether a list of issues holds at least one error. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
