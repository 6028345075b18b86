import type { CompiledSop } from "../compile/CompiledSop";
import type { TraceEntry } from "../compile/caseContext";
import { pickText } from "./viewCase";

type Locale = "es" | "en";

const WORDS = {
  en: {
    input: (step: string) => `Recorded at ${step}.`,
    route: (step: string, to: string, why: string) => `From ${step}, went on to ${to}${why}.`,
    because: (expression: string, values: string) => ` because ${expression} held (${values})`,
    skip: (step: string, variable: string, value: string) =>
      `Skipped ${step}: ${variable} was already known (${value}).`,
    raise: (flag: string, step: string) => `Flag "${flag}" raised at ${step}.`,
    clear: (flag: string, step: string) => `Flag "${flag}" cleared at ${step}.`,
    manual: (flag: string, raise: boolean, by: string, reason: string) =>
      `${by} ${raise ? "raised" : "cleared"} "${flag}" by hand: ${reason}`,
    deadline: (deadline: string, due: string) => `Deadline "${deadline}" set, due ${due}.`,
    followUp: (followUp: string, due: string) => `Follow-up "${followUp}" set, due ${due}.`,
    referral: (service: string, status: string, urgency: string, merged: boolean) =>
      `Referral to ${service} (${urgency}): ${status}${merged ? ", merged into the earlier one" : ""}.`,
    addition: (service: string, urgency: string, added: boolean) =>
      added
        ? `Added to the referral to ${service} already made (${urgency}): the person agreed.`
        : `Not added to the referral to ${service} already made (${urgency}): it stays made, as it was.`,
    update: (variable: string, value: string, resume: string) =>
      `New information: ${variable} is now ${value}; the case went on from ${resume}.`,
    end: (step: string, outcome: string) => `Reached ${step}: ${outcome}.`,
    status: {
      made: "made",
      declined: "declined",
      "not-needed": "not needed",
      forbidden: "forbidden",
      superseded: "superseded",
    },
  },
  es: {
    input: (step: string) => `Registrado en ${step}.`,
    route: (step: string, to: string, why: string) => `De ${step}, siguió a ${to}${why}.`,
    because: (expression: string, values: string) => ` porque se cumplió ${expression} (${values})`,
    skip: (step: string, variable: string, value: string) => `Se omitió ${step}: ${variable} ya se conocía (${value}).`,
    raise: (flag: string, step: string) => `Se marcó «${flag}» en ${step}.`,
    clear: (flag: string, step: string) => `Se quitó «${flag}» en ${step}.`,
    manual: (flag: string, raise: boolean, by: string, reason: string) =>
      `${by} ${raise ? "marcó" : "quitó"} «${flag}» a mano: ${reason}`,
    deadline: (deadline: string, due: string) => `Plazo «${deadline}» fijado, vence el ${due}.`,
    followUp: (followUp: string, due: string) => `Seguimiento «${followUp}» fijado, vence el ${due}.`,
    referral: (service: string, status: string, urgency: string, merged: boolean) =>
      `Referencia a ${service} (${urgency}): ${status}${merged ? ", unida a la anterior" : ""}.`,
    addition: (service: string, urgency: string, added: boolean) =>
      added
        ? `Se añadió a la referencia a ${service} ya hecha (${urgency}): la persona estuvo de acuerdo.`
        : `No se añadió a la referencia a ${service} ya hecha (${urgency}): sigue hecha, como estaba.`,
    update: (variable: string, value: string, resume: string) =>
      `Información nueva: ${variable} ahora es ${value}; el caso siguió desde ${resume}.`,
    end: (step: string, outcome: string) => `Llegó a ${step}: ${outcome}.`,
    status: {
      made: "hecha",
      declined: "rechazada",
      "not-needed": "no necesaria",
      forbidden: "prohibida",
      superseded: "reemplazada",
    },
  },
} as const;

const URGENCY = {
  en: { immediate: "immediate", urgent: "urgent", routine: "routine" },
  es: { immediate: "inmediata", urgent: "urgente", routine: "ordinaria" },
} as const;

/**
 * One trace entry as a sentence, in Spanish or English: the only place where the trace's words are made. Steps
 * are named by their titles, flags and services by their catalog labels.
 */
export function describeTrace(entry: TraceEntry, compiled: CompiledSop, locale: Locale): string {
  const w = WORDS[locale];
  const stepName = (path: string) => {
    const step = compiled.steps.get(path)?.step;
    const title = step && "title" in step ? pickText(step.title, locale) : "";
    return title ? `«${title}»` : path;
  };
  const flagName = (id: string) => pickText(compiled.catalog.flags.get(id)?.label, locale) || id;
  const show = (value: unknown) => JSON.stringify(value);
  switch (entry.kind) {
    case "input":
      return w.input(stepName(entry.step));
    case "route": {
      const values = Object.entries(entry.values ?? {})
        .map(([k, v]) => `${k} = ${show(v)}`)
        .join(", ");
      const scope = entry.step.includes("/") ? `${entry.step.slice(0, entry.step.lastIndexOf("/"))}/` : "";
      return w.route(
        stepName(entry.step),
        stepName(`${scope}${entry.to}`),
        entry.expression ? w.because(entry.expression, values) : "",
      );
    }
    case "skip":
      return w.skip(stepName(entry.step), entry.variable, show(entry.value));
    case "flag":
      if (entry.manual) return w.manual(flagName(entry.flag), entry.raise, entry.manual.by, entry.manual.reason);
      return entry.raise
        ? w.raise(flagName(entry.flag), stepName(entry.step))
        : w.clear(flagName(entry.flag), stepName(entry.step));
    case "deadline":
      return w.deadline(entry.deadline, entry.dueAt);
    case "follow-up":
      return w.followUp(entry.followUp, entry.dueAt);
    case "referral":
      if (entry.addition)
        return w.addition(
          pickText(compiled.catalog.services.get(entry.service)?.name, locale) || entry.service,
          URGENCY[locale][entry.urgency],
          entry.addition === "added",
        );
      return w.referral(
        pickText(compiled.catalog.services.get(entry.service)?.name, locale) || entry.service,
        w.status[entry.status],
        URGENCY[locale][entry.urgency],
        entry.merged,
      );
    case "update":
      return w.update(entry.variable, show(entry.value), stepName(entry.resume));
    case "end":
      return w.end(stepName(entry.step), entry.outcome);
  }
}
