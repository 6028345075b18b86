// Times replaying a 1,000-event case from its whole log and from a snapshot some events behind, and the parts of the
// latter (parse, restore) (dev aid).
//   node --import tsx scripts/bench/profile/replayLoop.ts [behind] [rounds]
import { type CaseEvent, CaseSession, replayCase } from "../../../src/engine/index";
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { runSession, senda } from "../questionnaire/systems";
import { toSendaSop } from "../questionnaire/toSendaSop";

const [behind = "50", rounds = "30"] = process.argv.slice(2);
const questionnaire = generateQuestionnaire(5000);
const compiled = senda.build(JSON.stringify(toSendaSop(questionnaire)));
const answers = generateAnswers(5000, 1);
const played = runSession(senda, compiled, answers, { limit: 999 });
const events: readonly CaseEvent[] = JSON.parse(JSON.stringify(played.session.events));
const before = replayCase(compiled, events.slice(0, events.length - Number(behind)));
if (!before.ok) throw new Error(before.reason);
const snapshotText = JSON.stringify(before.session.snapshot());
console.log(
  `snapshot ${(snapshotText.length / 1024).toFixed(1)} KiB, log ${(JSON.stringify(events).length / 1024).toFixed(1)} KiB`,
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => void) => {
  const samples: number[] = [];
  for (let i = 0; i < Number(rounds) + 3; i++) {
    const t = performance.now();
    f();
    if (i >= 3) samples.push(performance.now() - t);
  }
  return median(samples).toFixed(3);
};
console.log(
  "whole log",
  time(() => replayCase(compiled, events)),
);
console.log(
  "from snapshot",
  time(() => replayCase(compiled, events, JSON.parse(snapshotText))),
);
console.log(
  "  parse",
  time(() => JSON.parse(snapshotText)),
);
const parsed = JSON.parse(snapshotText);
console.log(
  "  restore",
  time(() => CaseSession.fromSnapshot(compiled, events, parsed)),
);
