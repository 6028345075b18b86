import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { servePreview } from "./servePreview";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}

/** Builds the app once into a temporary folder and serves it for every browser test file. */
export default async function setup(project: TestProject) {
  if (!existsSync("/usr/bin/chromium"))
    throw new Error(
      "Browser tests need Debian's Chromium at /usr/bin/chromium: run `npm run setup` (or apt-get install chromium).",
    );
  const distDir = mkdtempSync(join(tmpdir(), "senda-dist-"));
  // A production build as `npm run build` makes it, in a process of its own: vitest sets NODE_ENV=test, which would
  // give React's development build and no service worker registration.
  execFileSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--outDir", distDir, "--emptyOutDir", "--logLevel", "error"],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
  );
  const { url, server } = await servePreview(distDir);
  project.provide("baseUrl", url);
  project.provide("distDir", distDir);
  return async () => {
    await server.close();
    rmSync(distDir, { recursive: true, force: true });
  };
}
