// Times the phases of validate + lint + compile of the questionnaire SOP at one size, after warm-up runs, as the
// median of the runs (wall time; a full garbage collection before each run when `--expose-gc` is given):
//   node --expose-gc --import tsx scripts/bench/profile/compilePhases.ts [size] [runs]
import { performance } from "node:perf_hooks";
import { setup } from "xstate";
import {
  buildLibrary,
  checkMachineConfig,
  compileSop,
  hashJson,
  lintSop,
  loadLibrary,
  loadSop,
} from "../../../src/engine/index";
import { generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { senda } from "../questionnaire/systems";
import { QUESTIONNAIRE_CATALOG } from "../questionnaire/toSendaSop";

const [size = "5000", runs = "15"] = process.argv.slice(2);
const source = senda.source(generateQuestionnaire(Number(size)));
const gc = (globalThis as { gc?: () => void }).gc;
const phases = new Map<string, number[]>();
const time = <T>(name: string, work: () => T): T => {
  const start = performance.now();
  const result = work();
  const list = phases.get(name) ?? [];
  list.push(performance.now() - start);
  phases.set(name, list);
  return result;
};
for (let i = 0; i < Number(runs) + 3; i++) {
  if (i === 3) phases.clear();
  gc?.();
  time("whole loadLibrary", () =>
    loadLibrary([
      { path: `questionnaire-${size}.sop.json`, text: source },
      { path: "catalog/bench.json", text: JSON.stringify(QUESTIONNAIRE_CATALOG) },
    ]),
  );
  gc?.();
  const loaded = time("parse + validate", () => loadSop(source, "q.sop.json"));
  const sop = loaded.value!;
  const library = buildLibrary([sop], [QUESTIONNAIRE_CATALOG]);
  time("lint", () => lintSop(sop, library));
  const { config } = time("compileSop (all of it)", () => compileSop(sop, library));
  // Parts of the compilation, again on their own:
  time("checkMachineConfig", () => checkMachineConfig(config));
  time("createMachine (no guards)", () => setup({}).createMachine({ ...(config as object) } as never));
  time("hashJson", () => hashJson([sop]));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of phases) console.log(`${name.padEnd(28)} ${median(xs).toFixed(1).padStart(7)} ms`);
