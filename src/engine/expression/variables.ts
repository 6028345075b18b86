import { stepEntries } from "../definition/stepGraph";
import type { Answer, SopDefinition, Step } from "../definition/types";

export const TIMESTAMP = "google.protobuf.Timestamp";
export const DURATION = "google.protobuf.Duration";

/** The CEL types an SOP variable can have. */
export type CelType = "bool" | "int" | "double" | "string" | "list<string>" | typeof TIMESTAMP | typeof DURATION;

/** A variable an SOP declares through a question or a checklist. */
export interface VariableDeclaration {
  name: string;
  type: CelType;
  /** The step that declares it. */
  step: string;
  answer?: Answer;
}

/** The CEL type of a question's answer. */
export function celTypeOf(answer: Answer): CelType {
  switch (answer.type) {
    case "yes-no":
    case "consent":
      return "bool";
    case "one-of":
    case "text":
      return "string";
    case "several-of":
      return "list<string>";
    case "number":
      return answer.integer === false ? "double" : "int";
    case "date":
    case "datetime":
      return TIMESTAMP;
    case "duration":
      return DURATION;
  }
}

/** A human name for a CEL type, for messages to policy staff. */
export function describeType(type: string): string {
  const names: Record<string, string> = {
    bool: "yes/no",
    int: "whole number",
    double: "number",
    string: "text",
    "list<string>": "list of texts",
    [TIMESTAMP]: "moment in time",
    [DURATION]: "duration",
  };
  return names[type] ?? type;
}

/**
 * Collects the variables an SOP declares, in step order. A name declared twice is returned once, with every
 * declaring step in `conflicts` so that lint can report it.
 */
export function declaredVariables(
  sop: SopDefinition,
  steps: readonly (readonly [string, Step])[] = stepEntries(sop),
): {
  variables: Map<string, VariableDeclaration>;
  conflicts: VariableDeclaration[];
} {
  const variables = new Map<string, VariableDeclaration>();
  const conflicts: VariableDeclaration[] = [];
  for (const [id, step] of steps) {
    let declaration: VariableDeclaration | undefined;
    if (step.kind === "question")
      declaration = { name: step.variable, type: celTypeOf(step.answer), step: id, answer: step.answer };
    else if (step.kind === "checklist" && step.variable)
      declaration = { name: step.variable, type: "list<string>", step: id };
    if (!declaration) continue;
    const existing = variables.get(declaration.name);
    if (existing) conflicts.push(declaration);
    else variables.set(declaration.name, declaration);
  }
  return { variables, conflicts };
}

/** Names the case supplies to every expression, beside the SOP's own variables. */
export const BUILT_IN_VARIABLES: Readonly<Record<string, CelType>> = {
  now: TIMESTAMP,
  flags: "list<string>",
  referrals: "list<string>",
  offered: "list<string>",
  outcome: "string",
  visited: "list<string>",
};
