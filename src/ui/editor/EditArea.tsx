import { useEffect, useId, useMemo, useRef, useState } from "react";
import { type Issue, loadLibrary, type SourceFile } from "../../engine/index";
import { useI18n } from "../shared/i18n/I18nProvider";

// The raw text of every shipped file, so that issues point at real lines. Only this lazy chunk carries them.
const shipped = import.meta.glob<string>("/sop/**/*.json", { query: "?raw", import: "default", eager: true });
const FILES: SourceFile[] = Object.entries(shipped)
  .map(([path, text]) => ({ path: path.replace(/^\//, ""), text }))
  .sort((a, b) => a.path.localeCompare(b.path));
const SOP_FILES = FILES.filter((f) => f.path.endsWith(".sop.json"));
const PASTED = "sop/pasted.sop.json";

/**
 * Policy staff's area: paste an SOP or pick a shipped one, and see every issue (schema, lint, compile) with its line,
 * column, JSON pointer and message, checked against the whole shipped library and catalog.
 */
export default function EditArea() {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const [path, setPath] = useState(PASTED);
  const [text, setText] = useState("");
  const [checked, setChecked] = useState<{ path: string; text: string }>();
  useEffect(() => heading.current?.focus(), []);

  const issues = useMemo(() => (checked ? checkSop(checked.path, checked.text) : undefined), [checked]);

  const pick = (next: string) => {
    const file = SOP_FILES.find((f) => f.path === next);
    setPath(file ? file.path : PASTED);
    const body = file?.text ?? "";
    setText(body);
    setChecked(file ? { path: file.path, text: body } : undefined);
  };

  const goTo = (issue: Issue) => {
    const area = editor.current;
    if (!area || issue.line === undefined) return;
    const offset = offsetOf(area.value, issue.line, issue.column ?? 1);
    area.focus();
    area.setSelectionRange(offset, offset);
  };

  const errors = issues?.filter((i) => i.severity === "error").length ?? 0;
  return (
    <div className="edit-area">
      <h1 ref={heading} tabIndex={-1}>
        {t("edit.title")}
      </h1>
      <p>{t("edit.intro")}</p>
      <label htmlFor={`${id}-pick`}>{t("edit.pick")}</label>
      <select id={`${id}-pick`} value={path === PASTED ? "" : path} onChange={(e) => pick(e.target.value)}>
        <option value="">{t("edit.pasteOwn")}</option>
        {SOP_FILES.map((f) => (
          <option key={f.path} value={f.path}>
            {f.path}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-text`}>{t("edit.text")}</label>
      <textarea
        id={`${id}-text`}
        ref={editor}
        className="code"
        spellCheck={false}
        rows={16}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="button" className="button button-primary" onClick={() => setChecked({ path, text })}>
        {t("edit.check")}
      </button>
      {issues ? (
        <section aria-labelledby={`${id}-issues`} className="issues">
          <div role="status">
            <h2 id={`${id}-issues`}>
              {issues.length === 0
                ? t("edit.clean")
                : t("edit.issueCount", { count: issues.length, errors, warnings: issues.length - errors })}
            </h2>
          </div>
          <ol className="issue-list">
            {issues.map((issue, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues are recomputed whole on every check.
              <li key={i} className={`issue issue-${issue.severity}`}>
                <button type="button" className="issue-place" onClick={() => goTo(issue)}>
                  {t("edit.place", { line: issue.line ?? 1, column: issue.column ?? 1 })}
                </button>{" "}
                <span className={`badge badge-${issue.severity}`}>{t(`edit.${issue.severity}`)}</span>
                <p className="issue-meta">
                  <code>{issue.pointer || "/"}</code> · {issue.code}
                </p>
                <p className="issue-message">{issue.message}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

/** Loads the library with `text` in place of the file at `path` and returns that file's issues, in line order. */
export function checkSop(path: string, text: string): Issue[] {
  // A pasted revision of a shipped SOP replaces it, rather than clashing with its id.
  const id = readId(text);
  const files = FILES.filter((f) => f.path !== path && !(id && f.path.endsWith(".sop.json") && readId(f.text) === id));
  files.push({ path, text });
  return loadLibrary(files)
    .issues.filter((i) => i.file === path)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function readId(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value?.id === "string" ? value.id : undefined;
  } catch {
    return undefined;
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}
