import { useId } from "react";
import type { Issue } from "../../engine/index";
import { describeIssue } from "./checks/describeIssue";
import { useEditorI18n } from "./i18n/useEditorI18n";
import type { Problems } from "./useProblems";

/**
 * The draft's problems in the interface language, updated as the author types: "checking…" until the newest
 * text is checked, then every problem of this SOP (a click goes to its place) and what the edit breaks elsewhere
 * in the library (other SOPs, scenarios).
 */
export function ProblemsPanel({
  problems,
  goTo,
  stepTitle,
}: {
  problems: Problems;
  goTo(issue: Issue): void;
  stepTitle(pointer: string): string | undefined;
}) {
  const i18n = useEditorI18n();
  const { t } = i18n;
  const id = useId();
  const { own, elsewhere, checking, ownChecked } = problems;
  const counted = checking ? own : [...own, ...elsewhere];
  const errors = counted.filter((i) => i.severity === "error").length;
  const warnings = counted.length - errors;
  const counts = `${t("problems.errors", { count: errors })} · ${t("problems.warnings", { count: warnings })}`;
  const headline = !ownChecked
    ? t("problems.checking")
    : checking
      ? t("problems.checkingRest", { counts })
      : errors + warnings === 0
        ? t("problems.none")
        : counts;
  const item = (issue: Issue, index: number, foreign: boolean) => {
    const { title, detail } = describeIssue(issue, i18n);
    const where = foreign ? issue.file : stepTitle(issue.pointer);
    return (
      <li
        key={`${issue.file}:${issue.pointer}:${issue.code}:${index}`}
        className={`problem-item problem-${issue.severity}`}
      >
        <button type="button" className="problem-link" onClick={() => goTo(issue)}>
          <span className={`badge badge-${issue.severity}`}>
            {t(issue.severity === "error" ? "problems.error" : "problems.warning")}
          </span>{" "}
          <strong>{title}</strong>
          {where ? <span className="problem-where"> · {where}</span> : null}
          {issue.line ? <span className="problem-where"> · {t("problems.line", { line: issue.line })}</span> : null}
        </button>
        <p className="problem-detail" lang="en">
          {detail}
        </p>
      </li>
    );
  };
  return (
    <section className="problems-panel" aria-labelledby={`${id}-title`} aria-busy={checking}>
      <h2 id={`${id}-title`}>{t("problems.title")}</h2>
      <p
        role="status"
        className={`problems-headline ${!ownChecked ? "problems-checking" : errors ? "problems-bad" : checking ? "problems-checking" : "problems-good"}`}
        data-testid="problems-status"
        data-latency-own={problems.latency?.own === undefined ? undefined : Math.round(problems.latency.own)}
        data-latency-all={problems.latency?.all === undefined ? undefined : Math.round(problems.latency.all)}
      >
        {headline}
      </p>
      <div className={ownChecked ? undefined : "problems-stale"}>
        {own.length ? <ol className="problem-list">{own.map((issue, i) => item(issue, i, false))}</ol> : null}
      </div>
      <div className={checking ? "problems-stale" : undefined}>
        {elsewhere.length ? (
          <>
            <h3>{t("problems.elsewhere", { count: elsewhere.length })}</h3>
            <ol className="problem-list">{elsewhere.map((issue, i) => item(issue, i, true))}</ol>
          </>
        ) : null}
      </div>
    </section>
  );
}
