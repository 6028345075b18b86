import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type PrincipleSources,
  principleNames,
  principlesPage,
  readPrincipleSources,
  tracePrinciples,
} from "../../scripts/principles/tracePrinciples";
import { loadSop } from "../../src/engine/index";
import { shippedLibrary } from "../trainer/shippedLibrary";

const ROOT = resolve(import.meta.dirname, "../..");

/** The shipped library as `senda validate` loads it (every file valid), in the shape the trace reads. */
function shippedSources(): PrincipleSources {
  const { library, sopFiles, scenarios } = shippedLibrary();
  return {
    sops: [...library.sops.values()].map((sop) => ({ file: sopFiles.get(sop.id) ?? sop.id, sop })),
    scenarios: scenarios.map(({ file, scenario }) => ({ file, scenario })),
  };
}

describe("the library's protection principles", () => {
  const names = principleNames();
  const traces = tracePrinciples(shippedSources(), names);

  it("are the eleven the trainer names", () => {
    expect(names).toHaveLength(11);
    for (const [i, name] of names.entries()) expect(name).toMatch(new RegExp(`^Principle ${i + 1}: \\S`));
  });

  it("each have at least one scenario that plays them", () => {
    expect(traces.filter((t) => t.scenarios.length === 0).map((t) => t.n)).toEqual([]);
  });

  it("have an invariant each (a principle that loses its last invariant shows up)", () => {
    expect(traces.filter((t) => t.invariants.length === 0).map((t) => t.n)).toEqual([]);
    // Principle 9 is held by what the slips carry: the obstetric, treatment, identification, prosecutor and tracing
    // slips (the Red Cross's from the screening and from psychological first aid too).
    expect(traces[8].invariants).toContainEqual(
      expect.objectContaining({ sop: "pregnancy", id: "obstetric-slip-carries-stage-and-danger-signs" }),
    );
    for (const [sop, id] of [
      ["trafficking", "prosecutor-slip-carries-what-the-person-agreed-to-send"],
      ["screening", "tracing-slip-carries-what-tracing-needs"],
      ["pfa", "red-cross-slip-carries-what-tracing-needs"],
      // The nationality screening passes to first aid, so that first aid's tracing slip has it without asking again.
      ["screening", "nationality-not-asked-again-in-pfa"],
      // UNHCR's protection slip from the LGBTIQ procedure says how to address the person and whether they feel safe.
      ["lgbtiq", "protection-slip-says-how-to-address-and-where-safe"],
    ])
      expect(traces[8].invariants).toContainEqual(expect.objectContaining({ sop, id }));
    expect(traces[8].sops).toEqual([
      "hiv-continuity",
      "lgbtiq",
      "older-persons",
      "pfa",
      "pregnancy",
      "screening",
      "trafficking",
      "uasc",
    ]);
  });

  it("are traced to the SOPs whose invariants name them", () => {
    const one = traces[0];
    expect(one.invariants).toContainEqual(expect.objectContaining({ sop: "triage", id: "self-harm-not-left-alone" }));
    expect(one.sops).toContain("triage");
    expect(one.sops).toEqual([...new Set(one.invariants.map((i) => i.sop))].sort());
    const ten = traces[9];
    expect(ten.scenarios.map((s) => s.file)).toContain("scenarios/reverse-flow-haitian-no-money.scenario.json");
  });
});

describe("docs/principles.md", () => {
  it("is the page the shipped library makes (run `npm run principles` after tagging)", () => {
    const fromFiles = principlesPage(tracePrinciples(readPrincipleSources(resolve(ROOT, "sop")), principleNames()));
    const fromLoaded = principlesPage(tracePrinciples(shippedSources(), principleNames()));
    expect(fromFiles).toBe(fromLoaded);
    expect(readFileSync(resolve(ROOT, "docs/principles.md"), "utf8")).toBe(fromFiles);
  });

  it("says so when a principle has no invariant or no scenario", () => {
    const sources: PrincipleSources = {
      sops: [
        {
          file: "b.sop.json",
          sop: {
            id: "b",
            invariants: [{ id: "kept", text: { es: "…", en: "Kept." }, expect: [{ flag: "f" }], principles: [1] }],
          },
        },
        {
          file: "a.sop.json",
          sop: { id: "a", invariants: [{ id: "none", text: { en: "No tag." }, expect: [{ flag: "f" }] }] },
        },
      ],
      scenarios: [
        { file: "scenarios/s.scenario.json", scenario: { id: "s", title: { en: "S" }, tags: ["principle-2"] } },
      ],
    };
    const [one, two] = tracePrinciples(sources, ["Principle 1: one", "Principle 2: two"]);
    expect(one).toMatchObject({ sops: ["b"], invariants: [{ sop: "b", id: "kept" }], scenarios: [] });
    expect(two).toMatchObject({ sops: [], invariants: [], scenarios: [{ id: "s" }] });
    const page = principlesPage([one, two]);
    const section = (n: number) => page.split(`## Principle ${n}:`)[1].split("\n## ")[0];
    expect(section(1)).toContain("- `b:kept`: Kept.");
    expect(section(1)).toContain("No scenario.");
    expect(section(1)).not.toContain("No invariant.");
    expect(section(2)).toContain("No invariant.");
    expect(section(2)).toContain("SOPs whose invariants hold it: none.");
    expect(section(2)).toContain("- [s](../sop/scenarios/s.scenario.json): S");
  });

  it("refuses a tag for a principle that does not exist", () => {
    const sources: PrincipleSources = {
      sops: [],
      scenarios: [
        { file: "scenarios/s.scenario.json", scenario: { id: "s", title: { en: "S" }, tags: ["principle-3"] } },
      ],
    };
    expect(() => tracePrinciples(sources, ["Principle 1: one", "Principle 2: two"])).toThrow(/no principle 3/);
  });
});

describe("an invariant's principles", () => {
  const sopWith = (principles: unknown) =>
    JSON.stringify({
      id: "t",
      version: "1.0.0",
      title: { es: "T", en: "T" },
      owner: "o",
      legalBasis: [],
      start: "a",
      steps: { a: { kind: "end", outcome: "closed" } },
      invariants: [{ id: "i", text: { es: "I", en: "I" }, principles, expect: [{ outcome: ["closed"] }] }],
    });

  it("are numbers 1 to 11, each once", () => {
    expect(loadSop(sopWith([1, 11]), "t.sop.json").issues).toEqual([]);
    for (const bad of [[0], [12], [2.5], [3, 3], [], ["3"]]) {
      const { issues } = loadSop(sopWith(bad), "t.sop.json");
      expect(issues.length, JSON.stringify(bad)).toBeGreaterThan(0);
      for (const issue of issues) expect(issue).toMatchObject({ code: "schema", severity: "error" });
      expect(issues.some((i) => i.pointer.startsWith("/invariants/0/principles"))).toBe(true);
    }
  });
});
