import type { CaseSession } from "../case/CaseSession";
import { type CaseView, viewCase } from "../case/viewCase";
import type { CompiledSop } from "../compile/CompiledSop";
import type { Scenario } from "../definition/types";
import { playActions } from "./startPlayback";

/** The outcome of playing a scenario: pass, or the differences from what it expects, first one first. */
export interface ScenarioResult {
  id: string;
  passed: boolean;
  differences: string[];
  view: CaseView;
  session: CaseSession;
}

/**
 * Plays a scenario through a compiled SOP, exactly as an officer would (the same events, at the times it gives),
 * and compares what comes out with what it expects. The same function runs in CI, the trainer and the CLI.
 */
export function runScenario(
  compiled: CompiledSop,
  scenario: Scenario,
  options: { locale?: string } = {},
): ScenarioResult {
  const w = options.locale === "es" ? WORDS.es : WORDS.en;
  const { session, time, refused } = playActions(compiled, scenario.steps, {
    caseId: scenario.id,
    openedAt: scenario.openedAt,
    site: scenario.site,
  });
  const differences: string[] = [];
  if (refused)
    differences.push(
      refused.code === "not-an-action"
        ? w.notAnAction(refused.index + 1, refused.reason)
        : w.refused(refused.index + 1, refused.what, refused.reason),
    );
  const view = viewCase(session, new Date(time));
  if (differences.length === 0) differences.push(...compareExpectations(scenario, view, session, w, options.locale));
  return { id: scenario.id, passed: differences.length === 0, differences, view, session };
}

function compareExpectations(
  scenario: Scenario,
  view: CaseView,
  session: CaseSession,
  w: Words,
  locale = "en",
): string[] {
  const out: string[] = [];
  const expect = scenario.expect;
  const flags = new Set(view.flags.map((f) => f.id));
  for (const flag of expect.flags ?? []) if (!flags.has(flag)) out.push(w.flag(flag, [...flags].join(", ") || w.none));
  for (const flag of expect.notFlags ?? []) if (flags.has(flag)) out.push(w.notFlag(flag));
  for (const expected of expect.referrals ?? []) {
    const status = expected.status ?? "made";
    const match = view.referrals.find(
      (r) =>
        r.service === expected.service &&
        r.status === status &&
        (!expected.urgency || r.urgency === expected.urgency) &&
        (expected.mandatory === undefined || r.mandatory === expected.mandatory),
    );
    if (!match) {
      const got = view.referrals.map((r) => `${r.service} (${r.urgency}, ${r.status})`).join(", ") || w.none;
      out.push(w.referral(expected.service, expected.urgency, status, expected.mandatory === true, got));
    }
  }
  for (const service of expect.noReferrals ?? [])
    if (view.referrals.some((r) => r.service === service && r.status === "made")) out.push(w.noReferral(service));
  for (const id of expect.followUps ?? [])
    if (!view.followUps.some((f) => f.id === id))
      out.push(w.followUp(id, view.followUps.map((f) => f.id).join(", ") || w.none));
  if (expect.status !== undefined && view.status !== expect.status) out.push(w.status(expect.status, view.status));
  if (expect.outcome !== undefined && view.outcome !== expect.outcome) {
    const where = view.current.map((c) => c.path).join(", ");
    out.push(view.outcome ? w.outcome(expect.outcome, view.outcome) : w.notEnded(expect.outcome, where || w.noStep));
  }
  // The deadlines an SOP sets; a referral's handover time and a follow-up are checked through the referral and
  // the follow-up themselves.
  const deadlines = view.deadlines.filter((d) => d.kind === "deadline");
  for (const expected of expect.deadlines ?? []) {
    const deadline = deadlines.find((d) => d.id === expected.id);
    if (!deadline) out.push(w.deadline(expected.id, deadlines.map((d) => d.id).join(", ") || w.none));
    else if (expected.hoursLeft !== undefined && Math.abs(deadline.hoursLeft - expected.hoursLeft) > 1 / 60 + 1e-9)
      out.push(w.hoursLeft(expected.id, expected.hoursLeft, deadline.hoursLeft.toFixed(2)));
  }
  for (const id of expect.noDeadlines ?? []) if (deadlines.some((d) => d.id === id)) out.push(w.noDeadline(id));
  const visited = session.context.visitedSet;
  for (const step of expect.visits ?? []) if (!visited.has(step)) out.push(w.visits(step));
  for (const step of expect.avoids ?? []) if (visited.has(step)) out.push(w.avoids(step));
  for (const v of view.violations)
    out.push(
      w.invariant(
        v.invariant,
        v.sop,
        v.text[locale] ?? v.text.en ?? Object.values(v.text)[0],
        JSON.stringify(v.expectation),
      ),
    );
  return out;
}

type Words = (typeof WORDS)["en"];

/** What a difference says, in the reader's language (ids and values stay as the scenario file writes them). */
const WORDS = {
  en: {
    none: "none",
    noStep: "no step",
    notAnAction: (n: number, reason: string) => `action ${n}: ${reason}`,
    refused: (n: number, what: string, reason: string) => `action ${n} (${what}) was refused: ${reason}`,
    flag: (flag: string, raised: string) => `expected flag "${flag}", raised: ${raised}`,
    notFlag: (flag: string) => `flag "${flag}" was raised but must not be`,
    referral: (service: string, urgency: string | undefined, status: string, mandatory: boolean, got: string) =>
      `expected a referral to "${service}"${urgency ? ` (${urgency})` : ""} ${status}${mandatory ? " as a mandatory notification" : ""}; referrals: ${got}`,
    noReferral: (service: string) => `a referral to "${service}" was made but must not be`,
    followUp: (id: string, got: string) => `expected follow-up "${id}", follow-ups: ${got}`,
    status: (expected: string, got: string) => `expected the case to be ${expected}, but it is ${got}`,
    outcome: (expected: string, got: string) => `expected outcome "${expected}", got "${got}"`,
    notEnded: (expected: string, where: string) =>
      `expected outcome "${expected}", but the case has not ended (it waits at ${where})`,
    deadline: (id: string, got: string) => `expected deadline "${id}", deadlines: ${got}`,
    hoursLeft: (id: string, expected: number, got: string) =>
      `deadline "${id}": expected ${expected} h left, got ${got} h`,
    noDeadline: (id: string) => `deadline "${id}" is running but must not be`,
    visits: (step: string) => `expected the case to visit step "${step}"`,
    avoids: (step: string) => `the case visited step "${step}", which it must avoid`,
    invariant: (id: string, sop: string, text: string, expected: string) =>
      `invariant "${id}" of ${sop} is broken on this path: ${text} (expected ${expected})`,
  },
  es: {
    none: "ninguna",
    noStep: "ningún paso",
    notAnAction: (n: number, reason: string) => `acción ${n}: ${reason}`,
    refused: (n: number, what: string, reason: string) => `la acción ${n} (${what}) fue rechazada: ${reason}`,
    flag: (flag: string, raised: string) => `se esperaba la marca "${flag}"; marcas: ${raised}`,
    notFlag: (flag: string) => `se puso la marca "${flag}", que no debe ponerse`,
    referral: (service: string, urgency: string | undefined, status: string, mandatory: boolean, got: string) =>
      `se esperaba una referencia a "${service}"${urgency ? ` (${urgency})` : ""} en estado ${status}${mandatory ? ", como notificación obligatoria" : ""}; referencias: ${got}`,
    noReferral: (service: string) => `se hizo una referencia a "${service}", que no debe hacerse`,
    followUp: (id: string, got: string) => `se esperaba el seguimiento "${id}"; seguimientos: ${got}`,
    status: (expected: string, got: string) => `se esperaba el caso en estado ${expected}, pero está ${got}`,
    outcome: (expected: string, got: string) => `se esperaba el resultado "${expected}" y es "${got}"`,
    notEnded: (expected: string, where: string) =>
      `se esperaba el resultado "${expected}", pero el caso no ha terminado (espera en ${where})`,
    deadline: (id: string, got: string) => `se esperaba el plazo "${id}"; plazos: ${got}`,
    hoursLeft: (id: string, expected: number, got: string) =>
      `plazo "${id}": se esperaban ${expected} h restantes y quedan ${got} h`,
    noDeadline: (id: string) => `corre el plazo "${id}", que no debe correr`,
    visits: (step: string) => `se esperaba que el caso pasara por el paso "${step}"`,
    avoids: (step: string) => `el caso pasó por el paso "${step}", que debe evitar`,
    invariant: (id: string, sop: string, text: string, expected: string) =>
      `el invariante "${id}" de ${sop} no se cumple en este camino: ${text} (se esperaba ${expected})`,
  },
} satisfies Record<string, unknown>;
