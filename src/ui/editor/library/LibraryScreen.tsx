import { useEffect, useId, useRef, useState } from "react";
import type { SopDiff } from "../../../engine/index";
import type { LibraryEntry, PublishedVersion } from "../../../store/index";
import { TechnicalDetail } from "../../shared/TechnicalDetail";
import type { Analysis } from "../checks/runAnalysis";
import { parseDraft } from "../draft/editText";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { sopPath, versionText } from "./useLibraryFiles";

/**
 * Every SOP of the device's library with its versions (published, with note, author and time) and drafts; the
 * path-level difference between any two versions; import of an SOP file (as a draft, so it goes through every
 * check before it can be published) and export of any published version as the `*.sop.json` kept in git.
 */
export function LibraryScreen({
  entries,
  author,
  setAuthor,
  analysis,
  open,
  importDraft,
  notice,
}: {
  entries: LibraryEntry[];
  author: string;
  setAuthor(name: string): void;
  analysis: Analysis;
  open(sop: string): void;
  importDraft(sop: string, text: string): Promise<void>;
  notice?: string;
}) {
  const { t, text, formatDateTime } = useEditorI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [importProblem, setImportProblem] = useState<string>();
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="library">
      <h1 ref={heading} tabIndex={-1}>
        {t("library.title")}
      </h1>
      <p>{t("library.intro")}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-author`}>{t("library.author")}</label>
        <input
          id={`${id}-author`}
          className="field-input"
          value={author}
          onChange={(e) => setAuthor(e.target.value)}
          autoComplete="name"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-import`}>{t("library.import")}</label>
        <input
          id={`${id}-import`}
          type="file"
          accept=".json,application/json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const body = await file.text();
            const parsed = parseDraft(body);
            const sop = parsed.ok && typeof parsed.value.id === "string" ? parsed.value.id : undefined;
            if (!sop || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(sop))
              return setImportProblem(t("library.importBad", { file: file.name }));
            setImportProblem(undefined);
            await importDraft(sop, body);
          }}
        />
        <p className="problem" role="alert">
          {importProblem}
        </p>
      </div>
      <ul className="library-list">
        {entries.map((entry) => (
          <LibraryRow
            key={entry.sop}
            entry={entry}
            author={author}
            analysis={analysis}
            open={open}
            text={text}
            t={t}
            formatDateTime={formatDateTime}
          />
        ))}
      </ul>
    </div>
  );
}

function LibraryRow({
  entry,
  author,
  analysis,
  open,
  text,
  t,
  formatDateTime,
}: {
  entry: LibraryEntry;
  author: string;
  analysis: Analysis;
  open(sop: string): void;
  text: ReturnType<typeof useEditorI18n>["text"];
  t: ReturnType<typeof useEditorI18n>["t"];
  formatDateTime(iso: string): string;
}) {
  const id = useId();
  const newest = entry.versions[0];
  const mine = entry.drafts.find((d) => d.author === author);
  const others = entry.drafts.filter((d) => d.author !== author);
  const [before, setBefore] = useState(entry.versions[1]?.hash ?? newest?.hash ?? "");
  const [after, setAfter] = useState(newest?.hash ?? "");
  const [diff, setDiff] = useState<
    { state: "running" } | { state: "done"; diff?: SopDiff } | { state: "failed"; reason: string }
  >();
  const { locale } = useEditorI18n();
  const compare = () => {
    const a = entry.versions.find((v) => v.hash === before);
    const b = entry.versions.find((v) => v.hash === after);
    if (!a || !b) return;
    setDiff({ state: "running" });
    analysis
      .diffVersions({
        sop: entry.sop,
        before: { path: sopPath(entry.sop), text: versionText(a) },
        after: { path: sopPath(entry.sop), text: versionText(b) },
        locale,
      })
      .result.then(
        (result) => setDiff({ state: "done", diff: result }),
        (error: unknown) =>
          setDiff({ state: "failed", reason: error instanceof Error ? error.message : String(error) }),
      );
  };
  return (
    <li className="library-row" data-sop={entry.sop}>
      <h2>{text(newest?.definition.title) || entry.sop}</h2>
      <p className="library-meta">
        <code>{entry.sop}</code> ·{" "}
        {newest ? t("library.published", { version: newest.version }) : t("library.neverPublished")}
        {mine ? ` · ${t("library.myDraft", { time: formatDateTime(mine.updatedAt) })}` : ""}
        {others.length
          ? ` · ${t("library.otherDrafts", { count: others.length, names: others.map((d) => d.author).join(", ") })}`
          : ""}
      </p>
      <button type="button" className="button button-primary" onClick={() => open(entry.sop)}>
        {mine ? t("library.continue") : t("library.edit")}
        <span className="visually-hidden"> {text(newest?.definition.title) || entry.sop}</span>
      </button>
      <details className="library-versions">
        <summary>{t("library.versions", { count: entry.versions.length })}</summary>
        <table className="versions-table">
          <thead>
            <tr>
              <th scope="col">{t("library.version")}</th>
              <th scope="col">{t("library.when")}</th>
              <th scope="col">{t("library.who")}</th>
              <th scope="col">{t("library.note")}</th>
              <th scope="col">{t("library.file")}</th>
            </tr>
          </thead>
          <tbody>
            {entry.versions.map((v) => (
              <tr key={v.hash}>
                <td>{v.version}</td>
                <td>{v.origin === "shipped" ? t("library.shipped") : formatDateTime(v.at)}</td>
                <td>{v.author || "—"}</td>
                <td>{v.note || "—"}</td>
                <td>
                  <button type="button" className="button button-small button-link" onClick={() => download(v)}>
                    {t("library.export", { file: `${v.sop}.sop.json` })}
                    <span className="visually-hidden"> {v.version}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {entry.versions.length > 1 ? (
          <form
            className="field-row"
            onSubmit={(e) => {
              e.preventDefault();
              compare();
            }}
          >
            <label htmlFor={`${id}-before`}>{t("library.before")}</label>
            <select
              id={`${id}-before`}
              className="field-input"
              value={before}
              onChange={(e) => setBefore(e.target.value)}
            >
              {entry.versions.map((v) => (
                <option key={v.hash} value={v.hash}>
                  {v.version}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-after`}>{t("library.after")}</label>
            <select id={`${id}-after`} className="field-input" value={after} onChange={(e) => setAfter(e.target.value)}>
              {entry.versions.map((v) => (
                <option key={v.hash} value={v.hash}>
                  {v.version}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-small button-secondary">
              {t("library.compare")}
            </button>
          </form>
        ) : null}
        {diff ? (
          <div role="status">
            {diff.state === "running" ? (
              <p>{t("library.comparing")}</p>
            ) : diff.state === "failed" ? (
              <>
                <p className="problem">{t("library.compareFailed")}</p>
                <TechnicalDetail detail={diff.reason} />
              </>
            ) : !diff.diff ? (
              <p>{t("publish.notCompiled")}</p>
            ) : diff.diff.entries.length === 0 ? (
              <p>{t("library.noDifference")}</p>
            ) : (
              <ul>
                {diff.diff.entries.map((d, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries in the diff's order.
                  <li key={i}>{d.sentence}</li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
      </details>
    </li>
  );
}

/** Saves a published version as the same `*.sop.json` a maintainer keeps in git. */
function download(version: PublishedVersion): void {
  const blob = new Blob([versionText(version)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${version.sop}.sop.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
