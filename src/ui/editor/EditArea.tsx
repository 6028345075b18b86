import { useCallback, useEffect, useMemo, useState } from "react";
import type { LibraryEntry, PublishedVersion, SopLibraryStore } from "../../store/index";
import { openSopLibrary } from "../shared/loadCompiledSop";
import { TechnicalDetail } from "../shared/TechnicalDetail";
import { Analysis } from "./checks/runAnalysis";
import { EditorErrorBoundary } from "./EditorErrorBoundary";
import { useEditorI18n } from "./i18n/useEditorI18n";
import { LibraryScreen } from "./library/LibraryScreen";
import { libraryFiles, versionText } from "./library/useLibraryFiles";
import { SopEditor } from "./SopEditor";
import { useEditorRoute } from "./useEditorRoute";
import "./editor.css";

const AUTHOR_KEY = "senda.editor.author";

/**
 * Policy staff's area: the device's SOP library, and one SOP's draft in a structured form, as JSON, as a graph and
 * as a table of translations, checked against the whole library as it is typed, and published as a new version
 * once its consequences are known and nothing is wrong. Loaded only when opened.
 */
export default function EditArea() {
  return (
    <div className="edit-area">
      <EditAreaBody />
    </div>
  );
}

function EditAreaBody() {
  const { t } = useEditorI18n();
  const [route, go] = useEditorRoute();
  const [library, setLibrary] = useState<SopLibraryStore>();
  const [entries, setEntries] = useState<LibraryEntry[]>();
  const [failure, setFailure] = useState<string>();
  const [author, setAuthorState] = useState(() => readAuthor());
  const [notice, setNotice] = useState<string>();
  const analysis = useMemo(() => new Analysis(), []);
  useEffect(() => () => analysis.dispose(), [analysis]);

  const refresh = useCallback(
    async (store: SopLibraryStore) => {
      const next = await store.listEntries();
      setEntries(next);
      analysis.setLibrary(libraryFiles(next));
    },
    [analysis],
  );

  useEffect(() => {
    openSopLibrary().then(
      async (store) => {
        setLibrary(store);
        await refresh(store);
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, [refresh]);

  const setAuthor = (name: string) => {
    setAuthorState(name);
    try {
      localStorage.setItem(AUTHOR_KEY, name);
    } catch {
      // Storage blocked: the name lasts for this visit.
    }
  };

  if (failure)
    return (
      <section className="step-card" role="alert">
        <h1>{t("library.failed")}</h1>
        <TechnicalDetail detail={failure} />
      </section>
    );
  if (!library || !entries)
    return (
      <p className="loading" role="status">
        {t("library.loading")}
      </p>
    );
  if (route.view === "library")
    return (
      <LibraryScreen
        entries={entries}
        author={author}
        setAuthor={setAuthor}
        analysis={analysis}
        notice={notice}
        open={(sop) => go({ view: "sop", sop, tab: "steps" })}
        importDraft={async (sop, text) => {
          await library.saveDraft({ author, sop, text, at: new Date().toISOString() });
          await refresh(library);
          go({ view: "sop", sop, tab: "steps" });
        }}
      />
    );
  return (
    <EditorErrorBoundary resetKey={`${route.sop}:${author}`}>
      <DraftLoader
        key={`${route.sop}:${author}`}
        library={library}
        entries={entries}
        analysis={analysis}
        author={author}
        route={route}
        go={go}
        onPublished={async (version) => {
          await refresh(library);
          setNotice(t("publish.done", { sop: version.sop, version: version.version }));
          go({ view: "library" });
        }}
      />
    </EditorErrorBoundary>
  );
}

/** Reads the author's draft (or starts one from the newest published version), then opens the editor. */
function DraftLoader({
  library,
  entries,
  analysis,
  author,
  route,
  go,
  onPublished,
}: {
  library: SopLibraryStore;
  entries: LibraryEntry[];
  analysis: Analysis;
  author: string;
  route: Extract<ReturnType<typeof useEditorRoute>[0], { view: "sop" }>;
  go: ReturnType<typeof useEditorRoute>[1];
  onPublished(version: PublishedVersion): void;
}) {
  const { t } = useEditorI18n();
  const [initial, setInitial] = useState<{ text: string } | { missing: true }>();
  const entry = entries.find((e) => e.sop === route.sop);
  const published = entry?.versions[0];
  useEffect(() => {
    library.loadDraft(author, route.sop).then(
      (draft) =>
        setInitial(draft ? { text: draft.text } : published ? { text: versionText(published) } : { missing: true }),
      () => setInitial(published ? { text: versionText(published) } : { missing: true }),
    );
  }, [library, author, route.sop, published]);
  if (!initial)
    return (
      <p className="loading" role="status">
        {t("library.loading")}
      </p>
    );
  if ("missing" in initial)
    return (
      <section className="step-card">
        <h1>{t("library.unknownSop", { sop: route.sop })}</h1>
        <a className="button button-secondary" href="#/edit">
          {t("library.back")}
        </a>
      </section>
    );
  return (
    <SopEditor
      library={library}
      entries={entries}
      analysis={analysis}
      author={author}
      sop={route.sop}
      initialText={initial.text}
      published={published}
      tab={route.tab}
      step={route.step}
      go={go}
      onPublished={onPublished}
    />
  );
}

function readAuthor(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? "";
  } catch {
    return "";
  }
}
