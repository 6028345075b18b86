import { useSyncExternalStore } from "react";
import { type EditorRoute, editorHref, parseEditorRoute } from "./editorRoute";

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The Edit area's current place, from the URL's hash (so a reload returns to it). */
export function useEditorRoute(): [EditorRoute, (route: EditorRoute, replace?: boolean) => void] {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => "",
  );
  const go = (route: EditorRoute, replace = false) => {
    const href = editorHref(route);
    if (replace) {
      window.history.replaceState(null, "", href);
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } else window.location.hash = href;
  };
  return [parseEditorRoute(hash), go];
}
