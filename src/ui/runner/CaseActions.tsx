import { type FormEvent, memo, useId, useState } from "react";
import type { CaseSession, CaseView } from "../../engine/index";
import { routeHref } from "../shared/useRoute";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { ReasonField } from "./ReasonField";
import { StandingInstructionForm } from "./StandingInstructionForm";
import { sameFlags, sameSending } from "./sameProps";
import type { CaseHandle } from "./useCaseSession";

/**
 * The case's actions beside its steps, on every screen of the case: continue later (pause, with why), raise or lift a
 * standing instruction, and the people travelling with the person.
 */
export const CaseActions = memo(
  CaseActionsBody,
  // The actions read the case's id, status and flags (to offer lifting a raised instruction), and its catalog.
  (a, b) =>
    a.session === b.session &&
    sameSending(a.handle, b.handle) &&
    a.view.caseId === b.view.caseId &&
    a.view.status === b.view.status &&
    sameFlags(a.view.flags, b.view.flags),
);

function CaseActionsBody({ handle, session, view }: { handle: CaseHandle; session: CaseSession; view: CaseView }) {
  const { t } = useCaseI18n();
  const closed = view.status === "closed";
  return (
    <section className="case-actions no-print" aria-labelledby="case-actions-title">
      <h2 id="case-actions-title" className="case-actions-title">
        {t("actions.title")}
      </h2>
      <a className="button button-secondary" href={routeHref({ area: "case", caseId: view.caseId, view: "group" })}>
        {t("group.open")}
      </a>
      {!closed && view.status !== "paused" ? <PauseForm handle={handle} /> : null}
      {!closed ? <StandingInstructionForm handle={handle} session={session} view={view} /> : null}
    </section>
  );
}

/** "Continue later": pauses the case with a reason (the person was taken to care…); it resumes where it was. */
function PauseForm({ handle }: { handle: CaseHandle }) {
  const { t } = useCaseI18n();
  const id = useId();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string>();
  const pause = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem(t("pause.reasonMissing"));
    const result = await handle.send({ type: "CASE_PAUSED", reason: reason.trim() });
    if (result.ok) {
      setReason("");
      setProblem(undefined);
    } else setProblem(describeRefusal(result.code, t));
  };
  return (
    <details className="action">
      <summary>{t("pause.open")}</summary>
      <form onSubmit={pause} className="action-form" noValidate>
        <ReasonField
          id={`${id}-reason`}
          label={t("pause.reason")}
          value={reason}
          onChange={setReason}
          problem={problem}
        />
        <button type="submit" className="button button-secondary" disabled={handle.busy}>
          {t("pause.submit")}
        </button>
      </form>
    </details>
  );
}
