import { useSyncExternalStore } from "react";

/** Where the app is: an area, and for a case its screen. Kept in the URL's hash so it survives a reload. */
export type Route =
  | { area: "cases" }
  | { area: "case"; caseId: string; view: "step" | "summary" | "group" }
  | { area: "case"; caseId: string; view: "slip"; service: string }
  | { area: "edit" }
  | { area: "train" }
  | { area: "station" };

/** Reads a route from a location hash like `#/cases/C-1/slip/senniaf` (a slip names its service); anything unknown is the queue. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => safeDecode(p));
  if (parts[0] === "edit") return { area: "edit" };
  if (parts[0] === "train") return { area: "train" };
  if (parts[0] === "station") return { area: "station" };
  if (parts[0] === "cases" && parts[1]) {
    const caseId = parts[1];
    if (parts[2] === "summary") return { area: "case", caseId, view: "summary" };
    if (parts[2] === "group") return { area: "case", caseId, view: "group" };
    if (parts[2] === "slip" && parts[3]) return { area: "case", caseId, view: "slip", service: parts[3] };
    return { area: "case", caseId, view: "step" };
  }
  return { area: "cases" };
}

/** The hash for a route; each part is encoded. */
export function routeHref(route: Route): string {
  switch (route.area) {
    case "edit":
    case "train":
    case "station":
      return `#/${route.area}`;
    case "cases":
      return "#/cases";
    case "case": {
      const base = `#/cases/${encodeURIComponent(route.caseId)}`;
      if (route.view === "summary") return `${base}/summary`;
      if (route.view === "group") return `${base}/group`;
      if (route.view === "slip") return `${base}/slip/${encodeURIComponent(route.service)}`;
      return base;
    }
  }
}

/** Moves to a route (a new history entry, so the browser's back button works). */
export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The current route, re-rendering when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => "",
  );
  return parseRoute(hash);
}
