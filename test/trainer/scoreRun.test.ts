import { actionToEvent, type CompiledSop, type Scenario, type ScenarioAction } from "../../src/engine/index";
import { expectationsOf, scoreRun } from "../../src/ui/trainer/practice/scoreRun";
import {
  nextPracticeTime,
  openPracticeCase,
  playReference,
  sendPracticeEvent,
  viewPractice,
} from "../../src/ui/trainer/trainerEngine";
import { shippedScenario, shippedSop } from "./shippedLibrary";

/** Plays what a trainee did, action by action, as the practice screen sends it. */
function playTrainee(compiled: CompiledSop, scenario: Scenario, actions: ScenarioAction[]) {
  const session = openPracticeCase(compiled, scenario, "ana");
  for (const action of actions) {
    const event = actionToEvent(compiled, action, nextPracticeTime(session, scenario), "ana");
    if (typeof event === "string") throw new Error(event);
    const sent = sendPracticeEvent(session, event);
    if (!sent.ok) throw new Error(`${action.step} refused: ${sent.code}`);
  }
  return { session, view: viewPractice(session) };
}

function reference(compiled: CompiledSop, scenario: Scenario) {
  const result = playReference(compiled, scenario);
  return { session: result.session, view: result.view };
}

const trafficking = shippedSop("trafficking");
const woman = shippedScenario("trafficking-woman-22-chooses-to-report");

describe("scoring a practice run", () => {
  it("a trainee who does what the scenario does scores full marks, with no miss", () => {
    const score = scoreRun(
      trafficking,
      woman.expect,
      reference(trafficking, woman),
      playTrainee(trafficking, woman, woman.steps),
    );
    expect(score.misses).toEqual([]);
    expect(score.percent).toBe(100);
    expect(score.earned).toBe(score.possible);
    expect(score.checks).toBeGreaterThan(5);
  });

  it("a missed trafficking indicator lowers the score and is explained with the SOP's own guidance", () => {
    // The trainee does not record the man who watches her, and hears "no" to every indicator question.
    const missed: ScenarioAction[] = [
      { step: "ask-age", answer: 22 },
      { step: "ask-travelling-with", answer: "group" },
      { step: "observe-control", answer: false },
      { step: "assess-safety", answer: [] },
      { step: "offer-pfa" },
      { step: "consent-interview", answer: true },
      ...[
        "ask-arranged",
        "ask-debt",
        "ask-deceived",
        "ask-documents",
        "ask-control",
        "ask-fear",
        "ask-exploitation",
      ].map((step) => ({ step, answer: "no" })),
      { step: "ask-return-fear", answer: "no" },
    ];
    const score = scoreRun(
      trafficking,
      woman.expect,
      reference(trafficking, woman),
      playTrainee(trafficking, woman, missed),
    );
    expect(score.percent).toBeLessThan(100);
    const flag = score.misses.find((m) => m.kind === "missed-flag" && m.subject === "trafficking-indicators");
    expect(flag).toBeDefined();
    // Raised in the key by the safety checklist: its guidance is the SOP's words, and the flag's catalog description.
    expect(flag?.step).toBe("assess-safety");
    const safety = trafficking.steps.get("assess-safety")!.step;
    expect(flag?.guidance).toContainEqual("guidance" in safety ? safety.guidance : undefined);
    expect(flag?.guidance).toContainEqual(trafficking.catalog.flags.get("trafficking-indicators")?.description);
    // Consent asked while the controller was still near: the flag's own standing instruction explains it.
    const early = score.misses.find((m) => m.kind === "before-separation");
    expect(early?.subject).toBe("consent-interview");
    expect(early?.guidance).toContainEqual(trafficking.catalog.flags.get("controller-nearby")?.instruction);
    expect(score.misses.filter((m) => m.kind === "missing-referral").map((m) => m.subject)).toEqual(
      expect.arrayContaining(["uiav", "iom-avm", "ministerio-publico"]),
    );
    expect(score.misses.find((m) => m.kind === "wrong-outcome")).toMatchObject({ expected: "referred" });
  });

  it("a referral at the wrong urgency costs its urgency point only", () => {
    const boy = shippedScenario("trafficking-boy-15-in-danger-declines");
    const key = reference(trafficking, boy);
    const urgent = {
      ...boy.expect,
      referrals: boy.expect.referrals?.map((r) => (r.service === "senniaf" ? { ...r, urgency: "urgent" as const } : r)),
    };
    const score = scoreRun(trafficking, urgent, key, playTrainee(trafficking, boy, boy.steps));
    expect(score.misses.map((m) => [m.kind, m.subject, m.expected, m.got])).toEqual([
      ["wrong-urgency", "senniaf", "urgent", "immediate"],
    ]);
    expect(score.possible - score.earned).toBe(1);
  });

  it("a sensitive question the person never consented to is named, with the consent step's guidance", () => {
    // In the key the man declines the interview; the trainee records a yes and asks the trafficking questions.
    const declines = shippedScenario("trafficking-man-30-declines-interview");
    const consentAt = declines.steps.findIndex((a) => a.step === "consent-interview");
    const pushed: ScenarioAction[] = [
      ...declines.steps.slice(0, consentAt),
      { step: "consent-interview", answer: true },
      { step: "ask-arranged", answer: "no" },
    ];
    const key = reference(trafficking, declines);
    const trainee = playTrainee(trafficking, declines, pushed);
    const score = scoreRun(trafficking, declines.expect, key, trainee);
    const miss = score.misses.find((m) => m.kind === "without-consent");
    expect(miss).toMatchObject({ subject: "ask-arranged", step: "consent-interview" });
    expect(score.percent).toBeLessThan(100);
  });

  it("the answer key of an engine run lists its flags, referrals, deadlines and outcome", () => {
    const key = reference(trafficking, woman);
    const expectations = expectationsOf(key.view);
    expect(expectations.flags).toEqual(expect.arrayContaining(["trafficking-indicators"]));
    expect(expectations.referrals).toContainEqual({ service: "uiav", urgency: "urgent", status: "made" });
    expect(expectations.outcome).toBe("referred");
    expect(scoreRun(trafficking, expectations, key, playTrainee(trafficking, woman, woman.steps)).percent).toBe(100);
  });
});
