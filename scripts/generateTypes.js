// Generates TypeScript types from the JSON Schemas, the one source of the types.
// `--check` regenerates in memory and fails when a committed file is stale.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "src/engine/definition/generated");
const schemas = ["sop", "catalog", "scenario", "case-event", "surge-plan"];
const check = process.argv.includes("--check");

let stale = 0;
for (const name of schemas) {
  const schema = JSON.parse(readFileSync(join(root, "schemas", `${name}.schema.json`), "utf8"));
  const ts = await compile(schema, schema.title, {
    bannerComment: `/* Generated from schemas/${name}.schema.json by scripts/generateTypes.js. Do not edit by hand: edit the schema and run \`npm run generate\`. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    format: false,
  });
  const file = join(outDir, `${name}.ts`);
  if (check) {
    if (!existsSync(file) || readFileSync(file, "utf8") !== ts) {
      console.error(`${file}: stale; run \`npm run generate\` and commit the result`);
      stale++;
    }
  } else {
    writeFileSync(file, ts);
  }
}
if (stale) process.exit(1);
