import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../../src/engine");

/** Every TypeScript file below a folder. */
function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : filesIn(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

/** The engine files a file imports (relative imports only), resolved to paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)[^;]*?from "(\.[^"]+)"/gms)) {
    const target = resolve(dirname(file), match[1]);
    out.push(target.endsWith(".ts") ? target : `${target}.ts`);
  }
  return out;
}

describe("the analysis has no import cycles", () => {
  it("no file of src/engine/analysis reaches itself through its imports", () => {
    const files = filesIn(join(ROOT, "analysis"));
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(join(ROOT, "analysis")))]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map((f) => relative(ROOT, f)).join(" → "));
        return;
      }
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) visit(next);
      stack.pop();
      state.set(file, "done");
    };
    for (const file of files) visit(file);
    expect(cycles).toEqual([]);
  });

  it("each concern of the analysis keeps its types beside it, and imports the others only in one direction", () => {
    const concerns = ["answers", "exploration", "checks", "coverage", "diff"];
    for (const concern of concerns) expect(statSync(join(ROOT, "analysis", concern, "types.ts")).isFile()).toBe(true);
    // answers ← exploration ← (checks, coverage, diff): nothing imports a concern to its right.
    const rank = (path: string) => concerns.findIndex((c) => path.includes(`/analysis/${c}/`));
    const backwards: string[] = [];
    for (const file of filesIn(join(ROOT, "analysis")))
      for (const target of importsOf(file)) {
        const [from, to] = [rank(file), rank(target)];
        if (from >= 0 && to >= 0 && to > from && !(from >= 2 && to >= 2 && to !== from))
          backwards.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
        if (from >= 2 && to >= 2 && to !== from) backwards.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
      }
    expect(backwards).toEqual([]);
  });
});
