// Compiles (or with "load", validates + lints + compiles) the questionnaire SOP of one size, for `node --cpu-prof`:
//   node --cpu-prof --import tsx scripts/bench/profile/compileLoop.ts [size] [runs] [compile|load]

import { loadLibrary } from "../../../src/engine/index";
import { generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { senda } from "../questionnaire/systems";
import { QUESTIONNAIRE_CATALOG } from "../questionnaire/toSendaSop";

const [size = "5000", runs = "5", what = "compile"] = process.argv.slice(2);
const source = senda.source(generateQuestionnaire(Number(size)));
for (let i = 0; i < Number(runs); i++) {
  const start = process.cpuUsage();
  if (what === "load")
    loadLibrary([
      { path: `questionnaire-${size}.sop.json`, text: source },
      { path: "catalog/bench.json", text: JSON.stringify(QUESTIONNAIRE_CATALOG) },
    ]);
  else senda.build(source);
  const used = process.cpuUsage(start);
  console.log(`${what} ${size}: ${((used.user + used.system) / 1000).toFixed(1)} ms CPU`);
}
