import { addCatalogSettings, emptyCatalog } from "./catalogSettings";
import type { Catalog, SopDefinition, SopLibrary } from "./types";

/**
 * Builds a library from definitions that were already validated and linted (by CI, at build time), without
 * loading the schema validators: what the officers' client uses, so that its bundle stays small.
 * Later duplicates of an id are ignored; use `loadLibrary` for untrusted files.
 */
export function buildLibrary(sops: readonly SopDefinition[], catalogs: readonly Catalog[]): SopLibrary {
  const catalog = emptyCatalog();
  const seenSettings = new Set<string>();
  for (const file of catalogs) {
    addCatalogSettings(catalog, file, seenSettings);
    for (const kind of ["services", "flags", "sites", "roles"] as const) {
      const index = catalog[kind] as Map<string, { id: string }>;
      for (const entry of file[kind] ?? []) if (!index.has(entry.id)) index.set(entry.id, entry);
    }
  }
  const byId = new Map<string, SopDefinition>();
  for (const sop of sops) if (!byId.has(sop.id)) byId.set(sop.id, sop);
  return { sops: byId, catalog };
}
