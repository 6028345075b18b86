import { lazy, type ReactNode, Suspense, useMemo } from "react";
import type { CaseStore } from "../store/index";
import { casePageComponent } from "./runner/casePageModule";
import { OfficerSettingsProvider, OfficerViewer } from "./runner/OfficerSettings";
import { QueueScreen } from "./runner/QueueScreen";
import { AppHeader } from "./shared/AppHeader";
import { AreaErrorBoundary } from "./shared/AreaErrorBoundary";
import { type Clock, ClockProvider } from "./shared/ClockProvider";
import { useI18n } from "./shared/i18n/I18nProvider";
import { StoreProvider } from "./shared/StoreProvider";
import { getQueueCatalog, listShippedSops } from "./shared/shippedLibrary";
import { useRoute } from "./shared/useRoute";

// The editor and the trainer are split off: an officer's phone never downloads them unless they are opened.
const EditArea = lazy(() => import("./editor/EditArea"));
const TrainArea = lazy(() => import("./trainer/TrainArea"));
// A case needs the engine's runtime (compiler, XState, CEL); the queue does not, so it opens without it.
// Handed over at once when the queue has loaded it already (see casePageModule.ts).
const CasePage = lazy(casePageComponent);

/** What a station (signed in, syncing) adds to the app: see src/ui/station/. */
export interface StationSlots {
  /** The officer signed in: the author of every event, not to be changed in the settings. */
  officer: string;
  /** The signed-in officer's catalog role: what every screen may show them. */
  role: string;
  /** The sync status bar, under the header. */
  bar: ReactNode;
  /** The station view (#/station). */
  view: ReactNode;
  /** What the station shows under a case: conflicts, handover, public digest. */
  casePanel(caseId: string): ReactNode;
}

/** The app with its services: the device's case store and the clock every screen reads time from. */
export function App({ store, clock, station }: { store: CaseStore; clock: Clock; station?: StationSlots }) {
  const sites = [...getQueueCatalog().sites.values()];
  const defaults = {
    officer: station?.officer ?? "",
    site: (sites.find((s) => s.status === "open") ?? sites[0])?.id ?? "",
    sop: listShippedSops()[0]?.id ?? "",
    role: "",
  };
  const fixed = useMemo(() => (station ? { officer: station.officer, role: station.role } : undefined), [station]);
  return (
    <ClockProvider clock={clock}>
      <StoreProvider store={store}>
        <OfficerSettingsProvider defaults={defaults} fixed={fixed}>
          <OfficerViewer>
            <Shell station={station} />
          </OfficerViewer>
        </OfficerSettingsProvider>
      </StoreProvider>
    </ClockProvider>
  );
}

function Shell({ station }: { station?: StationSlots }) {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <>
      <a className="skip-link no-print" href="#main">
        {t("app.skip")}
      </a>
      <AppHeader route={route} />
      {station?.bar}
      <main id="main" className="app-main">
        <AreaErrorBoundary resetKey={window.location.hash}>
          <Suspense
            fallback={
              <p className="loading" role="status">
                {t("app.loading")}
              </p>
            }
          >
            {route.area === "edit" ? (
              <EditArea />
            ) : route.area === "train" ? (
              <TrainArea />
            ) : route.area === "case" ? (
              <>
                <CasePage
                  key={route.caseId}
                  caseId={route.caseId}
                  view={route.view}
                  service={route.view === "slip" ? route.service : undefined}
                />
                {station?.casePanel(route.caseId)}
              </>
            ) : route.area === "station" && station ? (
              station.view
            ) : (
              <QueueScreen />
            )}
          </Suspense>
        </AreaErrorBoundary>
      </main>
    </>
  );
}
