import { lintScenario } from "../../src/engine/definition/lint/lintScenario";
import type { Scenario } from "../../src/engine/index";
import { loadTestLibrary } from "./readFixture";

const { library, scenarios } = loadTestLibrary();
const intake = library.sops.get("intake")!;
const base = scenarios.find((s) => s.scenario.id === "child-alone-incident")!.scenario;

/** The test library's scenario of a girl alone after an incident, with a change, checked against intake. */
function check(change: (s: Scenario) => void): string[] {
  const scenario = structuredClone(base);
  change(scenario);
  return lintScenario(scenario, intake, library).map((i) => `${i.code} ${i.pointer} ${i.message}`);
}

const at = (s: Scenario, step: string) => s.steps.find((a) => a.step === step)!;

describe("lintScenario", () => {
  it("finds nothing wrong in the test library's scenarios", () => {
    expect(check(() => {})).toEqual([]);
  });

  it("follows steps into the procedures an SOP runs, and names a missing one with did-you-mean", () => {
    expect(check((s) => (at(s, "child-protection/notify-senniaf").step = "child-protection/notify-seniaf"))).toEqual([
      'unknown-step /steps/3/step Action 4 is at step "child-protection/notify-seniaf", which the SOP "intake" does not have. Did you mean "child-protection/notify-senniaf"?',
    ]);
  });

  it("checks an answer against its question: an option, a date, a duration, a yes or no", () => {
    expect(check((s) => (at(s, "ask-with").answer = "alnoe"))).toEqual([
      'unknown-option /steps/2/answer Action 3 answers "alnoe" at step "ask-with", which is not one of its options (alone, family, group). Did you mean "alone"?',
    ]);
    expect(check((s) => (at(s, "ask-dob").answer = "01/05/2010"))).toEqual([
      'answer-type /steps/1/answer Action 2 answers string "01/05/2010" at step "ask-dob", which takes a date, like "2024-03-01".',
    ]);
    expect(check((s) => (at(s, "ask-since").answer = "36"))).toEqual([
      'answer-type /steps/6/answer Action 7 answers string "36" at step "ask-since", which takes a number from 0 to 2000. Write the number without quotes: 36.',
    ]);
    expect(check((s) => delete at(s, "ask-incident").answer)).toEqual([
      'answer-type /steps/5 Action 6 gives no answer at step "ask-incident", which takes true or false.',
    ]);
  });

  it("checks the ticked items of a checklist and the consent to a referral", () => {
    expect(check((s) => (at(s, "register-docs").answer = ["id-card", "foto"]))).toEqual([
      'unknown-option /steps/8/answer/1 Action 9 ticks "foto" at step "register-docs", which has no such item (id-card, photo).',
    ]);
    expect(check((s) => (at(s, "refer-clinic").answer = "yes"))).toEqual([
      'answer-type /steps/7/answer Action 8 answers string "yes" at step "refer-clinic", which takes true or false.',
    ]);
  });

  it("refuses an action at a step the case goes through by itself", () => {
    expect(check((s) => s.steps.push({ step: "decide-outcome" }))).toEqual([
      'wrong-action /steps/9/step Action 10 is at step "decide-outcome" of "intake", a decision step, which takes no action: the case goes through it by itself. Remove this action.',
    ]);
  });

  it("checks the other things an officer does: what each acts on is said, and exists", () => {
    expect(
      check((s) =>
        s.steps.push(
          { do: "hand-over" },
          { do: "hand-over", service: "seniaf" },
          { do: "raise", flag: "uacs" },
          { do: "follow-up-done", followUp: "check" },
          { do: "correct", step: "welcome" },
          { do: "update", step: "ask-with", answer: "familia" },
          { do: "not-needed", step: "ask-with" },
          { do: "back" },
        ),
      ),
    ).toEqual([
      'incomplete-action /steps/9 Action 10 (hand-over) does not say which service\'s referral: add "service".',
      'unknown-service /steps/10/service Action 11 names the service "seniaf", which is not in the catalog. Did you mean "senniaf"?',
      'unknown-flag /steps/11/flag Action 12 names the flag "uacs", which is not in the catalog. Did you mean "uasc"?',
      'unknown-follow-up /steps/12/followUp Action 13 names the follow-up "check", which the SOP "intake" never sets.',
      "wrong-action /steps/13/step Action 14 corrects step \"welcome\" of \"intake\", an instruction step, which has no answer to change: a correction changes a question's answer, a checklist's ticks or a referral's consent, and new information a question's answer.",
      'unknown-option /steps/14/answer Action 15 answers "familia" at step "ask-with", which is not one of its options (alone, family, group). Did you mean "family"?',
      'wrong-action /steps/15/step Action 16 records step "ask-with" of "intake", a question step, as not needed: only a referral can be.',
    ]);
  });

  it("checks what it expects: flags, services, deadlines and steps that exist", () => {
    expect(
      check((s) => {
        s.expect.flags = ["uacs"];
        s.expect.referrals = [{ service: "senniaf-x" }];
        s.expect.deadlines = [{ id: "pepp" }];
        s.expect.avoids = ["child-protection/not-a-kid"];
      }),
    ).toEqual([
      'unknown-flag /expect/flags/0 "expect.flags.0" names the flag "uacs", which is not in the catalog. Did you mean "uasc"?',
      'unknown-service /expect/referrals/0/service "expect.referrals.0.service" names the service "senniaf-x", which is not in the catalog. Did you mean "senniaf"?',
      'unknown-deadline /expect/deadlines/0/id The scenario expects the deadline "pepp", which the SOP "intake" never sets. Did you mean "pep"?',
      'unknown-step /expect/avoids/0 "expect.avoids.0" names step "child-protection/not-a-kid", which the SOP "intake" does not have. Did you mean "child-protection/not-a-child"?',
    ]);
  });

  it("refuses a scenario that expects nothing of an SOP without invariants, since it can never fail", () => {
    const scenario = structuredClone(base);
    scenario.expect = { flags: [] };
    // A path through intake must keep its invariants, so expecting nothing more still tests something.
    expect(lintScenario(scenario, intake, library)).toEqual([]);
    const promiseless = { ...intake, invariants: [] };
    const sops = new Map([...library.sops, ["intake", promiseless]]);
    const child = { ...library.sops.get("child-protection")!, invariants: [] };
    sops.set("child-protection", child);
    expect(lintScenario(scenario, promiseless, { ...library, sops }).map((i) => `${i.code} ${i.pointer}`)).toEqual([
      "empty-expectations /expect",
    ]);
  });
});
