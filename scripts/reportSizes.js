#!/usr/bin/env node
/**
 * Prints the gzipped size of every JavaScript chunk of the build, and the initial JavaScript of the officers' Cases
 * area: the entry chunk and what it imports statically (the queue paints from the summaries' mirror, see
 * CaseStore.openEarly, while the case store's database, PouchDB, loads), and the same with PouchDB, which the first
 * start on a device (no mirror yet) waits for before the queue shows; the budget holds for the latter. Fails (exit 1) when that passes the budget, or when a schema
 * validator made its way into it (the officers' area runs on SOPs that CI validated, so it must not carry Ajv code),
 * or when the editor's code did (CodeMirror, ELK, the graph drawing: policy staff's tools, loaded with Edit only).
 *
 * Usage: node scripts/reportSizes.js [distDir] [--budget-kb=150]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !a.startsWith("--")) ?? "dist");
const budgetArg = args.find((a) => a.startsWith("--budget-kb="));
const budgetKb = budgetArg ? Number(budgetArg.split("=")[1]) : 150;
// Dynamic imports the app waits for before its first screen on a device's first start only: the store's database.
const FIRST_START = [/node_modules\/pouchdb-browser\//];
// The lazy areas, named for the report.
const AREAS = [
  { name: "case screens", test: /src\/ui\/runner\/CasePage\.tsx$/ },
  { name: "new case", test: /src\/ui\/runner\/startCase\.ts$/ },
  { name: "Edit", test: /src\/ui\/editor\/EditArea\.tsx$/ },
  { name: "Train", test: /src\/ui\/trainer\/TrainArea\.tsx$/ },
];

// Strings only the editor's libraries carry: CodeMirror's view, ELK's layout engine, React Flow's renderer and the
// JSON Schema language support.
const EDITOR_MARKERS = [
  { name: "CodeMirror", text: "cm-content" },
  { name: "ELK", text: "org.eclipse.elk" },
  { name: "React Flow", text: "react-flow__" },
  { name: "codemirror-json-schema", text: "JSONCompletion" },
];
// Web Workers are emitted beside the chunks; name them in the report.
const WORKERS = [
  { name: "Edit: analysis worker", test: /analysisWorker/ },
  { name: "Edit: ELK layout worker", test: /elkWorker/ },
];

function fail(message) {
  console.error(`reportSizes: ${message}`);
  process.exit(1);
}

const manifestPath = join(dist, ".vite", "manifest.json");
if (!existsSync(manifestPath))
  fail(`${manifestPath} is missing: run \`vite build\` first (with build.manifest: true in vite.config.ts).`);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) fail(`${manifestPath} names no entry chunk.`);

const kb = (bytes) => (bytes / 1024).toFixed(1);
const sizes = new Map();
function sizeOf(file) {
  if (!sizes.has(file)) {
    const buffer = readFileSync(join(dist, file));
    sizes.set(file, { raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length, text: buffer.toString("utf8") });
  }
  return sizes.get(file);
}

/** The chunk files a manifest key needs: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}

const initial = closure(entryKey);
const firstStart = new Set(initial);
for (const file of initial) {
  const key = Object.keys(manifest).find((k) => manifest[k].file === file);
  for (const dynamic of manifest[key]?.dynamicImports ?? [])
    if (FIRST_START.some((re) => re.test(dynamic))) closure(dynamic, firstStart);
}

const roles = new Map([...initial].map((f) => [f, "Cases: initial"]));
for (const file of firstStart) if (!roles.has(file)) roles.set(file, "Cases: after first paint (first start: initial)");
for (const area of AREAS) {
  const key = Object.keys(manifest).find((k) => area.test.test(k));
  if (!key) continue;
  for (const file of closure(key)) if (!roles.has(file)) roles.set(file, `lazy: ${area.name}`);
}
for (const [key, chunk] of Object.entries(manifest))
  if (!roles.has(chunk.file) && /\.sop\.json$/.test(key)) roles.set(chunk.file, "lazy: one SOP");

const assets = join(dist, "assets");
const files = readdirSync(assets)
  .filter((f) => f.endsWith(".js"))
  .map((f) => `assets/${f}`)
  .sort((a, b) => sizeOf(b).gzip - sizeOf(a).gzip);
console.log("JavaScript chunks (gzip -9):");
for (const file of files) {
  const { raw, gzip } = sizeOf(file);
  const worker = WORKERS.find((w) => w.test.test(file));
  console.log(
    `  ${file.padEnd(52)} ${kb(raw).padStart(8)} KB ${kb(gzip).padStart(7)} KB gz  ${roles.get(file) ?? (worker ? `worker: ${worker.name}` : "lazy: shared")}`,
  );
}

let initialGzip = 0;
for (const file of initial) initialGzip += sizeOf(file).gzip;
let firstStartGzip = 0;
for (const file of firstStart) firstStartGzip += sizeOf(file).gzip;
const schemas = resolve(dirname(fileURLToPath(import.meta.url)), "..", "schemas");
const schemaIds = readdirSync(schemas)
  .filter((f) => f.endsWith(".schema.json"))
  .map((f) => JSON.parse(readFileSync(join(schemas, f), "utf8")).$id)
  .filter(Boolean);
const carriers = [...firstStart].filter((file) => schemaIds.some((id) => sizeOf(file).text.includes(id)));

console.log(
  `\nCases area, initial JavaScript: ${kb(initialGzip)} KB gzipped in ${initial.size} chunks: ${[...initial].join(", ")}`,
);
console.log(
  `Cases area, first start on a device (the queue waits for PouchDB): ${kb(firstStartGzip)} KB gzipped (budget ${budgetKb} KB)`,
);
console.log(
  `Schema validators in it: ${carriers.length ? `FOUND in ${carriers.join(", ")}` : `none (checked for ${schemaIds.length} schema ids)`}`,
);
const caseKey = Object.keys(manifest).find((k) => AREAS[0].test.test(k));
if (caseKey) {
  const withCase = closure(caseKey, new Set(firstStart));
  let total = 0;
  for (const file of withCase) total += sizeOf(file).gzip;
  console.log(
    `Cases area once a case is opened (adds the engine's runtime: compiler, XState, CEL; the SOP itself comes on top): ${kb(total)} KB gzipped`,
  );
}
const editKey = Object.keys(manifest).find((k) => AREAS[2].test.test(k));
if (editKey) {
  const editFiles = [...closure(editKey)].filter((f) => !firstStart.has(f));
  let editGzip = 0;
  for (const file of editFiles) editGzip += sizeOf(file).gzip;
  console.log(
    `Edit area when opened (on top of the initial JavaScript): ${kb(editGzip)} KB gzipped in ${editFiles.length} chunks`,
  );
}
const leaks = [...firstStart].flatMap((file) =>
  EDITOR_MARKERS.filter((m) => sizeOf(file).text.includes(m.text)).map((m) => `${m.name} in ${file}`),
);
console.log(
  `Editor code in it: ${leaks.length ? `FOUND: ${leaks.join(", ")}` : `none (checked for ${EDITOR_MARKERS.map((m) => m.name).join(", ")})`}`,
);
if (leaks.length)
  fail(
    `the Cases area's initial JavaScript carries the editor's code (${leaks.join(", ")}); keep it in the lazy Edit chunk.`,
  );
if (carriers.length)
  fail("the Cases area's initial JavaScript carries schema validators; keep Ajv code in the Edit area.");
if (firstStartGzip > budgetKb * 1024)
  fail(
    `the Cases area's initial JavaScript on a first start is ${kb(firstStartGzip)} KB gzipped, over the ${budgetKb} KB budget.`,
  );
