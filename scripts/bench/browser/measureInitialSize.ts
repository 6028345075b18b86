import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** The JavaScript and CSS a page needs before its first screen, gzipped (level 9), in bytes. */
export interface InitialSize {
  js: number;
  css: number;
  files: string[];
}

/**
 * The initial JavaScript and CSS of a Vite build: the entry chunk and its static imports, plus the dynamic imports
 * the page awaits before its first screen (`awaited`: the store's PouchDB, for the officers' area), as
 * `scripts/reportSizes.js` counts them; and the CSS those chunks bring. With `from`, the closure starts at that
 * module instead (the case screens once a case is opened), counted on top of the entry's.
 */
export function measureInitialSize(dist: string, awaited: readonly RegExp[] = [], from?: RegExp): InitialSize {
  const path = join(dist, ".vite", "manifest.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: build with build.manifest: true`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, ManifestChunk>;
  const keys = new Set<string>();
  const add = (key: string) => {
    if (keys.has(key) || !manifest[key]) return;
    keys.add(key);
    for (const imported of manifest[key].imports ?? []) add(imported);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error(`${path} names no entry chunk`);
  add(entry);
  for (const key of [...keys])
    for (const dynamic of manifest[key].dynamicImports ?? []) if (awaited.some((re) => re.test(dynamic))) add(dynamic);
  if (from) {
    const start = Object.keys(manifest).find((k) => from.test(k));
    if (start) add(start);
  }
  const files = [...new Set([...keys].flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])]))];
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  return {
    js: files.filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gz(f), 0),
    css: files.filter((f) => f.endsWith(".css")).reduce((sum, f) => sum + gz(f), 0),
    files,
  };
}
