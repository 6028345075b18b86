import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type CompiledSop, type LoadedLibrary, loadLibrary, type Scenario } from "../../src/engine/index";

const SOP = resolve(import.meta.dirname, "../../sop");
let loaded: LoadedLibrary | undefined;

/** The shipped SOP library (sop/), loaded once: the trainer's tests play its real scenarios. */
export function shippedLibrary(): LoadedLibrary {
  if (!loaded) {
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((name) => {
        const full = join(d, name);
        return statSync(full).isDirectory() ? walk(full) : name.endsWith(".json") ? [full] : [];
      });
    loaded = loadLibrary(walk(SOP).map((full) => ({ path: relative(SOP, full), text: readFileSync(full, "utf8") })));
  }
  return loaded;
}

/** A shipped SOP, compiled. */
export function shippedSop(id: string): CompiledSop {
  const compiled = shippedLibrary().compiled.get(id);
  if (!compiled) throw new Error(`no shipped SOP ${id}`);
  return compiled;
}

/** A shipped scenario, as a fresh copy. */
export function shippedScenario(id: string): Scenario {
  const found = shippedLibrary().scenarios.find((s) => s.scenario.id === id);
  if (!found) throw new Error(`no shipped scenario ${id}`);
  return structuredClone(found.scenario);
}
