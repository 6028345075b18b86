import { type FormEvent, memo, useId, useState } from "react";
import type { CaseView, Level } from "../../engine/index";
import { useViewer } from "../shared/useViewer";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { sameNotes, sameSending } from "./sameProps";
import type { CaseHandle } from "./useCaseSession";

const MAX_NOTE = 1000;

/**
 * The case's notes, oldest first, and a field to add one (kept even after the case is closed), with who may read it:
 * any level the viewer's role sees. A note above the viewer's role shows as a neutral line. A note added while a step
 * is on screen names that step: `stepOf` says which one when the note is saved, so that the panel, with its list
 * and form, does not render again for each answer (it did when the step was a prop).
 */
export const NotesPanel = memo(
  NotesPanelBody,
  (a, b) => a.stepOf === b.stepOf && sameSending(a.handle, b.handle) && sameNotes(a.view.notes, b.view.notes),
);

function NotesPanelBody({
  view,
  handle,
  stepOf,
}: {
  view: CaseView;
  handle: CaseHandle;
  /** The step on screen now, if any. */
  stepOf?: () => string | undefined;
}) {
  const { t, formatDateTime } = useCaseI18n();
  const { sees } = useViewer();
  const id = useId();
  const [text, setText] = useState("");
  const [level, setLevel] = useState<Level>("public");
  const [problem, setProblem] = useState<string>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const note = text.trim();
    if (!note) {
      setProblem(t("notes.empty"));
      return;
    }
    const step = stepOf?.();
    const result = await handle.send({
      type: "NOTE_ADDED",
      text: note.slice(0, MAX_NOTE),
      level,
      ...(step ? { step } : {}),
    });
    if (result.ok) {
      setText("");
      setProblem(undefined);
    } else setProblem(describeRefusal(result.code, t));
  };

  return (
    <details className="notes no-print">
      <summary>{t("notes.title", { count: view.notes.length })}</summary>
      {view.notes.length > 0 ? (
        <ul className="notes-list">
          {view.notes.map((note, i) => (
            // Notes are append-only, so their position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <li key={i}>
              <p className="note-meta">
                {formatDateTime(note.at)} · {note.by}
                {note.level !== "public" ? ` · ${t(`level.${note.level}`)}` : ""}
              </p>
              <p className="note-text">{note.hidden ? t("notes.hidden") : note.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={add} className="notes-form">
        <label htmlFor={`${id}-note`}>{t("notes.add")}</label>
        <textarea
          id={`${id}-note`}
          value={text}
          maxLength={MAX_NOTE}
          rows={3}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        {sees.length > 1 ? (
          <>
            <label htmlFor={`${id}-level`}>{t("notes.level")}</label>
            <select
              id={`${id}-level`}
              className="answer-input"
              value={level}
              onChange={(e) => setLevel(e.target.value as Level)}
            >
              {sees.map((l) => (
                <option key={l} value={l}>
                  {t(`notes.level.${l}`)}
                </option>
              ))}
            </select>
          </>
        ) : null}
        {problem ? (
          <p id={`${id}-problem`} className="problem" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="button button-secondary" disabled={handle.busy}>
          {t("notes.save")}
        </button>
      </form>
    </details>
  );
}
