import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalog, Scenario, SopDefinition, Step } from "../../src/engine/index";

const SOP_DIR = "sop";

/** The shipped library as the browser tests need it: SOPs by id, the merged catalog, and scenarios by id. */
export interface ShippedLibrary {
  sops: Map<string, SopDefinition>;
  flags: Map<string, { label: Record<string, string>; sensitivity: string }>;
  services: Map<string, { name: Record<string, string> }>;
  scenarios: Map<string, Scenario>;
}

/** Reads sop/ from disk. */
export function readLibrary(): ShippedLibrary {
  const sops = new Map<string, SopDefinition>();
  for (const file of readdirSync(SOP_DIR).filter((f) => f.endsWith(".sop.json"))) {
    const sop = JSON.parse(readFileSync(join(SOP_DIR, file), "utf8")) as SopDefinition;
    sops.set(sop.id, sop);
  }
  const flags: ShippedLibrary["flags"] = new Map();
  const services: ShippedLibrary["services"] = new Map();
  for (const file of readdirSync(join(SOP_DIR, "catalog")).filter((f) => f.endsWith(".json"))) {
    const catalog = JSON.parse(readFileSync(join(SOP_DIR, "catalog", file), "utf8")) as Catalog;
    for (const flag of catalog.flags ?? []) if (!flags.has(flag.id)) flags.set(flag.id, flag);
    for (const service of catalog.services ?? []) if (!services.has(service.id)) services.set(service.id, service);
  }
  const scenarios = new Map<string, Scenario>();
  const dir = join(SOP_DIR, "scenarios");
  if (existsSync(dir))
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".scenario.json"))) {
      const scenario = JSON.parse(readFileSync(join(dir, file), "utf8")) as Scenario;
      scenarios.set(scenario.id, scenario);
    }
  return { sops, flags, services, scenarios };
}

/** The step at a case path ("run-uasc/notify-senniaf"), following procedure steps into the SOPs they run. */
export function findStep(library: ShippedLibrary, rootSop: string, path: string | undefined): Step {
  if (path === undefined) throw new Error("this browser test plays only actions at a step");
  const parts = path.split("/");
  let sop = library.sops.get(rootSop);
  for (const [i, part] of parts.entries()) {
    const step = sop?.steps[part];
    if (!step) throw new Error(`No step "${part}" (of "${path}") in SOP "${sop?.id ?? rootSop}".`);
    if (i === parts.length - 1) return step;
    if (step.kind !== "procedure") throw new Error(`Step "${part}" of "${path}" is not a procedure step.`);
    sop = library.sops.get(step.sop);
  }
  throw new Error(`Empty step path for SOP "${rootSop}".`);
}

/**
 * The first scenario found among `ids` whose SOP is shipped, or undefined: the browser tests play scenarios written
 * by the library's authors, by id.
 */
export function pickScenario(library: ShippedLibrary, ids: readonly string[]): Scenario | undefined {
  for (const id of ids) {
    const scenario = library.scenarios.get(id);
    if (scenario && library.sops.has(scenario.sop)) return scenario;
  }
  return undefined;
}
