import type { CaseSession, CaseView, CompiledSop, ScenarioExpect, Text } from "../../../engine/index";

/** What a trainee can get wrong, one code per kind of mistake (each has its message in trainerMessages). */
export type MissKind =
  | "missed-flag"
  | "wrong-flag"
  | "missing-referral"
  | "extra-referral"
  | "wrong-urgency"
  | "without-consent"
  | "before-separation"
  | "missed-deadline"
  | "wrong-outcome";

/** One mistake, with the SOP's own words on it. */
export interface Miss {
  kind: MissKind;
  /** The flag, service, deadline, step or outcome it is about. */
  subject: string;
  expected?: string;
  got?: string;
  /** The step whose guidance explains it, if any. */
  step?: string;
  stepTitle?: Text;
  /** The SOP's and catalog's words that explain what should have happened (guidance, flag description, reason). */
  guidance: Text[];
  /** Points lost. */
  points: number;
}

/** A run compared with its answer key. */
export interface RunScore {
  earned: number;
  possible: number;
  /** 0 to 100, rounded. */
  percent: number;
  misses: Miss[];
  /** How many things were checked. */
  checks: number;
}

/** A case as the trainee or the answer key left it. */
export interface PlayedRun {
  session: CaseSession;
  view: CaseView;
}

/**
 * The catalog flag whose standing instruction says a possible controller is near: nothing may be asked in front of
 * them. A trainee who asks a sensitive question (or for consent) before it is raised, when the answer key raises it,
 * asked in front of the controller.
 */
export const CONTROLLER_FLAG = "controller-nearby";

// What each kind of check is worth: the protection facts weigh most.
const WEIGHT = {
  flag: 3,
  notFlag: 2,
  referral: 2,
  urgency: 1,
  noReferral: 2,
  deadline: 3,
  outcome: 1,
  consent: 3,
  controller: 3,
  extra: 2,
} as const;

/**
 * Compares a trainee's run with what the answer key expects (a scenario's `expect`, or `expectationsOf` the engine's
 * own run of an analysis path): flags raised and not raised, referrals with their urgency, deadlines, the outcome,
 * sensitive questions asked without the person's consent or before a possible controller was separated. Each miss
 * carries the SOP's guidance for it. A run that does all the key expects scores 100. Pure.
 */
export function scoreRun(
  compiled: CompiledSop,
  expect: ScenarioExpect,
  reference: PlayedRun,
  trainee: PlayedRun,
): RunScore {
  const misses: Miss[] = [];
  let possible = 0;
  let checks = 0;
  const check = (weight: number, miss?: Omit<Miss, "points"> & { points?: number }) => {
    possible += weight;
    checks += 1;
    if (miss) misses.push({ ...miss, points: miss.points ?? weight });
  };
  const flags = new Set(trainee.view.flags.map((f) => f.id));

  for (const flag of expect.flags ?? [])
    check(
      WEIGHT.flag,
      flags.has(flag) ? undefined : { kind: "missed-flag", subject: flag, ...flagGuidance(compiled, reference, flag) },
    );
  for (const flag of expect.notFlags ?? [])
    check(
      WEIGHT.notFlag,
      flags.has(flag) ? { kind: "wrong-flag", subject: flag, ...flagGuidance(compiled, trainee, flag) } : undefined,
    );

  for (const expected of expect.referrals ?? []) {
    const status = expected.status ?? "made";
    const got = trainee.view.referrals.find((r) => r.service === expected.service);
    const keyed = reference.view.referrals.find((r) => r.service === expected.service);
    const about = keyed ? stepGuidance(compiled, keyed.step, [keyed.reasons.at(-1)?.reason]) : { guidance: [] };
    if (got && got.status === status) {
      check(WEIGHT.referral);
      if (expected.urgency)
        check(
          WEIGHT.urgency,
          got.urgency === expected.urgency
            ? undefined
            : {
                kind: "wrong-urgency",
                subject: expected.service,
                expected: expected.urgency,
                got: got.urgency,
                ...about,
              },
        );
    } else
      check(WEIGHT.referral + (expected.urgency ? WEIGHT.urgency : 0), {
        kind: "missing-referral",
        subject: expected.service,
        expected: status,
        got: got?.status,
        ...about,
      });
  }
  for (const service of expect.noReferrals ?? []) {
    const made = trainee.view.referrals.find((r) => r.service === service && r.status === "made");
    check(
      WEIGHT.noReferral,
      made ? { kind: "extra-referral", subject: service, ...stepGuidance(compiled, made.step, []) } : undefined,
    );
  }
  // A referral made that the key neither expects nor makes itself sends a person to a service for nothing.
  const keyed = new Set([
    ...(expect.referrals ?? []).map((r) => r.service),
    ...(expect.noReferrals ?? []),
    ...reference.view.referrals.filter((r) => r.status === "made").map((r) => r.service),
  ]);
  for (const r of trainee.view.referrals)
    if (r.status === "made" && !keyed.has(r.service))
      misses.push({
        kind: "extra-referral",
        subject: r.service,
        ...stepGuidance(compiled, r.step, []),
        points: WEIGHT.extra,
      });

  const deadlines = new Set(trainee.view.deadlines.filter((d) => d.kind === "deadline").map((d) => d.id));
  for (const expected of expect.deadlines ?? []) {
    const entry = reference.view.trace.find((e) => e.kind === "deadline" && e.deadline === expected.id);
    check(
      WEIGHT.deadline,
      deadlines.has(expected.id)
        ? undefined
        : {
            kind: "missed-deadline",
            subject: expected.id,
            ...(entry ? stepGuidance(compiled, entry.step, []) : { guidance: [] }),
          },
    );
  }
  if (expect.outcome !== undefined)
    check(
      WEIGHT.outcome,
      trainee.view.outcome === expect.outcome
        ? undefined
        : {
            kind: "wrong-outcome",
            subject: "outcome",
            expected: expect.outcome,
            got: trainee.view.outcome,
            guidance: [],
          },
    );

  checkConsent(compiled, reference, trainee, check);
  checkController(compiled, reference, trainee, check);

  const lost = misses.reduce((sum, m) => sum + m.points, 0);
  const earned = Math.max(0, possible - lost);
  return { earned, possible, percent: possible === 0 ? 100 : Math.round((100 * earned) / possible), misses, checks };
}

/**
 * The answer key of a run the engine made itself (an analysis path played through `runScenario`): every flag it
 * ends with, every referral with its status and urgency, its deadlines and its outcome.
 */
export function expectationsOf(view: CaseView): ScenarioExpect {
  return {
    ...(view.flags.length ? { flags: view.flags.map((f) => f.id) } : {}),
    ...(view.referrals.length
      ? {
          referrals: view.referrals
            .filter((r) => r.status !== "superseded")
            .map((r) => ({ service: r.service, urgency: r.urgency, status: r.status })),
        }
      : {}),
    ...(view.deadlines.some((d) => d.kind === "deadline")
      ? { deadlines: view.deadlines.filter((d) => d.kind === "deadline").map((d) => ({ id: d.id })) }
      : {}),
    ...(view.outcome ? { outcome: view.outcome as ScenarioExpect["outcome"] } : {}),
  };
}

type Check = (weight: number, miss?: Omit<Miss, "points"> & { points?: number }) => void;

/** Sensitive questions the trainee asked of a category the person never consented to (in the key's run). */
function checkConsent(compiled: CompiledSop, reference: PlayedRun, trainee: PlayedRun, check: Check): void {
  const consented = reference.session.context.consents;
  const keyAnswered = new Set(reference.view.answers.map((a) => a.step));
  const asked = sensitiveAnswers(compiled, trainee);
  if (asked.length === 0 && sensitiveAnswers(compiled, reference).length === 0) return;
  const wrong = asked.find((a) => !consented.has(a.category) && !keyAnswered.has(a.step));
  check(
    WEIGHT.consent,
    wrong
      ? { kind: "without-consent", subject: wrong.step, ...consentGuidance(compiled, wrong.category, wrong.step) }
      : undefined,
  );
}

/** A question asked (sensitive, or a consent) before the trainee recorded a possible controller the key saw. */
function checkController(compiled: CompiledSop, reference: PlayedRun, trainee: PlayedRun, check: Check): void {
  const keyRaise = reference.view.trace.find((e) => e.kind === "flag" && e.raise && e.flag === CONTROLLER_FLAG);
  if (!keyRaise) return;
  const raisedAt = trainee.view.trace.findIndex((e) => e.kind === "flag" && e.raise && e.flag === CONTROLLER_FLAG);
  const firstAsked = trainee.view.trace.findIndex((e) => e.kind === "input" && isProbing(compiled, e.step));
  const early = firstAsked >= 0 && (raisedAt < 0 || firstAsked < raisedAt);
  const flag = compiled.catalog.flags.get(CONTROLLER_FLAG);
  check(
    WEIGHT.controller,
    early
      ? {
          kind: "before-separation",
          subject: (trainee.view.trace[firstAsked] as { step: string }).step,
          ...stepGuidance(compiled, keyRaise.step, [flag?.instruction]),
        }
      : undefined,
  );
}

/** A sensitive question or a consent question: what may not be asked in front of a controller. */
function isProbing(compiled: CompiledSop, path: string): boolean {
  const step = compiled.steps.get(path)?.step;
  return step?.kind === "question" && (step.sensitive !== undefined || step.answer.type === "consent");
}

function sensitiveAnswers(compiled: CompiledSop, run: PlayedRun): { step: string; category: string }[] {
  const out: { step: string; category: string }[] = [];
  for (const event of run.session.events) {
    if (event.type !== "ANSWERED") continue;
    const step = compiled.steps.get(event.step)?.step;
    if (step?.kind === "question" && step.sensitive) out.push({ step: event.step, category: step.sensitive });
  }
  return out;
}

/** The guidance on a flag: the words of the step that raised it (or the last answered step before it), and the catalog's. */
function flagGuidance(
  compiled: CompiledSop,
  run: PlayedRun,
  flag: string,
): Pick<Miss, "guidance" | "step" | "stepTitle"> {
  const catalog = compiled.catalog.flags.get(flag);
  const texts = [catalog?.description, catalog?.instruction];
  const at = run.view.trace.findIndex((e) => e.kind === "flag" && e.raise && e.flag === flag);
  if (at < 0) return { guidance: texts.filter(isText) };
  for (let i = at; i >= 0; i--) {
    const entry = run.view.trace[i];
    if (i !== at && entry.kind !== "input") continue;
    const found = stepGuidance(compiled, entry.step, texts);
    if (found.step && hasGuidance(compiled, entry.step)) return found;
  }
  return stepGuidance(compiled, run.view.trace[at].step, texts);
}

/** The consent question that covers a category: its guidance, with the question asked. */
function consentGuidance(
  compiled: CompiledSop,
  category: string,
  asked: string,
): Pick<Miss, "guidance" | "step" | "stepTitle"> {
  const scope = asked.includes("/") ? asked.slice(0, asked.lastIndexOf("/") + 1) : "";
  for (const [path, placed] of compiled.steps) {
    const step = placed.step;
    if (!path.startsWith(scope) || step.kind !== "question" || step.answer.type !== "consent") continue;
    if ((step.answer.covers ?? []).includes(category as never)) return stepGuidance(compiled, path, [step.say]);
  }
  return stepGuidance(compiled, asked, []);
}

function hasGuidance(compiled: CompiledSop, path: string): boolean {
  const step = compiled.steps.get(path)?.step;
  return Boolean(step && "guidance" in step && step.guidance);
}

/** A step's title and guidance (and reason, for a referral), then the extra texts given. */
function stepGuidance(
  compiled: CompiledSop,
  path: string,
  extra: (Text | undefined)[],
): Pick<Miss, "guidance" | "step" | "stepTitle"> {
  const step = compiled.steps.get(path)?.step;
  if (!step) return { guidance: extra.filter(isText) };
  const own = ["guidance" in step ? step.guidance : undefined, step.kind === "referral" ? step.reason : undefined];
  const guidance = uniqueTexts([...own, ...extra]);
  return { step: path, ...("title" in step && step.title ? { stepTitle: step.title } : {}), guidance };
}

function uniqueTexts(texts: (Text | undefined)[]): Text[] {
  const seen = new Set<string>();
  return texts.filter(isText).filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isText(text: Text | undefined): text is Text {
  return text !== undefined && Object.keys(text).length > 0;
}
