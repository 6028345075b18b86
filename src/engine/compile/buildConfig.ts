import { collectRegion, costToEnd, nextEdges, stepValues } from "../definition/stepGraph";
import type { SopDefinition, SopLibrary, Step } from "../definition/types";
import { SendaError } from "../errors";
import type { CompiledStep, MachineConfigJson, NamedCall, TransitionJson } from "./CompiledSop";

/** Which XState event completes each kind of input step. */
export const INPUT_EVENT = {
  instruction: "ACKNOWLEDGED",
  checklist: "CHECKED",
  question: "ANSWERED",
  referral: "REFERRED",
} as const;

export type InputKind = keyof typeof INPUT_EVENT;

export function isInputKind(kind: string): kind is InputKind {
  return kind in INPUT_EVENT;
}

/** What `buildConfig` produces besides the config: every step and scope, by path. */
export interface BuildTables {
  steps: Map<string, CompiledStep>;
  scopes: Map<string, { sop: SopDefinition; caller?: string }>;
  stepByStateKey: Map<string, string>;
  /** Updatable questions: the question's path to the path of the step the case resumes at. */
  updatable: Map<string, string>;
}

const ROUTE_SUFFIX = "~next";

/**
 * Builds the JSON statechart of an SOP: one state per step, procedures as nested compound states (the called
 * SOP's steps inside), parallel steps as parallel states with one region per track. Guards and actions are named
 * references with JSON parameters; their code lives in `caseLogic.ts`.
 */
export function buildConfig(
  root: SopDefinition,
  library: SopLibrary,
): { config: MachineConfigJson; tables: BuildTables } {
  const tables: BuildTables = { steps: new Map(), scopes: new Map(), stepByStateKey: new Map(), updatable: new Map() };
  tables.scopes.set("", { sop: root });
  const region = buildRegion(root, "", root.start, [], library, tables, [root.id], undefined, new Set());
  const config: MachineConfigJson = { id: "case", ...region };
  // New information can come at any time, even after the end: the root takes it and re-enters the resume step.
  const updates = [...tables.updatable].map(
    ([question, resume]): TransitionJson => ({
      target: `#${resumeStateId(resume)}`,
      guard: { type: "isStep", params: { path: question } },
      actions: [{ type: "applyUpdate", params: { path: question } }],
    }),
  );
  if (updates.length) config.on = { UPDATED: updates };
  return { config, tables };
}

/** The XState id of the state node a new-information update resumes at. */
function resumeStateId(path: string): string {
  return `resume:${path}`;
}

function buildRegion(
  sop: SopDefinition,
  scope: string,
  entry: string,
  stateKeys: string[],
  library: SopLibrary,
  tables: BuildTables,
  callStack: string[],
  track: string | undefined,
  passable: ReadonlySet<string>,
): { initial: string; states: Record<string, MachineConfigJson> } {
  const ids = collectRegion(sop, entry);
  // A question is skipped as known only when its answer can be known before it is asked: passed in by the caller
  // (`with`), or kept through new information re-routing its SOP (an updatable question). Only those questions get
  // the eventless `isKnown` check, which XState would otherwise evaluate after every event.
  const mayBeKnown = (step: Step) =>
    step.kind === "question" && step.variable !== undefined && (passable.has(step.variable) || hasUpdatable(sop));
  const remaining = distancesToEnd(sop, ids);
  const states: Record<string, MachineConfigJson> = {};
  const resumeTargets = new Set<string>();
  // Lint requires a resume step in the question's own region, outside tracks; a definition that breaks this only
  // loses its updates.
  if (!track)
    for (const id of ids) {
      const step = sop.steps[id];
      if (step.kind === "question" && step.updatable && ids.includes(step.updatable.resume)) {
        tables.updatable.set(
          scope ? `${scope}/${id}` : id,
          scope ? `${scope}/${step.updatable.resume}` : step.updatable.resume,
        );
        resumeTargets.add(step.updatable.resume);
      }
    }
  // The state key of a step is the keys down to it joined with dots; the array itself is made only for a region
  // inside the step (a procedure's or a track's).
  const keyPrefix = stateKeys.length > 0 ? `${stateKeys.join(".")}.` : "";
  for (const id of ids) {
    const step = sop.steps[id];
    const path = scope ? `${scope}/${id}` : id;
    const stateKey = keyPrefix + id;
    tables.steps.set(path, {
      path,
      id,
      scope,
      track,
      step,
      stateKey,
      remaining: remaining.get(id) ?? 0,
      // Filled in by compileSop, which knows the catalog and the variables.
      level: "public",
      effectLevels: [],
    });
    tables.stepByStateKey.set(stateKey, path);
    // The step's guards and actions all take the same params: one object for all of them.
    const params = { path };
    const call = (type: string): NamedCall => ({ type, params });
    const target = afterStep(id, step);
    // A decision routes from its own state; other steps go on to a route state once their input is in.
    if (step.kind !== "end" && step.kind !== "decision" && typeof step.next !== "string")
      states[`${id}${ROUTE_SUFFIX}`] = { always: routes(id, step, path) };
    // The input step's transition, as the step completed plus the guard that it is this step's input.
    const input = (): TransitionJson => ({ target, actions: [call("complete")], guard: call("isStep") });
    switch (step.kind) {
      case "instruction":
      case "checklist":
      case "referral":
        states[id] = { entry: [call("enter")], on: { [INPUT_EVENT[step.kind]]: input() } };
        break;
      case "question": {
        const state: MachineConfigJson = { entry: [call("enter")] };
        if (mayBeKnown(step)) state.always = { target, guard: call("isKnown"), actions: [call("completeKnown")] };
        state.on = { ANSWERED: input() };
        states[id] = state;
        break;
      }
      case "decision":
        states[id] = { entry: [call("enter")], always: routes(id, step, path) };
        break;
      case "procedure": {
        const callee = library.sops.get(step.sop);
        if (!callee)
          throw new SendaError(
            "invalid-definition",
            `Step "${path}" runs the SOP "${step.sop}", which is not in the library.`,
            path,
          );
        if (callStack.includes(callee.id))
          throw new SendaError(
            "invalid-definition",
            `Step "${path}" runs "${callee.id}", which is already running: procedures must not call themselves.`,
            path,
          );
        tables.scopes.set(path, { sop: callee, caller: path });
        const passed = new Set(Object.keys(step.with ?? {}));
        const inner = buildRegion(
          callee,
          path,
          callee.start,
          [...stateKeys, id],
          library,
          tables,
          [...callStack, callee.id],
          undefined,
          passed,
        );
        states[id] = {
          entry: [call("enter"), call("bindInputs")],
          ...inner,
          onDone: { target, actions: [call("complete")] },
        };
        break;
      }
      case "parallel": {
        const regions: Record<string, MachineConfigJson> = {};
        for (const track of step.tracks)
          regions[track.id] = buildRegion(
            sop,
            scope,
            track.start,
            [...stateKeys, id, track.id],
            library,
            tables,
            callStack,
            `${path}/${track.id}`,
            passable,
          );
        states[id] = {
          type: "parallel",
          entry: [call("enter")],
          states: regions,
          onDone: { target, actions: [call("complete")] },
        };
        break;
      }
      case "end":
        // The case's own ends are not final, so that new information can re-open a finished case; a procedure's
        // or a track's ends are, so that their caller goes on.
        states[id] =
          scope === "" && !track
            ? { entry: [call("enter"), call("reachEnd")] }
            : { type: "final", entry: [call("enter"), call("reachEnd")] };
        break;
    }
    if (resumeTargets.has(id)) states[id].id = resumeStateId(path);
  }
  return { initial: entry, states };
}

const updatableCache = new WeakMap<SopDefinition, boolean>();

/** Whether an SOP has a question that takes new information (which keeps its SOP's answers known on re-routing). */
function hasUpdatable(sop: SopDefinition): boolean {
  let found = updatableCache.get(sop);
  if (found === undefined) {
    found = stepValues(sop).some((step) => step.kind === "question" && step.updatable !== undefined);
    updatableCache.set(sop, found);
  }
  return found;
}

function afterStep(id: string, step: Step): string | undefined {
  if (step.kind === "end") return undefined;
  return typeof step.next === "string" ? step.next : `${id}${ROUTE_SUFFIX}`;
}

function routes(id: string, step: Step, path: string): TransitionJson[] {
  return nextEdges(id, step).map((edge) => {
    const params = { path, index: edge.route };
    const transition: TransitionJson = { target: edge.to, actions: [{ type: "takeRoute", params }] };
    if (edge.when) transition.guard = { type: "routeHolds", params };
    return transition;
  });
}

/** For each step of a region, the fewest input steps on a way to an end step (a rough "steps left"). */
function distancesToEnd(sop: SopDefinition, ids: string[]): Map<string, number> {
  return costToEnd(sop, ids, (step) => (isInputKind(step.kind) ? 1 : 0));
}

/** The closed sets of guard and action names a compiled machine may use. */
export const GUARD_NAMES = ["isStep", "isKnown", "routeHolds"] as const;
export const ACTION_NAMES = [
  "enter",
  "complete",
  "completeKnown",
  "takeRoute",
  "bindInputs",
  "reachEnd",
  "applyUpdate",
] as const;

/**
 * Checks every guard and action name in a machine config against the closed sets. XState itself ignores unknown
 * names, so a config edited by hand or produced by another version would otherwise fail silently.
 */
export function checkMachineConfig(config: MachineConfigJson, path = "case"): void {
  // A 5,000-step config has some 20,000 names: the walk keeps the way down as keys, and makes the state's path
  // text only for an unknown name.
  const keys: string[] = [];
  const where = () => [path, ...keys].join(".");
  const checkCall = (call: NamedCall | undefined, allowed: ReadonlySet<string>, what: string) => {
    if (call && !allowed.has(call.type)) {
      const known = what === "guard" ? GUARD_NAMES : ACTION_NAMES;
      throw new SendaError(
        "unknown-name",
        `Unknown ${what} "${call.type}" in state "${where()}". Known ${what}s: ${known.join(", ")}.`,
        where(),
      );
    }
  };
  const checkTransition = (t: TransitionJson | TransitionJson[] | undefined) => {
    if (t === undefined) return;
    if (!Array.isArray(t)) {
      checkCall(t.guard, GUARD_SET, "guard");
      if (t.actions) for (const a of t.actions) checkCall(a, ACTION_SET, "action");
      return;
    }
    for (const one of t) checkTransition(one);
  };
  const walk = (state: MachineConfigJson) => {
    if (state.entry) for (const a of state.entry) checkCall(a, ACTION_SET, "action");
    if (state.on) for (const event in state.on) checkTransition(state.on[event]);
    checkTransition(state.always);
    checkTransition(state.onDone);
    // Object.keys: a region of thousands of states is a dictionary, which for…in walks several times slower.
    if (state.states)
      for (const key of Object.keys(state.states)) {
        keys.push(key);
        walk(state.states[key]!);
        keys.pop();
      }
  };
  walk(config);
}

const GUARD_SET: ReadonlySet<string> = new Set(GUARD_NAMES);
const ACTION_SET: ReadonlySet<string> = new Set(ACTION_NAMES);
