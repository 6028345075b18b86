import { createContext, createElement, type ReactNode, useContext, useMemo } from "react";
import type { Level } from "../../engine/index";
import { getQueueCatalog, type QueueRole } from "./shippedLibrary";

/**
 * Who is looking at the screen: their catalog role and the levels it `sees`. Every case screen passes what it shows
 * through `redactView(view, viewer.sees)`; the queue, the case header and search use `PUBLIC_SURFACE` whoever looks.
 */
export interface Viewer {
  /** The role, when the catalog defines one (a catalog without roles leaves the viewer at the public level). */
  role?: QueueRole;
  sees: readonly Level[];
}

const PUBLIC_ONLY: readonly Level[] = ["public"];
const ViewerContext = createContext<Viewer | undefined>(undefined);

/** The role that sees the fewest levels (the first such in the catalog): what a device shows until told otherwise. */
export function leastPrivilegedRole(
  roles: Iterable<QueueRole> = getQueueCatalog().roles.values(),
): QueueRole | undefined {
  let least: QueueRole | undefined;
  for (const role of roles) if (!least || role.sees.length < least.sees.length) least = role;
  return least;
}

/** The viewer for a role id: that catalog role, or the least privileged one when the id is unknown or empty. */
export function resolveViewer(roleId: string | undefined, roles = getQueueCatalog().roles): Viewer {
  const role = (roleId ? roles.get(roleId) : undefined) ?? leastPrivilegedRole(roles.values());
  return role ? { role, sees: role.sees } : { sees: PUBLIC_ONLY };
}

/**
 * Sets who is looking for everything below it. Today the officer settings feed it the role chosen next to the
 * officer code; sign-in will feed it the signed-in user's role instead.
 */
export function ViewerProvider({ role, children }: { role: string | undefined; children: ReactNode }) {
  const viewer = useMemo(() => resolveViewer(role), [role]);
  return createElement(ViewerContext.Provider, { value: viewer }, children);
}

/** Who is looking: without a provider above, the least privileged role (never more than it). */
export function useViewer(): Viewer {
  return useContext(ViewerContext) ?? resolveViewer(undefined);
}
