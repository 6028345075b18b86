import { checkSop, type Expectation, lintSop, replay, type SopDefinition } from "../../src/engine/index";
import { makeSop, step, t } from "../engine/sopBuilder";
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

  it("differs from avoids: a question skipped because its answer was passed in is still gone through", () => {
    expect(verdictOf(caller({ avoids: "run-callee/ask-age" })).status).toBe("violated");
    expect(verdictOf(caller({ visits: "run-callee/ask-age" })).status).toBe("proven");
  });

  it("names a step path that does not exist, with the nearest one", () => {
    const sop = caller({ notAsked: "run-callee/ask-ages" });
    const library = loadAnalysisFixtures().library;
    const issues = lintSop(sop, { ...library, sops: new Map([...library.sops, [sop.id, sop]]) });
    const unknown = issues.find((i) => i.code === "unknown-step");
    expect(unknown?.pointer).toBe("/invariants/0/expect/0/notAsked");
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
