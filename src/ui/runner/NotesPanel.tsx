import { type FormEvent, useId, useState } from "react";
import type { CaseView } from "../../engine/index";
import { useI18n } from "../shared/i18n/I18nProvider";
import { describeRefusal } from "./describeRefusal";
import type { CaseHandle } from "./useCaseSession";

const MAX_NOTE = 1000;

/** The case's notes, oldest first, and a field to add one (kept even after the case is closed). */
export function NotesPanel({ view, handle, step }: { view: CaseView; handle: CaseHandle; step?: string }) {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string>();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const note = text.trim();
    if (!note) {
      setProblem(t("notes.empty"));
      return;
    }
    const result = await handle.send({ type: "NOTE_ADDED", text: note.slice(0, MAX_NOTE), ...(step ? { step } : {}) });
    if (result.ok) {
      setText("");
      setProblem(undefined);
    } else setProblem(describeRefusal(result.code, t));
  };

  return (
    <details className="notes">
      <summary>{t("notes.title", { count: view.notes.length })}</summary>
      {view.notes.length > 0 ? (
        <ul className="notes-list">
          {view.notes.map((note, i) => (
            // Notes are append-only, so their position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <li key={i}>
              <p className="note-meta">
                {formatDateTime(note.at)} · {note.by}
              </p>
              <p className="note-text">{note.text}</p>
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
