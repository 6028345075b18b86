/// <reference types="vitest/config" />

import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { buildSopBundle } from "./scripts/buildSopBundle.ts";

/**
 * The built app's Content-Security-Policy: scripts, styles and data from the app's own origin only, and no
 * `unsafe-eval` (CEL runs on @marcbachmann/cel-js, which needs no eval; the schema validators are precompiled).
 * Inline styles are not allowed either: React sets style properties through the CSSOM, which CSP does not block.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/**
 * codemirror-json-schema renders schema descriptions as markdown with markdown-it and Shiki (hundreds of KB and a
 * WebAssembly engine the CSP would have to allow); the SOP schema's descriptions are plain sentences, so the editor
 * swaps in a plain-text renderer.
 */
function plainSchemaMarkdown(): Plugin {
  const replacement = fileURLToPath(new URL("./src/ui/editor/json/plainMarkdown.ts", import.meta.url));
  return {
    name: "senda-plain-schema-markdown",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "../utils/markdown" && importer?.includes("codemirror-json-schema")) return replacement;
      return null;
    },
  };
}

/** Adds the policy to the built page only: the dev server injects inline scripts (React Fast Refresh) it would block. */
function contentSecurityPolicy(): Plugin {
  return {
    name: "senda-content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY },
        injectTo: "head-prepend",
      },
    ],
  };
}

// The precompiled Ajv validators (~400 KB) are wrapped in an IIFE that a bundler must assume has side effects; they
// have none, so declaring it lets tree-shaking drop them from the officers' area, which never validates.
const SIDE_EFFECT_FREE = /[\\/]src[\\/]engine[\\/]/;

export default defineConfig({
  plugins: [
    react(),
    plainSchemaMarkdown(),
    buildSopBundle(),
    contentSecurityPolicy(),
    VitePWA({
      injectRegister: false,
      registerType: "autoUpdate",
      includeAssets: ["icon.svg", "icon-192.png", "icon-512.png"],
      manifest: {
        name: "Senda: procedimientos de protección",
        short_name: "Senda",
        description:
          "Procedimientos operativos estándar para la respuesta a los flujos migratorios mixtos · Standard operating procedures for mixed migratory flows",
        lang: "es",
        start_url: "/",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#0b4f71",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        // Every built file, so that the app, every SOP chunk and the lazy areas open with no network.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        // The Edit area carries the whole library (to play every scenario) and its editors: above Workbox's 2 MiB
        // default, yet it must open offline too.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: "/index.html",
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    target: "es2022",
    sourcemap: false,
    manifest: true,
    // The editor's lazy chunk carries the raw library and the schema validators (~1 MB); only policy staff load it.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id: string) => (SIDE_EFFECT_FREE.test(id) ? false : undefined),
      },
    },
  },
  // The surge simulation's Web Worker bundles the engine too: the same tree-shaking keeps out the validators it never calls.
  worker: {
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id: string) => (SIDE_EFFECT_FREE.test(id) ? false : undefined),
      },
    },
  },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    exclude: ["test/browser/**", "node_modules/**"],
    environment: "node",
    globals: true,
    // Every fast-check property runs from a fixed seed (propertySeed.ts), unless `npm run fuzz` gives another.
    setupFiles: ["test/setupTests.ts", "test/propertySeed.ts"],
    testTimeout: 20_000,
  },
});
