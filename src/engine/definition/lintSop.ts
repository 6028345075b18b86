import type { Issue } from "../errors";
import { ExpressionScope } from "../expression/ExpressionScope";
import { declaredVariables } from "../expression/variables";
import { issue } from "./issueMessages";
import { CatalogGapTally } from "./lint/CatalogGapTally";
import type { LintContext, LintRule } from "./lint/LintContext";
import { lintConsent } from "./lint/lintConsent";
import { lintDuplicateIds, lintDuplicates } from "./lint/lintDuplicates";
import { lintExpressions } from "./lint/lintExpressions";
import { lintOutcomes } from "./lint/lintOutcomes";
import { lintProcedureCycles } from "./lint/lintProcedureCycles";
import { lintCatalogReferences, lintStepReferences } from "./lint/lintReferences";
import { lintStructure } from "./lint/lintStructure";
import { lintTranslations } from "./lint/lintTranslations";
import { lintProtection } from "./lintProtection";
import { stepEntries } from "./stepGraph";
import type { SopDefinition, SopLibrary } from "./types";

export { REQUIRED_LOCALES } from "./lint/lintTranslations";

/** The SOP's id matches its file name, so that a procedure step can find the file it runs. */
const lintFileName: LintRule = ({ sop, file, add }) => {
  if (file && !file.endsWith(`${sop.id}.sop.json`))
    add("id-mismatch", { kind: "sop", id: sop.id, expectedFile: `${sop.id}.sop.json` }, "/id");
};

/**
 * The lint rules, in the order their issues are listed. A new rule (one file under `lint/`, taking a
 * `LintContext`) is added here. Step references come before the graph rules, which read `graphIsBroken`.
 */
const RULES: readonly LintRule[] = [
  lintFileName,
  lintDuplicates,
  lintStepReferences,
  lintCatalogReferences,
  lintDuplicateIds,
  lintExpressions,
  lintStructure,
  lintConsent,
  lintTranslations,
  lintProcedureCycles,
  lintProtection,
  lintOutcomes,
];

/**
 * Finds what the schema cannot say about a schema-valid SOP: unknown steps, services, flags, SOPs and variables;
 * unreachable steps, dead ends and loops a case cannot leave; sensitive questions reachable without consent;
 * expressions that do not parse or type-check; missing translations; duplicate ids; procedure cycles. Returns
 * issues with JSON pointers and params; it never throws on a schema-valid definition, and must not be given one
 * the schema rejected.
 */
export function lintSop(sop: SopDefinition, library: SopLibrary, file?: string): Issue[] {
  return lintSopWithScope(sop, library, file).issues;
}

/**
 * As `lintSop`, with the typed CEL environment lint built over the SOP's variables (every expression in it parsed
 * and type-checked): `loadLibrary` compiles the SOP with it rather than building another.
 */
export function lintSopWithScope(
  sop: SopDefinition,
  library: SopLibrary,
  file?: string,
): { issues: Issue[]; scope: ExpressionScope } {
  const issues: Issue[] = [];
  const steps = stepEntries(sop);
  const { variables, conflicts } = declaredVariables(sop, steps);
  const context: LintContext = {
    sop,
    library,
    file,
    stepIds: steps.map(([id]) => id),
    steps,
    variables,
    variableConflicts: conflicts,
    scope: new ExpressionScope(variables),
    add: (code, params, pointer, severity) => issues.push(issue(code, params, pointer, severity)),
    catalogGaps: new CatalogGapTally(library.catalog),
    graphIsBroken: false,
  };
  for (const rule of RULES) rule(context);
  context.catalogGaps.report((params, pointer) => context.add("catalog-invalid", params, pointer));
  return { issues, scope: context.scope };
}
