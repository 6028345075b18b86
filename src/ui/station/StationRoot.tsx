import { lazy, useCallback, useEffect, useMemo, useState } from "react";
import {
  CaseStore,
  closeSession,
  createSealer,
  DEFAULT_STORE_NAME,
  openSession,
  POLICY_STAFF_ROLE,
  TRAINING_DATABASE,
} from "../../store/index";
import type { StationSync, SyncStatus } from "../../store/sync/index";
import { App } from "../App";
import { useClock } from "../shared/ClockProvider";
import { getQueueCatalog } from "../shared/shippedLibrary";
import { forgetAccount } from "./accountStorage";
import { LockScreen, useIdleTimer } from "./LockScreen";
import { SignInScreen } from "./SignInScreen";
import { type SignedIn, type Station, StationContext } from "./StationContext";
import { StationFailure } from "./StationFailure";
import { SyncStatusBar } from "./SyncStatusBar";

// The station view and the case panel need the catalog and the engine's runtime: loaded when first shown.
const StationView = lazy(() => import("./StationView"));
const StationCasePanel = lazy(() => import("./StationCasePanel"));

/** Minutes without a touch or a key before the device locks. */
export const LOCK_AFTER_MINUTES = 3;

/** The app at a station: sign-in first, then the app over the officer's store, synced, locking when idle. */
export function StationRoot({ base }: { base: string }) {
  const [officer, setOfficer] = useState<SignedIn>();
  if (!officer) return <SignInScreen base={base} onSignedIn={setOfficer} />;
  return <SignedInApp key={officer.name} base={base} officer={officer} onSignedOut={() => setOfficer(undefined)} />;
}

function SignedInApp({ base, officer, onSignedOut }: { base: string; officer: SignedIn; onSignedOut(): void }) {
  const clock = useClock();
  const [store, setStore] = useState<CaseStore>();
  const [sync, setSync] = useState<StationSync>();
  const [status, setStatus] = useState<SyncStatus>({ state: "starting", pending: 0, refused: 0 });
  const [locked, setLocked] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();

  useEffect(() => {
    let cancelled = false;
    let opened: CaseStore | undefined;
    let syncing: StationSync | undefined;
    (async () => {
      opened = await CaseStore.open({
        name: DEFAULT_STORE_NAME,
        clock: () => clock.now(),
        device: officer.device,
        holds: officer.sees,
        sealer: createSealer(officer.keys),
        derive: async (log) => (await import("./deriveSummary")).deriveSummary(log, clock.now()),
      });
      if (cancelled) return opened.close();
      setStore(opened);
      // Replication is a chunk of its own, fetched once the first screen is up.
      const { StationSync } = await import("../../store/sync/index");
      syncing = await StationSync.start({
        base,
        sees: officer.sees,
        device: officer.device,
        publishes: officer.roles.includes(POLICY_STAFF_ROLE),
        casesName: opened.name,
        now: () => clock.now(),
      });
      if (cancelled) return syncing.stop();
      const current = syncing;
      current.subscribe(() => setStatus(current.status));
      opened.subscribe(() => current.notifyLocalWrite());
      setStatus(current.status);
      setSync(current);
    })().catch((error: unknown) => setFailure({ error }));
    return () => {
      cancelled = true;
      void syncing?.stop();
      void opened?.close();
    };
  }, [officer, base, clock]);

  useIdleTimer(LOCK_AFTER_MINUTES, !locked, () => setLocked(true));

  const signOut = useCallback(async (): Promise<boolean> => {
    if (status.pending > 0) return false;
    await sync?.stop();
    await store?.deleteAll();
    await store?.close();
    const { StationSync } = await import("../../store/sync/index");
    await StationSync.destroyLocal([TRAINING_DATABASE]);
    forgetAccount();
    await closeSession(base);
    onSignedOut();
    return true;
  }, [status.pending, sync, store, base, onSignedOut]);

  const station = useMemo<Station>(
    () => ({
      officer,
      status,
      lock: () => setLocked(true),
      signOut,
      resumeSync: async (password) => {
        await openSession(base, officer.name, password);
        await sync?.restart();
      },
    }),
    [officer, status, signOut, sync, base],
  );

  if (failure) return <StationFailure error={failure.error} />;
  if (!store) return null;
  return (
    <StationContext.Provider value={station}>
      <div inert={locked} aria-hidden={locked || undefined}>
        <App
          store={store}
          clock={clock}
          station={{
            officer: officer.name,
            role: catalogRoleOf(officer.roles),
            bar: <SyncStatusBar />,
            view: <StationView />,
            casePanel: (caseId) => <StationCasePanel key={`station-${caseId}`} caseId={caseId} />,
          }}
        />
      </div>
      {locked ? <LockScreen officer={officer} onUnlock={() => setLocked(false)} onGiveUp={onSignedOut} /> : null}
    </StationContext.Provider>
  );
}

/** The signed-in user's catalog role: the first of their CouchDB roles the catalog knows, the one that sees most. */
function catalogRoleOf(roles: readonly string[]): string {
  const known = getQueueCatalog().roles;
  const mine = roles.filter((r) => known.has(r));
  mine.sort((a, b) => (known.get(b)?.sees.length ?? 0) - (known.get(a)?.sees.length ?? 0));
  return mine[0] ?? "";
}
