import { catalogs } from "virtual:senda-catalog";
import { sopLoaders } from "virtual:senda-sops";
import { buildLibrary, type CompiledSop, compileSop, type SopDefinition } from "../../engine/index";
import { collectBundleIds } from "./shippedLibrary";

const compiledById = new Map<string, Promise<CompiledSop>>();

/**
 * Loads and compiles a shipped SOP with the SOPs it runs, once per page. The definitions were validated and linted
 * in CI, so no schema validator is loaded here. This module (with the engine's compiler, XState and CEL) is only
 * reached from lazy chunks, so that the queue loads without it.
 */
export function loadCompiledSop(id: string): Promise<CompiledSop> {
  let pending = compiledById.get(id);
  if (!pending) {
    pending = (async () => {
      const ids = collectBundleIds(id);
      const definitions: SopDefinition[] = await Promise.all(ids.map((x) => sopLoaders[x]()));
      const library = buildLibrary(definitions, catalogs);
      return compileSop(library.sops.get(id)!, library);
    })();
    // A failed load (say, offline before the chunk was cached) may succeed later: do not keep the failure.
    pending.catch(() => compiledById.delete(id));
    compiledById.set(id, pending);
  }
  return pending;
}
