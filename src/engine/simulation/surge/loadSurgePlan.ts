import { validateSurgePlanSchema } from "../../definition/generated/validateSurgePlanSchema.js";
import { parseJson } from "../../definition/parseJson";
import { checkSchema, type SchemaValidator } from "../../definition/schemaIssues";
import type { Issue } from "../../errors";

export type { SurgePlan } from "../../definition/generated/surge-plan";

import type { SurgePlan } from "../../definition/generated/surge-plan";

/** A surge plan read from its text: the plan when it passed the schema, and every issue found, located. */
export interface LoadedSurgePlan {
  plan?: SurgePlan;
  issues: Issue[];
  /** Locates a JSON pointer in the plan's text, for issues found later (`prepareSurge`). */
  locate(pointer: string): { line: number; column: number };
}

/** Parses and schema-checks a surge plan (schemas/surge-plan.schema.json), with the precompiled validator. */
export function loadSurgePlan(text: string, file = "<plan>"): LoadedSurgePlan {
  const { document: parsed, issues } = parseJson(text);
  const locate = (pointer: string) => parsed?.locate(pointer) ?? { line: 1, column: 1 };
  const found = issues.map((i) => ({ ...i, file }));
  if (!parsed) return { issues: found, locate };
  const schemaIssues = checkSchema(validateSurgePlanSchema as SchemaValidator, parsed.value).map((i) => ({
    ...i,
    file,
    ...parsed.locate(i.pointer),
  }));
  found.push(...schemaIssues);
  return { plan: schemaIssues.length === 0 ? (parsed.value as SurgePlan) : undefined, issues: found, locate };
}
