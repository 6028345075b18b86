import { createContext, useContext } from "react";
import type { ExpressionScope, Issue } from "../../../engine/index";
import type { JSONPath } from "../draft/editText";

/** A choice offered by a picker: an id and what a person reads for it. */
export interface PickOption {
  id: string;
  label: string;
}

/** What every field of the structured editor needs from the SOP around it. */
export interface FormContextValue {
  /** The languages shown side by side in every text, the interface's first. */
  locales: string[];
  steps: PickOption[];
  services: PickOption[];
  flags: PickOption[];
  sops: PickOption[];
  roles: PickOption[];
  /** Type-checks conditions against the draft's variables. */
  scope?: ExpressionScope;
  /** Words a condition can use: variables, built-ins, and quoted option values and flag ids. */
  completions: { label: string; detail: string }[];
  /** The problems at or under a JSON pointer of this SOP. */
  issuesAt(pointer: string): Issue[];
  change(path: JSONPath, value: unknown, tag?: string): void;
  openSop(id: string): void;
  openStep(id: string): void;
}

export const FormContext = createContext<FormContextValue | undefined>(undefined);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error("useFormContext needs a FormContext provider around it.");
  return value;
}
