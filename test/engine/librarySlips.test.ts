import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { buildSlip, loadLibrary, runScenario, type Scenario, type SlipView } from "../../src/engine/index";

/**
 * Principle 9 of the library (issue 9): a slip carries what its service needs to act. Scenarios cannot say what a
 * slip shows, so these play the shipped library's scenarios and read the slips they print.
 */
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith(".json") ? [full] : [];
  });
const shipped = loadLibrary(
  walk("sop")
    .filter((f) => !f.includes("scenarios"))
    .map((full) => ({ path: relative("sop", full), text: readFileSync(full, "utf8") })),
);

function slipAfter(id: string, service: string): SlipView | undefined {
  const scenario = JSON.parse(readFileSync(`sop/scenarios/${id}.scenario.json`, "utf8")) as Scenario;
  const compiled = shipped.compiled.get(scenario.sop);
  if (!compiled) throw new Error(`no SOP ${scenario.sop}`);
  const result = runScenario(compiled, scenario);
  expect(result.differences).toEqual([]);
  const last = result.session.events.at(-1);
  return buildSlip(result.session, service, new Date(last ? last.at : 0));
}

/** The slip's answers by the variable's step id (the last part of its path), as plain values. */
const answers = (slip: SlipView | undefined) =>
  Object.fromEntries((slip?.answers ?? []).map((a) => [a.step.split("/").at(-1), a.value]));
const instructionLabels = (slip: SlipView | undefined) => (slip?.instructions ?? []).map((i) => i.label.en);

describe("slips carry what the service needs (principle 9)", () => {
  it("obstetric emergency care receives the danger signs and how far along the pregnancy is", () => {
    const slip = slipAfter("pregnancy-bleeding-5-months", "minsa-obstetric");
    expect(answers(slip)).toMatchObject({ "ask-danger-signs": ["bleeding"], "ask-stage": "middle" });
  });

  it("a danger sign the woman could not name reaches the slip as such", () => {
    const slip = slipAfter("pregnancy-woman-30-cannot-say-danger-signs", "minsa-obstetric");
    expect(answers(slip)).toMatchObject({ "ask-danger-signs": ["no_answer"], "ask-stage": "middle" });
  });

  it("the antenatal check receives the stage, and that no danger sign was found", () => {
    const slip = slipAfter("pregnancy-woman-31-no-signs", "minsa-obstetric");
    expect(answers(slip)).toMatchObject({ "ask-stage": "late", "ask-danger-signs": [] });
  });

  it("HIV care receives the days of treatment left, and the days without when it ran out", () => {
    expect(answers(slipAfter("hiv-continuity-arv-3-days-left", "minsa-hiv-care"))).toEqual({
      "ask-knows-supply": "yes",
      "ask-supply": 3,
    });
    const ranOut = answers(slipAfter("screening-woman-30-on-arv-tells-once", "minsa-hiv-care"));
    expect(ranOut).toHaveProperty("ask-days-without");
    expect(ranOut).toHaveProperty("ask-supply", 0);
  });

  it("HIV care is told when no one knows how much treatment is left, and no made-up number", () => {
    const unknown = answers(slipAfter("hiv-continuity-man-29-arv-does-not-know-how-many-days", "minsa-hiv-care"));
    expect(unknown).toEqual({ "ask-knows-supply": "does_not_know" });
  });

  it("clinical care after sexual violence is told when the time since it happened is not known", () => {
    const slip = answers(slipAfter("gbv-disclosure-woman-26-will-not-say-when", "minsa-cmr"));
    expect(slip).toMatchObject({ "ask-knows-time": "no_answer" });
    expect(slip).not.toHaveProperty("ask-time-since");
  });

  it("health care for an older person's medicines receives the days without treatment", () => {
    const slip = slipAfter("older-persons-man-70-diabetic-lost-insulin", "minsa-health");
    expect(answers(slip)).toHaveProperty("ask-days-without");
    expect(answers(slip)).toHaveProperty("ask-medicines");
  });

  it("a pregnant girl who reaches SENNIAF through the child procedure has a SENNIAF slip that says she is pregnant", () => {
    const slip = slipAfter("screening-girl-13-pregnant-alone", "senniaf");
    expect(answers(slip)).toMatchObject({ "ask-health-needs": ["pregnant"], "ask-age": 13 });
    // The health check the child procedure makes knows it too.
    expect(answers(slipAfter("screening-girl-13-pregnant-alone", "minsa-health"))).toMatchObject({
      "ask-health-needs": ["pregnant"],
    });
  });

  it("the obstetric slip carries the age, passed in by screening or asked by the pregnancy procedure", () => {
    expect(answers(slipAfter("screening-girl-13-pregnant-alone", "minsa-obstetric"))).toMatchObject({ "ask-age": 13 });
    expect(answers(slipAfter("pregnancy-girl-16-swelling", "minsa-obstetric"))).toMatchObject({ "ask-age": 16 });
  });

  it("a SENNIAF slip says nothing is known of the child's health when screening learnt nothing", () => {
    const slip = slipAfter("screening-boy-16-watched-declines-questions", "senniaf");
    expect(answers(slip)).toMatchObject({ "ask-health-needs": ["none_known"] });
  });

  it("emergency care reached from the disability procedure receives the age with the urgent need", () => {
    const slip = slipAfter("disability-woman-30-emergency-first", "minsa-emergency");
    expect(answers(slip)).toMatchObject({ "check-urgent": "emergency", "ask-age": 30 });
  });

  it("clinical care after sexual violence receives the age (a child's PEP is dosed by age) and the time since", () => {
    const slip = slipAfter("gbv-disclosure-woman-22-71h", "minsa-cmr");
    expect(answers(slip)).toHaveProperty("ask-age", 22);
    expect(answers(slip)).toHaveProperty("ask-time-since");
  });

  it("a tracing slip for a child whose adult is not verified carries the instruction not to hand the child over", () => {
    expect(instructionLabels(slipAfter("uasc-boy-14-neighbour-unconfirmed", "red-cross-rfl"))).toContain(
      "Do not hand the child over",
    );
    const confirmed = slipAfter("uasc-boy-14-neighbour-confirmed", "red-cross-rfl");
    expect(confirmed).toBeDefined();
    expect(instructionLabels(confirmed)).not.toContain("Do not hand the child over");
  });

  it("a tracing slip carries the instruction against consular contact when the case holds it", () => {
    expect(instructionLabels(slipAfter("uasc-carlos-15-alone-fears-return", "red-cross-rfl"))).toContain(
      "No consular contact",
    );
  });

  it("a tracing slip carries no consular instruction the case does not hold", () => {
    const slip = slipAfter("screening-woman-30-tracing-accepted-not-asked-again", "red-cross-rfl");
    expect(slip).toBeDefined();
    expect(instructionLabels(slip)).not.toContain("No consular contact");
  });

  it("a tracing slip from the screening carries the age and nationality, and the no-consular-contact instruction", () => {
    const slip = slipAfter("screening-man-38-tracing-fear-of-return-unanswered", "red-cross-rfl");
    expect(answers(slip)).toEqual({ "ask-age": 38, "ask-nationality": "VE" });
    expect(instructionLabels(slip)).toContain("No consular contact");
  });

  it("a slip never carries the answers of a step the person said no to (principle 7)", () => {
    // Tracing accepted in the screening: its slip carries the screening's age and nationality.
    const made = slipAfter("screening-woman-18-red-cross-rfl-made-then-pfa", "red-cross-rfl");
    expect(made?.answers.map((a) => a.step)).toEqual(["ask-age", "ask-nationality"]);
    // Declined there and accepted in psychological first aid, the same day or a day later: only what first aid's
    // step shares, with its consent (the age and nationality screening passed in), never the declined step's answers.
    for (const id of [
      "screening-woman-18-red-cross-rfl-declined-then-pfa",
      "screening-woman-18-red-cross-rfl-declined-then-pfa-a-day-later",
      "screening-woman-30-tracing-declined-offered-again",
    ]) {
      const slip = slipAfter(id, "red-cross-rfl");
      expect(slip?.referral.status).toBe("made");
      expect(slip?.answers.map((a) => a.step)).toEqual(["run-pfa/ask-age", "run-pfa/ask-nationality"]);
    }
    // The IOM assistance the girl's trafficking interview offered was declined; the disability procedure's referral,
    // accepted, carries its own answers and none of the trafficking interview's.
    const avm = slipAfter("screening-girl-5-iom-avm-declined-then-disability", "iom-avm");
    expect(avm?.referral.status).toBe("made");
    expect(avm?.answers.length).toBeGreaterThan(0);
    expect(avm?.answers.every((a) => a.step.startsWith("run-disability/"))).toBe(true);
  });

  it("a tracing slip from psychological first aid carries the age and nationality, asked there or passed in", () => {
    // Alone, first aid asks the country once the person accepts the Red Cross.
    expect(answers(slipAfter("pfa-man-wants-to-call-family", "red-cross-rfl"))).toEqual({
      "ask-age": 45,
      "ask-nationality": "CO",
    });
    expect(answers(slipAfter("pfa-man-45-collapses-while-listening", "red-cross-rfl"))).toEqual({
      "ask-age": 45,
      "ask-nationality": "CO",
    });
    // Tracing declined in the screening and asked for in first aid: the screening's nationality, not asked again,
    // reaches the slip, with the instruction against consular contact the screening raised.
    const slip = slipAfter("screening-man-38-declines-tracing-asks-for-it-in-pfa", "red-cross-rfl");
    expect(slip?.referral.status).toBe("made");
    expect(slip?.answers.map((a) => [a.step, a.value])).toEqual([
      ["run-pfa/ask-age", 38],
      ["run-pfa/ask-nationality", "VE"],
    ]);
    expect(instructionLabels(slip)).toContain("No consular contact");
  });

  it("the prosecutor receives the age and the indicators of an adult who chose to report and agreed to send them", () => {
    const slip = slipAfter("trafficking-woman-22-chooses-to-report", "ministerio-publico");
    expect(answers(slip)).toEqual({
      "ask-age": 22,
      "ask-arranged": "yes",
      "ask-debt": "yes",
      "ask-deceived": "yes",
      "ask-documents": "yes",
      "ask-control": "yes",
      "ask-fear": "yes",
      "ask-exploitation": "no",
    });
    // Said no to sending them: no referral, no slip.
    expect(
      slipAfter("trafficking-woman-22-chooses-to-report-keeps-her-answers", "ministerio-publico")?.referral.status,
    ).toBe("declined");
  });
});
