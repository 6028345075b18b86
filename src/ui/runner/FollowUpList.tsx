import { type FormEvent, useId, useState } from "react";
import type { CaseSession, CaseView, FollowUpView } from "../../engine/index";
import { formatCountdown } from "../shared/formatCountdown";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { ReasonField } from "./ReasonField";
import type { CaseHandle } from "./useCaseSession";

/**
 * The case's follow-ups (check on the person within 24 h…): who should do them and why, the time left, and "Record
 * done" with an optional note. An open follow-up keeps the case pending. One the viewer may not see is a neutral line.
 */
export function FollowUpList({ view, session, handle }: { view: CaseView; session: CaseSession; handle: CaseHandle }) {
  const { t } = useCaseI18n();
  if (view.followUps.length === 0) return <p>{t("followUp.none")}</p>;
  return (
    <ul className="follow-up-list">
      {view.followUps.map((followUp, i) => (
        <li key={followUp.id || i} className="follow-up">
          {followUp.hidden ? (
            <p>
              {t("followUp.hidden")} ·{" "}
              {followUp.open ? formatCountdown(followUp.hoursLeft, t) : t("followUp.doneShort")}
            </p>
          ) : (
            <FollowUpItem followUp={followUp} session={session} handle={handle} closed={view.status === "closed"} />
          )}
        </li>
      ))}
    </ul>
  );
}

function FollowUpItem({
  followUp,
  session,
  handle,
  closed,
}: {
  followUp: FollowUpView;
  session: CaseSession;
  handle: CaseHandle;
  closed: boolean;
}) {
  const { t, text, formatDateTime } = useCaseI18n();
  const id = useId();
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string>();
  const label = text(followUp.label);
  const who = followUp.who ? text(session.compiled.catalog.roles.get(followUp.who)?.name) : "";
  const done = async (event: FormEvent) => {
    event.preventDefault();
    const result = await handle.send({
      type: "FOLLOW_UP_DONE",
      followUp: followUp.id,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };
  return (
    <>
      <p className={followUp.overdue ? "follow-up-title deadline-overdue" : "follow-up-title"}>
        <strong>{label}</strong> ·{" "}
        {followUp.open
          ? formatCountdown(followUp.hoursLeft, t)
          : t("followUp.doneAt", { at: formatDateTime(followUp.done!.at), by: followUp.done!.by })}
      </p>
      {who ? <p className="note">{t("followUp.who", { who })}</p> : null}
      {followUp.why ? <p className="note">{text(followUp.why)}</p> : null}
      {followUp.done?.note ? <p className="note">{followUp.done.note}</p> : null}
      {followUp.open && !closed ? (
        <form className="follow-up-form no-print" onSubmit={done}>
          <ReasonField id={`${id}-note`} label={t("followUp.note")} value={note} onChange={setNote} />
          <button
            aria-label={`${t("followUp.recordDone")}: ${label}`}
            type="submit"
            className="button button-small"
            disabled={handle.busy}
          >
            {t("followUp.recordDone")}
          </button>
          {problem ? (
            <p className="problem" role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
