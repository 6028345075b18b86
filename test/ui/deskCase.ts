import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildLibrary,
  type CaseEvent,
  type Catalog,
  type CompiledSop,
  compileSop,
  openCase,
  type SopDefinition,
  viewCase,
} from "../../src/engine/index";
import { type CaseStore, summarizeCase } from "../../src/store/index";
import type { CaseInput } from "../../src/ui/runner/useCaseSession";

/** The runner's fixture library: a small desk SOP that uses every protection mechanism, with its own catalog. */
export const RUNNER_LIBRARY = join(process.cwd(), "test", "fixtures", "runner-library");

let compiled: CompiledSop | undefined;

/** The fixture desk SOP, compiled with its catalog (once per test file). */
export function compileDesk(): CompiledSop {
  if (!compiled) {
    const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));
    const sops = readdirSync(RUNNER_LIBRARY)
      .filter((f) => f.endsWith(".sop.json"))
      .map((f) => read(join(RUNNER_LIBRARY, f)) as SopDefinition);
    const catalogs = readdirSync(join(RUNNER_LIBRARY, "catalog")).map(
      (f) => read(join(RUNNER_LIBRARY, "catalog", f)) as Catalog,
    );
    const library = buildLibrary(sops, catalogs);
    compiled = compileSop(library.sops.get("desk")!, library);
  }
  return compiled;
}

/** What a desk case's officer does, step by step: the person is 30, on HIV treatment, and looks for a relative. */
export const ADULT_ON_TREATMENT: CaseInput[] = [
  { type: "ACKNOWLEDGED", step: "welcome" },
  { type: "ANSWERED", step: "ask-age", value: 30 },
  { type: "ANSWERED", step: "ask-alone", value: true },
  { type: "ANSWERED", step: "consent-health", value: true },
  { type: "ANSWERED", step: "ask-hiv", value: true },
  { type: "REFERRED", step: "refer-clinic-hiv", consent: true },
  { type: "ANSWERED", step: "ask-medication", value: "Insulina" },
  { type: "REFERRED", step: "refer-clinic-check", consent: true },
  { type: "REFERRED", step: "refer-site", consent: true },
  { type: "ANSWERED", step: "ask-tracing", value: false },
];

/**
 * Opens a desk case on the store and records `inputs` one minute apart from `start`, each saved with its summary as
 * the client saves it. Returns the time of the last event.
 */
export async function seedDesk(
  store: CaseStore,
  caseId: string,
  inputs: readonly CaseInput[],
  options: { start?: string; group?: string; by?: string } = {},
): Promise<number> {
  const sop = compileDesk();
  let at = Date.parse(options.start ?? "2024-03-01T08:00:00Z");
  const by = options.by ?? "OF-7";
  const session = openCase(sop, {
    caseId,
    at: new Date(at).toISOString(),
    by,
    site: "north",
    ...(options.group ? { group: options.group } : {}),
  });
  for (const input of inputs) {
    at += 60_000;
    const result = session.send({ ...input, at: new Date(at).toISOString(), by } as CaseEvent);
    if (!result.ok) throw new Error(`${input.type} ${"step" in input ? input.step : ""}: ${result.reason}`);
  }
  await store.appendEvents(
    caseId,
    0,
    session.events,
    summarizeCase(viewCase(session, new Date(at)), session.events.length),
  );
  return at;
}
