import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import {
  classifyPath,
  type DocumentKind,
  type LoadedLibrary,
  loadLibrary,
  type SchemaReferences,
  type SourceFile,
} from "../../src/engine/index";
import { UsageError } from "./command";

/** Every JSON file below a directory, sorted. */
export function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") out.push(...listJsonFiles(full));
    else if (entry.isFile() && entry.name.endsWith(".json")) out.push(full);
  }
  return out.sort();
}

/** The library folder a file belongs to: the nearest parent with a `catalog/` folder, else the file's folder. */
export function libraryRootOf(path: string): string {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, "catalog")) && statSync(join(d, "catalog")).isDirectory()) return d;
    if (dirname(d) === d) break;
  }
  return dir;
}

/** Loads the libraries the given paths belong to; `targets` are the files the user asked about. */
export function loadLibraryFor(paths: string[], cwd: string): { loaded: LoadedLibrary; targets: Set<string> } {
  const roots = new Set<string>();
  const targets = new Set<string>();
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new UsageError(`no such file or folder: ${p}`);
    roots.add(libraryRootOf(full));
    if (statSync(full).isDirectory()) for (const f of listJsonFiles(full)) targets.add(f);
    else {
      if (!classifyPath(full))
        throw new UsageError(
          `${p}: not an SOP (*.sop.json), scenario (*.scenario.json) or catalog (catalog/*.json) file`,
        );
      targets.add(full);
    }
  }
  const files = new Set<string>(targets);
  for (const root of roots) for (const f of listJsonFiles(root)) files.add(f);
  const sources: SourceFile[] = [...files].sort().map((f) => ({ path: relative(cwd, f) || f, text: readText(f, cwd) }));
  const loaded = loadLibrary(sources, { schemaReferences: schemaReferences(cwd) });
  return { loaded, targets: new Set([...targets].map((t) => relative(cwd, t) || t)) };
}

/**
 * Checks `$schema` against the files on disk: the schema of a file's kind is the nearest `schemas/<kind>.schema.json`
 * above it (the repository's), and a `$schema` must name a file that exists.
 */
export function schemaReferences(cwd: string): SchemaReferences {
  return {
    expected(file: string, kind: DocumentKind) {
      const from = dirname(resolve(cwd, file));
      for (let d = from; ; d = dirname(d)) {
        const candidate = join(d, "schemas", `${kind}.schema.json`);
        if (existsSync(candidate)) return relative(from, candidate).split(sep).join("/");
        if (dirname(d) === d) return undefined;
      }
    },
    exists: (file: string, reference: string) => existsSync(resolve(dirname(resolve(cwd, file)), reference)),
  };
}

/** The default SOP folder, `sop/`, or a clear error. */
export function defaultSopDir(cwd: string): string {
  const dir = join(cwd, "sop");
  if (!existsSync(dir)) throw new UsageError("no sop/ folder here; give the paths to check");
  return "sop";
}

/** A file's text, or a clear error when the file cannot be read (permissions, a folder named like a file). */
function readText(file: string, cwd: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${relative(cwd, file) || file}: cannot be read (${code})`);
  }
}
