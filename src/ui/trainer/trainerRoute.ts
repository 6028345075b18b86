import { useSyncExternalStore } from "react";

/** Where the Train area is: kept in the URL's hash (`#/train/...`) so that a reload or a shared link lands there. */
export type TrainerRoute =
  | { screen: "library" }
  | { screen: "play"; scenario: string }
  | { screen: "practice"; scenario: string }
  | { screen: "unscripted"; sop?: string; path?: number }
  | { screen: "paths"; sop?: string }
  | { screen: "results" }
  | { screen: "surge" };

/** Reads a Train area route from a hash like `#/train/practice/trafficking-boy-15`; anything unknown is the library. */
export function parseTrainerRoute(hash: string): TrainerRoute {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts[0] !== "train") return { screen: "library" };
  const [, screen, a, b] = parts;
  if ((screen === "play" || screen === "practice") && a) return { screen, scenario: a };
  if (screen === "unscripted") {
    const path = b !== undefined && /^\d+$/.test(b) ? Number(b) : undefined;
    return { screen, ...(a ? { sop: a } : {}), ...(path !== undefined ? { path } : {}) };
  }
  if (screen === "paths") return { screen, ...(a ? { sop: a } : {}) };
  if (screen === "results") return { screen };
  if (screen === "surge") return { screen };
  return { screen: "library" };
}

/** The hash of a Train area route. */
export function trainerHref(route: TrainerRoute): string {
  const e = encodeURIComponent;
  switch (route.screen) {
    case "library":
      return "#/train";
    case "play":
    case "practice":
      return `#/train/${route.screen}/${e(route.scenario)}`;
    case "unscripted":
      return `#/train/unscripted${route.sop ? `/${e(route.sop)}${route.path !== undefined ? `/${route.path}` : ""}` : ""}`;
    case "paths":
      return `#/train/paths${route.sop ? `/${e(route.sop)}` : ""}`;
    case "results":
      return "#/train/results";
    case "surge":
      return "#/train/surge";
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The Train area's current route, re-rendering when the hash changes. */
export function useTrainerRoute(): TrainerRoute {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => "",
  );
  return parseTrainerRoute(hash);
}
