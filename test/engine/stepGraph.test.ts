import fc from "fast-check";
import { costToEnd, stronglyConnected } from "../../src/engine/definition/stepGraph";
import { collectRegions, nextEdges } from "../../src/engine/index";
import { loadTestLibrary } from "./readFixture";
import { makeSop, step } from "./sopBuilder";

const intake = loadTestLibrary().library.sops.get("intake")!;

describe("nextEdges", () => {
  it("gives a plain next as one edge, and routes in the order they are tried", () => {
    expect(nextEdges("welcome", intake.steps.welcome)).toEqual([
      { to: "ask-dob", pointer: "/steps/welcome/next", route: -1 },
    ]);
    expect(nextEdges("ask-with", intake.steps["ask-with"])).toEqual([
      { to: "child-protection", when: '"uasc" in flags', pointer: "/steps/ask-with/next/0/to", route: 0 },
      { to: "consent-health", when: undefined, pointer: "/steps/ask-with/next/1/to", route: 1 },
    ]);
    expect(nextEdges("closed", intake.steps.closed)).toEqual([]);
  });

  it("gives the same edges again for an unchanged step, and new ones for a step edited in place or renamed", () => {
    const routed = {
      kind: "instruction",
      text: { es: "a", en: "a" },
      next: [{ to: "x", when: "true" }, { to: "y" }],
    } as unknown as (typeof intake.steps)[string];
    const first = nextEdges("r", routed);
    expect(nextEdges("r", routed)).toBe(first);
    const next = (routed as unknown as { next: { to: string; when?: string }[] }).next;
    next[0].to = "z";
    expect(nextEdges("r", routed).map((e) => e.to)).toEqual(["z", "y"]);
    next[1].when = "false";
    expect(nextEdges("r", routed).map((e) => e.when)).toEqual(["true", "false"]);
    next.push({ to: "w" });
    expect(nextEdges("r", routed)).toHaveLength(3);
    (routed as unknown as { next: string }).next = "v";
    expect(nextEdges("r", routed)).toEqual([{ to: "v", pointer: "/steps/r/next", route: -1 }]);
    expect(nextEdges("s", routed)).toEqual([{ to: "v", pointer: "/steps/s/next", route: -1 }]);
  });
});

describe("collectRegions", () => {
  it("gives the main flow and one region per parallel track", () => {
    const regions = collectRegions(intake);
    expect([...regions.keys()]).toEqual(["", "care/medical", "care/registration"]);
    expect(regions.get("care/medical")).toEqual({
      entry: "ask-incident",
      parallel: "care",
      steps: ["ask-incident", "ask-since", "medical-done", "refer-clinic"],
    });
    expect(regions.get("")?.steps).not.toContain("ask-incident");
    expect(regions.get("")?.steps).toContain("referred");
  });

  it("skips unknown targets and survives loops", () => {
    const sop = makeSop("s", {
      a: step.yesNo("x", [{ when: "x", to: "a" }, { when: "!x", to: "nowhere" }, { to: "done" }]),
      done: step.end(),
    });
    expect(collectRegions(sop).get("")?.steps).toEqual(["a", "done"]);
  });
});

describe("costToEnd", () => {
  it("counts the cheapest way to an end, and leaves out steps that cannot reach one", () => {
    const sop = makeSop("s", {
      a: step.yesNo("x", [{ when: "x", to: "b" }, { to: "c" }]),
      b: step.instruction("done"),
      c: step.instruction("d"),
      d: step.instruction("done"),
      loop: step.instruction("loop"),
      done: step.end(),
    });
    const ids = Object.keys(sop.steps);
    const inputs = costToEnd(sop, ids, (s) => (s.kind === "end" ? 0 : 1));
    expect(Object.fromEntries(inputs)).toEqual({ done: 0, b: 1, d: 1, c: 2, a: 2 });
    expect(inputs.has("loop")).toBe(false);
    expect(Object.fromEntries(costToEnd(sop, ids, () => 0))).toEqual({ done: 0, b: 0, d: 0, c: 0, a: 0 });
  });
});

describe("stronglyConnected", () => {
  /** The nodes each node reaches (itself included), by plain search: the reference for the components. */
  function reachable(nodes: string[], edges: Map<string, string[]>): Map<string, Set<string>> {
    const known = new Set(nodes);
    const result = new Map<string, Set<string>>();
    for (const start of nodes) {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length > 0)
        for (const next of edges.get(queue.pop()!) ?? [])
          if (known.has(next) && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
      result.set(start, seen);
    }
    return result;
  }

  it("groups exactly the nodes that reach one another, each group in the nodes' order, callees first", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(13), fc.nat(13)), { maxLength: 40 }),
        (count, pairs) => {
          // Node names out of alphabetical order, and edges to a node outside the list (13) that must be ignored.
          const nodes = Array.from({ length: count }, (_, i) => `n${(i * 7) % count}-${i}`);
          const name = (i: number) => (i < count ? nodes[i] : "outside");
          const edges = new Map<string, string[]>();
          for (const [from, to] of pairs)
            if (from < count) edges.set(name(from), [...(edges.get(name(from)) ?? []), name(to)]);
          const components = stronglyConnected(nodes, (n) => edges.get(n) ?? []);
          const reach = reachable(nodes, edges);
          const componentOf = new Map<string, number>();
          components.forEach((members, i) => {
            for (const m of members) componentOf.set(m, i);
            expect(members).toEqual(nodes.filter((n) => members.includes(n)));
          });
          expect([...componentOf.keys()].sort()).toEqual([...nodes].sort());
          for (const a of nodes)
            for (const b of nodes) {
              const together = reach.get(a)!.has(b) && reach.get(b)!.has(a);
              expect(componentOf.get(a) === componentOf.get(b)).toBe(together);
              // Reverse topological order: a component comes before every component that reaches it.
              if (reach.get(a)!.has(b) && !together) expect(componentOf.get(b)!).toBeLessThan(componentOf.get(a)!);
            }
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
