/** The Edit area's own places, under `#/edit`: the library, or one SOP on one tab (and one step). */
export type EditorTab = "steps" | "details" | "json" | "graph" | "translations" | "publish";
export type EditorRoute = { view: "library" } | { view: "sop"; sop: string; tab: EditorTab; step?: string };

export const EDITOR_TABS: readonly EditorTab[] = ["steps", "details", "json", "graph", "translations", "publish"];

/** Reads `#/edit/uasc/steps/ask-age`. */
export function parseEditorRoute(hash: string): EditorRoute {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts[0] !== "edit" || !parts[1]) return { view: "library" };
  const tab = (EDITOR_TABS as readonly string[]).includes(parts[2] ?? "") ? (parts[2] as EditorTab) : "steps";
  return { view: "sop", sop: parts[1], tab, ...(parts[3] ? { step: parts[3] } : {}) };
}

export function editorHref(route: EditorRoute): string {
  if (route.view === "library") return "#/edit";
  const base = `#/edit/${encodeURIComponent(route.sop)}/${route.tab}`;
  return route.step ? `${base}/${encodeURIComponent(route.step)}` : base;
}
