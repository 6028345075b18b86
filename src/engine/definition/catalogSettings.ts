import { REQUIRED_LOCALES } from "./lint/lintTranslations";
import type { Catalog, CatalogIndex, Category, Level } from "./types";

/** The handover time of each urgency when no catalog file sets one: at once, within a day, within a week. */
export const DEFAULT_URGENCY_TIMES = { immediate: "0m", urgent: "24h", routine: "7d" } as const;

/** An empty catalog index. */
export function emptyCatalog(): CatalogIndex {
  return {
    services: new Map(),
    flags: new Map(),
    sites: new Map(),
    roles: new Map(),
    urgencies: { ...DEFAULT_URGENCY_TIMES },
    categories: new Map(),
  };
}

/**
 * Adds the catalog-wide settings of one file (urgency times, sensitive-data categories, interview languages) to an index; the first
 * file to set a value wins, as for ids.
 */
export function addCatalogSettings(index: CatalogIndex, file: Catalog, seen: Set<string>): void {
  for (const [urgency, within] of Object.entries(file.urgencies ?? {})) {
    if (seen.has(`urgency:${urgency}`) || within === undefined) continue;
    seen.add(`urgency:${urgency}`);
    index.urgencies[urgency as keyof CatalogIndex["urgencies"]] = within;
  }
  if (file.interviewLanguages && !seen.has("interviewLanguages")) {
    seen.add("interviewLanguages");
    index.interviewLanguages = [...new Set([...REQUIRED_LOCALES, ...file.interviewLanguages])];
  }
  for (const category of file.categories ?? [])
    if (!index.categories.has(category.id)) index.categories.set(category.id, category as Category);
}

/** The level a sensitive-data category's answers are kept at: the catalog's, or confidential when it says none. */
export function categoryLevel(catalog: CatalogIndex, category: string | undefined): Level {
  if (category === undefined) return "public";
  return catalog.categories.get(category)?.level ?? "confidential";
}
