import type { CompiledStep } from "../compile/CompiledSop";
import type { InvariantViolation, ReferralRecord, TraceEntry } from "../compile/caseContext";
import type { Answer, Text } from "../definition/types";
import type { CaseNote, CaseSession } from "./CaseSession";

/** One step waiting for the officer, with everything the screen needs to show it. */
export interface StepView {
  path: string;
  id: string;
  kind: "instruction" | "checklist" | "question" | "referral";
  title?: Text;
  say?: Text;
  guidance?: Text;
  /** The title of the procedure the step belongs to. */
  procedure: Text;
  answer?: Answer;
  sensitive?: string;
  /** For a sensitive question: whether the consent it needs was given. */
  consentGiven?: boolean;
  items?: { id: string; text: Text; required: boolean }[];
  service?: { id: string; name: Text; agency: string; confidentiality: string };
  urgency?: string;
  reason?: Text;
  requiresConsent?: boolean;
  /** The fewest steps left to the end of this procedure from here. */
  remaining: number;
}

export interface FlagView {
  id: string;
  label: Text;
  sensitivity: "public" | "restricted" | "confidential";
  priority: number;
}

export interface DeadlineView {
  id: string;
  label: Text;
  step: string;
  from: string;
  dueAt: string;
  /** Hours left at the time of the view; negative once overdue. */
  hoursLeft: number;
  overdue: boolean;
}

export interface AnswerView {
  step: string;
  title?: Text;
  kind: string;
  value: unknown;
  at: string;
  by: string;
  /** The sensitive-data category of the question, if any: show the value only where that is allowed. */
  sensitive?: string;
}

/** Everything a screen, a slip or a report needs to show about a case at a moment. */
export interface CaseView {
  caseId: string;
  sop: { id: string; version: string; hash: string; title: Text };
  openedAt: string;
  site?: string;
  /** Links the cases of people who arrived together (from CASE_OPENED). */
  group?: string;
  status: "active" | "finished" | "closed" | "stuck";
  current: StepView[];
  progress: { done: number; remaining: number };
  flags: FlagView[];
  referrals: ReferralRecord[];
  deadlines: DeadlineView[];
  outcome?: string;
  answers: AnswerView[];
  notes: CaseNote[];
  trace: TraceEntry[];
  violations: InvariantViolation[];
  canGoBack: boolean;
  updatedAt: string;
}

const HOUR = 3_600_000;

/**
 * The view of a case at `now` (from an injected clock): current steps, progress, flags, referrals, deadlines
 * counting down, answers, notes and the decision trace. Reads the case; changes nothing.
 */
export function viewCase(session: CaseSession, now: Date): CaseView {
  const compiled = session.compiled;
  const context = session.context;
  const active = session.activeSteps();
  const current = active.map((path) => stepView(compiled.steps.get(path)!, session));
  const catalog = compiled.catalog;
  const flags = context.flags.map((id) => {
    const flag = catalog.flags.get(id);
    return {
      id,
      label: flag?.label ?? { en: id, es: id },
      sensitivity: flag?.sensitivity ?? "restricted",
      priority: flag?.priority ?? 5,
    };
  });
  const deadlines = [...context.deadlines.values()]
    .map((d) => {
      const hoursLeft = (Date.parse(d.dueAt) - now.getTime()) / HOUR;
      return { ...d, hoursLeft, overdue: hoursLeft < 0 };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const answers: AnswerView[] = [];
  for (const record of context.answers.values()) {
    const step = compiled.steps.get(record.step)?.step;
    answers.push({
      step: record.step,
      title: step && "title" in step ? step.title : undefined,
      kind: step?.kind ?? "question",
      value: record.value,
      at: record.at,
      by: record.by,
      sensitive: step?.kind === "question" ? step.sensitive : undefined,
    });
  }
  const status = session.closed ? "closed" : session.finished ? "finished" : current.length === 0 ? "stuck" : "active";
  const events = session.events;
  return {
    caseId: session.opened.caseId,
    sop: { id: compiled.id, version: compiled.version, hash: compiled.hash, title: compiled.definition.title },
    openedAt: session.opened.at,
    site: session.opened.site,
    group: session.opened.group,
    status,
    current,
    progress: {
      done: session.effectiveInputs.length,
      remaining: current.length ? Math.max(...current.map((c) => c.remaining)) : 0,
    },
    flags,
    // Copies: the case's lists grow in place, and a view taken earlier must not change under its reader.
    referrals: [...context.referrals],
    deadlines,
    outcome: context.outcomes.get(""),
    answers,
    notes: [...session.notes],
    trace: [...context.trace],
    violations: [...context.violations],
    canGoBack: session.effectiveInputs.length > 0 && !session.closed,
    updatedAt: events[events.length - 1].at,
  };
}

function stepView(compiled: CompiledStep, session: CaseSession): StepView {
  const step = compiled.step;
  const scope = session.compiled.scopes.get(compiled.scope)!;
  const base = {
    path: compiled.path,
    id: compiled.id,
    title: "title" in step ? step.title : undefined,
    say: "say" in step ? step.say : undefined,
    guidance: step.guidance,
    procedure: scope.sop.title,
    remaining: compiled.remaining,
  };
  switch (step.kind) {
    case "question":
      return {
        ...base,
        kind: "question",
        answer: step.answer,
        sensitive: step.sensitive,
        consentGiven: step.sensitive ? session.context.consents.has(step.sensitive) : undefined,
      };
    case "checklist":
      return {
        ...base,
        kind: "checklist",
        items: step.items.map((i) => ({ id: i.id, text: i.text, required: i.required === true })),
      };
    case "referral": {
      const service = session.compiled.catalog.services.get(step.service);
      return {
        ...base,
        kind: "referral",
        service: {
          id: step.service,
          name: service?.name ?? { en: step.service, es: step.service },
          agency: service?.agency ?? "",
          confidentiality: service?.confidentiality ?? "restricted",
        },
        urgency: step.urgency,
        reason: step.reason,
        requiresConsent: step.requiresConsent !== false,
      };
    }
    default:
      return { ...base, kind: "instruction" };
  }
}

/** Picks a text in the wanted locale, falling back to Spanish, English, then any. */
export function pickText(text: Text | undefined, locale: string): string {
  if (!text) return "";
  return text[locale] ?? text.es ?? text.en ?? Object.values(text)[0] ?? "";
}
