import { defineConfig } from "vitest/config";

/**
 * Browser tests: the built app served by `vite preview` on loopback, driven through Playwright in Debian's Chromium.
 * One file at a time (the machine has two cores, and each file starts a browser).
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/browser/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
