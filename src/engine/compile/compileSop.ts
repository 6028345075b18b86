import { setup } from "xstate";
import type { CatalogIndex, SopDefinition, SopLibrary } from "../definition/types";
import { ExpressionScope } from "../expression/ExpressionScope";
import { declaredVariables } from "../expression/variables";
import { buildConfig, checkMachineConfig } from "./buildConfig";
import type { CompiledScope, CompiledSop, CompiledStep } from "./CompiledSop";
import { createCaseContext } from "./caseContext";
import { createCaseLogic, type MachineEvent } from "./caseLogic";
import { hashJson } from "./hashBundle";
import { effectLevel, maxLevel, stepLevel } from "./levels";

/**
 * Compiles a schema-valid, lint-clean SOP (and the SOPs it runs as procedures, from `library`) into an XState v5
 * machine built from a JSON config and a closed set of named guards and actions. Every name in the config is
 * checked; a definition that is not lint-clean may throw a `SendaError` (use `prepareSop` to get issues instead).
 * `knownHash` is the bundle's content hash when the caller has it already (computed at build time from the same
 * definitions): hashing half a megabyte of SOP text is then skipped. `expressionScopes`: the CEL environments lint
 * built over these very SOP objects (`lintSopWithScope`), used instead of building them again.
 *
 * @example
 * const compiled = compileSop(sop, { sops: new Map([[sop.id, sop]]), catalog });
 * JSON.stringify(compiled.config); // the statechart, for `senda compile --json`
 */
export function compileSop(
  definition: SopDefinition,
  library: SopLibrary,
  knownHash?: string,
  expressionScopes?: ReadonlyMap<SopDefinition, ExpressionScope>,
): CompiledSop {
  const lib: SopLibrary = { ...library, sops: new Map(library.sops).set(definition.id, definition) };
  const { config, tables } = buildConfig(definition, lib);
  checkMachineConfig(config);

  const expressionsBySop = new Map<string, ExpressionScope>();
  const scopes = new Map<string, CompiledScope>();
  const bundle = new Map<string, SopDefinition>();
  // Scopes come callers first, so a scope's level can include its caller's.
  for (const [path, { sop, caller }] of tables.scopes) {
    let expressions = expressionsBySop.get(sop.id);
    if (!expressions) {
      expressions = expressionScopes?.get(sop) ?? new ExpressionScope(declaredVariables(sop).variables);
      expressionsBySop.set(sop.id, expressions);
    }
    const callerStep = caller === undefined ? undefined : tables.steps.get(caller);
    const callerScope = callerStep?.scope;
    // A procedure runs at least as carefully as its own SOP, its caller, and the step that runs it say.
    const level = maxLevel(
      sop.level,
      callerScope === undefined ? undefined : scopes.get(callerScope)?.level,
      callerStep?.step.level,
    );
    scopes.set(path, { path, sop, expressions, caller, level, variableLevels: new Map() });
    bundle.set(sop.id, sop);
  }
  assignLevels(tables.steps, scopes, library.catalog);
  const { guards, actions } = createCaseLogic(tables.steps, scopes, library.catalog);
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
  const hash = knownHash ?? hashJson([...bundle.keys()].sort().map((id) => bundle.get(id)));
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
    updatable: tables.updatable,
  };
}

/** Sets the level of every step, of every variable (its question's), and of what each effect produces. */
function assignLevels(steps: Map<string, CompiledStep>, scopes: Map<string, CompiledScope>, catalog: CatalogIndex) {
  for (const compiled of steps.values()) {
    const scope = scopes.get(compiled.scope)!;
    compiled.level = stepLevel(catalog, scope.level, compiled.step);
    // The step that runs a procedure says what the procedure is about ("possible victim of trafficking"): it is
    // kept as carefully as the procedure itself, whatever level the step was given.
    if (compiled.step.kind === "procedure") compiled.level = maxLevel(compiled.level, scopes.get(compiled.path)?.level);
    const step = compiled.step;
    const variable = step.kind === "question" ? step.variable : step.kind === "checklist" ? step.variable : undefined;
    if (variable) scope.variableLevels.set(variable, maxLevel(scope.variableLevels.get(variable), compiled.level));
  }
  for (const compiled of steps.values()) {
    const scope = scopes.get(compiled.scope)!;
    compiled.effectLevels = (compiled.step.effects ?? []).map((effect) =>
      effectLevel(compiled.level, effect, scope.expressions, scope.variableLevels),
    );
  }
}
