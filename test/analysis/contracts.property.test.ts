import fc from "fast-check";
import {
  answerSpacesOf,
  type CaseSession,
  type CompiledSop,
  checkSop,
  loadLibrary,
  type ScenarioAction,
  startPlayback,
} from "../../src/engine/index";
import { runs } from "../engine/propertyRuns";
import { readFixture } from "../engine/readFixture";

// What check claims of a procedure's exit (an invariant PROVEN holds whenever the procedure ends, wherever it runs;
// a step it finds unreachable is never entered) must hold for every concrete case. Random cases through shipped
// SOPs that run other procedures, played by the case runtime: none may contradict the analysis. Screening runs ten
// procedures (uasc runs two more): its procedures' invariants are proven call site by call site, its own around
// them (`proveCallSites`, `crossProcedures`), so its cases test those proofs against the runtime.
const library = loadLibrary(readFixture("../../sop"));

/** Plays a case through `compiled`, each answer drawn by `pick` from the step's answer classes; stops at its end. */
function playRandomly(compiled: CompiledSop, pick: (n: number) => number): CaseSession {
  const spaces = answerSpacesOf(compiled);
  const playback = startPlayback(compiled, { minutesBetween: 0 });
  const session = playback.session;
  for (let n = 0; n < 500 && !session.finished; n++) {
    const path = session.activeSteps()[0];
    if (!path) break;
    const at = compiled.steps.get(path)!;
    const step = at.step;
    const action: ScenarioAction = { step: path };
    if (step.kind === "referral") action.answer = pick(2) === 0;
    else if (step.kind === "question" && step.answer.type === "several-of" && pick(2) === 0) {
      // Half the time any set of the options, not a class's representative: a class the analysis built too coarse
      // (two answers the case treats apart, taken as one) shows only with answers no representative gives.
      action.answer = step.answer.options.map((o) => o.value).filter(() => pick(2) === 0);
    } else if (step.kind === "question" && step.answer.type === "one-of" && pick(2) === 0) {
      action.answer = step.answer.options[pick(step.answer.options.length)].value;
    } else if ((step.kind === "question" || step.kind === "checklist") && step.variable) {
      const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, step.variable);
      if (space) {
        const chosen = space.classes[pick(space.classes.length)];
        action.answer = space.candidates[chosen.representative].json;
      }
    }
    if (playback.play(action)) break;
  }
  return session;
}

const composed = ["uasc", "trafficking", "gbv-disclosure", "screening"];
describe.each(composed)("the analysis of %s against concrete cases", (id) => {
  const compiled = library.compiled.get(id)!;
  const report = checkSop(compiled);
  const proven = new Set(report.verdicts.filter((v) => v.status === "proven").map((v) => `${v.sop}:${v.invariant}`));
  const unreachable = new Set(report.issues.filter((i) => i.kind === "unreachable-step").map((i) => i.step));

  it("is settled: every invariant proven or violated", () => {
    expect(report.complete).toBe(true);
    expect(proven.size).toBeGreaterThan(0);
  });

  it("no random case breaks an invariant proven at a procedure's exit, or enters a step found unreachable", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000), { minLength: 1, maxLength: 200 }), (choices) => {
        let i = 0;
        const session = playRandomly(compiled, (n) => choices[i++ % choices.length] % n);
        for (const v of session.context.violations) expect(proven.has(`${v.sop}:${v.invariant}`)).toBe(false);
        for (const step of session.context.visited) expect(unreachable.has(step)).toBe(false);
      }),
      // Screening's cases are long (ten procedures): fewer of them.
      { numRuns: runs(id === "screening" ? 60 : 150) },
    );
  }, 300_000);
});
