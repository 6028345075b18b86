import { setup } from "xstate";
import type { SopDefinition, SopLibrary } from "../definition/types";
import { ExpressionScope } from "../expression/ExpressionScope";
import { declaredVariables } from "../expression/variables";
import { buildConfig, checkMachineConfig } from "./buildConfig";
import type { CompiledScope, CompiledSop } from "./CompiledSop";
import { createCaseContext } from "./caseContext";
import { createCaseLogic, type MachineEvent } from "./caseLogic";
import { hashJson } from "./hashBundle";

/**
 * Compiles a schema-valid, lint-clean SOP (and the SOPs it runs as procedures, from `library`) into an XState v5
 * machine built from a JSON config and a closed set of named guards and actions. Every name in the config is
 * checked; a definition that is not lint-clean may throw a `SendaError` (use `prepareSop` to get issues instead).
 *
 * @example
 * const compiled = compileSop(sop, { sops: new Map([[sop.id, sop]]), catalog });
 * JSON.stringify(compiled.config); // the statechart, for `senda compile --json`
 */
export function compileSop(definition: SopDefinition, library: SopLibrary): CompiledSop {
  const lib: SopLibrary = { ...library, sops: new Map(library.sops).set(definition.id, definition) };
  const { config, tables } = buildConfig(definition, lib);
  checkMachineConfig(config);

  const expressionsBySop = new Map<string, ExpressionScope>();
  const scopes = new Map<string, CompiledScope>();
  const bundle = new Map<string, SopDefinition>();
  for (const [path, { sop, caller }] of tables.scopes) {
    let expressions = expressionsBySop.get(sop.id);
    if (!expressions) {
      expressions = new ExpressionScope(declaredVariables(sop).variables);
      expressionsBySop.set(sop.id, expressions);
    }
    scopes.set(path, { path, sop, expressions, caller });
    bundle.set(sop.id, sop);
  }
  const { guards, actions } = createCaseLogic(tables.steps, scopes);
  const machine = setup({
    types: {} as { context: ReturnType<typeof createCaseContext>; events: MachineEvent },
    // biome-ignore lint/suspicious/noExplicitAny: XState's parameterised guard and action types are looser than ours.
    guards: guards as any,
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    actions: actions as any,
  }).createMachine({
    // biome-ignore lint/suspicious/noExplicitAny: the config is checked by checkMachineConfig above.
    ...(config as any),
    context: () => createCaseContext(),
  });
  const hash = hashJson([...bundle.keys()].sort().map((id) => bundle.get(id)));
  return {
    id: definition.id,
    version: definition.version,
    hash,
    definition,
    bundle,
    catalog: library.catalog,
    config,
    machine,
    steps: tables.steps,
    scopes,
    stepByStateKey: tables.stepByStateKey,
  };
}
