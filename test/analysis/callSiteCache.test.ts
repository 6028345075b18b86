import { CallSiteCache, checkSop, type SopDefinition } from "../../src/engine/index";
import { compileWithFixtureCatalog } from "./analysisFixtures";

// Proofs of a procedure at a call site are kept by the procedure's text and the exact states it is entered with:
// another SOP entering it the same way reuses them; one entering it another way (here, with a flag raised before
// it that makes the procedure skip its referral) must be proven again, and is refuted.
const text = (en: string) => ({ es: en, en });
const base = {
  $schema: "../../../schemas/sop.schema.json",
  version: "1.0.0",
  owner: "Senda test suite",
  legalBasis: [],
  notes: text("Test."),
};
const end = (outcome: string) => ({ kind: "end", outcome });
const askAge = (next: unknown) => ({
  kind: "question",
  title: text("Age"),
  say: text("Age?"),
  variable: "age",
  answer: { type: "number", min: 0, max: 120 },
  next,
});
const callee = {
  ...base,
  id: "refers-children",
  title: text("Refers children"),
  start: "ask-age",
  steps: {
    "ask-age": askAge([{ when: "age < 18", to: "known" }, { to: "end-closed" }]),
    known: {
      kind: "decision",
      title: text("Known?"),
      next: [{ when: '"uasc" in flags', to: "end-closed" }, { to: "refer" }],
    },
    refer: {
      kind: "referral",
      title: text("SENNIAF"),
      service: "senniaf",
      urgency: "immediate",
      reason: text("Child"),
      requiresConsent: false,
      next: "end-referred",
    },
    "end-closed": end("closed"),
    "end-referred": end("referred"),
  },
  invariants: [
    { id: "child-referred", text: text("A child is referred"), when: "age < 18", expect: [{ referral: "senniaf" }] },
  ],
} as unknown as SopDefinition;
/** A caller that runs the procedure at `step`, raising the flag "uasc" first when `raise` is set. */
const caller = (id: string, step: string, raise: boolean) =>
  ({
    ...base,
    id,
    title: text(id),
    start: "ask-age",
    steps: {
      "ask-age": askAge(raise ? "mark" : step),
      ...(raise
        ? { mark: { kind: "instruction", title: text("Mark"), effects: [{ raise: "uasc" }], next: step } }
        : {}),
      [step]: {
        kind: "procedure",
        title: text("Refers children"),
        sop: "refers-children",
        with: { age: "age" },
        next: "end-after",
      },
      "end-after": end("closed"),
    },
  }) as unknown as SopDefinition;

const statusOf = (report: ReturnType<typeof checkSop>) =>
  report.verdicts.find((v) => v.invariant === "child-referred")?.status;

describe("proofs kept across call sites (CallSiteCache)", () => {
  it("reuses a procedure's proofs where another SOP enters it the same way, at another step", () => {
    const cache = new CallSiteCache();
    const first = checkSop(compileWithFixtureCatalog(caller("first", "run-it", false), [callee]), { callSites: cache });
    expect(statusOf(first)).toBe("proven");
    expect(cache.stats).toEqual({ hits: 0, stored: 1 });
    const second = checkSop(compileWithFixtureCatalog(caller("second", "run-other", false), [callee]), {
      callSites: cache,
    });
    expect(cache.stats.hits).toBe(1);
    expect(statusOf(second)).toBe("proven");
  });

  it("proves again, and refutes, where the procedure is entered with other facts", () => {
    const cache = new CallSiteCache();
    checkSop(compileWithFixtureCatalog(caller("first", "run-it", false), [callee]), { callSites: cache });
    const flagged = checkSop(compileWithFixtureCatalog(caller("flagged", "run-it", true), [callee]), {
      callSites: cache,
    });
    expect(statusOf(flagged)).toBe("violated");
    expect(cache.stats.hits).toBe(0);
  });
});
