import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  declaredVariables,
  ExpressionScope,
  type Issue,
  type ScenarioAction,
  type SopDefinition,
} from "../../engine/index";
import type { LibraryEntry, PublishedVersion, SopLibraryStore } from "../../store/index";
import { getShippedCatalog } from "../shared/shippedCatalog";
import { TechnicalDetail } from "../shared/TechnicalDetail";
import type { Analysis } from "./checks/runAnalysis";
import { type JSONPath, locate, pointerToPath, setAt } from "./draft/editText";
import { useDraft } from "./draft/useDraft";
import type { EditorRoute, EditorTab } from "./editorRoute";
import { EDITOR_TABS, editorHref } from "./editorRoute";
import { collectLocales } from "./form/collectTexts";
import { FormContext, type FormContextValue } from "./form/FormContext";
import { ObjectForm } from "./form/SchemaField";
import { SOP_SCHEMA } from "./form/schemaNodes";
import { GraphView } from "./graph/GraphView";
import { useEditorI18n } from "./i18n/useEditorI18n";
import { JsonView } from "./json/JsonView";
import { sopPath } from "./library/useLibraryFiles";
import { ProblemsPanel } from "./ProblemsPanel";
import { PublishPanel } from "./publish/PublishPanel";
import { behaviourKey, useConsequences } from "./publish/useConsequences";
import { StepEditor } from "./StepEditor";
import { StepList } from "./StepList";
import { TranslationsTable } from "./translations/TranslationsTable";
import { useProblems } from "./useProblems";

/** What the editor of one SOP is given by the Edit area. */
export interface SopEditorProps {
  library: SopLibraryStore;
  entries: LibraryEntry[];
  analysis: Analysis;
  author: string;
  sop: string;
  initialText: string;
  published?: PublishedVersion;
  tab: EditorTab;
  step?: string;
  go(route: EditorRoute, replace?: boolean): void;
  onPublished(version: PublishedVersion): void;
}

/**
 * One SOP's draft in five views kept in step (steps, details, JSON, graph, translations) and the publish tab, with
 * the problems beside them and undo/redo over all of them. Every change is saved as it is made.
 */
export function SopEditor(props: SopEditorProps) {
  const { library, entries, analysis, author, sop, published, tab, step, go } = props;
  const i18n = useEditorI18n();
  const { t, text: pick, locale } = i18n;
  const id = useId();
  const now = useCallback(() => new Date(), []);
  const draft = useDraft({ library, author, sop, initial: props.initialText, base: published?.hash, now });
  const problems = useProblems(analysis, draft, sop);
  const value = draft.parsed.ok ? draft.parsed.value : undefined;
  const key = behaviourKey(value);
  const consequences = useConsequences(analysis, { sop, text: draft.text, key, locale });
  const [path, setPath] = useState<string[]>([]);
  const [jsonFocus, setJsonFocus] = useState<{ offset: number; length: number; seq: number; grab?: boolean }>();
  const pendingFocus = useRef<string>(undefined);
  // Where the last change was, so that the JSON view opens on it.
  const lastText = useRef(draft.text);
  const lastOffset = useRef(0);
  if (lastText.current !== draft.text) {
    lastOffset.current = firstDifference(lastText.current, draft.text);
    lastText.current = draft.text;
  }

  const steps = (value?.steps ?? {}) as Record<string, Record<string, unknown>>;
  const catalog = getShippedCatalog();
  const base = useMemo(() => (published ? (published.definition as unknown) : undefined), [published]);
  const scope = useMemo(() => {
    try {
      return value ? new ExpressionScope(declaredVariables(value as unknown as SopDefinition).variables) : undefined;
    } catch {
      return undefined;
    }
  }, [value]);
  const locales = useMemo(() => {
    const used = value ? collectLocales(value) : [];
    const first = locale === "es" ? ["es", "en"] : ["en", "es"];
    return [
      ...first,
      // The catalog's interview languages are offered in every text, whether or not the SOP has them yet.
      ...[...used, ...(catalog.interviewLanguages ?? [])].filter(
        (l, i, all) => !first.includes(l) && all.indexOf(l) === i,
      ),
    ];
  }, [value, locale, catalog]);

  const allIssues = useMemo(() => [...problems.own, ...problems.elsewhere], [problems.own, problems.elsewhere]);
  const form: FormContextValue = useMemo(
    () => ({
      locales,
      steps: Object.entries(steps).map(([stepId, s]) => ({
        id: stepId,
        label: `${pick(s.title as never) || stepId} (${stepId})`,
      })),
      services: [...catalog.services.values()].map((s) => ({ id: s.id, label: `${pick(s.name)} (${s.id})` })),
      flags: [...catalog.flags.values()].map((f) => ({ id: f.id, label: `${pick(f.label)} (${f.id})` })),
      roles: [...catalog.roles.values()].map((r) => ({ id: r.id, label: `${pick(r.name)} (${r.id})` })),
      sops: entries.map((e) => ({ id: e.sop, label: `${pick(e.versions[0]?.definition.title) || e.sop} (${e.sop})` })),
      scope,
      completions: [
        ...[...(scope?.variables.values() ?? [])].map((v) => ({ label: v.name, detail: v.type })),
        ...["now", "flags", "referrals", "visited", "outcome"].map((n) => ({ label: n, detail: t("cel.builtIn") })),
        ...[...(scope?.variables.values() ?? [])].flatMap((v) =>
          v.answer && "options" in v.answer
            ? v.answer.options.map((o) => ({ label: `"${o.value}"`, detail: v.name }))
            : [],
        ),
        ...[...catalog.flags.keys()].map((f) => ({ label: `"${f}"`, detail: t("cel.flag") })),
      ],
      issuesAt: (pointer: string) =>
        problems.own.filter((i) => i.pointer === pointer || i.pointer.startsWith(`${pointer}/`)),
      change: (at: JSONPath, next: unknown, tag?: string) => draft.change(setAt(draft.text, at, next), tag),
      openSop: (other: string) => go({ view: "sop", sop: other, tab: "graph" }),
      openStep: (stepId: string) => go({ view: "sop", sop, tab: "steps", step: stepId }),
    }),
    [locales, steps, catalog, entries, scope, problems.own, draft, go, sop, pick, t],
  );

  // One undo history for every view: Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) anywhere in the editor but the JSON view,
  // which binds the same keys itself.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).closest(".cm-editor")) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) draft.undo();
    else if ((k === "z" && e.shiftKey) || k === "y") draft.redo();
    else return;
    e.preventDefault();
  };

  // After a jump to a problem, focus its field once the tab has rendered.
  useEffect(() => {
    const pointer = pendingFocus.current;
    if (!pointer) return;
    pendingFocus.current = undefined;
    requestAnimationFrame(() => focusPointer(pointer));
  });

  const goTo = (issue: Issue) => {
    if (issue.file && issue.file !== sopPath(sop)) {
      const other = /^sop\/([^/]+)\.sop\.json$/.exec(issue.file)?.[1];
      if (other) go({ view: "sop", sop: other, tab: "steps" });
      return;
    }
    if (tab === "json") {
      const place = locate(draft.text, pointerToPath(issue.pointer, value));
      if (place) setJsonFocus({ ...place, seq: Date.now(), grab: true });
      return;
    }
    const stepId = /^\/steps\/([^/]+)/.exec(issue.pointer)?.[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
    pendingFocus.current = issue.pointer;
    if (stepId && steps[stepId]) go({ view: "sop", sop, tab: "steps", step: stepId });
    else go({ view: "sop", sop, tab: "details" });
  };

  const stepTitle = (pointer: string) => {
    const stepId = /^\/steps\/([^/]+)/.exec(pointer)?.[1];
    return stepId && steps[stepId] ? pick(steps[stepId].title as never) || stepId : undefined;
  };
  const describePlace = (at: JSONPath) => {
    const where = at[0] === "steps" ? pick(steps[String(at[1])]?.title as never) || String(at[1]) : t("details.title");
    const field = at.filter((p) => typeof p === "string" && p !== "steps" && p !== at[1]).join(" › ");
    return `${where} › ${field || String(at[at.length - 1])}`;
  };

  const problemsByStep = useMemo(() => {
    const counts = new Map<string, number>();
    for (const issue of problems.own) {
      const stepId = /^\/steps\/([^/]+)/.exec(issue.pointer)?.[1];
      if (stepId) counts.set(stepId, (counts.get(stepId) ?? 0) + 1);
    }
    return counts;
  }, [problems.own]);

  const showPath = (actions: ScenarioAction[]) => {
    setPath(actions.flatMap((a) => (a.step ? [a.step] : [])));
    go({ view: "sop", sop, tab: "graph" });
  };

  const publish = async (note: string) => {
    if (!draft.parsed.ok) return;
    const version = await library.publish({
      definition: draft.parsed.value as unknown as SopDefinition,
      note,
      author,
      at: new Date().toISOString(),
    });
    await library.discardDraft(author, sop);
    props.onPublished(version);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: taken once each time a tab opens, not on every change.
  const openingFocus = useMemo(() => ({ offset: lastOffset.current, length: 0, seq: 0 }), [tab]);
  const selectedStep = step && steps[step] ? step : undefined;
  const title = value ? pick(value.title as never) || sop : sop;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the editor catches undo/redo keys from the fields inside it.
    <div className="sop-editor" onKeyDown={onKeyDown}>
      <header className="sop-editor-head">
        <p>
          <a href="#/edit" className="button-link">
            {t("library.back")}
          </a>
        </p>
        <h1 id={`${id}-title`}>{title}</h1>
        <p className="sop-editor-status">
          {t("editor.draftOf", { version: published?.version ?? "—" })} ·{" "}
          <span role="status" data-testid="save-state">
            {t(`save.${draft.save}`)}
          </span>
        </p>
        {/* The store's own words, for support: the status above already says it was not saved. */}
        {draft.save === "failed" ? <TechnicalDetail detail={draft.saveError} /> : null}
        <div className="field-row">
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={draft.undo}
            disabled={!draft.canUndo}
          >
            {t("editor.undo")}
          </button>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={draft.redo}
            disabled={!draft.canRedo}
          >
            {t("editor.redo")}
          </button>
        </div>
        <nav aria-label={t("editor.views")}>
          <ul className="editor-tabs">
            {EDITOR_TABS.map((name) => (
              <li key={name}>
                <a
                  className="editor-tab"
                  href={editorHref({ view: "sop", sop, tab: name, ...(step ? { step } : {}) })}
                  aria-current={name === tab ? "page" : undefined}
                >
                  {t(`tab.${name}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <div className="sop-editor-body">
        <div className="sop-editor-main">
          {!draft.parsed.ok && tab !== "json" ? (
            <div className="notice notice-warning" role="alert">
              <p>{t("editor.badJson", { line: lineOf(draft.text, draft.parsed.offset) })}</p>
              <a className="button button-secondary" href={`#/edit/${encodeURIComponent(sop)}/json`}>
                {t("tab.json")}
              </a>
            </div>
          ) : null}
          <FormContext.Provider value={form}>
            {tab === "steps" && value ? (
              <div className="steps-layout">
                <StepList
                  steps={steps as never}
                  selected={selectedStep}
                  start={typeof value.start === "string" ? value.start : undefined}
                  text={draft.text}
                  issues={problems.own}
                  select={(stepId) => go({ view: "sop", sop, tab: "steps", step: stepId })}
                  change={(next) => draft.change(next)}
                />
                {selectedStep ? (
                  <StepEditor
                    stepId={selectedStep}
                    step={steps[selectedStep]}
                    steps={steps}
                    text={draft.text}
                    change={draft.change}
                    select={(stepId) =>
                      go({ view: "sop", sop, tab: "steps", ...(stepId ? { step: stepId } : {}) }, true)
                    }
                  />
                ) : (
                  <p className="step-editor-empty">{t("steps.pick")}</p>
                )}
              </div>
            ) : null}
            {tab === "details" && value ? (
              <ObjectForm
                node={SOP_SCHEMA}
                value={value}
                path={[]}
                label={t("details.title")}
                hide={["steps", "$schema"]}
              />
            ) : null}
            {tab === "translations" && value ? (
              <TranslationsTable
                value={value}
                base={base}
                locales={locales}
                describePlace={describePlace}
                change={form.change}
                author={author}
              />
            ) : null}
          </FormContext.Provider>
          {tab === "json" ? <JsonView draft={draft} focus={jsonFocus ?? openingFocus} /> : null}
          {tab === "graph" && value ? (
            <GraphView
              steps={steps as never}
              start={typeof value.start === "string" ? value.start : undefined}
              problemsByStep={problemsByStep}
              path={path}
              selected={selectedStep}
              openStep={(stepId) => go({ view: "sop", sop, tab: "steps", step: stepId })}
              openSop={(other) => go({ view: "sop", sop: other, tab: "graph" })}
            />
          ) : null}
          {tab === "publish" ? (
            <PublishPanel
              draft={draft}
              consequences={consequences}
              current={consequences.key !== undefined && consequences.key === key}
              issues={allIssues}
              checking={problems.checking}
              published={published?.version}
              showPath={showPath}
              publish={publish}
            />
          ) : null}
        </div>
        <aside className="sop-editor-side">
          <ProblemsPanel problems={problems} goTo={goTo} stepTitle={stepTitle} />
        </aside>
      </div>
    </div>
  );
}

function focusPointer(pointer: string): void {
  let current = pointer;
  while (current) {
    const element = document.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(current)}"]`);
    if (element) {
      const target = element.matches("input, select, textarea")
        ? element
        : (element.querySelector<HTMLElement>("input, select, textarea") ?? element);
      target.scrollIntoView({ block: "center" });
      target.focus();
      return;
    }
    current = current.slice(0, current.lastIndexOf("/"));
  }
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}
