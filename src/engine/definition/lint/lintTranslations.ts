import { pointerSegment } from "../../errors";
import { subjectOf } from "../schemaIssues";
import type { LintContext } from "./LintContext";

/** The locales every human text must have. */
export const REQUIRED_LOCALES = ["es", "en"] as const;

/** The fields whose values are locale maps (`$defs/Text` in the SOP schema), wherever they stand in an SOP. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([
  "title",
  "summary",
  "notes",
  "say",
  "guidance",
  "label",
  "text",
  "reason",
  "unit",
  "why",
]);

/** Every human text has a Spanish and an English version. */
export function lintTranslations(context: LintContext): void {
  const { add } = context;
  // Iterative: a schema-valid SOP is shallow, but a walk over data should not trust that.
  const stack: { value: unknown; pointer: string; key: string }[] = [{ value: context.sop, pointer: "", key: "" }];
  while (stack.length > 0) {
    const { value, pointer, key } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}`, key });
    } else if (value && typeof value === "object") {
      if (TEXT_FIELDS.has(key) && Object.values(value).every((v) => typeof v === "string")) {
        const missing = REQUIRED_LOCALES.filter((l) => !(l in value));
        if (missing.length) add("missing-translation", { ...subjectOf(pointer), missing }, pointer);
        continue;
      }
      // Children pushed last first, so they are visited in the order the file gives them.
      for (const [k, v] of Object.entries(value).reverse())
        stack.push({ value: v, pointer: `${pointer}/${pointerSegment(k)}`, key: k });
    }
  }
}
