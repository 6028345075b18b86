import type { CompiledSop, CompiledStep } from "../compile/CompiledSop";
import type { AnswerSpaces } from "./answers/AnswerSpaces";
import type { Choice } from "./exploreSop";

/** One answer per class at a step: what the exploration branches over. */
export function choicesAt(
  compiled: CompiledSop,
  at: CompiledStep,
  spaces: AnswerSpaces,
  referralConsent: "both" | "accept" = "both",
): Choice[] {
  const answers =
    at.step.kind === "referral" && referralConsent === "accept" ? [{ answer: true }] : answersAt(compiled, at, spaces);
  return answers.map((c) => ({
    ...c,
    actions: [c.answer === undefined ? { step: at.path } : { step: at.path, answer: c.answer }],
  }));
}

function answersAt(compiled: CompiledSop, at: CompiledStep, spaces: AnswerSpaces): Omit<Choice, "actions">[] {
  const step = at.step;
  const sopId = compiled.scopes.get(at.scope)!.sop.id;
  switch (step.kind) {
    case "question":
    case "checklist": {
      const space = step.variable ? spaces.space(sopId, step.variable) : undefined;
      if (!space)
        return [
          { answer: step.kind === "checklist" ? step.items.filter((i) => i.required).map((i) => i.id) : undefined },
        ];
      return space.classes.map((c) => ({ answer: space.candidates[c.representative].json, classIndex: c.index }));
    }
    case "referral":
      return step.requiresConsent === false ? [{ answer: true }] : [{ answer: true }, { answer: false }];
    default:
      return [{ answer: undefined }];
  }
}
