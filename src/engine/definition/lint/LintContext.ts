import type { IssueCode, Severity } from "../../errors";
import type { ExpressionScope } from "../../expression/ExpressionScope";
import type { VariableDeclaration } from "../../expression/variables";
import type { IssueParamsOf } from "../issueParams";
import type { SopDefinition, SopLibrary, Step } from "../types";
import type { CatalogGapTally } from "./CatalogGapTally";

/** Reports one issue of a lint rule, with the params its code takes. */
export type AddIssue = <C extends IssueCode>(
  code: C,
  params: IssueParamsOf[C],
  pointer: string,
  severity?: Severity,
) => void;

/** What every lint rule sees: the SOP, the library it is checked against, and where to report. */
export interface LintContext {
  sop: SopDefinition;
  library: SopLibrary;
  /** The file the SOP came from, when it came from one. */
  file?: string;
  stepIds: string[];
  /**
   * The SOP's steps as `[id, step]`, in the order of `stepIds`: found once for every rule, since listing a large
   * SOP's steps object is not cheap (see `stepEntries`).
   */
  steps: readonly (readonly [string, Step])[];
  /** The SOP's variables, and the typed CEL environment over them. */
  variables: ReadonlyMap<string, VariableDeclaration>;
  /** Variables declared again by a later step (each with that step), for the duplicate rule. */
  variableConflicts: readonly VariableDeclaration[];
  scope: ExpressionScope;
  add: AddIssue;
  /** References that a broken catalog file leaves unchecked, reported once per file by `lintSop`. */
  catalogGaps: CatalogGapTally;
  /**
   * Whether a step reference is broken (or two tracks share an id, hiding one): the graph rules then stay silent,
   * since reachability and dead ends would only echo that one mistake.
   */
  graphIsBroken: boolean;
}

/** One lint rule: reads the context, reports through `add`. Rules never throw on a schema-valid SOP. */
export type LintRule = (context: LintContext) => void;
