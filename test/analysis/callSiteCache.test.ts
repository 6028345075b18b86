import { CallSiteCache, checkSop, type SopDefinition } from "../../src/engine/index";
import { sopBase as base, compileWithFixtureCatalog, end, text } from "./analysisFixtures";

// Proofs of a procedure at a call site are kept by the procedure's text and the exact states it is entered with:
// another SOP entering it the same way reuses them; one entering it another way (here, with a flag raised before
// it that makes the procedure skip its referral) must be proven again, and is refuted.
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
    expect(cache.stats).toMatchObject({ hits: 0, stored: 1 });
    const second = checkSop(compileWithFixtureCatalog(caller("second", "run-other", false), [callee]), {
      callSites: cache,
    });
    // Kept by what the invariant reads of the entry (the whole entry would have given the same).
    expect(cache.stats).toMatchObject({ hits: 0, invariantHits: 1 });
    expect(statusOf(second)).toBe("proven");
  });

  it("proves again, and refutes, where the procedure is entered with other facts", () => {
    const cache = new CallSiteCache();
    checkSop(compileWithFixtureCatalog(caller("first", "run-it", false), [callee]), { callSites: cache });
    const flagged = checkSop(compileWithFixtureCatalog(caller("flagged", "run-it", true), [callee]), {
      callSites: cache,
    });
    expect(statusOf(flagged)).toBe("violated");
    expect(cache.stats).toMatchObject({ hits: 0, invariantHits: 0 });
  });

  // Entry abstraction: each invariant is kept by what it can read of the procedure's entry. "medical-referred" reads
  // the flag "medical" (raised by one caller before the procedure); "child-referred" never does, nor does any route
  // or effect on the way to it. Entered with and without the flag, the procedure's "child-referred" is proven once;
  // "medical-referred" is proven apart, and the caller that raises the flag breaks it.
  const reading = {
    ...callee,
    id: "refers-children-reading",
    invariants: [
      ...(callee.invariants ?? []),
      {
        id: "medical-referred",
        text: text("A person flagged for medical care is referred"),
        when: '"medical" in flags',
        expect: [{ referral: "senniaf" }],
      },
    ],
  } as unknown as SopDefinition;
  const withMedical = (id: string, raise: boolean, pass = true) => {
    const sop = JSON.parse(JSON.stringify(caller(id, "run-it", false))) as { steps: Record<string, unknown> };
    const steps = sop.steps as Record<string, Record<string, unknown>>;
    steps["run-it"].sop = "refers-children-reading";
    if (!pass) delete steps["run-it"].with;
    if (raise) {
      steps["ask-age"].next = "note-medical";
      steps["note-medical"] = {
        kind: "instruction",
        title: text("Medical"),
        effects: [{ raise: "medical" }],
        next: "run-it",
      };
    }
    return sop as unknown as SopDefinition;
  };
  const verdict = (report: ReturnType<typeof checkSop>, invariant: string) =>
    report.verdicts.find((v) => v.invariant === invariant)?.status;

  it("proves an invariant once for entries that differ only in a fact it does not read, and apart where it does", () => {
    const cache = new CallSiteCache();
    const plain = checkSop(compileWithFixtureCatalog(withMedical("plain", false), [reading]), { callSites: cache });
    expect(verdict(plain, "child-referred")).toBe("proven");
    expect(verdict(plain, "medical-referred")).toBe("proven");
    const flagged = checkSop(compileWithFixtureCatalog(withMedical("flagged", true), [reading]), { callSites: cache });
    // The flag is read by one invariant only: the whole entry differs (no site hit), "child-referred" is kept.
    expect(cache.stats.hits).toBe(0);
    expect(cache.stats.invariantHits).toBe(1);
    expect(verdict(flagged, "child-referred")).toBe("proven");
    expect(verdict(flagged, "medical-referred")).toBe("violated");
  });

  it("shares proofs between a procedure checked alone and a caller that enters it with nothing it reads set", () => {
    const cache = new CallSiteCache();
    const alone = checkSop(compileWithFixtureCatalog(reading), { callSites: cache });
    expect(verdict(alone, "child-referred")).toBe("proven");
    expect(cache.stats.invariantHits).toBe(0);
    // Not passed the age, the procedure asks it, as alone: entered with nothing its invariants read set.
    const called = checkSop(compileWithFixtureCatalog(withMedical("plain", false, false), [reading]), {
      callSites: cache,
    });
    expect(verdict(called, "child-referred")).toBe("proven");
    expect(cache.stats.invariantHits).toBeGreaterThanOrEqual(1);
    // Passed the age, it is entered another way: proven again, not kept.
    const hits = cache.stats.invariantHits;
    checkSop(compileWithFixtureCatalog(withMedical("passing", false), [reading]), { callSites: cache });
    expect(cache.stats.invariantHits).toBe(hits);
  });
});
