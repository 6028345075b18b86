import { queueCatalog, sopIndex } from "virtual:senda-sops";
import type { Text } from "../../engine/index";

/** An SOP the officer can open a case on, before its definition is loaded. */
export interface SopEntry {
  id: string;
  version: string;
  title: Text;
  procedures: string[];
}

type QueueFlag = (typeof queueCatalog.flags)[number];
type QueueSite = (typeof queueCatalog.sites)[number];
/** A catalog role, as the officer settings offer it. */
export type QueueRole = (typeof queueCatalog.roles)[number];
let queueIndex:
  | { flags: Map<string, QueueFlag>; sites: Map<string, QueueSite>; roles: Map<string, QueueRole> }
  | undefined;

/** The SOPs shipped with this build, the screening SOP first, then by id. */
export function listShippedSops(): SopEntry[] {
  return [...sopIndex].sort((a, b) =>
    a.id === "screening" ? -1 : b.id === "screening" ? 1 : a.id.localeCompare(b.id),
  );
}

/**
 * What the queue needs of the shipped catalog: flag labels, sensitivities and priorities, site names and status, and
 * the roles with the levels each sees, by id (the first file to define an id wins, as in the engine). The whole
 * catalog is in `shippedCatalog.ts`.
 */
export function getQueueCatalog(): {
  flags: Map<string, QueueFlag>;
  sites: Map<string, QueueSite>;
  roles: Map<string, QueueRole>;
} {
  if (!queueIndex) {
    const flags = new Map<string, QueueFlag>();
    const sites = new Map<string, QueueSite>();
    const roles = new Map<string, QueueRole>();
    for (const flag of queueCatalog.flags) if (!flags.has(flag.id)) flags.set(flag.id, flag);
    for (const site of queueCatalog.sites) if (!sites.has(site.id)) sites.set(site.id, site);
    for (const role of queueCatalog.roles ?? []) if (!roles.has(role.id)) roles.set(role.id, role);
    queueIndex = { flags, sites, roles };
  }
  return queueIndex;
}

/** The ids of an SOP and of every SOP it runs as a procedure, directly or not. */
export function collectBundleIds(id: string, index: readonly SopEntry[] = sopIndex): string[] {
  const byId = new Map(index.map((e) => [e.id, e]));
  const found: string[] = [];
  const visit = (current: string) => {
    if (found.includes(current)) return;
    const entry = byId.get(current);
    if (!entry) throw new Error(`The SOP "${current}" is not shipped with this version of the app.`);
    found.push(current);
    for (const callee of entry.procedures) visit(callee);
  };
  visit(id);
  return found;
}
