import type { AnyStateMachine } from "xstate";
import type { CatalogIndex, Level, SopDefinition, Step } from "../definition/types";
import type { ExpressionScope } from "../expression/ExpressionScope";

/** One step as placed in the compiled statechart. */
export interface CompiledStep {
  /** The step's address in the case: procedure step ids and the step id joined by "/". */
  path: string;
  id: string;
  /** The procedure scope the step belongs to: "" for the root SOP, else the procedure step's path. */
  scope: string;
  step: Step;
  /** The parallel track the step runs in ("<parallel step path>/<track id>"), if any. */
  track?: string;
  /** Keys of the XState state node from the root, joined by ".". */
  stateKey: string;
  /** The fewest input steps (questions, checklists, instructions, referrals) from here to the end of its region. */
  remaining: number;
  /** Who may see this step, its answer and what it produces (see `stepLevel`). */
  level: Level;
  /** The level of what each of its effects produces, in the order of `step.effects`. */
  effectLevels: Level[];
}

/** One SOP running inside the case: the root, or a procedure step's sub-procedure. */
export interface CompiledScope {
  path: string;
  sop: SopDefinition;
  expressions: ExpressionScope;
  /** The procedure step that runs this scope (its path), absent for the root. */
  caller?: string;
  /** The SOP's own level raised by every calling procedure's: being in this scope is at least this sensitive. */
  level: Level;
  /** The level of each of its variables: that of the question (or checklist) that asks it. */
  variableLevels: Map<string, Level>;
}

/** An SOP compiled into an XState machine, with the tables the case runtime needs. */
export interface CompiledSop {
  id: string;
  version: string;
  /** Content hash of the SOP and every SOP it runs as a procedure. */
  hash: string;
  definition: SopDefinition;
  /** The SOPs of the bundle by id: the root and its procedures. */
  bundle: ReadonlyMap<string, SopDefinition>;
  catalog: CatalogIndex;
  /** The machine config as plain JSON, without the context factory. */
  config: MachineConfigJson;
  machine: AnyStateMachine;
  steps: ReadonlyMap<string, CompiledStep>;
  scopes: ReadonlyMap<string, CompiledScope>;
  /** XState leaf state key ("a.b.c") to the step path it stands for. */
  stepByStateKey: ReadonlyMap<string, string>;
  /** Questions whose answer may be updated by new information: the question's path to the step path it resumes at. */
  updatable: ReadonlyMap<string, string>;
}

/** A JSON-serialisable XState state node config. */
export interface MachineConfigJson {
  id?: string;
  type?: "parallel" | "final";
  initial?: string;
  entry?: NamedCall[];
  on?: Record<string, TransitionJson | TransitionJson[]>;
  always?: TransitionJson | TransitionJson[];
  onDone?: TransitionJson;
  states?: Record<string, MachineConfigJson>;
  meta?: Record<string, unknown>;
}

export interface TransitionJson {
  target?: string;
  guard?: NamedCall;
  actions?: NamedCall[];
}

/** A guard or action reference: a name from the closed set, with JSON parameters. */
export interface NamedCall {
  type: string;
  params?: Record<string, string | number>;
}
