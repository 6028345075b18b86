import { StrictMode } from "react";
import type { Root } from "react-dom/client";
import { CaseStore, databaseBase, detectStation } from "../../store/index";
import { App } from "../App";
import { prepareRememberedNewCase } from "../runner/prepareAtBoot";
import { ClockProvider, systemClock } from "../shared/ClockProvider";
import { I18nProvider, loadMessages, readStoredLocale } from "../shared/i18n/I18nProvider";
import { StartupFailure } from "../shared/StartupFailure";
import { readAccount } from "./accountStorage";
import { claimedDeviceCode, localDeviceCode } from "./caseCode";

/**
 * Starts the app. Where a CouchDB answers under the app's origin (`/db`), or this device has signed in to a station
 * before, it runs as a station: sign-in, roles, sync, lock. Otherwise it runs standalone on this device, as a
 * training or demonstration device with no accounts. A device that was once a station stays one, offline too.
 */
export async function bootApp(root: Root): Promise<void> {
  const base = databaseBase();
  // The officer's language is on screen from the first render (English is a chunk of its own).
  const messages = loadMessages(readStoredLocale()).catch(() => undefined);
  // The remembered entry SOP compiles while the databases open, so that "New case" does not wait for it.
  prepareRememberedNewCase();
  const isStation = readAccount() !== undefined || claimedDeviceCode() !== undefined || (await detectStation(base));
  if (isStation) {
    // The station's screens (sign-in, lock, sync) are a chunk of their own: a standalone device never loads them.
    const { StationRoot } = await import("./StationRoot");
    await messages;
    root.render(
      <StrictMode>
        <I18nProvider>
          <ClockProvider clock={systemClock}>
            <StationRoot base={base} />
          </ClockProvider>
        </I18nProvider>
      </StrictMode>,
    );
    return;
  }
  const fail = (error: unknown) =>
    root.render(
      <I18nProvider>
        <StartupFailure error={error} />
      </I18nProvider>,
    );
  try {
    // The queue paints from the summaries' mirror, before PouchDB's code has loaded; PouchDB opens meanwhile, and every
    // read or write of a case waits for it (see CaseStore.openEarly).
    const store = await CaseStore.openEarly({ clock: () => systemClock.now(), device: localDeviceCode() });
    await messages;
    root.render(
      <StrictMode>
        <I18nProvider>
          <App store={store} clock={systemClock} />
        </I18nProvider>
      </StrictMode>,
    );
    store.ready.catch(fail);
  } catch (error) {
    fail(error);
  }
}
