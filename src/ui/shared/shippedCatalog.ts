import { catalogs } from "virtual:senda-catalog";
import { buildLibrary, type CatalogIndex } from "../../engine/index";

let catalogIndex: CatalogIndex | undefined;

/** The whole shipped catalog (services, flags, sites, roles), merged; for the case screens, which load lazily. */
export function getShippedCatalog(): CatalogIndex {
  catalogIndex ??= buildLibrary([], catalogs).catalog;
  return catalogIndex;
}
