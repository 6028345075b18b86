import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type CompiledSop, type LoadedLibrary, loadLibrary, type SourceFile } from "../../src/engine/index";

/** The repository's test/fixtures folder. */
export const FIXTURES = resolve(import.meta.dirname, "../fixtures");

/** Every JSON file under a fixture folder, with paths relative to it, sorted. */
export function readFixture(dir: string): SourceFile[] {
  const root = resolve(FIXTURES, dir);
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const full = join(d, name);
      return statSync(full).isDirectory() ? walk(full) : name.endsWith(".json") ? [full] : [];
    });
  return walk(root)
    .sort()
    .map((full) => ({ path: relative(root, full), text: readFileSync(full, "utf8") }));
}

/** The test library (test/fixtures/library), loaded; fails loudly if it is not clean. */
export function loadTestLibrary(): LoadedLibrary {
  const loaded = loadLibrary(readFixture("library"));
  if (loaded.issues.length > 0)
    throw new Error(
      `the test library has issues:\n${loaded.issues.map((i) => `${i.file} ${i.code} ${i.message}`).join("\n")}`,
    );
  return loaded;
}

/** One compiled SOP of the test library. */
export function compiledFixture(id: "intake" | "child-protection"): CompiledSop {
  const compiled = loadTestLibrary().compiled.get(id);
  if (!compiled) throw new Error(`no compiled SOP "${id}" in the test library`);
  return compiled;
}
