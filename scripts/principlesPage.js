#!/usr/bin/env node
// Writes docs/principles.md: per protection principle, the invariants and scenarios that hold it.
// `--check` builds the page in memory and fails when the committed file is stale.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const { principleNames, principlesPage, readPrincipleSources, tracePrinciples } = await import(
  "./principles/tracePrinciples.ts"
);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(root, "docs/principles.md");
const page = principlesPage(tracePrinciples(readPrincipleSources(join(root, "sop")), principleNames()));
if (process.argv.includes("--check")) {
  if (!existsSync(file) || readFileSync(file, "utf8") !== page) {
    console.error(`${file}: stale; run \`npm run principles\` and commit the result`);
    process.exit(1);
  }
} else {
  writeFileSync(file, page);
}
