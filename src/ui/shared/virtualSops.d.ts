/** The shipped SOP library, bundled at build time by scripts/buildSopBundle.ts. */
declare module "virtual:senda-sops" {
  import type { Text } from "../../engine/index";

  type Level = "public" | "restricted" | "confidential";
  /** What the queue needs of the catalog: flag labels (and public instructions), site names and roles. */
  export const queueCatalog: {
    flags: {
      id: string;
      label: Text;
      sensitivity: Level;
      priority?: number;
      /** Only for a public flag. */
      instruction?: Text;
      publicLabel?: Text;
    }[];
    sites: { id: string; name: Text; status: "open" | "closed" }[];
    roles: { id: string; name: Text; sees: Level[] }[];
  };
  /** One entry per SOP: id, version, title and the SOPs it runs as procedures. */
  export const sopIndex: { id: string; version: string; title: Text; procedures: string[] }[];
  /** Loads one SOP definition by id (its own chunk). */
  export const sopLoaders: Record<string, () => Promise<import("../../engine/index").SopDefinition>>;
}

/** The whole shipped catalog, for the case screens (a lazy chunk). */
declare module "virtual:senda-catalog" {
  import type { Catalog } from "../../engine/index";

  /** Every catalog file of sop/catalog, as shipped. */
  export const catalogs: Catalog[];
}

/**
 * Each shipped SOP's content hash, and the hash of the bundle of shipped versions a case on it runs on ("" when an
 * SOP it runs is not shipped), by SOP id: computed at build time, for the lazy chunks that open cases.
 */
declare module "virtual:senda-sop-hashes" {
  export const sopHashes: Record<string, { hash: string; bundleHash: string }>;
}
