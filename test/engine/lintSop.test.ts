import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TEXT_FIELDS } from "../../src/engine/definition/lint/lintTranslations";
import { lintSop, type SopDefinition, type Step } from "../../src/engine/index";
import { loadTestLibrary } from "./readFixture";
import { makeSop, step, t } from "./sopBuilder";

const { library } = loadTestLibrary();
const lint = (sop: SopDefinition, file?: string, others: SopDefinition[] = []) =>
  lintSop(
    sop,
    { ...library, sops: new Map([...library.sops, ...others.map((o) => [o.id, o] as const), [sop.id, sop]]) },
    file,
  );
const codes = (sop: SopDefinition, file?: string) => lint(sop, file).map((i) => `${i.severity} ${i.code} ${i.pointer}`);

const gbvQuestion = (next = "done"): Step => ({ ...step.yesNo("violence", next), sensitive: "gbv" }) as Step;

describe("lintSop", () => {
  it("finds nothing wrong in the test library", () => {
    for (const [id, sop] of library.sops) expect(lintSop(sop, library, `${id}.sop.json`)).toEqual([]);
  });

  it("rejects a file name that does not match the id, only when a file is given", () => {
    const sop = makeSop("intake-b", { done: step.end() });
    expect(codes(sop, "lib/intake.sop.json")).toEqual(["error id-mismatch /id"]);
    expect(codes(sop, "lib/intake-b.sop.json")).toEqual([]);
    expect(codes(sop)).toEqual([]);
  });

  describe("consent before sensitive questions", () => {
    it("accepts consent given before a parallel step whose track asks the question", () => {
      const sop = makeSop("s", {
        consent: step.consent("ok", ["gbv"], [{ when: "ok", to: "care" }, { to: "done" }]),
        care: {
          kind: "parallel",
          title: t("Care"),
          tracks: [
            { id: "a", title: t("A"), start: "ask" },
            { id: "b", title: t("B"), start: "other" },
          ],
          next: "done",
        },
        ask: gbvQuestion("asked"),
        asked: step.end(),
        other: step.instruction("other-done"),
        "other-done": step.end(),
        done: step.end(),
      });
      expect(codes(sop)).toEqual([]);
    });

    it("rejects a track that asks the question when no consent comes before the parallel step", () => {
      const sop = makeSop("s", {
        care: {
          kind: "parallel",
          title: t("Care"),
          tracks: [
            { id: "a", title: t("A"), start: "ask" },
            { id: "b", title: t("B"), start: "consent" },
          ],
          next: "done",
        },
        ask: gbvQuestion("asked"),
        asked: step.end(),
        consent: step.consent("ok", ["gbv"], "consented"),
        consented: step.end(),
        done: step.end(),
      });
      expect(codes(sop)).toEqual(["error consent-missing /steps/ask/sensitive"]);
    });

    it("rejects the question when one path skips the consent", () => {
      const sop = makeSop("s", {
        alone: step.yesNo("alone", [{ when: "alone", to: "ask" }, { to: "consent" }]),
        consent: step.consent("ok", ["gbv", "health"], [{ when: "ok", to: "ask" }, { to: "done" }]),
        ask: gbvQuestion(),
        done: step.end(),
      });
      const [found] = lint(sop);
      expect(found).toMatchObject({ code: "consent-missing", pointer: "/steps/ask/sensitive" });
      expect(found.message).toBe(
        'Step "ask" asks a gbv question, but a path reaches it without a consent question covering "gbv" before it. Add a consent step (answer type "consent" with covers ["gbv"]) on every path to it.',
      );
    });

    it("accepts the question when every path passes a consent that covers it", () => {
      const sop = makeSop("s", {
        alone: step.yesNo("alone", [{ when: "alone", to: "consent-a" }, { to: "consent-b" }]),
        "consent-a": step.consent("a", ["gbv"], "ask"),
        "consent-b": step.consent("b", ["health", "gbv"], "ask"),
        ask: gbvQuestion(),
        done: step.end(),
      });
      expect(codes(sop)).toEqual([]);
    });
  });

  describe("expressions", () => {
    it("checks literals against options, flags and services, either way round", () => {
      const sop = makeSop("s", {
        with: {
          kind: "question",
          level: "restricted",
          title: t("With"),
          say: t("With whom?"),
          variable: "travelling_with",
          answer: { type: "one-of", options: [{ value: "alone", label: t("Alone") }] },
          effects: [
            { raise: "uasc", when: '"alone" == travelling_with' },
            { raise: "uasc", when: 'travelling_with != "aloen"' },
            { raise: "uasc", when: '"uasx" in flags' },
            { raise: "uasc", when: '"senniaf" in referrals && "senaf" in referrals' },
          ],
          next: "done",
        },
        done: step.end(),
      });
      expect(lint(sop).map((i) => [i.code, i.pointer, i.message])).toEqual([
        [
          "unknown-option",
          "/steps/with/effects/1/when",
          'Step "with": "travelling_with" is never "aloen"; its options are alone. Did you mean "alone"?',
        ],
        [
          "unknown-flag",
          "/steps/with/effects/2/when",
          'Step "with": the condition tests the flag "uasx", which is not in the catalog. Did you mean "uasc"?',
        ],
        [
          "unknown-service",
          "/steps/with/effects/3/when",
          'Step "with": the condition tests a referral to "senaf", which is not in the catalog.',
        ],
      ]);
    });

    it("checks invariants: their condition, their holds and what they name", () => {
      const sop = makeSop(
        "s",
        { age: step.number("age", "done"), done: step.end() },
        {
          invariants: [
            { id: "a", text: t("A"), when: "agee < 18", expect: [{ holds: "age" }] },
            { id: "b", text: t("B"), expect: [{ referral: "onpar" }, { noFlag: "pep-windo" }, { avoids: "dne" }] },
          ],
        },
      );
      expect(lint(sop).map((i) => `${i.code} ${i.pointer}`)).toEqual([
        "unknown-service /invariants/1/expect/0/referral",
        "unknown-flag /invariants/1/expect/1/noFlag",
        "unknown-step /invariants/1/expect/2/avoids",
        "unknown-variable /invariants/0/when",
        "expression-type /invariants/0/expect/0/holds",
      ]);
    });

    it("type-checks what a procedure passes against the called SOP's variable", () => {
      const callee = makeSop("callee", { age: step.number("age", "done"), done: step.end() });
      const caller = makeSop("caller", {
        alone: step.yesNo("alone", "run"),
        run: { kind: "procedure", title: t("Run"), sop: "callee", with: { age: "alone" }, next: "done" },
        done: step.end(),
      });
      const found = lint(caller, undefined, [callee]);
      expect(found.map((i) => `${i.code} ${i.pointer}`)).toEqual(["expression-type /steps/run/with/age"]);
      expect(found[0].message).toContain("it gives a yes/no where a whole number is needed");
    });

    it("requires a deadline's from to be a moment in time, and accepts now - a duration", () => {
      const deadline = (from: string) => ({ deadline: "pep", label: t("PEP"), from, within: "72h" });
      const sop = (from: string) =>
        makeSop("s", {
          since: {
            kind: "question",
            title: t("Since"),
            say: t("How long ago?"),
            variable: "since",
            answer: { type: "duration", unit: "hours" },
            effects: [deadline(from)],
            next: "done",
          },
          done: step.end(),
        });
      expect(codes(sop("now - since"))).toEqual([]);
      expect(codes(sop("since"))).toEqual(["error expression-type /steps/since/effects/0/from"]);
    });

    it("rejects a duration literal CEL cannot read", () => {
      const sop = makeSop("s", {
        a: step.number("days", [{ when: 'duration("5d") > duration("1h")', to: "done" }, { to: "done" }]),
        done: step.end(),
      });
      expect(codes(sop)).toEqual(["error expression-type /steps/a/next/0/when"]);
    });
  });

  describe("structure", () => {
    it("reports both steps of a declared-twice variable of different types", () => {
      const sop = makeSop("s", { a: step.number("x", "b"), b: step.yesNo("x", "done"), done: step.end() });
      const [found] = lint(sop);
      expect(found).toMatchObject({ code: "duplicate-variable", pointer: "/steps/b/variable" });
      expect(found.message).toBe(
        'Step "b" declares "x" as a yes/no, but step "a" declares it as a whole number. Use another variable name.',
      );
    });

    it("names a loop no route leaves, once, at the route that goes back into it", () => {
      const sop = makeSop("s", {
        a: step.yesNo("go", [{ when: "go", to: "loop" }, { to: "done" }]),
        loop: step.instruction("again"),
        again: step.instruction("loop"),
        done: step.end(),
      });
      const found = lint(sop);
      expect(found.map((i) => `${i.severity} ${i.code} ${i.pointer}`)).toEqual([
        "error trapping-loop /steps/again/next",
      ]);
      expect(found[0].params).toEqual({ step: "again", from: "again", to: "loop", steps: ["loop", "again"] });
      expect(found[0].message).toBe(
        'From "again" the case can return to "loop" forever, and no route leaves this loop ("loop", "again"). Add a route out of it, to a step that leads to an end.',
      );
    });

    it("names a loop that sends every child back to the age question", () => {
      const sop = makeSop("s", {
        "ask-age": step.number("age", "check"),
        check: { kind: "decision", next: [{ when: "age < 18", to: "start-bia" }, { to: "start-bia" }] },
        "start-bia": step.instruction("ask-age"),
        done: step.end(),
      } as never);
      expect(codes(sop)).toEqual(["error unreachable-step /steps/done", "error trapping-loop /steps/start-bia/next"]);
      expect(lint(sop).find((i) => i.code === "trapping-loop")?.message).toContain(
        'From "start-bia" the case can return to "ask-age" forever',
      );
    });

    it("reports a step from which the case can only fall into a loop as a dead end, apart from the loop", () => {
      const sop = makeSop("s", {
        a: step.yesNo("go", [{ when: "go", to: "lead" }, { to: "done" }]),
        lead: step.instruction("loop"),
        loop: step.instruction("loop"),
        done: step.end(),
      });
      expect(codes(sop)).toEqual(["error trapping-loop /steps/loop/next", "error dead-end /steps/lead"]);
    });

    it("warns about a loop whose only way out has a condition that can never hold", () => {
      const sop = makeSop("s", {
        a: step.yesNo("go", [{ when: "false", to: "done" }, { to: "b" }]),
        b: step.instruction("a"),
        done: step.end(),
      });
      expect(codes(sop)).toEqual(["warning loop-never-left /steps/b/next"]);
      const hidden = makeSop("s", {
        a: step.yesNo("go", [{ when: "1 < 2", to: "b" }, { to: "done" }]),
        b: step.instruction("a"),
        done: step.end(),
      });
      expect(codes(hidden)).toEqual(["warning loop-never-left /steps/b/next"]);
    });

    it("accepts a loop that a case may leave on some answer, as SOPs that ask again do", () => {
      const sop = makeSop("s", {
        a: step.yesNo("go", [{ when: "go && true", to: "done" }, { to: "b" }]),
        b: step.instruction("a"),
        done: step.end(),
      });
      expect(codes(sop)).toEqual([]);
    });

    it("accepts a loop with a way out", () => {
      const sop = makeSop("s", {
        a: step.yesNo("again", [{ when: "again", to: "a" }, { to: "done" }]),
        done: step.end(),
      });
      expect(codes(sop)).toEqual([]);
    });

    it("does not echo a broken reference as unreachable steps and dead ends", () => {
      const sop = makeSop("s", { a: step.instruction("b"), b: step.instruction("don"), done: step.end() });
      expect(codes(sop)).toEqual(["error unknown-step /steps/b/next"]);
    });

    it("reports a track that runs into the main flow", () => {
      const sop = makeSop("s", {
        par: {
          kind: "parallel",
          title: t("P"),
          tracks: [
            { id: "x", title: t("X"), start: "x1" },
            { id: "y", title: t("Y"), start: "y1" },
          ],
          next: "after",
        },
        x1: step.instruction("x-end"),
        "x-end": step.end(),
        y1: step.instruction("after"),
        after: step.end(),
      });
      const found = lint(sop);
      expect(found.map((i) => `${i.code} ${i.pointer}`)).toEqual(["track-escape /steps/after"]);
      expect(found[0].message).toContain('the main flow and track "y" of step "par"');
    });

    it("warns about a route after one without a condition, and rejects routes all with conditions", () => {
      const sop = makeSop("s", {
        a: step.yesNo("x", [{ to: "b" }, { when: "x", to: "done" }]),
        b: step.yesNo("y", [
          { when: "y", to: "done" },
          { when: "!y", to: "done" },
        ]),
        done: step.end(),
      });
      expect(codes(sop)).toEqual(["warning dead-end /steps/a/next/1", "error no-default-route /steps/b/next"]);
    });

    it("reports a procedure that runs itself", () => {
      const sop = makeSop("self", {
        run: { kind: "procedure", title: t("Again"), sop: "self", next: "done" },
        done: step.end(),
      });
      const found = lint(sop);
      expect(found.map((i) => `${i.code} ${i.pointer}`)).toEqual(["procedure-cycle /steps/run/sop"]);
      expect(found[0].message).toBe(
        'Step "run" runs "self", which runs "self" again: procedures must not call themselves.',
      );
    });
  });

  it("rejects every text without both locales, wherever it stands", () => {
    const sop = makeSop(
      "s",
      {
        a: {
          kind: "question",
          title: { es: "Con quién" },
          say: { en: "With whom?" },
          variable: "w",
          answer: { type: "one-of", options: [{ value: "alone", label: { es: "Solo" } }] },
          next: "done",
        },
        done: step.end(),
      },
      { title: { en: "Only English" } },
    );
    expect(lint(sop).map((i) => `${i.severity} ${i.pointer} ${i.message}`)).toEqual([
      'error /title "title": the text has no es version.',
      'error /steps/a/title Step "a" (at title): the text has no en version.',
      'error /steps/a/say Step "a" (at say): the text has no es version.',
      'error /steps/a/answer/options/0/label Step "a" (at answer.options.0.label): the text has no en version.',
    ]);
  });
});

describe("the texts lint checks for both languages", () => {
  it.each(["sop", "catalog", "scenario"] as const)(
    "are every field the %s schema gives as a text, so a new text field cannot go unchecked",
    (kind) => {
      const schema = JSON.parse(readFileSync(join(import.meta.dirname, `../../schemas/${kind}.schema.json`), "utf8"));
      const fields = new Set<string>();
      const walk = (value: unknown, key?: string) => {
        if (Array.isArray(value)) for (const v of value) walk(v, key);
        else if (value && typeof value === "object") {
          if ((value as { $ref?: string }).$ref === "#/$defs/Text" && key) fields.add(key);
          for (const [k, v] of Object.entries(value)) walk(v, k);
        }
      };
      walk(schema);
      expect([...TEXT_FIELDS[kind]].sort()).toEqual([...fields].sort());
    },
  );
});

describe("nesting a case can be run with", () => {
  const text = t("x");
  it("refuses parallel tracks nested deeper than the statechart can be built, once, at the first too deep", () => {
    const steps: Record<string, Step> = {};
    for (let i = 0; i < 14; i++) {
      steps[`p${i}`] = {
        kind: "parallel",
        title: text,
        tracks: [
          { id: "a", title: text, start: i < 13 ? `p${i + 1}` : "last" },
          { id: "b", title: text, start: `b${i}` },
        ],
        next: `e${i}`,
      };
      steps[`e${i}`] = step.end();
      steps[`b${i}`] = step.end();
    }
    steps.last = step.end();
    expect(codes(makeSop("deep", steps))).toEqual(["error nesting-too-deep /steps/p12/tracks"]);
  });

  it("refuses procedures running procedures deeper than a case can be run with", () => {
    const chain = Array.from({ length: 14 }, (_, i) =>
      makeSop(`level-${i}`, {
        run:
          i < 13 ? { kind: "procedure", title: text, sop: `level-${i + 1}`, next: "done" } : step.instruction("done"),
        done: step.end(),
      }),
    );
    const found = lint(chain[0], undefined, chain.slice(1));
    expect(found.map((i) => `${i.code} ${i.pointer} ${i.params.depth}`)).toEqual([
      "nesting-too-deep /steps/run/sop 13",
    ]);
  });
});
