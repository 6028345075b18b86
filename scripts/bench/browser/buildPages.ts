import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { build, type InlineConfig, type Plugin, type PluginOption, type UserConfig } from "vite";
import { buildSopBundle } from "../../buildSopBundle";
import { generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { toSendaSop } from "../questionnaire/toSendaSop";
import { toSurveyJson } from "../questionnaire/toSurveyJs";
import { toXStateConfig } from "../questionnaire/toXStateConfig";

const ROOT = resolve(import.meta.dirname, "../../..");
/** The SOP library of the benchmark's app build: the shipped one plus the questionnaire, inside the Vite root. */
const BENCH_LIBRARY = "node_modules/.senda-bench/sop";

/** Where the built pages are, each a folder to serve. */
export interface BuiltPages {
  /** The officers' app, with the questionnaire SOP shipped beside the real ones. */
  senda: string;
  surveyjs: string;
  xstate: string;
  remove(): void;
}

/** Serves the questionnaire's SurveyJS model and XState config to the bench pages as `virtual:bench-model`. */
function benchModel(size: number): Plugin {
  const questionnaire = generateQuestionnaire(size);
  const code = [
    `export const surveyJson = ${JSON.stringify(toSurveyJson(questionnaire))};`,
    `export const xstateConfig = ${JSON.stringify(toXStateConfig(questionnaire))};`,
  ].join("\n");
  return {
    name: "senda-bench-model",
    resolveId: (id) => (id === "virtual:bench-model" ? "\0virtual:bench-model" : undefined),
    load: (id) => (id === "\0virtual:bench-model" ? code : undefined),
  };
}

/** The shipped library copied beside the questionnaire SOP, for the app build. */
function writeBenchLibrary(size: number): void {
  const dir = join(ROOT, BENCH_LIBRARY);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(join(ROOT, "sop")).filter((f) => f.endsWith(".sop.json")))
    cpSync(join(ROOT, "sop", file), join(dir, file));
  cpSync(join(ROOT, "sop", "catalog"), join(dir, "catalog"), { recursive: true });
  const sop = toSendaSop(generateQuestionnaire(size));
  writeFileSync(join(dir, `${sop.id}.sop.json`), `${JSON.stringify(sop, null, 2)}\n`);
}

async function buildApp(outDir: string, profiling: boolean): Promise<void> {
  const config = (await import("../../../vite.config")).default as UserConfig;
  const plugins = (config.plugins as unknown[] as { flat(depth: number): PluginOption[] }).flat(10);
  const replaced = plugins.map((p) =>
    p && typeof p === "object" && "name" in p && p.name === "senda-sop-bundle" ? buildSopBundle(BENCH_LIBRARY) : p,
  );
  const inline: InlineConfig = {
    ...config,
    configFile: false,
    root: ROOT,
    logLevel: "error",
    mode: "production",
    plugins: replaced,
    build: {
      ...config.build,
      outDir,
      emptyOutDir: true,
      // For profiling: readable function names and `//#region <module>` comments that say which module a line is in.
      ...(profiling ? { minify: false, sourcemap: true } : {}),
    },
  };
  delete (inline as { test?: unknown }).test;
  await build(inline);
}

async function buildPage(name: "surveyjs" | "xstate", outDir: string, size: number): Promise<void> {
  await build({
    configFile: false,
    root: join(import.meta.dirname, "pages", name),
    logLevel: "error",
    mode: "production",
    plugins: [react(), benchModel(size)],
    build: { outDir, emptyOutDir: true, manifest: true, target: "es2022" },
  });
}

/**
 * Builds the three pages of the browser benchmark into a temporary folder: the officers' app (production build, with
 * the questionnaire of `size` questions shipped as an SOP), and the minimal React + SurveyJS and React + raw XState
 * pages on the same questionnaire. With `profiling`, the app is built unminified with source maps.
 */
export async function buildPages(size: number, options: { profiling?: boolean } = {}): Promise<BuiltPages> {
  const dir = mkdtempSync(join(tmpdir(), "senda-bench-pages-"));
  const pages = { senda: join(dir, "senda"), surveyjs: join(dir, "surveyjs"), xstate: join(dir, "xstate") };
  // Vite reads NODE_ENV to pick React's build: a production build, whatever the caller's environment says.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    writeBenchLibrary(size);
    await buildApp(pages.senda, options.profiling === true);
    await buildPage("surveyjs", pages.surveyjs, size);
    await buildPage("xstate", pages.xstate, size);
  } finally {
    process.env.NODE_ENV = previous;
    rmSync(join(ROOT, BENCH_LIBRARY), { recursive: true, force: true });
  }
  return { ...pages, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
