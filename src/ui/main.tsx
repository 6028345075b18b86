import { createRoot } from "react-dom/client";
import { bootApp } from "./station/bootApp";
import "./shared/app.css";
import "./station/station.css";

const root = createRoot(document.getElementById("root")!);

// Standalone, or a station with sign-in when a CouchDB answers under /db (src/ui/station/bootApp.tsx).
void bootApp(root);

// The service worker precaches the built app, so that after the first visit it opens and runs with no network.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.error("Service worker:", error));
  });
}
