import { answerSpacesOf, describeActions, enumeratePaths, modelSop } from "../../src/engine/index";
import { writePersona } from "../../src/ui/trainer/paths/writePersona";
import { expectationsOf, scoreRun } from "../../src/ui/trainer/practice/scoreRun";
import { playReference, scenarioOfPath } from "../../src/ui/trainer/trainerEngine";
import { shippedSop } from "./shippedLibrary";

const trafficking = shippedSop("trafficking");
const spaces = answerSpacesOf(trafficking);
const paths = enumeratePaths(modelSop(trafficking, { purpose: "results" }, spaces), { limit: 400 }).paths.filter(
  (p) => p.status === "finished",
);
const answersOf = (actions: (typeof paths)[number]["actions"]) => ({
  es: describeActions(trafficking, spaces, actions, "es"),
  en: describeActions(trafficking, spaces, actions, "en"),
});

describe("personas written from the SOP's paths", () => {
  it("names the procedure and, in each language, every answer that decides the path, without the officer's bracketed notes", () => {
    const path = paths.find((p) => p.flags.includes("trafficking-indicators") && p.referrals.length > 0)!;
    const persona = writePersona(trafficking.definition.title, answersOf(path.actions));
    expect(persona.es).toMatch(/^Una persona llega para el procedimiento «Posible víctima de trata de personas»\.\n/);
    expect(persona.en).toMatch(/^A person arrives for the procedure “Possible victim of trafficking”\.\n/);
    const deciding = answersOf(path.actions).en.filter((a) => a.matters);
    expect(deciding.length).toBeGreaterThan(2);
    // Each fact is this path's own answer, not its class: a person, not a kind of person.
    for (const a of deciding) {
      expect(a.value).toBeDefined();
      expect(persona.en).toContain(`: ${a.value}`);
    }
    const age = deciding.find((a) => a.step === "ask-age");
    if (age) expect(age.value).toMatch(/^\d+ years$/);
    // What the person says and what the officer sees are told apart.
    expect(persona.en).toMatch(
      /\nThey tell you:\n– [^\n]+(\n– [^\n]+)*\nYou observe:(\n– [^\n]+)*\n– Signs of control seen: /,
    );
    expect(persona.en).not.toContain("(do not read aloud)");
    expect(persona.es).toContain("Edad: ");
  });

  it("says nothing out of the ordinary when no answer decides anything", () => {
    expect(writePersona({ es: "Llegada", en: "Arrival" }, { es: [], en: [] })).toEqual({
      es: "Una persona llega para el procedimiento «Llegada».\nNo cuenta nada fuera de lo común.",
      en: "A person arrives for the procedure “Arrival”.\nThey say nothing out of the ordinary.",
    });
  });

  it("a path's persona, practised as the path goes, scores full against what the engine decides there", () => {
    for (const path of paths.slice(0, 25)) {
      const scenario = scenarioOfPath("trafficking", path.index, path.actions, { en: "p" }, { en: "t" });
      const key = playReference(trafficking, scenario);
      expect(key.differences).toEqual([]);
      const expect_ = expectationsOf(key.view);
      // The engine's own run ends as the analysis says the path ends.
      expect(key.view.outcome).toBe(path.outcome);
      expect(new Set(expect_.flags ?? [])).toEqual(new Set(key.view.flags.map((f) => f.id)));
      const run = { session: key.session, view: key.view };
      expect(scoreRun(trafficking, expect_, run, run).percent).toBe(100);
    }
  });
});
