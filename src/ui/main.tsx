import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { CaseStore } from "../store/index";
import { App } from "./App";
import { systemClock } from "./shared/ClockProvider";
import { I18nProvider } from "./shared/i18n/I18nProvider";
import { StartupFailure } from "./shared/StartupFailure";
import "./shared/app.css";

const root = createRoot(document.getElementById("root")!);

CaseStore.open({ clock: () => systemClock.now() }).then(
  (store) =>
    root.render(
      <StrictMode>
        <I18nProvider>
          <App store={store} clock={systemClock} />
        </I18nProvider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <I18nProvider>
        <StartupFailure error={error} />
      </I18nProvider>,
    ),
);

// The service worker precaches the built app, so that after the first visit it opens and runs with no network.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.error("Service worker:", error));
  });
}
