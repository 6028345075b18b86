import { type FormEvent, useId, useState } from "react";
import { type CaseSession, type CaseView, canSee } from "../../engine/index";
import { useViewer } from "../shared/useViewer";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { ReasonField } from "./ReasonField";
import type { CaseHandle } from "./useCaseSession";

/**
 * Raises, by hand and with a required reason, a standing instruction the catalog lets officers set (not on public
 * lists, no consular contact…), or lifts one that is raised. Only the instructions the viewer's role may read are
 * offered, so the form never names a category the viewer may not see.
 */
export function StandingInstructionForm({
  handle,
  session,
  view,
}: {
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
}) {
  const { t, text } = useCaseI18n();
  const { sees } = useViewer();
  const id = useId();
  const [flag, setFlag] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const raised = new Set(view.flags.filter((f) => !f.hidden).map((f) => f.id));
  const manual = [...session.compiled.catalog.flags.values()].filter(
    (f) => f.manual && f.instruction && canSee(sees, f.sensitivity),
  );
  if (manual.length === 0) return null;
  const chosen = manual.find((f) => f.id === flag);
  const lifting = chosen !== undefined && raised.has(chosen.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setProblem(t("instruction.chooseMissing"));
    if (!reason.trim()) return setProblem(t("instruction.reasonMissing"));
    const result = await handle.send({ type: "FLAG_SET", flag: chosen.id, raise: !lifting, reason: reason.trim() });
    if (!result.ok) return setProblem(describeRefusal(result.code, t));
    setProblem(undefined);
    setReason("");
    setFlag("");
    setDone(t(lifting ? "instruction.lifted" : "instruction.raised", { label: text(chosen.label) }));
  };

  return (
    <details className="action">
      <summary>{t("instruction.open")}</summary>
      <form onSubmit={submit} className="action-form" noValidate>
        <label htmlFor={`${id}-flag`}>{t("instruction.choose")}</label>
        <select
          id={`${id}-flag`}
          className="answer-input"
          value={flag}
          onChange={(e) => {
            setFlag(e.target.value);
            setDone(undefined);
          }}
        >
          <option value="">—</option>
          {manual.map((f) => (
            <option key={f.id} value={f.id}>
              {raised.has(f.id) ? t("instruction.liftOption", { label: text(f.label) }) : text(f.label)}
            </option>
          ))}
        </select>
        {chosen ? <p className="note">{text(chosen.instruction)}</p> : null}
        <ReasonField
          id={`${id}-reason`}
          label={t(lifting ? "instruction.liftReason" : "instruction.reason")}
          value={reason}
          onChange={setReason}
          problem={problem}
        />
        {done ? (
          <p className="notice notice-info" role="status">
            {done}
          </p>
        ) : null}
        <button type="submit" className="button button-secondary" disabled={handle.busy}>
          {t(lifting ? "instruction.liftSubmit" : "instruction.submit")}
        </button>
      </form>
    </details>
  );
}
