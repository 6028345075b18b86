import { checkSop, replay, type SopDefinition } from "../../src/engine/index";
import { makeSop, step, t } from "../engine/sopBuilder";
import { compileWithFixtureCatalog } from "./analysisFixtures";

// A coarse run (`planRun` with `coarse`) leaves out the conditions on facts it does not keep, so it reaches more
// states than a case can. It may prove a promise (nothing found), never refute one: what it finds is settled by the
// exact run. These SOPs take the same route twice on one answer; a promise tying the two routes together holds only
// because the routes agree, which a coarse run cannot see.
/** Two routes on `fear`; the second agrees with the first unless `agree` is false. The promise: A leads to C. */
function twice(agree: boolean, id = "routes-twice"): SopDefinition {
  return makeSop(
    id,
    {
      "ask-fear": step.yesNo("fear", [{ when: "fear", to: "a" }, { to: "b" }]),
      a: step.instruction("ask-other"),
      b: step.instruction("ask-other"),
      "ask-other": step.yesNo("other", "second"),
      second: { kind: "decision", title: t("Again"), next: [{ when: agree ? "fear" : "!fear", to: "c" }, { to: "d" }] },
      c: step.instruction("end-c"),
      d: step.instruction("end-d"),
      "end-c": step.end(),
      "end-d": step.end(),
    },
    {
      invariants: [
        { id: "a-leads-to-c", text: t("A leads to C"), when: '"a" in visited', expect: [{ visits: "c" }] },
        { id: "b-asks-other", text: t("B asks"), when: '"b" in visited', expect: [{ visits: "ask-other" }] },
      ],
    },
  );
}

/** A caller that runs `twice` as a procedure, so its promises are proven at the call site. */
const caller = (): SopDefinition =>
  makeSop("runs-twice", {
    "run-it": { kind: "procedure", title: t("Twice"), sop: "routes-twice", next: "end-after" },
    "end-after": step.end(),
  });

function check(sop: SopDefinition, others: SopDefinition[] = []) {
  const lines: string[] = [];
  const report = checkSop(compileWithFixtureCatalog(sop, others), { debug: (line) => lines.push(line) });
  const status = Object.fromEntries(report.verdicts.map((v) => [v.invariant, v.status]));
  return { report, status, lines };
}

describe("coarse runs", () => {
  it("prove what does not hang on the routes, and leave what does to the exact run, which proves it", () => {
    const { status, lines } = check(twice(true));
    expect(status).toEqual({ "a-leads-to-c": "proven", "b-asks-other": "proven" });
    // Each promise is checked at both ends. The coarse run proved three of the four: all but "A leads to C" where the
    // case ends at D, which only the exact run can settle (both routes read the same answer).
    expect(lines.filter((l) => l.includes("coarse"))).toEqual([
      expect.stringMatching(/^4 :a-leads-to-c coarse: 3 proven /),
    ]);
  });

  it("never hide a violation: the exact run refutes it with a case the runtime confirms", () => {
    const { report, status } = check(twice(false));
    expect(status["a-leads-to-c"]).toBe("violated");
    expect(status["b-asks-other"]).toBe("proven");
    const verdict = report.verdicts.find((v) => v.invariant === "a-leads-to-c")!;
    const compiled = compileWithFixtureCatalog(twice(false));
    const played = replay(compiled, verdict.counterexample!.actions);
    expect(played.session.context.violations.map((v) => v.invariant)).toContain("a-leads-to-c");
  });

  it("do the same at a call site: a procedure's promises proven, and refuted, inside its caller", () => {
    const proven = check(caller(), [twice(true)]);
    expect(proven.status).toEqual({ "a-leads-to-c": "proven", "b-asks-other": "proven" });
    expect(proven.lines).toContainEqual(expect.stringMatching(/^call site run-it \(coarse\): 3 of 4 checks proven/));
    expect(proven.lines).toContainEqual(expect.stringMatching(/^call site run-it: 1 checks \[a-leads-to-c\]/));
    const broken = check(caller(), [twice(false)]);
    expect(broken.status).toEqual({ "a-leads-to-c": "violated", "b-asks-other": "proven" });
  });
});
