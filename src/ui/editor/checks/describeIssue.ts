import type { Issue } from "../../../engine/index";
import type { EditorI18n } from "../i18n/useEditorI18n";

/**
 * An issue in words for policy staff: a title in the interface language for its code, and the engine's sentence
 * that names the step and the value. The engine's sentences are English until its message templates (per code,
 * with structured parameters) land; this is the one place that will read them.
 */
export function describeIssue(issue: Issue, i18n: Pick<EditorI18n, "t" | "maybe">): { title: string; detail: string } {
  const title = i18n.maybe(`issue.${issue.code}`) ?? issue.code;
  return { title, detail: issue.message };
}
