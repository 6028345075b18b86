// Interleaves whole sessions of Senda and raw XState on the questionnaire and prints the median time per answer of
// each and their ratio: on a shared, noisy machine, alternating the two keeps both under the same load (dev aid).
//   node --import tsx scripts/bench/profile/ratioLoop.ts [size] [rounds]
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { runSession, SYSTEMS } from "../questionnaire/systems";

const [size = "500", rounds = "40"] = process.argv.slice(2);
const questionnaire = generateQuestionnaire(Number(size));
const answers = generateAnswers(Number(size), 1);
const timed = ["senda", "xstate"].map((id) => {
  const system = SYSTEMS.find((s) => s.id === id)!;
  return { id, system, model: system.build(system.source(questionnaire)), samples: [] as number[] };
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let round = 0; round < Number(rounds) + 2; round++)
  for (const t of timed) {
    // CPU time of this process rather than wall time: less sensitive to other work on the machine.
    const start = process.cpuUsage();
    const { asked } = runSession(t.system, t.model, answers);
    const used = process.cpuUsage(start);
    const us = (used.user + used.system) / asked.length;
    if (round >= 2) t.samples.push(us);
  }
const [s, x] = timed.map((t) => median(t.samples));
console.log(
  `${size} questions: Senda ${s.toFixed(1)} µs, raw XState ${x.toFixed(1)} µs per answer, ${(s / x).toFixed(2)}×`,
);
