// Times each answer of whole sessions of Senda and raw XState and prints the mean per tenth of the session, the
// start and the slowest answer: where in a session the time goes, and whether pauses (garbage collection, other
// work on the machine) explain a slow whole-session figure (dev aid).
//   node --expose-gc --import tsx scripts/bench/profile/sessionPositions.ts [size]
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { questionIndex, SYSTEMS } from "../questionnaire/systems";

const size = Number(process.argv[2] ?? 500);
for (const id of ["senda", "xstate"]) {
  const system = SYSTEMS.find((s) => s.id === id)!;
  const q = generateQuestionnaire(size);
  const model = system.build(system.source(q));
  const answers = generateAnswers(size, 1);
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    const s = system.start(model);
    const t1 = performance.now();
    const per: number[] = [];
    let n = 0;
    for (let c = system.current(s); c !== undefined; n++) {
      const a = performance.now();
      system.answer(s, c, answers[questionIndex(c)]);
      c = system.current(s);
      per.push(performance.now() - a);
    }
    const t2 = performance.now();
    const b = (from: number, to: number) =>
      ((per.slice(from, to).reduce((x, y) => x + y, 0) * 1000) / (to - from)).toFixed(1);
    console.log(
      id,
      run,
      "start",
      (t1 - t0).toFixed(2),
      "ms total",
      (t2 - t0).toFixed(1),
      "µs/answer by decile",
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => b(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10))).join(" "),
      "max",
      Math.max(...per).toFixed(1),
    );
  }
}
