import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Role } from "../../src/engine/index";

/** The roles of the catalog in `sop/catalog/` (every file's `roles`, the first definition of an id winning). */
export function readCatalogRoles(root = resolve(import.meta.dirname, "../..")): Role[] {
  const dir = join(root, "sop", "catalog");
  const roles = new Map<string, Role>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const parsed = JSON.parse(readFileSync(join(dir, file), "utf8")) as { roles?: Role[] };
    for (const role of parsed.roles ?? []) if (!roles.has(role.id)) roles.set(role.id, role);
  }
  return [...roles.values()];
}
