import { findSurfaceLeaks } from "../../src/engine/analysis/checks/findSurfaceLeaks";
import {
  type CheckReport,
  checkSop,
  counterexampleScenario,
  describeExpectation,
  modelSop,
  replay,
  runScenario,
  type SopDefinition,
} from "../../src/engine/index";
import { makeSop, step, t } from "../engine/sopBuilder";
import { analysisFixture, compileWithFixtureCatalog } from "./analysisFixtures";

const verdict = (report: CheckReport, id: string) => report.verdicts.find((v) => v.invariant === id)!;

/** A step that sets the public (or `level`) deadline "refill" and goes on to `next`. */
function planRefill(next: string, level?: "confidential"): SopDefinition["steps"][string] {
  return {
    kind: "instruction",
    title: t("Plan the refill"),
    ...(level ? { level } : {}),
    effects: [{ deadline: "refill", label: t("Medicine refill"), within: "24h" }],
    next,
  };
}

/** A confidential instruction that raises `flag`: how a sensitive answer becomes a fact later steps read. */
function raiseConfidential(flag: string, next: string, title = "Mark"): SopDefinition["steps"][string] {
  return { kind: "instruction", title: t(title), level: "confidential", effects: [{ raise: flag }], next };
}

describe("invariants proven or refuted on every path", () => {
  const compiled = analysisFixture("violations");
  const report = checkSop(compiled);

  it("proves what holds on every path", () => {
    expect(report.complete).toBe(true);
    expect(verdict(report, "adult-not-referred").status).toBe("proven");
    const branching = checkSop(analysisFixture("branching"));
    expect(branching.verdicts.map((v) => v.status)).toEqual(["proven", "proven"]);
  });

  it.each([
    ["child-alone-referred", "referral", "a referral to SENNIAF"],
    ["alone-flagged", "flag", 'the flag "Unaccompanied child"'],
    ["children-never-flagged", "noFlag", 'no flag "Unaccompanied child"'],
    ["alone-gets-note", "visits", 'a visit to step "note"'],
    ["child-skips-note", "avoids", 'no visit to step "note"'],
    ["alone-ends-referred", "outcome", "an outcome of referred"],
    ["over-twelve", "holds", "that age >= 12 holds"],
  ])("refutes %s (a %s expectation) with a counterexample a case confirms", (id, kind, words) => {
    const v = verdict(report, id);
    expect(v.status).toBe("violated");
    const example = v.counterexample!;
    expect(Object.keys(example.expectation)).toEqual([kind]);
    expect(describeExpectation(compiled, example.expectation, "en")).toBe(words);
    // Replayed through the runtime, the counterexample really breaks the invariant.
    const { session, refused } = replay(compiled, example.actions);
    expect(refused).toBeUndefined();
    expect(session.finished).toBe(true);
    expect(session.context.violations.map((x) => x.invariant)).toContain(id);
  });

  it("gives the counterexample as the answers an officer would give", () => {
    const example = verdict(report, "child-alone-referred").counterexample!;
    expect(example.actions).toEqual([
      { step: "ask-age", answer: 11 },
      { step: "ask-alone", answer: true },
      { step: "refer-senniaf", answer: false },
      { step: "note" },
    ]);
    expect(example.answers.map((a) => `${a.title}: ${a.text}`)).toEqual([
      "Age: 0–11",
      "Alone: yes",
      "SENNIAF: declines the referral",
    ]);
    expect(example.referrals).toEqual([{ service: "senniaf", urgency: "immediate", status: "declined" }]);
  });

  it("saves a counterexample as a scenario that senda test fails, expecting what the invariant demands", () => {
    const v = verdict(report, "child-alone-referred");
    const scenario = counterexampleScenario(compiled, v);
    expect(scenario.id).toBe("violations-breaks-child-alone-referred");
    expect(scenario.expect).toEqual({ referrals: [{ service: "senniaf" }] });
    expect(scenario.steps.every((s) => s.afterMinutes === 0)).toBe(true);
    const result = runScenario(compiled, scenario);
    expect(result.passed).toBe(false);
    expect(result.differences[0]).toMatch(/expected a referral to "senniaf"/);
    // A holds expectation cannot be a scenario expectation; the scenario still fails on the broken invariant.
    const holds = runScenario(compiled, counterexampleScenario(compiled, verdict(report, "over-twelve")));
    expect(holds.differences.join("\n")).toMatch(/invariant "over-twelve" of violations is broken/);
  });

  it("checks a called SOP's invariants where it is called, and leaves them unproven when stopped", () => {
    const caller = checkSop(analysisFixture("caller"));
    expect(caller.verdicts).toEqual([
      expect.objectContaining({ sop: "callee", invariant: "child-referred", scopes: ["run-callee"], status: "proven" }),
    ]);
    const stopped = checkSop(analysisFixture("violations"), { control: { shouldStop: () => true } });
    expect(stopped.complete).toBe(false);
    expect(stopped.verdicts.every((v) => v.status === "unproven" && /stopped/.test(v.note ?? ""))).toBe(true);
  });
});

describe("structural checks over paths", () => {
  const kinds = (report: CheckReport) => report.issues.map((i) => `${i.severity} ${i.kind} ${i.step}`);

  it("finds a deadline that is already past when it is set", () => {
    const report = checkSop(analysisFixture("past-deadline"));
    const issue = report.issues.find((i) => i.kind === "past-deadline")!;
    expect(issue.severity).toBe("error");
    expect(issue.actions).toEqual([{ step: "ask-since", answer: 73 }]);
    expect(issue.message).toMatch(/"pep".*1 h past/);
  });

  it("finds a case that can never end, and the loop an officer could go round", () => {
    const endless = checkSop(analysisFixture("endless"));
    expect(kinds(endless)).toEqual([
      "error no-end again",
      "warning unused-route again",
      "warning unreachable-step end-closed",
    ]);
    expect(endless.issues[0].message).toBe(
      'From "again" the case can return to "wait" forever: on this path no answer leads out of the loop, so the case never ends.',
    );
    const loop = checkSop(analysisFixture("loop"));
    expect(kinds(loop)).toEqual(["warning loop breathe"]);
    expect(loop.issues[0].loop).toEqual({ from: "breathe", to: "ask-calm" });
  });

  it("finds answers, routes and steps no path can use, where a caller rules them out", () => {
    expect(kinds(checkSop(analysisFixture("caller")))).toEqual([
      "warning unused-route run-callee/ask-age",
      "warning unreachable-answer run-callee/ask-age",
      "warning unreachable-step run-callee/child",
      "warning unreachable-step run-callee/end-referred",
    ]);
  });

  it("warns when a parallel track reads what another track sets", () => {
    const report = checkSop(analysisFixture("parallel"));
    expect(kinds(report)).toEqual(["warning track-order split"]);
    expect(report.issues[0].message).toMatch(/track "registration" reads flag medical, which track "medical" sets/);
  });

  it("finds a path stuck where no route holds (an SOP lint would refuse, compiled anyway)", () => {
    const sop: SopDefinition = makeSop("stuck", {
      "ask-age": step.number("age", "check"),
      check: { kind: "decision", next: [{ when: "age < 18", to: "done" }] },
      done: step.end(),
    });
    const report = checkSop(compileWithFixtureCatalog(sop));
    const stuck = report.issues.find((i) => i.kind === "stuck")!;
    expect(stuck).toMatchObject({ severity: "error", step: "check" });
    expect(stuck.actions).toEqual([{ step: "ask-age", answer: 18 }]);
  });

  it("finds a sensitive question reached without consent, which the case refuses", () => {
    const sop: SopDefinition = makeSop("no-consent", {
      "ask-hiv": step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
      done: step.end(),
    });
    const report = checkSop(compileWithFixtureCatalog(sop));
    expect(kinds(report)).toEqual(["error consent ask-hiv", "warning unreachable-step done"]);
    expect(report.issues[0].message).toMatch(/without the consent it needs/);
  });

  it("proves a consent guard: the sensitive question is asked only after a yes", () => {
    const sop: SopDefinition = makeSop("with-consent", {
      consent: step.consent("agrees", ["hiv"], [{ when: "agrees", to: "ask-hiv" }, { to: "done" }]),
      "ask-hiv": step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
      done: { kind: "end", outcome: "closed", title: t("Done") },
    });
    expect(checkSop(compileWithFixtureCatalog(sop)).issues).toEqual([]);
  });

  it("finds a public deadline only a sensitive answer leads to, which the queue would show to anyone", () => {
    const build = (level?: "confidential"): SopDefinition =>
      makeSop("refill", {
        consent: step.consent("agrees", ["hiv"], [{ when: "agrees", to: "ask-hiv" }, { to: "done" }]),
        "ask-hiv": {
          ...step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
          next: [{ when: "on_treatment", to: "plan-refill" }, { to: "done" }],
        } as SopDefinition["steps"][string],
        "plan-refill": planRefill("done", level),
        done: { kind: "end", outcome: "closed", title: t("Done") },
      });
    const leaks = checkSop(compileWithFixtureCatalog(build())).issues.filter((i) => i.kind === "surface-leak");
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ severity: "error", step: "plan-refill" });
    expect(leaks[0].message).toMatch(
      /^The deadline "refill" at "plan-refill" is public.*only the answers yes to "ask-hiv"/,
    );
    expect(leaks[0].actions).toEqual([
      { step: "consent", answer: true },
      { step: "ask-hiv", answer: true },
    ]);
    const kept = checkSop(compileWithFixtureCatalog(build("confidential")));
    expect(kept.issues.filter((i) => i.kind === "surface-leak")).toEqual([]);
  });

  it("finds a leak that shows only after a procedure ends: its caller reads what the sensitive answer raised", () => {
    // The callee asks the sensitive question and raises a confidential flag on a yes; only the caller, after the
    // procedure's end, turns that flag into a public deadline. A check that summarised the callee without what its
    // exit carries (the flag, hence the answer) would miss it.
    const callee = makeSop("hiv-callee", {
      consent: step.consent("agrees", ["hiv"], [{ when: "agrees", to: "ask-hiv" }, { to: "done" }]),
      "ask-hiv": {
        ...step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
        next: [{ when: "on_treatment", to: "mark" }, { to: "done" }],
      } as SopDefinition["steps"][string],
      mark: raiseConfidential("medical", "done"),
      done: step.end(),
    });
    const build = (level?: "confidential"): SopDefinition =>
      makeSop("hiv-caller", {
        "run-callee": { kind: "procedure", title: t("Health"), sop: "hiv-callee", next: "after" },
        after: { kind: "decision", next: [{ when: '"medical" in flags', to: "plan-refill" }, { to: "done" }] },
        "plan-refill": planRefill("done", level),
        done: step.end(),
      });
    const report = checkSop(compileWithFixtureCatalog(build(), [callee]));
    const leaks = report.issues.filter((i) => i.kind === "surface-leak");
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ severity: "error", step: "plan-refill" });
    expect(leaks[0].message).toMatch(/only the answers yes to "run-callee\/ask-hiv"/);
    // A case from the opening that shows it: the trace goes through the procedure and out of it.
    expect(leaks[0].actions).toEqual([
      { step: "run-callee/consent", answer: true },
      { step: "run-callee/ask-hiv", answer: true },
      { step: "run-callee/mark" },
    ]);
    const kept = checkSop(compileWithFixtureCatalog(build("confidential"), [callee]));
    expect(kept.issues.filter((i) => i.kind.startsWith("surface-leak"))).toEqual([]);
  });

  it("finds a leak carried through a procedure in between: what the procedure does with the answer comes out", () => {
    // The caller marks a yes with a confidential flag; a procedure in between turns that flag into another; only then
    // does the caller make a public deadline of it. The leak run carries the answer through the procedure.
    const callee = makeSop("escort-callee", {
      decide: { kind: "decision", next: [{ when: '"medical" in flags', to: "mark-escort" }, { to: "done" }] },
      "mark-escort": raiseConfidential("escort", "done", "Escort"),
      done: step.end(),
    });
    const build = (): SopDefinition =>
      makeSop("hiv-before-callee", {
        consent: step.consent("agrees", ["hiv"], [{ when: "agrees", to: "ask-hiv" }, { to: "run-callee" }]),
        "ask-hiv": {
          ...step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
          next: [{ when: "on_treatment", to: "mark" }, { to: "run-callee" }],
        } as SopDefinition["steps"][string],
        mark: raiseConfidential("medical", "run-callee"),
        "run-callee": { kind: "procedure", title: t("Escort"), sop: "escort-callee", next: "after" },
        after: { kind: "decision", next: [{ when: '"escort" in flags', to: "plan-refill" }, { to: "done" }] },
        "plan-refill": planRefill("done"),
        done: step.end(),
      });
    const lines: string[] = [];
    const report = checkSop(compileWithFixtureCatalog(build(), [callee]), { debug: (line) => lines.push(line) });
    const leaks = report.issues.filter((i) => i.kind === "surface-leak");
    expect(leaks).toEqual([expect.objectContaining({ severity: "error", step: "plan-refill" })]);
    expect(leaks[0].message).toMatch(/only the answers yes to "ask-hiv"/);
    expect(leaks[0].actions).toContainEqual({ step: "run-callee/mark-escort" });
    expect(lines.filter((l) => l.startsWith("surface leaks of ask-hiv"))).toHaveLength(1);
  });

  it("says it could not decide, and is not complete, when keeping a sensitive answer outgrows the node limit", () => {
    const build = (): SopDefinition =>
      makeSop("refill-small", {
        consent: step.consent("agrees", ["hiv"], [{ when: "agrees", to: "ask-hiv" }, { to: "done" }]),
        // Both answers can reach the public deadline (no leak), one by way of another question, which can also
        // end the case without it: the answer steers the case, and the deadline is not on every way.
        "ask-hiv": {
          ...step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
          next: [{ when: "on_treatment", to: "plan-refill" }, { to: "note" }],
        } as SopDefinition["steps"][string],
        note: {
          ...step.yesNo("other", "done"),
          next: [{ when: "other", to: "plan-refill" }, { to: "done" }],
        } as SopDefinition["steps"][string],
        "plan-refill": planRefill("done"),
        done: step.end(),
      });
    const compiled = compileWithFixtureCatalog(build());
    const model = modelSop(compiled, { purpose: "check" });
    // First, on a fresh diagram store (a second run finds every node it needs already made).
    const undecided = findSurfaceLeaks(model, "en", undefined, undefined, 0);
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).toMatchObject({ kind: "surface-leak-undecided", severity: "warning", step: "ask-hiv" });
    expect(undecided[0].message).toMatch(/^Could not decide whether .* after "ask-hiv"/);
    expect(findSurfaceLeaks(model, "en")).toEqual([]);
  });

  it("does not keep an answer toward a public fact that every way on from the question passes through", () => {
    // The refill deadline comes after the question on every way (the answer only chooses whether a note comes
    // first): it is produced whatever the answer, so no run is needed; one on a side way is still worked out.
    const build = (side: boolean): SopDefinition =>
      makeSop("refill-every-way", {
        consent: step.consent("agrees", ["hiv"], [{ when: "agrees", to: "ask-hiv" }, { to: "plan-refill" }]),
        "ask-hiv": {
          ...step.yesNo("on_treatment", "done", { sensitive: "hiv" }),
          next: [{ when: "on_treatment", to: side ? "plan-refill" : "note" }, { to: "note" }],
        } as SopDefinition["steps"][string],
        note: step.instruction(side ? "done" : "plan-refill"),
        "plan-refill": planRefill(side ? "note" : "done"),
        done: step.end(),
      });
    const runs = (side: boolean) => {
      const lines: string[] = [];
      const model = modelSop(compileWithFixtureCatalog(build(side)), { purpose: "check" });
      const leaks = findSurfaceLeaks(model, "en", undefined, undefined, undefined, (line) => lines.push(line));
      return { leaks, lines };
    };
    expect(runs(false)).toEqual({ leaks: [], lines: [] });
    const side = runs(true);
    expect(side.lines).toEqual([expect.stringMatching(/^surface leaks of ask-hiv: 1 facts/)]);
    expect(side.leaks).toEqual([expect.objectContaining({ kind: "surface-leak", step: "plan-refill" })]);
  });
});

describe("a structure too large to work out", () => {
  it("is said (structure-undecided) and makes the check incomplete, never silently clean", () => {
    // No room at all: no run fits, not even with the structure's extra room.
    const report = checkSop(analysisFixture("branching"), { nodeLimit: 0 });
    const undecided = report.issues.filter((i) => i.kind === "structure-undecided");
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).toMatchObject({ severity: "warning" });
    expect(undecided[0].message).toMatch(/could not be worked out within 0 diagram nodes/);
    expect(report.complete).toBe(false);
    // Nothing is concluded from the runs that did not finish.
    expect(report.issues.filter((i) => i.kind === "unreachable-step")).toEqual([]);
  });
});
