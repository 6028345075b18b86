import { type FormEvent, useCallback, useEffect, useId, useState, useSyncExternalStore } from "react";
import type { CaseEvent } from "../../engine/index";
import { type CaseLog, findConflicts, type LogConflict } from "../../store/index";
import { describeRefusal } from "../runner/describeRefusal";
import { useClock } from "../shared/ClockProvider";
import { useI18n } from "../shared/i18n/I18nProvider";
import { ProblemAlert } from "../shared/ProblemAlert";
import { useCaseStore } from "../shared/StoreProvider";
import { getShippedCatalog } from "../shared/shippedCatalog";
import { appendStationEvent, eventTime, type StationRefusal } from "./appendStationEvent";
import { useStation } from "./StationContext";
import { useStationText } from "./stationMessages";

/**
 * What the station adds under a case: the conflicts between devices (each resolved by choosing an answer, recorded as
 * an event), the confidential answers hidden until shown (showing one is recorded: who and when), the handovers
 * and a form to hand the case to another desk or role. On a device whose role cannot see every event, it says so:
 * the case screen cannot run the procedure there, and handing over is what the officer can do.
 */
export default function StationCasePanel({ caseId }: { caseId: string }) {
  const st = useStationText();
  const { t, formatDateTime } = useI18n();
  const store = useCaseStore();
  const station = useStation();
  const clock = useClock();
  const [log, setLog] = useState<CaseLog>();
  const [problem, setProblem] = useState<StationRefusal>();
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const revision = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.revision,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks every change to the store.
  useEffect(() => {
    let live = true;
    store.loadLog(caseId).then(
      (loaded) => live && setLog(loaded),
      () => live && setLog(undefined),
    );
    return () => {
      live = false;
    };
  }, [store, caseId, revision]);

  const append = useCallback(
    async (make: (at: string, by: string) => CaseEvent): Promise<boolean> => {
      if (!log || !station) return false;
      setProblem(undefined);
      const result = await appendStationEvent(store, log, make(eventTime(log, clock.now()), station.officer.name));
      if (!result.ok) setProblem(result);
      const reloaded = await store.loadLog(caseId).catch(() => undefined);
      if (reloaded) setLog(reloaded);
      return result.ok;
    },
    [log, station, store, clock, caseId],
  );

  if (!log || !station) return null;
  const conflicts = findConflicts(log.entries);
  const open = conflicts.filter((c) => !c.resolvedBy);
  const reveals = log.entries.filter((e) => e.event?.type === "ANSWER_REVEALED");
  const secrets = log.entries.filter(
    (e) => e.level === "confidential" && e.event?.type === "ANSWERED" && typeof e.event.step === "string",
  );
  const handovers = log.entries.filter((e) => e.event?.type === "HANDED_OVER");

  return (
    <aside className="station-case no-print" aria-label={st("handover.title")}>
      {problem ? (
        <ProblemAlert
          problem={{
            text: describeRefusal(problem.code, t),
            detail: problem.reason,
          }}
        />
      ) : null}
      {!log.complete ? (
        <section className="notice" aria-labelledby="withheld-title">
          <h1 ref={focusOnMount} tabIndex={-1}>
            {st("withheld.case", { caseId })}
          </h1>
          <h2 id="withheld-title">{st("withheld.title")}</h2>
          <p>{st("withheld.body")}</p>
          <PublicDigest caseId={caseId} />
        </section>
      ) : null}
      {open.length > 0 ? (
        <section className="station-conflicts" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{st("conflict.title")}</h2>
          <p>{st("conflict.intro")}</p>
          {open.map((conflict) => (
            <ConflictChoice
              key={conflict.step}
              conflict={conflict}
              onKeep={(value) =>
                append((at, by) => ({ type: "CONFLICT_RESOLVED", at, by, step: conflict.step, value }) as CaseEvent)
              }
            />
          ))}
        </section>
      ) : null}
      {conflicts
        .filter((c) => c.resolvedBy)
        .map((c) => (
          <p key={c.step} className="station-resolved">
            {st("conflict.step", { step: c.step })} ·{" "}
            {st("conflict.resolved", { by: c.resolvedBy!.by, value: JSON.stringify(c.resolvedBy!.value) })}
          </p>
        ))}
      {secrets.length > 0 ? (
        <section aria-labelledby="reveal-title">
          <h2 id="reveal-title">{st("reveal.title")}</h2>
          <p className="hint">{st("reveal.logged")}</p>
          <ul className="station-secrets">
            {secrets.map((entry) => {
              const step = (entry.event as { step: string }).step;
              const shown = revealed.has(entry.key);
              const log = reveals.filter((r) => (r.event as { step: string }).step === step);
              return (
                <li key={entry.key}>
                  <span>{step}: </span>
                  <span className="secret-value">
                    {shown ? JSON.stringify((entry.event as { value: unknown }).value) : st("reveal.hidden")}
                  </span>{" "}
                  {!shown ? (
                    <button
                      type="button"
                      className="button"
                      onClick={async () => {
                        if (await append((at, by) => ({ type: "ANSWER_REVEALED", at, by, step }) as CaseEvent))
                          setRevealed(new Set([...revealed, entry.key]));
                      }}
                    >
                      {st("reveal.button")}
                    </button>
                  ) : null}
                  {log.map((r) => (
                    <span key={r.key} className="hint">
                      {" "}
                      {st("reveal.log", { by: r.by, at: formatDateTime(r.at) })}
                    </span>
                  ))}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {handovers.length > 0 ? (
        <section aria-labelledby="handovers-title">
          <h2 id="handovers-title">{st("handover.history")}</h2>
          <ul>
            {handovers.map((h) => {
              const e = h.event as Extract<CaseEvent, { type: "HANDED_OVER" }>;
              return (
                <li key={h.key}>
                  {st("handover.entry", {
                    at: formatDateTime(e.at),
                    by: e.by,
                    role: e.role,
                    desk: e.desk ? ` · ${e.desk}` : "",
                  })}
                  {e.note ? ` — ${e.note}` : ""}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <HandoverForm
        onHandOver={(role, desk, dueAt, note) =>
          append(
            (at, by) =>
              ({
                type: "HANDED_OVER",
                at,
                by,
                role,
                ...(desk ? { desk } : {}),
                ...(dueAt ? { dueAt } : {}),
                ...(note ? { note } : {}),
              }) as CaseEvent,
          )
        }
      />
    </aside>
  );
}

function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/** What a role that cannot see every event may know of a case: its status, public flags and due time. */
function PublicDigest({ caseId }: { caseId: string }) {
  const st = useStationText();
  const { t, text, formatDateTime } = useI18n();
  const store = useCaseStore();
  const summary = store.getSummary(caseId);
  if (!summary) return null;
  const flags = getShippedCatalog().flags;
  const due = summary.handedTo?.dueAt ?? summary.nextDeadline?.dueAt;
  return (
    <dl className="facts">
      <dt>{st("view.status")}</dt>
      <dd>{t(`status.${summary.status}`)}</dd>
      {summary.flags.length ? (
        <>
          <dt>{st("withheld.flags")}</dt>
          <dd>{summary.flags.map((id) => text(flags.get(id)?.label) || id).join(", ")}</dd>
        </>
      ) : null}
      <dt>{st("view.due")}</dt>
      <dd>{due ? formatDateTime(due) : st("view.none")}</dd>
    </dl>
  );
}

function ConflictChoice({ conflict, onKeep }: { conflict: LogConflict; onKeep(value: unknown): void }) {
  const st = useStationText();
  const { formatDateTime } = useI18n();
  return (
    <div className="station-conflict">
      <h3>{st("conflict.step", { step: conflict.step })}</h3>
      <ul>
        {conflict.answers.map((answer) => (
          <li key={answer.key}>
            {st("conflict.answer", {
              value: JSON.stringify(answer.value),
              by: answer.by,
              at: formatDateTime(answer.at),
            })}{" "}
            <button type="button" className="button" onClick={() => onKeep(answer.value)}>
              {st("conflict.keep")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function HandoverForm({
  onHandOver,
}: {
  /** Resolves with whether the handover was saved. */
  onHandOver(role: string, desk: string, dueAt: string, note: string): Promise<boolean>;
}) {
  const st = useStationText();
  const { text } = useI18n();
  const id = useId();
  const roles = [...getShippedCatalog().roles.values()].filter((r) => r.id !== "policy-staff");
  const [role, setRole] = useState(roles[0]?.id ?? "");
  const [desk, setDesk] = useState("");
  const [due, setDue] = useState("");
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(undefined);
    // Said handed over only once it is saved; a refusal is shown above, and the note stays to send again.
    if (!(await onHandOver(role, desk.trim(), due ? new Date(due).toISOString() : "", note.trim()))) return;
    setDone(text(getShippedCatalog().roles.get(role)?.name));
    setNote("");
  };
  return (
    <form className="settings-form station-handover" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{st("handover.title")}</h2>
      <label htmlFor={`${id}-role`}>{st("handover.role")}</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
        {roles.map((r) => (
          <option key={r.id} value={r.id}>
            {text(r.name)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-desk`}>{st("handover.desk")}</label>
      <input
        id={`${id}-desk`}
        className="answer-input"
        value={desk}
        maxLength={60}
        onChange={(e) => setDesk(e.target.value)}
      />
      <label htmlFor={`${id}-due`}>{st("handover.due")}</label>
      <input
        id={`${id}-due`}
        className="answer-input"
        type="datetime-local"
        value={due}
        onChange={(e) => setDue(e.target.value)}
      />
      <label htmlFor={`${id}-note`}>{st("handover.note")}</label>
      <textarea id={`${id}-note`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="button button-primary">
        {st("handover.submit")}
      </button>
      {done ? <p role="status">{st("handover.done", { role: done })}</p> : null}
    </form>
  );
}
