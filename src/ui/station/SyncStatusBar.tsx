import { type FormEvent, useEffect, useId, useState } from "react";
import { StoreError } from "../../store/index";
import { useI18n } from "../shared/i18n/I18nProvider";
import { detailOf, ProblemAlert, type ShownProblem } from "../shared/ProblemAlert";
import { useStation } from "./StationContext";
import { SIGN_IN_FAILED, useStationText } from "./stationMessages";

/** The signed-in officer, the sync status (last synced, pending changes), and lock and sign-out. Never blocks. */
export function SyncStatusBar() {
  const station = useStation();
  const st = useStationText();
  const { formatDateTime, text } = useI18n();
  const id = useId();
  const [blocked, setBlocked] = useState(false);
  const [password, setPassword] = useState("");
  const [resumeProblem, setResumeProblem] = useState<ShownProblem>();
  const [roleNames, setRoleNames] = useState<string>();
  const roles = station?.officer.roles.join(",");
  // Role names come with the catalog, which the first screen does not load: fetched once it is up.
  useEffect(() => {
    let live = true;
    void import("../shared/shippedCatalog").then(({ getShippedCatalog }) => {
      const catalog = getShippedCatalog().roles;
      const names = (roles ?? "").split(",").map((r) => catalog.get(r)?.name);
      if (live)
        setRoleNames(
          names
            .map((n) => text(n))
            .filter(Boolean)
            .join(", "),
        );
    });
    return () => {
      live = false;
    };
  }, [roles, text]);
  if (!station) return null;
  const { status, officer } = station;
  const state =
    status.state === "signed-out"
      ? st("sync.signedOut")
      : status.state === "offline"
        ? st("sync.offline")
        : status.state === "active"
          ? st("sync.active")
          : status.state === "idle"
            ? st("sync.idle")
            : status.state === "stopped"
              ? st("sync.stopped")
              : st("sync.starting");
  const resume = async (e: FormEvent) => {
    e.preventDefault();
    setResumeProblem(undefined);
    // A wrong password or a station out of reach is said, in the officer's language; the sync stays signed out.
    await station.resumeSync(password).catch((error: unknown) =>
      setResumeProblem({
        text: st(SIGN_IN_FAILED[error instanceof StoreError ? error.code : "unknown"]),
        detail: detailOf(error),
      }),
    );
    setPassword("");
  };
  return (
    <section className="station-bar no-print" aria-label={st("sync.label")}>
      <p className="station-officer">
        {roleNames ? st("station.officer", { name: officer.name, roles: roleNames }) : officer.name}
      </p>
      <p className={`sync-state sync-${status.state}`} role="status">
        <span>{state}</span>
        <span>
          {status.lastSyncedAt ? st("sync.last", { time: formatDateTime(status.lastSyncedAt) }) : st("sync.never")}
        </span>
        {status.pending > 0 ? (
          <span className="sync-pending">
            {status.pending === 1 ? st("sync.pendingOne") : st("sync.pending", { count: status.pending })}
          </span>
        ) : null}
        {status.refused > 0 ? <span className="problem">{st("sync.refused", { count: status.refused })}</span> : null}
      </p>
      {status.state === "signed-out" ? (
        <form className="station-resume" onSubmit={resume}>
          <label htmlFor={`${id}-password`}>{st("signIn.password")}</label>
          <input
            id={`${id}-password`}
            type="password"
            className="answer-input"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="button">
            {st("signIn.submit")}
          </button>
          {resumeProblem ? <ProblemAlert problem={resumeProblem} /> : null}
        </form>
      ) : null}
      <div className="station-actions">
        <a className="station-link" href="#/station">
          {st("station.view")}
        </a>
        <button type="button" className="button" onClick={station.lock}>
          {st("station.lock")}
        </button>
        <button type="button" className="button" onClick={async () => setBlocked(!(await station.signOut()))}>
          {st("station.signOut")}
        </button>
      </div>
      {blocked ? (
        <p className="problem" role="alert">
          {st("station.signOutPending")}
        </p>
      ) : null}
    </section>
  );
}
