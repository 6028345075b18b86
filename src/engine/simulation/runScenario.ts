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
export function runScenario(compiled: CompiledSop, scenario: Scenario): ScenarioResult {
  const { session, time, refused } = playActions(compiled, scenario.steps, {
    caseId: scenario.id,
    openedAt: scenario.openedAt,
    site: scenario.site,
  });
  const differences: string[] = [];
  if (refused)
    differences.push(
      refused.code === "not-an-action"
        ? `action ${refused.index + 1}: ${refused.reason}`
        : `action ${refused.index + 1} (${refused.what}) was refused: ${refused.reason}`,
    );
  const view = viewCase(session, new Date(time));
  if (differences.length === 0) differences.push(...compareExpectations(scenario, view, session));
  return { id: scenario.id, passed: differences.length === 0, differences, view, session };
}

function compareExpectations(scenario: Scenario, view: CaseView, session: CaseSession): string[] {
  const out: string[] = [];
  const expect = scenario.expect;
  const flags = new Set(view.flags.map((f) => f.id));
  for (const flag of expect.flags ?? [])
    if (!flags.has(flag)) out.push(`expected flag "${flag}", raised: ${[...flags].join(", ") || "none"}`);
  for (const flag of expect.notFlags ?? []) if (flags.has(flag)) out.push(`flag "${flag}" was raised but must not be`);
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
      const got = view.referrals.map((r) => `${r.service} (${r.urgency}, ${r.status})`).join(", ") || "none";
      out.push(
        `expected a referral to "${expected.service}"${expected.urgency ? ` (${expected.urgency})` : ""} ${status}${expected.mandatory ? " as a mandatory notification" : ""}; referrals: ${got}`,
      );
    }
  }
  for (const service of expect.noReferrals ?? [])
    if (view.referrals.some((r) => r.service === service && r.status === "made"))
      out.push(`a referral to "${service}" was made but must not be`);
  for (const id of expect.followUps ?? [])
    if (!view.followUps.some((f) => f.id === id))
      out.push(`expected follow-up "${id}", follow-ups: ${view.followUps.map((f) => f.id).join(", ") || "none"}`);
  if (expect.status !== undefined && view.status !== expect.status)
    out.push(`expected the case to be ${expect.status}, but it is ${view.status}`);
  if (expect.outcome !== undefined && view.outcome !== expect.outcome) {
    const where = view.current.map((c) => c.path).join(", ");
    out.push(
      view.outcome
        ? `expected outcome "${expect.outcome}", got "${view.outcome}"`
        : `expected outcome "${expect.outcome}", but the case has not ended (it waits at ${where || "no step"})`,
    );
  }
  // The deadlines an SOP sets; a referral's handover time and a follow-up are checked through the referral and
  // the follow-up themselves.
  const deadlines = view.deadlines.filter((d) => d.kind === "deadline");
  for (const expected of expect.deadlines ?? []) {
    const deadline = deadlines.find((d) => d.id === expected.id);
    if (!deadline)
      out.push(`expected deadline "${expected.id}", deadlines: ${deadlines.map((d) => d.id).join(", ") || "none"}`);
    else if (expected.hoursLeft !== undefined && Math.abs(deadline.hoursLeft - expected.hoursLeft) > 1 / 60 + 1e-9)
      out.push(
        `deadline "${expected.id}": expected ${expected.hoursLeft} h left, got ${deadline.hoursLeft.toFixed(2)} h`,
      );
  }
  for (const id of expect.noDeadlines ?? [])
    if (deadlines.some((d) => d.id === id)) out.push(`deadline "${id}" is running but must not be`);
  const visited = session.context.visitedSet;
  for (const step of expect.visits ?? []) if (!visited.has(step)) out.push(`expected the case to visit step "${step}"`);
  for (const step of expect.avoids ?? [])
    if (visited.has(step)) out.push(`the case visited step "${step}", which it must avoid`);
  for (const v of view.violations)
    out.push(
      `invariant "${v.invariant}" of ${v.sop} is broken on this path: ${v.text.en ?? Object.values(v.text)[0]} (expected ${JSON.stringify(v.expectation)})`,
    );
  return out;
}
