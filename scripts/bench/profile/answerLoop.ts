// Runs whole sessions of one system on the questionnaire, for `node --cpu-prof` (see profileNode.ts):
//   node --cpu-prof --import tsx scripts/bench/profile/answerLoop.ts senda 500 200
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { runSession, SYSTEMS } from "../questionnaire/systems";

const [id = "senda", size = "500", sessions = "200"] = process.argv.slice(2);
const system = SYSTEMS.find((s) => s.id === id);
if (!system) throw new Error(`no system "${id}"; systems: ${SYSTEMS.map((s) => s.id).join(", ")}`);
const questionnaire = generateQuestionnaire(Number(size));
const model = system.build(system.source(questionnaire));
const answers = generateAnswers(Number(size), 1);
const start = performance.now();
let asked = 0;
for (let i = 0; i < Number(sessions); i++) asked += runSession(system, model, answers).asked.length;
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    system: id,
    size: Number(size),
    sessions: Number(sessions),
    asked,
    usPerAnswer: (ms * 1000) / asked,
  }),
);
