import { Environment } from "@marcbachmann/cel-js";
import {
  BUILT_IN_VARIABLES,
  type CelType,
  DURATION,
  describeType,
  TIMESTAMP,
  type VariableDeclaration,
} from "./variables";

/** The outcome of checking an expression before it runs. */
export type ExpressionCheck =
  | { ok: true; type: string }
  | { ok: false; kind: "syntax" | "type"; message: string; unknownVariable?: string };

/** A compiled CEL program. */
type Program = ((activation: Record<string, unknown>) => unknown) & { check(): { valid: boolean; type?: string } };

/** A value for CEL: booleans, BigInt integers, doubles, strings, lists, Date timestamps, durations. */
export type CelValue = unknown;

/** The activation of one procedure: its answered variables as CEL values, plus the case's built-ins. */
export type Activation = Record<string, CelValue>;

const MS_PER_HOUR = 3_600_000;

let baseEnvironment: Environment | undefined;

/**
 * The environment every SOP's starts from: the functions and the built-in variables, registered once and cloned
 * for each SOP (registering functions is what costs; a bundle of a dozen SOPs would do it a dozen times).
 */
function sharedBaseEnvironment(): Environment {
  if (!baseEnvironment) {
    let env = createBaseEnvironment();
    for (const [name, type] of Object.entries(BUILT_IN_VARIABLES)) env = env.registerVariable(name, type);
    baseEnvironment = env;
  }
  return baseEnvironment;
}

function createBaseEnvironment(): Environment {
  return new Environment({ limits: { maxAstNodes: 2000, maxDepth: 60 } })
    .registerFunction(`yearsBetween(${TIMESTAMP}, ${TIMESTAMP}): int`, (from: Date, to: Date) =>
      BigInt(wholeYears(from, to)),
    )
    .registerFunction(
      `hoursBetween(${TIMESTAMP}, ${TIMESTAMP}): double`,
      (from: Date, to: Date) => (to.getTime() - from.getTime()) / MS_PER_HOUR,
    )
    .registerFunction(
      `daysBetween(${TIMESTAMP}, ${TIMESTAMP}): double`,
      (from: Date, to: Date) => (to.getTime() - from.getTime()) / (24 * MS_PER_HOUR),
    );
}

/** Whole years from one date to another, as an age is counted. */
export function wholeYears(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years--;
  return years;
}

let durationClass: (new (seconds: bigint | number, nanos?: number) => unknown) | undefined;

/** A CEL duration of the given number of seconds. */
export function celDuration(seconds: number): unknown {
  const whole = Math.trunc(seconds);
  return celDurationOf(BigInt(whole), Math.round((seconds - whole) * 1e9));
}

/** A CEL duration of whole seconds and nanoseconds, exactly (what a stored case snapshot reads back). */
export function celDurationOf(seconds: bigint, nanos: number): unknown {
  if (!durationClass) {
    const sample = new Environment().evaluate('duration("1s")') as { constructor: typeof durationClass };
    durationClass = sample.constructor;
  }
  return new durationClass!(seconds, nanos);
}

/**
 * The typed CEL environment of one SOP: its declared variables and the built-ins, with a cache of compiled
 * programs. Pure: the time comes in through the `now` of each activation.
 *
 * @example
 * const scope = new ExpressionScope(declaredVariables(sop).variables);
 * scope.check("age < 18");            // { ok: true, type: "bool" }
 * scope.test("age < 18", { age: 15n }); // true
 */
export class ExpressionScope {
  readonly variables: ReadonlyMap<string, VariableDeclaration>;
  private readonly environment: Environment;
  private readonly programs = new Map<string, Program>();

  constructor(variables: ReadonlyMap<string, VariableDeclaration>) {
    this.variables = variables;
    let env = sharedBaseEnvironment().clone();
    for (const declaration of variables.values()) {
      if (!(declaration.name in BUILT_IN_VARIABLES)) env = env.registerVariable(declaration.name, declaration.type);
    }
    this.environment = env;
  }

  /** Parses and type-checks an expression, optionally requiring a result type. */
  check(expression: string, expected?: CelType): ExpressionCheck {
    let program: Program;
    try {
      program = this.compile(expression);
    } catch (error) {
      return { ok: false, kind: "syntax", message: firstLine(error) };
    }
    const result = program.check() as { valid: boolean; type?: string; error?: { message: string } };
    if (!result.valid) {
      const message = firstLine(result.error);
      const unknown = /^Unknown variable: (\w+)/.exec(message)?.[1];
      return { ok: false, kind: "type", message, unknownVariable: unknown };
    }
    const type = String(result.type);
    if (expected && type !== expected && type !== "dyn") {
      return {
        ok: false,
        kind: "type",
        message: `it gives a ${describeType(type)} where a ${describeType(expected)} is needed`,
      };
    }
    return { ok: true, type };
  }

  /**
   * Evaluates an expression. A variable that has not been answered yet makes the result `undefined` instead of
   * throwing, so that conditions over unanswered questions are simply not met. Never throws.
   */
  evaluate(expression: string, activation: Activation): CelValue | undefined {
    try {
      return this.compile(expression)(activation);
    } catch {
      // Lint type-checks every expression, so what fails here is an unanswered variable (or an overflow):
      // the condition is simply not met.
      return undefined;
    }
  }

  /** Evaluates a condition: true only when the expression gives `true`. */
  test(expression: string, activation: Activation): boolean {
    return this.evaluate(expression, activation) === true;
  }

  /** The names of this scope's variables that an expression mentions, for the decision trace. */
  mentionedVariables(expression: string): readonly string[] {
    // Kept per expression: a case traces the values a route's condition read every time it takes the route.
    let found = this.mentioned.get(expression);
    if (found) return found;
    const names = new Set<string>();
    for (const match of expression.matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\b([a-z_][a-z0-9_]*)\b/gi)) {
      const name = match[1];
      if (name && (this.variables.has(name) || name in BUILT_IN_VARIABLES)) names.add(name);
    }
    found = Object.freeze([...names]);
    this.mentioned.set(expression, found);
    return found;
  }

  private readonly mentioned = new Map<string, readonly string[]>();

  /**
   * Parses an expression ahead of its first evaluation (kept, as `evaluate` keeps it): true when it was not parsed
   * before and parses. Never throws.
   */
  prepare(expression: string): boolean {
    if (this.programs.has(expression)) return false;
    try {
      this.compile(expression);
      return true;
    } catch {
      return false;
    }
  }

  private compile(expression: string): Program {
    let program = this.programs.get(expression);
    if (!program) {
      program = this.environment.parse(expression) as unknown as Program;
      this.programs.set(expression, program);
    }
    return program;
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
  return message.split("\n")[0].trim();
}

/** Converts a stored answer (JSON) into the CEL value of its declared type. */
export function toCelValue(type: CelType, value: unknown, unitSeconds = 3600): CelValue {
  switch (type) {
    case "int":
      return BigInt(Math.trunc(Number(value)));
    case "double":
      return Number(value);
    case TIMESTAMP:
      return new Date(String(value));
    case DURATION:
      return celDuration(Number(value) * unitSeconds);
    default:
      return value;
  }
}

/** Converts a CEL value back into plain JSON for views and traces. */
export function fromCelValue(value: CelValue): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  // A copy: `flags` and `referrals` are the case's live lists, and a trace must keep the values it saw.
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (
    value &&
    typeof value === "object" &&
    "seconds" in value &&
    typeof (value as { seconds: unknown }).seconds === "bigint"
  )
    return `${Number((value as { seconds: bigint }).seconds) / 3600}h`;
  return value;
}
