import { autocompletion, closeBrackets } from "@codemirror/autocomplete";
import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter } from "@codemirror/lint";
import { Annotation, EditorSelection, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { jsonSchema } from "codemirror-json-schema";
import { useEffect, useRef } from "react";
import type { Draft } from "../draft/useDraft";
import { SOP_SCHEMA } from "../form/schemaNodes";
import { useEditorI18n } from "../i18n/useEditorI18n";

function run(command: () => void): boolean {
  command();
  return true;
}

/** Marks a change that came from the draft (the structured view, undo), so it is not sent back as typing. */
const fromDraft = Annotation.define<boolean>();

/**
 * The draft as JSON text in CodeMirror 6, with the SOP schema's validation, hover help and completion
 * (codemirror-json-schema). It edits the same draft as the structured view: typing here changes the draft, and
 * any other change (a form field, undo) is applied here as the smallest text change, so the cursor stays.
 */
export function JsonView({
  draft,
  focus,
}: {
  draft: Draft;
  /** Where to put the cursor; `grab` also moves the keyboard focus there (a jump to a problem). */
  focus?: { offset: number; length: number; seq: number; grab?: boolean };
}) {
  const { t } = useEditorI18n();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(null as unknown as EditorView);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const label = useRef(t("json.label"));

  useEffect(() => {
    // Inside a shadow root CodeMirror's styles go to a constructed style sheet, which the CSP (style-src 'self')
    // allows; on the document itself they would be a <style> element, which it blocks.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: "open" });
    const parent = document.createElement("div");
    shadow.replaceChildren(parent);
    const editor = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: draftRef.current.text,
        extensions: [
          // One undo history for both views: the draft's.
          keymap.of([
            { key: "Mod-z", run: () => run(draftRef.current.undo), preventDefault: true },
            { key: "Mod-Shift-z", run: () => run(draftRef.current.redo), preventDefault: true },
            { key: "Mod-y", run: () => run(draftRef.current.redo), preventDefault: true },
          ]),
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          drawSelection(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle),
          keymap.of([...defaultKeymap, indentWithTab]),
          jsonSchema(SOP_SCHEMA as Parameters<typeof jsonSchema>[0]),
          EditorView.contentAttributes.of({ "aria-label": label.current }),
          EditorView.theme({
            "&": { height: "75vh", fontSize: "0.9rem" },
            ".cm-scroller": { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' },
          }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromDraft))) return;
            draftRef.current.change(update.state.doc.toString(), "json");
          }),
        ],
      }),
    });
    // The scrolling area takes the keyboard too (arrow keys scroll it), as axe asks of every scrollable region.
    editor.scrollDOM.tabIndex = 0;
    editor.scrollDOM.setAttribute("aria-label", label.current);
    view.current = editor;
    return () => editor.destroy();
  }, []);

  // The draft changed elsewhere: apply the difference.
  useEffect(() => {
    const editor = view.current;
    const current = editor.state.doc.toString();
    if (current === draft.text) return;
    let start = 0;
    while (start < current.length && start < draft.text.length && current[start] === draft.text[start]) start++;
    let endOld = current.length;
    let endNew = draft.text.length;
    while (endOld > start && endNew > start && current[endOld - 1] === draft.text[endNew - 1]) {
      endOld--;
      endNew--;
    }
    editor.dispatch({
      changes: { from: start, to: endOld, insert: draft.text.slice(start, endNew) },
      annotations: fromDraft.of(true),
    });
  }, [draft.text]);

  useEffect(() => {
    if (!focus) return;
    const editor = view.current;
    const end = Math.min(editor.state.doc.length, focus.offset + focus.length);
    editor.dispatch({
      selection: EditorSelection.range(Math.min(focus.offset, end), end),
      effects: EditorView.scrollIntoView(Math.min(focus.offset, end), { y: "center" }),
    });
    if (focus.grab) editor.focus();
  }, [focus]);

  return <div ref={host} className="json-view" data-testid="json-view" />;
}
