import { checkSop, type Expectation, lintSop, replay, type SopDefinition, type Step } from "../../src/engine/index";
import { makeSop, step, t } from "../engine/sopBuilder";

type Next = Extract<Step, { kind: "question" }>["next"];
type Option = Extract<Extract<Step, { kind: "question" }>["answer"], { type: "several-of" }>["options"][number];

import { compileWithFixtureCatalog, loadAnalysisFixtures } from "./analysisFixtures";

/**
 * "Not asked again": a promise about a question inside a procedure that the caller already answered. The caller
 * fixture passes the age into the callee, so the callee's age question is gone through (visited) but never put to
 * the person; dropping the binding makes it asked again.
 */
function caller(expect: Expectation, withAge = true): SopDefinition {
  const fixtures = loadAnalysisFixtures().library;
  const base = structuredClone(fixtures.sops.get("caller")!);
  if (!withAge) delete (base.steps["run-callee"] as { with?: unknown }).with;
  base.invariants = [
    { id: "age-told-once", text: { es: "Edad una vez", en: "Age told once" }, when: "age >= 18", expect: [expect] },
  ];
  return base;
}

const verdictOf = (sop: SopDefinition) => checkSop(compileWithFixtureCatalog(sop)).verdicts[0];

describe("a question inside a procedure that is not asked again", () => {
  it("is proven when the caller passes the answer in, and refuted with the question asked when it does not", () => {
    expect(verdictOf(caller({ notAsked: "run-callee/ask-age" })).status).toBe("proven");
    const asked = verdictOf(caller({ notAsked: "run-callee/ask-age" }, false));
    expect(asked.status).toBe("violated");
    const actions = asked.counterexample!.actions;
    expect(actions.map((a) => a.step)).toContain("run-callee/ask-age");
    // The runtime agrees: replayed, the case breaks the same promise.
    const compiled = compileWithFixtureCatalog(caller({ notAsked: "run-callee/ask-age" }, false));
    expect(replay(compiled, actions).session.context.violations.map((v) => v.invariant)).toContain("age-told-once");
  });

  it("has an opposite, asked: proven where nothing is passed in, refuted where the caller passes the answer", () => {
    expect(verdictOf(caller({ asked: "run-callee/ask-age" }, false)).status).toBe("proven");
    const passed = caller({ asked: "run-callee/ask-age" });
    const verdict = verdictOf(passed);
    expect(verdict.status).toBe("violated");
    const compiled = compileWithFixtureCatalog(passed);
    const { session } = replay(compiled, verdict.counterexample!.actions);
    expect(session.context.answers.has("run-callee/ask-age")).toBe(false);
    expect(session.context.violations.map((v) => v.invariant)).toContain("age-told-once");
  });

  it("differs from avoids: a question skipped because its answer was passed in is still gone through", () => {
    expect(verdictOf(caller({ avoids: "run-callee/ask-age" })).status).toBe("violated");
    expect(verdictOf(caller({ visits: "run-callee/ask-age" })).status).toBe("proven");
  });

  it.each(["notAsked", "asked"])("names a step path in %s that does not exist, with the nearest one", (key) => {
    const sop = caller({ [key]: "run-callee/ask-ages" } as Expectation);
    const library = loadAnalysisFixtures().library;
    const issues = lintSop(sop, { ...library, sops: new Map([...library.sops, [sop.id, sop]]) });
    const unknown = issues.find((i) => i.code === "unknown-step");
    expect(unknown?.pointer).toBe(`/invariants/0/expect/0/${key}`);
    expect(unknown?.message).toContain("run-callee/ask-age");
  });
});

describe("an answer passed in that the procedure only records", () => {
  // The callee never reads `nationality` in a condition: only the binding decides whether its question is put.
  const askNationality = (next: string) =>
    ({
      kind: "question",
      title: t("Nationality"),
      say: t("Nationality?"),
      variable: "nationality",
      answer: { type: "text", maxLength: 2 },
      next,
    }) as const;
  const callee = makeSop("records-nationality", {
    "ask-nationality": askNationality("done"),
    done: step.end(),
  });
  const caller = (bound: boolean): SopDefinition =>
    makeSop(
      "passes-nationality",
      {
        "ask-nationality": askNationality("run-it"),
        "run-it": {
          kind: "procedure",
          title: t("Records"),
          sop: "records-nationality",
          ...(bound ? { with: { nationality: "nationality" } } : {}),
          next: "end-after",
        },
        "end-after": step.end(),
      },
      {
        invariants: [
          { id: "told-once", text: t("Told once"), expect: [{ notAsked: "run-it/ask-nationality" }] },
        ] as SopDefinition["invariants"],
      },
    );
  const verdict = (bound: boolean) =>
    checkSop(compileWithFixtureCatalog(caller(bound), [callee])).verdicts.find((v) => v.invariant === "told-once")!;

  it("is proven when passed in, and refuted (a real case) when not", () => {
    expect(verdict(true)).toMatchObject({ status: "proven" });
    const asked = verdict(false);
    expect(asked.status).toBe("violated");
    expect(asked.counterexample!.actions.map((a) => a.step)).toContain("run-it/ask-nationality");
  });
});

describe("a list passed in that is made of the case's flags", () => {
  // Fourteen questions each raise a flag, so a binding that reads the flags cannot be tried flag set by flag set
  // (2^14 sets); the callee's question is skipped whenever a value is passed in.
  const flagged = Array.from({ length: 14 }, (_, i) => `f${i}`);
  const questions = Object.fromEntries(
    flagged.map((f, i) => [
      `ask-${f}`,
      step.yesNo(`${f.replace("f", "q")}`, i + 1 < flagged.length ? `ask-${flagged[i + 1]}` : "ask-medicine", {
        effects: [{ raise: f, when: `${f.replace("f", "q")}` }],
      }),
    ]),
  );
  const severalOf = (variable: string, values: string[], next: Next): Step => ({
    kind: "question",
    title: t(variable),
    say: t(`${variable}?`),
    variable,
    answer: {
      type: "several-of",
      options: values.map((value) => ({ value, label: t(value) })) as [Option, ...Option[]],
    },
    next,
  });
  const callee = makeSop("takes-needs", {
    "ask-needs": severalOf(
      "needs",
      ["one", "other", "none_known"],
      [{ when: '"other" in needs', to: "other-care" }, { to: "done" }],
    ),
    "other-care": step.instruction("done"),
    done: step.end(),
  });
  const caller = (binding: string, when: string, expect: Expectation): SopDefinition =>
    makeSop(
      "passes-needs",
      {
        ...questions,
        "ask-medicine": severalOf("medicine", ["chronic", "other"], "run-it"),
        "run-it": {
          kind: "procedure",
          title: t("Needs"),
          sop: "takes-needs",
          with: { needs: binding },
          next: "end-after",
        },
        "end-after": step.end(),
      },
      {
        invariants: [
          { id: "told-once", text: t("Told once"), when, expect: [expect] },
          // Every flag is read somewhere, as in screening, so the analysis tracks them all.
          {
            id: "runs",
            text: t("Runs"),
            when: flagged.map((f) => `"${f}" in flags`).join(" || "),
            expect: [{ visits: "run-it" }],
          },
        ] as SopDefinition["invariants"],
      },
    );
  const check = (sop: SopDefinition) => checkSop(compileWithFixtureCatalog(sop, [callee]));
  // Built as screening builds uasc's health needs: from flags read as `"flag" in flags` and a several-of answer.
  const made = '("f3" in flags ? ["one"] : []) + ("other" in medicine ? ["other"] : [])';

  it("is followed exactly: the question is proven not asked again, and a told answer proven to reach the callee", () => {
    const report = check(
      caller(`size(${made}) > 0 ? ${made} : ["none_known"]`, "true", { notAsked: "run-it/ask-needs" }),
    );
    expect(report.verdicts[0]).toMatchObject({ status: "proven" });
    expect(report.issues.filter((i) => i.kind === "analysis-unsupported")).toEqual([]);
    // The callee's route on "other" sees what the caller's answer put in (the answer's class "other" is told
    // apart from "chronic" only through the binding).
    const reaches = check(caller(made, '"other" in medicine', { visits: "run-it/other-care" }));
    expect(reaches.verdicts[0]).toMatchObject({ status: "proven" });
    const notAlways = check(caller(made, '"chronic" in medicine', { visits: "run-it/other-care" }));
    expect(notAlways.verdicts[0].status).toBe("violated");
    // Nothing but the binding reads "other" in the caller's answer: a person who named both medicines is still
    // told apart from one who named only the chronic one, so "never other care" is refuted for them.
    const both = check(caller(made, '"chronic" in medicine', { avoids: "run-it/other-care" }));
    expect(both.verdicts[0].status).toBe("violated");
    expect(both.verdicts[0].counterexample!.actions).toContainEqual({
      step: "ask-medicine",
      answer: ["chronic", "other"],
    });
  });

  it("when it cannot be followed, takes any value (never 'nothing passed') and says where", () => {
    // Reading the flags as a whole list, with 14 of them, is beyond the analysis: the value passed is unknown.
    const report = check(caller('flags.filter(f, f != "f0")', "true", { notAsked: "run-it/ask-needs" }));
    const warning = report.issues.find((i) => i.kind === "analysis-unsupported");
    expect(warning).toMatchObject({ severity: "warning", step: "run-it" });
    // A value is always passed at run time, so the promise holds; the analysis cannot show it, and says why.
    expect(report.verdicts[0].status).toBe("unproven");
    expect(report.verdicts[0].note).toContain("could only approximate an expression at run-it");
    expect(report.complete).toBe(false);
  });
});
