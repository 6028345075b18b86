import {
  type Activation,
  checkAnswer,
  declaredVariables,
  ExpressionScope,
  type SopDefinition,
  type Step,
} from "../../src/engine/index";

/**
 * The floor the engine is measured against: a plain table-driven interpreter of the same SOP, with the same
 * CEL evaluator and the same answer checks, but no statechart, no event log and no trace.
 */
export class TableInterpreter {
  readonly table: InterpreterTable;
  private readonly steps: Map<string, Step>;
  private readonly scope: ExpressionScope;
  private readonly variables: Map<string, string>;
  current: string | undefined;
  /** The outcome of the end step reached, once the SOP has ended. */
  outcome: string | undefined;
  readonly answers: Activation = {};
  readonly flags: string[] = [];

  /** Builds the table from the SOP, or shares one already built (as cases share a compiled machine). */
  constructor(sop: SopDefinition, table?: InterpreterTable) {
    this.table = table ?? buildTable(sop);
    this.steps = this.table.steps;
    this.scope = this.table.scope;
    this.variables = this.table.variables;
    this.answers.flags = this.flags;
    this.current = this.settle(sop.start);
  }

  /** Builds the table from JSON text: the floor for load + validate + lint + compile. */
  static fromText(text: string): TableInterpreter {
    return new TableInterpreter(JSON.parse(text) as SopDefinition);
  }

  answer(stepId: string, value: unknown): boolean {
    const step = this.steps.get(stepId);
    if (stepId !== this.current || !step || step.kind !== "question") return false;
    if (checkAnswer(step.answer, value)) return false;
    this.answers[step.variable] = this.variables.get(step.variable) === "int" ? BigInt(value as number) : value;
    for (const effect of step.effects ?? []) {
      if (
        "raise" in effect &&
        (!effect.when || this.scope.test(effect.when, this.answers)) &&
        !this.flags.includes(effect.raise)
      )
        this.flags.push(effect.raise);
    }
    this.current = this.route(step);
    return true;
  }

  private route(step: Step): string | undefined {
    if (step.kind === "end") return undefined;
    if (typeof step.next === "string") return this.settle(step.next);
    const taken = step.next.find((r) => !r.when || this.scope.test(r.when, this.answers));
    return taken ? this.settle(taken.to) : undefined;
  }

  /** The step to wait at from `id`: decisions are routed through at once; an end gives the outcome. */
  private settle(id: string): string | undefined {
    const step = this.steps.get(id);
    if (step?.kind === "decision") return this.route(step);
    if (step?.kind === "end") {
      this.outcome = step.outcome;
      return undefined;
    }
    return id;
  }

  /** The interpreter's state as JSON: where it waits and the answers so far (integers as plain numbers). */
  save(): string {
    const answers: Record<string, unknown> = {};
    for (const name of this.variables.keys())
      if (Object.hasOwn(this.answers, name)) {
        const value = this.answers[name];
        answers[name] = typeof value === "bigint" ? Number(value) : value;
      }
    return JSON.stringify({ current: this.current, outcome: this.outcome, answers, flags: this.flags });
  }

  /** An interpreter in the state `save` wrote, on a table already built. */
  static restore(sop: SopDefinition, table: InterpreterTable, saved: string): TableInterpreter {
    const state = JSON.parse(saved) as {
      current?: string;
      outcome?: string;
      answers: Record<string, unknown>;
      flags: string[];
    };
    const interpreter = new TableInterpreter(sop, table);
    for (const [name, value] of Object.entries(state.answers))
      interpreter.answers[name] = interpreter.variables.get(name) === "int" ? BigInt(value as number) : value;
    interpreter.flags.push(...state.flags);
    interpreter.current = state.current;
    interpreter.outcome = state.outcome;
    return interpreter;
  }
}

/** The interpreter's compiled form: its step table, expression scope and variable types. */
export interface InterpreterTable {
  steps: Map<string, Step>;
  scope: ExpressionScope;
  variables: Map<string, string>;
}

function buildTable(sop: SopDefinition): InterpreterTable {
  const declared = declaredVariables(sop).variables;
  return {
    steps: new Map(Object.entries(sop.steps)),
    scope: new ExpressionScope(declared),
    variables: new Map([...declared].map(([name, d]) => [name, d.type])),
  };
}
