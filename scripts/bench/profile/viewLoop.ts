// The screen's work per answer late in a long case (dev aid): `viewCase`, its summary and the two redactions the case
// screen makes, on the 5,000-question questionnaire after 2,000 answers.
//   node --import tsx scripts/bench/profile/viewLoop.ts
import { PUBLIC_SURFACE, redactView, viewCase } from "../../../src/engine/index";
import { summarizeCase } from "../../../src/store/index";
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { senda } from "../questionnaire/systems";

const size = 5000;
const compiled = senda.build(senda.source(generateQuestionnaire(size)));
const answers = generateAnswers(size, 1);
const session = senda.start(compiled);
for (let i = 0; i < 2000; i++) {
  const step = senda.current(session);
  if (!step) break;
  senda.answer(session, step, answers[Number(/(\d+)/.exec(step)![1])]);
}
const at = new Date(session.events.at(-1)!.at);
const runs = 200;
const start = performance.now();
for (let i = 0; i < runs; i++) {
  const view = viewCase(session, at);
  summarizeCase(view, session.events.length);
  redactView(view, ["public", "restricted"]);
  redactView(view, PUBLIC_SURFACE);
}
const us = ((performance.now() - start) * 1000) / runs;
console.log(`${session.context.answers.size} answers: ${us.toFixed(0)} µs per view, summary and two redactions`);
