import { type FormEvent, useId, useState } from "react";
import type { CaseView } from "../../engine/index";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import type { CaseHandle } from "./useCaseSession";

const REASONS = ["completed", "left-site", "transferred", "duplicate", "other"] as const;
type CloseReason = (typeof REASONS)[number];

/**
 * Closes the case with a reason; after that only notes can be added. A case whose follow-ups or handovers are still
 * open says so first: closing it does not do them.
 */
export function CloseCaseForm({ handle, status }: { handle: CaseHandle; status: CaseView["status"] }) {
  const { t } = useCaseI18n();
  const finished = status === "finished" || status === "pending";
  const id = useId();
  const [reason, setReason] = useState<CloseReason>(finished ? "completed" : "left-site");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string>();

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const result = await handle.send({ type: "CASE_CLOSED", reason, ...(note.trim() ? { note: note.trim() } : {}) });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };

  return (
    <form className="close-case" onSubmit={close} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("close.title")}</h2>
      {!finished ? <p className="note">{t("close.unfinished")}</p> : null}
      {status === "pending" ? <p className="note">{t("close.pending")}</p> : null}
      <label htmlFor={`${id}-reason`}>{t("close.reason")}</label>
      <select
        id={`${id}-reason`}
        className="answer-input"
        value={reason}
        onChange={(e) => setReason(e.target.value as CloseReason)}
      >
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`closeReason.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>{t("close.note")}</label>
      <input
        id={`${id}-note`}
        className="answer-input"
        type="text"
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button button-danger" disabled={handle.busy}>
        {t("close.submit")}
      </button>
    </form>
  );
}
