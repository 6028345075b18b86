// Where compiling a shipped SOP bundle goes, as the officers' client compiles it (dev aid):
//   node --cpu-prof --import tsx scripts/bench/profile/compileShipped.ts [sop]
import { readdirSync, readFileSync } from "node:fs";
import { buildLibrary, compileSop, type SopDefinition } from "../../../src/engine/index";

const id = process.argv[2] ?? "screening";
const sops = readdirSync("sop")
  .filter((f) => f.endsWith(".sop.json"))
  .map((f) => JSON.parse(readFileSync(`sop/${f}`, "utf8")) as SopDefinition);
const catalogs = readdirSync("sop/catalog").map((f) => JSON.parse(readFileSync(`sop/catalog/${f}`, "utf8")));
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const library = buildLibrary(sops, catalogs);
  const t1 = performance.now();
  compileSop(library.sops.get(id)!, library);
  const t2 = performance.now();
  console.log(`buildLibrary ${(t1 - t0).toFixed(1)} ms, compileSop ${(t2 - t1).toFixed(1)} ms`);
}
