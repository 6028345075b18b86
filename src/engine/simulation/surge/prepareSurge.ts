import { modelSop } from "../../analysis/exploration/analyseSop";
import { enumeratePaths } from "../../analysis/exploration/enumeratePaths";
import { checkAnswer } from "../../case/validateInput";
import type { CompiledSop } from "../../compile/CompiledSop";
import { didYouMean } from "../../definition/didYouMean";
import { issue } from "../../definition/issueMessages";
import type { IssueParamsOf } from "../../definition/issueParams";
import type { CatalogIndex, Scenario, Text } from "../../definition/types";
import { type Issue, type IssueCode, type Severity, toPointer } from "../../errors";
import { dailyArrivals, poissonArrivals } from "./arrivalTimes";
import { DERIVED_ANSWERS } from "./contingencyAnswers";
import type { SurgePlan } from "./loadSurgePlan";
import { parseDailyCounts } from "./parseDailyCounts";
import { type ContingencyAnswer, listQuestions } from "./playContingency";
import { type PlayedPersona, playPersona } from "./playPersona";
import type { DeskVisit, StationModel } from "./types";

/** What a surge needs besides its plan: compiled SOPs by id, the library's scenarios, and the catalog. */
export interface SurgeLibrary {
  compiled(id: string): CompiledSop | undefined;
  scenarios: readonly Scenario[];
  catalog: CatalogIndex;
}

/** One persona as the simulation sees it, for reports. */
export interface PersonaSummary {
  /** The scenario id, or "<sop> path <n>". */
  id: string;
  title?: Text;
  sop: string;
  /** Its share of arrivals, 0 to 1. */
  share: number;
  /** The SOPs' estimated minutes at each desk, in order. */
  visits: { desk: string; minutes: number }[];
  minutes: number;
  referrals: string[];
  /** Set when the persona's case did not play cleanly (its scenario fails `senda test`). */
  differences: string[];
}

/** The contingency SOP and what the plan answers for it. */
export interface PreparedContingency {
  compiled: CompiledSop;
  /** The variables it asks, and which of them the simulation answers (`derived`). */
  asks: string[];
  answers: Record<string, ContingencyAnswer>;
  changes: { fromDay: number; toDay: number; answers: Record<string, ContingencyAnswer> }[];
}

/** A plan checked and turned into numbers: ready for `simulateSurge`. */
export interface PreparedSurge {
  days: number;
  hours: number;
  seed: number;
  /** The date of the first day (YYYY-MM-DD). */
  start: string;
  capacity: number;
  desks: { id: string; title?: Text; role?: string; staff: number }[];
  personas: PersonaSummary[];
  /** Referral services, in the order of the model's indices. */
  services: string[];
  model: StationModel;
  contingency: PreparedContingency;
  /** Dates from a CSV file, when it gave them. */
  dayLabels: string[];
}

/** Questions the simulation answers on every day, so that the plan need not. */
const ALWAYS_DERIVED = new Set(Object.keys(DERIVED_ANSWERS).filter((v) => DERIVED_ANSWERS[v].unknownOnFirstDays === 0));

const DEFAULT_START = "2024-03-01";
const DEFAULT_CONTINGENCY = "site-contingency";

/**
 * Checks a plan against the library and turns it into a station model: each persona is played once through the
 * engine (its scenario's actions, or an analysis path's), its visited steps are summed by the SOPs' `estimates`
 * into visits to the desks that handle them, and its referrals are placed at those visits. Returns issues (with JSON
 * pointers into the plan) instead of throwing; `surge` is absent when any is an error. Pure.
 */
export function prepareSurge(
  plan: SurgePlan,
  library: SurgeLibrary,
  options: { csvText?: string; csvFile?: string } = {},
): { surge?: PreparedSurge; issues: Issue[] } {
  const issues: Issue[] = [];
  const add: Add = (code, params, pointer, severity = "error") => issues.push(issue(code, params, pointer, severity));

  // Arrivals and length.
  let counts: number[] | undefined;
  let dayLabels: string[] = [];
  const arrivals = plan.arrivals;
  if (arrivals.kind === "daily") counts = arrivals.counts;
  else if (arrivals.kind === "csv") {
    if (options.csvText === undefined)
      add("file-not-found", { file: arrivals.file, role: "arrivals" }, "/arrivals/file");
    else {
      const parsed = parseDailyCounts(options.csvText);
      for (const problem of parsed.problems)
        issues.push({
          ...issue("bad-csv", { problem: problem.kind, value: problem.value }, ""),
          file: options.csvFile ?? arrivals.file,
          line: problem.line,
          column: 1,
        });
      counts = parsed.counts;
      dayLabels = parsed.labels;
    }
  }
  if (plan.days !== undefined && plan.hours !== undefined)
    add("conflicting-fields", { rule: "days-or-hours" }, "/hours");
  let hours = plan.hours ?? (plan.days !== undefined ? plan.days * 24 : counts ? counts.length * 24 : 0);
  if (hours === 0) {
    add("missing-field", { rule: "length" }, "");
    hours = 24;
  }
  if (counts && counts.length * 24 < hours)
    add(
      "conflicting-fields",
      { rule: "too-few-counts", counts: counts.length, days: Math.ceil(hours / 24) },
      plan.days !== undefined ? "/days" : "/hours",
    );

  // Beds.
  const beds = plan.beds;
  let capacity = beds.capacity ?? 0;
  if (beds.site !== undefined && beds.capacity !== undefined)
    add("conflicting-fields", { rule: "site-or-capacity" }, "/beds/capacity");
  else if (beds.site !== undefined) {
    const site = library.catalog.sites.get(beds.site);
    if (!site)
      add(
        "unknown-site",
        { site: beds.site, suggestion: didYouMean(beds.site, library.catalog.sites.keys()) },
        "/beds/site",
      );
    else if (site.capacity < 1) add("unknown-site", { site: beds.site, noCapacity: true }, "/beds/site");
    else capacity = site.capacity;
  } else if (beds.capacity === undefined) add("missing-field", { rule: "beds" }, "/beds");

  // Desks: which desk handles each SOP, and each listed step.
  const bySop = new Map<string, number>();
  const byStep = new Map<string, number>();
  const deskIds = new Map<string, number>();
  for (const [d, desk] of plan.desks.entries()) {
    if (deskIds.has(desk.id)) add("duplicate-id", { what: "desk", id: desk.id }, toPointer("desks", d, "id"));
    deskIds.set(desk.id, d);
    if (desk.role !== undefined && library.catalog.roles.size > 0 && !library.catalog.roles.has(desk.role))
      add(
        "unknown-role",
        { role: desk.role, suggestion: didYouMean(desk.role, library.catalog.roles.keys()) },
        toPointer("desks", d, "role"),
      );
    for (const [j, sop] of (desk.sops ?? []).entries()) {
      if (!library.compiled(sop))
        add(
          "unknown-sop",
          { context: "plan", sop, suggestion: didYouMean(sop, knownSops(library)) },
          toPointer("desks", d, "sops", j),
        );
      else if (bySop.has(sop))
        add(
          "conflicting-fields",
          { rule: "sop-at-two-desks", sop, desk: plan.desks[bySop.get(sop)!].id },
          toPointer("desks", d, "sops", j),
        );
      else bySop.set(sop, d);
    }
    for (const [sop, steps] of Object.entries(desk.steps ?? {})) {
      const compiled = library.compiled(sop);
      if (!compiled) {
        add(
          "unknown-sop",
          { context: "plan", sop, suggestion: didYouMean(sop, knownSops(library)) },
          toPointer("desks", d, "steps", sop),
        );
        continue;
      }
      for (const [j, step] of steps.entries()) {
        if (!compiled.definition.steps[step])
          add(
            "unknown-step",
            {
              context: "desk",
              sop,
              target: step,
              suggestion: didYouMean(step, Object.keys(compiled.definition.steps)),
            },
            toPointer("desks", d, "steps", sop, j),
          );
        byStep.set(`${sop}\u0000${step}`, d);
      }
    }
  }

  // Personas: play each once.
  const services: string[] = [];
  const serviceIndex = (service: string) => {
    let i = services.indexOf(service);
    if (i < 0) i = services.push(service) - 1;
    return i;
  };
  const explorations = new Map<string, ReturnType<typeof enumeratePaths>>();
  const personas: PersonaSummary[] = [];
  const modelPersonas: StationModel["personas"] = [];
  const totalShare = plan.personas.reduce((sum, p) => sum + p.share, 0);
  for (const [i, persona] of plan.personas.entries()) {
    const at = toPointer("personas", i);
    if ((persona.scenario === undefined) === (persona.path === undefined)) {
      add("conflicting-fields", { rule: "scenario-or-path" }, at);
      continue;
    }
    let scenario: Scenario | undefined;
    let id: string;
    if (persona.scenario !== undefined) {
      id = persona.scenario;
      scenario = library.scenarios.find((s) => s.id === persona.scenario);
      if (!scenario) {
        add(
          "unknown-scenario",
          {
            scenario: persona.scenario,
            suggestion: didYouMean(
              persona.scenario,
              library.scenarios.map((s) => s.id),
            ),
          },
          `${at}/scenario`,
        );
        continue;
      }
    } else {
      const { sop, number } = persona.path!;
      id = `${sop} path ${number}`;
      const compiled = library.compiled(sop);
      if (!compiled) {
        add("unknown-sop", { context: "plan", sop, suggestion: didYouMean(sop, knownSops(library)) }, `${at}/path/sop`);
        continue;
      }
      let list = explorations.get(sop);
      // The same exploration and numbering as `senda paths`.
      if (!list) {
        list = enumeratePaths(modelSop(compiled, { purpose: "results" }), { limit: 1000 });
        explorations.set(sop, list);
      }
      const path = list.paths[number - 1];
      if (!path) {
        add("unknown-path", { sop, count: list.paths.length }, `${at}/path/number`);
        continue;
      }
      scenario = {
        id: `${sop}-path-${number}`,
        title: { en: id },
        persona: { en: id },
        sop,
        steps: path.actions,
        expect: {},
      };
    }
    const compiled = library.compiled(scenario.sop);
    if (!compiled) {
      add("unknown-sop", { context: "persona", sop: scenario.sop, scenario: scenario.id }, at);
      continue;
    }
    const played = playPersona(compiled, scenario);
    if (played.differences.length)
      add("persona-differs", { persona: id, difference: played.differences[0] }, at, "warning");
    const route = routeOf(compiled, played, bySop, byStep, serviceIndex);
    for (const sop of route.unhandled) add("unhandled-step", { persona: id, sop }, at);
    for (const visit of route.visits)
      if (plan.desks[visit.desk]?.staff === 0)
        add("unstaffed-desk", { desk: plan.desks[visit.desk].id, persona: id }, at, "warning");
    personas.push({
      id,
      title: persona.scenario !== undefined ? scenario.title : undefined,
      sop: scenario.sop,
      share: persona.share / totalShare,
      visits: route.visits.map((v) => ({ desk: plan.desks[v.desk].id, minutes: v.minutes })),
      minutes: route.visits.reduce((sum, v) => sum + v.minutes, 0),
      referrals: played.referrals.map((r) => r.service),
      differences: played.differences,
    });
    modelPersonas.push({
      share: persona.share,
      visits: route.visits,
      referralsAtEnd: route.referralsAtEnd,
      stayMinutes: (persona.stayHours ?? beds.stayHours) * 60,
    });
  }

  const contingency = prepareContingency(plan, library, hours, add);
  if (issues.some((i) => i.severity === "error") || !contingency) return { issues };

  const horizon = hours * 60;
  const model: StationModel = {
    horizon,
    servers: plan.desks.map((d) => d.staff),
    personas: modelPersonas,
    services: services.length,
    serviceVariation: plan.serviceVariation ?? 0.5,
    stayVariation: beds.stayVariation ?? 0.5,
    initialOccupancy: beds.initialOccupancy ?? 0,
    arrivals:
      arrivals.kind === "constant"
        ? (random, h) => poissonArrivals(new Array<number>(24).fill(arrivals.perHour), random, h)
        : arrivals.kind === "hourly"
          ? (random, h) => poissonArrivals(arrivals.perHour, random, h)
          : (random, h) => dailyArrivals(counts ?? [], arrivals.profile, random, h),
  };
  return {
    issues,
    surge: {
      days: Math.ceil(hours / 24),
      hours,
      seed: plan.seed ?? 1,
      start: plan.start ?? DEFAULT_START,
      capacity,
      desks: plan.desks.map((d) => ({ id: d.id, title: d.title, role: d.role, staff: d.staff })),
      personas,
      services,
      model,
      contingency,
      dayLabels,
    },
  };
}

function knownSops(library: SurgeLibrary): string[] {
  return [...new Set(library.scenarios.map((s) => s.sop))];
}

/**
 * A played persona's visits: its visited steps with an estimate, each at the desk that handles it (the step's own
 * desk, else its SOP's, else that of the SOP that runs it), consecutive steps at one desk making one visit.
 */
function routeOf(
  compiled: CompiledSop,
  played: PlayedPersona,
  bySop: Map<string, number>,
  byStep: Map<string, number>,
  serviceIndex: (service: string) => number,
): { visits: DeskVisit[]; referralsAtEnd: number[]; unhandled: Set<string> } {
  const visits: DeskVisit[] = [];
  const unhandled = new Set<string>();
  const referralsByStep = new Map<string, number[]>();
  for (const r of played.referrals) {
    const list = referralsByStep.get(r.step) ?? [];
    list.push(serviceIndex(r.service));
    referralsByStep.set(r.step, list);
  }
  const pending: number[] = [];
  for (const path of played.visited) {
    const at = compiled.steps.get(path);
    if (!at) continue;
    const sop = compiled.scopes.get(at.scope)!.sop;
    const minutes = sop.estimates?.[at.id] ?? 0;
    pending.push(...(referralsByStep.get(path) ?? []));
    referralsByStep.delete(path);
    if (minutes <= 0) continue;
    const desk = deskOf(compiled, path, bySop, byStep);
    if (desk === undefined) {
      unhandled.add(sop.id);
      continue;
    }
    const last = visits[visits.length - 1];
    if (last && last.desk === desk) last.minutes += minutes;
    else visits.push({ desk, minutes, referrals: [] });
    visits[visits.length - 1].referrals.push(...pending.splice(0));
  }
  // A referral made at an untimed step after the last timed one counts when the person leaves the last desk.
  return { visits, referralsAtEnd: pending, unhandled };
}

function deskOf(
  compiled: CompiledSop,
  path: string,
  bySop: Map<string, number>,
  byStep: Map<string, number>,
): number | undefined {
  let at = compiled.steps.get(path);
  while (at) {
    const scope = compiled.scopes.get(at.scope)!;
    const desk = byStep.get(`${scope.sop.id}\u0000${at.id}`) ?? bySop.get(scope.sop.id);
    if (desk !== undefined) return desk;
    at = scope.caller !== undefined ? compiled.steps.get(scope.caller) : undefined;
  }
  return undefined;
}

function prepareContingency(
  plan: SurgePlan,
  library: SurgeLibrary,
  hours: number,
  add: Add,
): PreparedContingency | undefined {
  const id = plan.contingency.sop ?? DEFAULT_CONTINGENCY;
  const compiled = library.compiled(id);
  if (!compiled) {
    add(
      "unknown-sop",
      { context: "contingency", sop: id, suggestion: didYouMean(id, knownSops(library)) },
      "/contingency/sop",
    );
    return undefined;
  }
  const questions = listQuestions(compiled);
  const check = (answers: Record<string, ContingencyAnswer>, pointer: string) => {
    for (const [variable, value] of Object.entries(answers)) {
      const at = `${pointer}/${variable}`;
      const question = questions.get(variable);
      if (!question)
        add(
          "unknown-variable",
          { context: "contingency", sop: id, variable, suggestion: didYouMean(variable, questions.keys()) },
          at,
        );
      else if (ALWAYS_DERIVED.has(variable))
        add("unused-answer", { rule: "derived", variable, figure: DERIVED_ANSWERS[variable].figure }, at, "warning");
      else {
        const problem = checkAnswer(question.step.answer, value);
        if (problem) add("invalid-answer", { variable, step: question.path, detail: problem }, at);
      }
    }
  };
  check(plan.contingency.answers, "/contingency/answers");
  const days = Math.ceil(hours / 24);
  const changes = (plan.contingency.changes ?? []).map((c, i) => {
    const toDay = c.toDay ?? c.fromDay;
    if (toDay < c.fromDay)
      add(
        "conflicting-fields",
        { rule: "days-reversed", fromDay: c.fromDay, toDay },
        toPointer("contingency", "changes", i, "toDay"),
      );
    if (c.fromDay > days)
      add(
        "unused-answer",
        { rule: "after-end", day: c.fromDay, days },
        toPointer("contingency", "changes", i, "fromDay"),
        "warning",
      );
    check(c.answers, toPointer("contingency", "changes", i, "answers"));
    return { fromDay: c.fromDay, toDay, answers: c.answers };
  });
  const missing = [...questions.keys()].filter(
    (v) => !ALWAYS_DERIVED.has(v) && !Object.hasOwn(plan.contingency.answers, v),
  );
  if (missing.length)
    add(
      "missing-answer",
      {
        sop: id,
        missing,
        titlesEn: missing.map((v) => textOf(questions.get(v)!.step.title, "en")),
        titlesEs: missing.map((v) => textOf(questions.get(v)!.step.title, "es")),
      },
      "/contingency/answers",
    );
  return { compiled, asks: [...questions.keys()], answers: plan.contingency.answers, changes };
}

function textOf(text: Text | undefined, locale: "es" | "en"): string {
  return text?.[locale] ?? Object.values(text ?? {})[0] ?? "";
}

type Add = <C extends IssueCode>(code: C, params: IssueParamsOf[C], pointer: string, severity?: Severity) => void;
