import type { CompiledStep } from "../compile/CompiledSop";
import type {
  AnswerRecord,
  AnswerUpdate,
  FollowUpRecord,
  InvariantViolation,
  ReferralRecord,
  TraceEntry,
} from "../compile/caseContext";
import { maxLevel } from "../compile/levels";
import { referralForbiddenBy } from "../compile/standingInstructions";
import type { Answer, Level, Text } from "../definition/types";
import { ADDITION_SAY } from "./additionSay";
import type { CaseNote, CaseRelationship, CaseSession } from "./CaseSession";
import { lazyField } from "./lazyField";

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
  /** Who may see the step and its answer once recorded. */
  level: Level;
  answer?: Answer;
  sensitive?: string;
  /** For a sensitive question: whether the consent it needs was given. */
  consentGiven?: boolean;
  items?: { id: string; text: Text; required: boolean }[];
  service?: { id: string; name: Text; agency: string; confidentiality: Level };
  urgency?: string;
  reason?: Text;
  requiresConsent?: boolean;
  /** For a referral: the raised flags whose standing instructions forbid it (record it as not made). */
  forbiddenBy?: string[];
  /** For a referral: the case already has a referral to this service, which this one merges into (the earlier one may have been a notification made without asking, so the addition never says the person agreed). */
  mergesInto?: ReferralRecord["status"];
  /**
   * For a referral the person must agree to, whose service is already referred (made) in this case: the step is an
   * addition. The officer asks whether to add this reason, urgency and details to that referral (`say` is then the
   * addition's question, not the step's offer); not adding leaves the referral made, as it was.
   */
  addition?: true;
  /** The fewest steps left to the end of this procedure from here. */
  remaining: number;
}

/** A fact as shown to a viewer: `hidden` when above what the viewer may see (its content is then blanked). */
interface Visibility {
  level: Level;
  hidden?: true;
}

export interface FlagView extends Visibility {
  id: string;
  label: Text;
  priority: number;
  /** What public surfaces show for it when it is above public. */
  publicLabel?: Text;
}

/** A standing instruction in force: a raised flag that carries one. */
export interface InstructionView extends Visibility {
  flag: string;
  label: Text;
  instruction: Text;
  publicLabel?: Text;
  /** The kinds of service whose slips carry it (every slip when absent). */
  concerns?: string[];
  /** Raised by hand: who, when and why. */
  manual?: { by: string; at: string; reason: string };
}

export interface DeadlineView extends Visibility {
  id: string;
  /** A deadline an SOP set, a referral's handover time, or a follow-up. */
  kind: "deadline" | "referral" | "follow-up";
  label: Text;
  step: string;
  from?: string;
  dueAt: string;
  /** Hours left at the time of the view; negative once overdue. */
  hoursLeft: number;
  overdue: boolean;
}

export interface ReferralView extends ReferralRecord, Visibility {
  /** The service's name, for screens. */
  serviceName: Text;
  /** Made and not yet handed over. */
  awaitingHandover: boolean;
  /**
   * For a referral handed over before a correction took the path away from it (superseded): `pending` while the
   * case's steps go on, so the corrected path may still reach it (it is then made again, as it was handed over);
   * `withdraw` once the steps are done without it, so the officer checks with the service whether to withdraw it.
   */
  review?: "pending" | "withdraw";
  /**
   * For a superseded referral: the step named in `supersededBy`, as the SOP has it (its title, when it has one), with
   * its level, so a viewer who may not see that step is not told its name.
   */
  supersededStep?: { title?: Text; level: Level };
}

export interface FollowUpView extends FollowUpRecord, Visibility {
  open: boolean;
  hoursLeft: number;
  overdue: boolean;
}

export interface AnswerView extends Visibility {
  step: string;
  title?: Text;
  kind: string;
  value: unknown;
  at: string;
  by: string;
  /** The sensitive-data category of the question, if any. */
  sensitive?: string;
  /** Earlier answers replaced by new information, oldest first: each was true for its time. */
  history?: AnswerUpdate[];
  /** For a referral step: the answer is whether to add to a referral already made (see `StepView.addition`). */
  addition?: true;
}

export interface NoteView extends CaseNote {
  hidden?: true;
}

/** Everything a screen, a slip or a report needs to show about a case at a moment. */
export interface CaseView {
  caseId: string;
  sop: { id: string; version: string; hash: string; title: Text };
  openedAt: string;
  site?: string;
  /** Links the cases of people who arrived together (from CASE_OPENED). */
  group?: string;
  /**
   * active: steps wait for the officer; paused; pending: the SOP's steps are done but follow-ups or handovers are
   * open; finished; closed by an officer; stuck: no route holds.
   */
  status: "active" | "paused" | "pending" | "finished" | "closed" | "stuck";
  pause?: { at: string; by: string; reason: string };
  /** The language the person is interviewed in. */
  language?: string;
  current: StepView[];
  progress: { done: number; remaining: number };
  flags: FlagView[];
  instructions: InstructionView[];
  referrals: ReferralView[];
  deadlines: DeadlineView[];
  followUps: FollowUpView[];
  /** What keeps the case open once its steps are done. */
  pending: { followUps: number; handovers: number };
  outcome?: string;
  answers: AnswerView[];
  notes: NoteView[];
  relationships: CaseRelationship[];
  /** The decision trace, each entry with the level of the step it happened at (or of the flag set by hand). */
  trace: (TraceEntry & { level: Level })[];
  violations: InvariantViolation[];
  canGoBack: boolean;
  updatedAt: string;
}

const HOUR = 3_600_000;

/**
 * The view of a case at `now` (from an injected clock): current steps, progress, flags, standing instructions,
 * referrals, deadlines and follow-ups counting down, answers, notes and the decision trace, each fact with its level.
 * It shows everything: pass it through `redactView` before it reaches anyone. Reads the case; changes nothing.
 */
export function viewCase(session: CaseSession, now: Date): CaseView {
  const compiled = session.compiled;
  const context = session.context;
  const catalog = compiled.catalog;
  const active = session.activeSteps();
  const current = active.map((path) => stepView(compiled.steps.get(path)!, session));
  const hoursLeft = (dueAt: string) => (Date.parse(dueAt) - now.getTime()) / HOUR;

  const flags: FlagView[] = context.flags.map((id) => {
    const flag = catalog.flags.get(id);
    return {
      id,
      label: flag?.label ?? { en: id, es: id },
      level: flag?.sensitivity ?? "restricted",
      priority: flag?.priority ?? 5,
      ...(flag?.publicLabel ? { publicLabel: flag.publicLabel } : {}),
    };
  });
  const instructions: InstructionView[] = [];
  for (const id of context.flags) {
    const flag = catalog.flags.get(id);
    if (!flag?.instruction) continue;
    const manual = context.manualFlags.findLast((m) => m.flag === id && m.raise);
    instructions.push({
      flag: id,
      label: flag.label,
      instruction: flag.instruction,
      level: flag.sensitivity,
      ...(flag.publicLabel ? { publicLabel: flag.publicLabel } : {}),
      ...(flag.concerns ? { concerns: flag.concerns } : {}),
      ...(manual && context.flagRaisedBy.get(id) === "#manual"
        ? { manual: { by: manual.by, at: manual.at, reason: manual.reason } }
        : {}),
    });
  }
  const referrals: ReferralView[] = context.referrals.map((r) => ({
    ...r,
    reasons: [...r.reasons],
    shares: [...r.shares],
    delivery: [...r.delivery],
    serviceName: catalog.services.get(r.service)?.name ?? { en: r.service, es: r.service },
    awaitingHandover: r.status === "made" && !r.delivery.some((d) => d.status === "handed-over"),
    ...(r.status === "superseded" && r.delivery.some((d) => d.status === "handed-over")
      ? { review: session.finished || session.closed ? ("withdraw" as const) : ("pending" as const) }
      : {}),
    ...(r.supersededBy ? { supersededStep: supersededStep(compiled.steps.get(r.supersededBy.step)) } : {}),
  }));
  const followUps: FollowUpView[] = [...context.followUps.values()].map((f) => {
    const left = hoursLeft(f.dueAt);
    return { ...f, open: !f.done, hoursLeft: left, overdue: !f.done && left < 0 };
  });

  const deadlines: DeadlineView[] = [];
  for (const d of context.deadlines.values()) {
    const left = hoursLeft(d.dueAt);
    deadlines.push({ ...d, kind: "deadline", hoursLeft: left, overdue: left < 0 });
  }
  for (const r of referrals)
    if (r.awaitingHandover && r.dueAt) {
      const left = hoursLeft(r.dueAt);
      deadlines.push({
        id: `referral:${r.service}`,
        kind: "referral",
        label: r.serviceName,
        step: r.step,
        dueAt: r.dueAt,
        level: r.level,
        hoursLeft: left,
        overdue: left < 0,
      });
    }
  for (const f of followUps)
    if (f.open)
      deadlines.push({
        id: `follow-up:${f.id}`,
        kind: "follow-up",
        label: f.label,
        step: f.step,
        from: f.at,
        dueAt: f.dueAt,
        level: f.level,
        hoursLeft: f.hoursLeft,
        overdue: f.overdue,
      });
  deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));

  // The answers and the decision trace grow with the case and few screens read them: kept as they are now (the
  // records are replaced, never changed, and the trace only grows), and turned into views when first read.
  const records = [...context.answers.values()];
  const updates = context.updates.slice();
  const pending = {
    followUps: followUps.filter((f) => f.open).length,
    handovers: referrals.filter((r) => r.awaitingHandover).length,
  };
  const status = session.closed
    ? "closed"
    : session.pause
      ? "paused"
      : session.finished
        ? pending.followUps + pending.handovers > 0
          ? "pending"
          : "finished"
        : current.length === 0
          ? "stuck"
          : "active";
  const events = session.events;
  const pause = session.pause;
  const view: CaseView = {
    caseId: session.opened.caseId,
    sop: { id: compiled.id, version: compiled.version, hash: compiled.hash, title: compiled.definition.title },
    openedAt: session.opened.at,
    site: session.opened.site,
    group: session.opened.group,
    status,
    ...(pause ? { pause: { at: pause.at, by: pause.by, reason: pause.reason } } : {}),
    ...(session.language ? { language: session.language } : {}),
    current,
    progress: {
      done: session.effectiveInputs.length,
      remaining: current.length ? Math.max(...current.map((c) => c.remaining)) : 0,
    },
    flags,
    instructions,
    referrals,
    deadlines,
    followUps,
    pending,
    outcome: context.outcomes.get(""),
    answers: [],
    notes: [...session.notes],
    relationships: [...session.relationships],
    trace: [],
    violations: [...context.violations],
    canGoBack: session.effectiveInputs.length > 0 && !session.closed,
    updatedAt: events[events.length - 1].at,
  };
  lazyField(view, "answers", () => answerViews(compiled, records, updates));
  // Copies: the case's lists grow in place, and a view taken earlier must not change under its reader. A trace
  // entry's level is read from what it names as it is now (a referral's level can rise when another need merges).
  const trace = context.trace.slice();
  const levels = levelsNow(context);
  lazyField(view, "trace", () => trace.map((entry) => ({ ...entry, level: traceLevel(entry, compiled, levels) })));
  return view;
}

function answerViews(
  compiled: CaseSession["compiled"],
  records: readonly AnswerRecord[],
  updates: readonly AnswerUpdate[],
): AnswerView[] {
  const historyOf = new Map<string, AnswerUpdate[]>();
  for (const update of updates) {
    const list = historyOf.get(update.step);
    if (list) list.push(update);
    else historyOf.set(update.step, [update]);
  }
  return records.map((record) => {
    const compiledStep = compiled.steps.get(record.step);
    const step = compiledStep?.step;
    const history = historyOf.get(record.step);
    return {
      step: record.step,
      title: step && "title" in step ? step.title : undefined,
      kind: step?.kind ?? "question",
      value: record.value,
      at: record.at,
      by: record.by,
      level: compiledStep?.level ?? "restricted",
      sensitive: step?.kind === "question" ? step.sensitive : undefined,
      ...(history ? { history } : {}),
      ...(record.addition ? { addition: true as const } : {}),
    };
  });
}

/** The levels of what trace entries name, as they are at the time of a view. */
interface LevelsNow {
  referrals: Map<string, Level>;
  deadlines: Map<string, Level>;
  followUps: Map<string, Level>;
}

function levelsNow(context: CaseSession["context"]): LevelsNow {
  return {
    referrals: new Map([...context.referralByService].map(([service, r]) => [service, r.level])),
    deadlines: new Map([...context.deadlines].map(([id, d]) => [id, d.level])),
    followUps: new Map([...context.followUps].map(([id, f]) => [id, f.level])),
  };
}

/**
 * How sensitive a trace entry is: the most sensitive of the step it happened at and of what it names (a flag raised
 * or cleared, a referral's service, a deadline or follow-up it set), so a public step that raises a confidential
 * flag does not name it on a public screen.
 */
function traceLevel(entry: TraceEntry, compiled: CaseSession["compiled"], levels: LevelsNow): Level {
  const at = entry.step ? compiled.steps.get(entry.step) : undefined;
  const own = entry.step ? (at?.level ?? "restricted") : "public";
  // A route or a flag records the values its condition read: the entry is as sensitive as the most sensitive of
  // them, whatever level its step was given (a public decision that reads whether the person fears return).
  const step = "values" in entry && entry.values ? maxLevel(own, valuesLevel(entry.values, at, compiled, levels)) : own;
  switch (entry.kind) {
    case "flag":
      return maxLevel(step, compiled.catalog.flags.get(entry.flag)?.sensitivity ?? "restricted");
    case "referral":
      return maxLevel(step, levels.referrals.get(entry.service) ?? "restricted");
    case "deadline":
      return maxLevel(step, levels.deadlines.get(entry.deadline) ?? "restricted");
    case "follow-up":
      return maxLevel(step, levels.followUps.get(entry.followUp) ?? "restricted");
    default:
      return step;
  }
}

/** The most sensitive of the values a condition read, each by what it is: an answer, a flag, a referral, a step. */
function valuesLevel(
  values: Record<string, unknown>,
  at: CompiledStep | undefined,
  compiled: CaseSession["compiled"],
  levels: LevelsNow,
): Level {
  const scope = at ? compiled.scopes.get(at.scope) : undefined;
  const prefix = at?.scope ? `${at.scope}/` : "";
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const found: Level[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (name === "flags")
      for (const flag of list(value)) found.push(compiled.catalog.flags.get(flag)?.sensitivity ?? "restricted");
    else if (name === "referrals" || name === "offered")
      for (const service of list(value))
        found.push(
          levels.referrals.get(service) ?? compiled.catalog.services.get(service)?.confidentiality ?? "restricted",
        );
    else if (name === "visited")
      for (const id of list(value)) found.push(compiled.steps.get(`${prefix}${id}`)?.level ?? "restricted");
    else if (name !== "now" && name !== "outcome") found.push(scope?.variableLevels.get(name) ?? "restricted");
  }
  return maxLevel(...found);
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
    level: compiled.level,
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
      const catalog = session.compiled.catalog;
      const service = catalog.services.get(step.service);
      const mandatory = step.requiresConsent === false;
      const forbiddenBy = referralForbiddenBy(session.context.flags, catalog, step.service, mandatory, true);
      const existing = session.context.referralByService.get(step.service);
      const addition = !mandatory && !forbiddenBy.length && existing?.status === "made" ? (true as const) : undefined;
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
        requiresConsent: !mandatory,
        ...(forbiddenBy.length ? { forbiddenBy } : {}),
        ...(existing ? { mergesInto: existing.status } : {}),
        ...(addition ? { addition, say: ADDITION_SAY } : {}),
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

/** The step a superseded referral names, as a screen may show it; unknown to the SOP, it has no title to show. */
function supersededStep(compiled: CompiledStep | undefined): { title?: Text; level: Level } {
  if (!compiled) return { level: "restricted" };
  const step = compiled.step;
  return { ...("title" in step && step.title ? { title: step.title } : {}), level: compiled.level };
}
