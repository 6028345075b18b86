import {
  type ContingencyAnswer,
  type DailyCounts,
  DERIVED_ANSWERS,
  type QuestionStep,
  type SopDefinition,
  type SurgePlan,
} from "../../../engine/index";

/** The surge form's state: what a trainer sets on the screen. */
export interface SurgeForm {
  days: number;
  seed: number;
  arrivals: "constant" | "hourly" | "csv";
  perHour: number;
  /** Arrivals per hour for each hour of the day, midnight first. */
  profile: number[];
  csv?: { name: string; text: string; counts: DailyCounts };
  /** Rows carry a key of their own, so that removing one leaves the others' inputs in place. */
  personas: { key: number; scenario: string; share: number }[];
  desks: { key: number; title: string; role: string; staff: number; sops: string[] }[];
  nextKey: number;
  /** A catalog site id, or "" for a capacity of the trainer's own. */
  site: string;
  capacity: number;
  stayHours: number;
  initialOccupancy: number;
  answers: Record<string, ContingencyAnswer>;
}

/** The contingency SOP's questions the plan must answer (those the simulation cannot, at least on its first days). */
export function planQuestions(sop: SopDefinition): QuestionStep[] {
  return Object.values(sop.steps).filter(
    (s): s is QuestionStep => s.kind === "question" && (DERIVED_ANSWERS[s.variable]?.unknownOnFirstDays ?? 1) > 0,
  );
}

/** A quiet default for each question: no outbreak, no incident, and the arrivals of a usual day. */
export function defaultAnswers(sop: SopDefinition, arrivalsPerDay: number): Record<string, ContingencyAnswer> {
  const answers: Record<string, ContingencyAnswer> = {};
  for (const q of planQuestions(sop)) {
    const a = q.answer;
    if (a.type === "yes-no") answers[q.variable] = false;
    else if (a.type === "one-of") answers[q.variable] = a.options[0].value;
    else if (a.type === "number")
      // The days before the first are usual days; a planning figure has some margin above them.
      answers[q.variable] =
        q.variable in DERIVED_ANSWERS ? arrivalsPerDay : Math.ceil((arrivalsPerDay * 1.5) / 100) * 100;
  }
  return answers;
}

/** The arrivals a day brings on average with the form's arrivals. */
export function arrivalsPerDay(form: SurgeForm): number {
  if (form.arrivals === "constant") return Math.round(form.perHour * 24);
  if (form.arrivals === "hourly") return Math.round(form.profile.reduce((a, b) => a + b, 0));
  const counts = form.csv?.counts.counts ?? [];
  return counts.length ? Math.round(counts.reduce((a, b) => a + b, 0) / counts.length) : 0;
}

/** The surge plan (schemas/surge-plan.schema.json) the form describes; desk names in the interface language. */
export function buildPlan(form: SurgeForm, locale: string): SurgePlan {
  return {
    days: form.days,
    seed: form.seed,
    arrivals:
      form.arrivals === "constant"
        ? { kind: "constant", perHour: form.perHour }
        : form.arrivals === "hourly"
          ? { kind: "hourly", perHour: form.profile as never }
          : { kind: "csv", file: form.csv?.name || "arrivals.csv" },
    personas: form.personas.map((p) => ({ scenario: p.scenario, share: p.share })) as SurgePlan["personas"],
    desks: form.desks.map((d, i) => ({
      id: `desk-${i + 1}`,
      title: { [locale]: d.title.trim() || `${i + 1}` },
      ...(d.role ? { role: d.role } : {}),
      staff: d.staff,
      sops: d.sops,
    })) as SurgePlan["desks"],
    beds: {
      ...(form.site ? { site: form.site } : { capacity: form.capacity }),
      stayHours: form.stayHours,
      initialOccupancy: form.initialOccupancy,
    },
    contingency: { answers: { ...form.answers } },
  };
}
