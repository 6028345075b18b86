import { Model } from "survey-core";
import { createActor } from "xstate";
import {
  type CaseEvent,
  type CompiledSop,
  hasErrors,
  loadLibrary,
  replayCase,
  viewCase,
} from "../../../src/engine/index";
import { summarizeCase } from "../../../src/store/index";
import { main } from "../../cli/main";
import { formatNumber, formatRatio, median, now, type Timing, timePerCall, timeWithin } from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, SectionResult, TargetResult } from "../harness/types";
import { generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import { createQuestionnaireMachine } from "../questionnaire/rawXState";
import { floor, questionIndex, runSession, senda } from "../questionnaire/systems";
import { QUESTIONNAIRE_CATALOG, toSendaSop } from "../questionnaire/toSendaSop";
import { toSurveyJson } from "../questionnaire/toSurveyJs";
import { toXStateConfig } from "../questionnaire/toXStateConfig";
import { TableInterpreter } from "../TableInterpreter";

const REPLAY_EVENTS = 1000;
/** How far behind the end of the log the stored snapshot of the replayed case is. */
const SNAPSHOT_BEHIND = 50;

/** Loads, validates, lints and compiles the questionnaire SOP from its text, as `senda validate` and the editor do. */
function loadQuestionnaireSop(text: string, id: string): CompiledSop {
  const loaded = loadLibrary([
    { path: `${id}.sop.json`, text },
    { path: "catalog/bench.json", text: JSON.stringify(QUESTIONNAIRE_CATALOG) },
  ]);
  const compiled = loaded.compiled.get(id);
  if (!compiled || hasErrors(loaded.issues)) throw new Error(`the questionnaire SOP ${id} does not load`);
  return compiled;
}

/**
 * What the officers' client does for each answer besides the engine's step, in Node: the step (`send`), the view of
 * the case for the summary and again for the screen (`viewCase`), and the summary (`summarizeCase`). Per answer, in
 * µs, over the first and last tenth of a whole session.
 */
function timeScreenWork(compiled: CompiledSop, answers: readonly boolean[]) {
  const session = senda.start(compiled);
  const stamps: number[] = [];
  for (let step = senda.current(session); step !== undefined; step = senda.current(session)) {
    const t = now();
    senda.answer(session, step, answers[questionIndex(step)]);
    const at = new Date(session.events[session.events.length - 1].at);
    summarizeCase(viewCase(session, at), session.events.length);
    viewCase(session, at);
    stamps.push(now() - t);
  }
  const window = Math.max(5, Math.min(500, Math.floor(stamps.length / 10)));
  const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) * 1000) / xs.length;
  return { early: mean(stamps.slice(0, window)), late: mean(stamps.slice(-window)) };
}

async function run(context: BenchContext): Promise<SectionResult> {
  const load: { size: number; senda: Timing; xstate: Timing; surveyjs: Timing; floor: Timing }[] = [];
  const screen: { size: number; engineEarly: number; engineLate: number; early: number; late: number }[] = [];
  for (const size of context.sizes) {
    const questionnaire = generateQuestionnaire(size);
    const sop = toSendaSop(questionnaire);
    const text = JSON.stringify(sop);
    const xstateText = JSON.stringify(toXStateConfig(questionnaire));
    const surveyText = JSON.stringify(toSurveyJson(questionnaire));
    load.push({
      size,
      senda: timeWithin(() => void loadQuestionnaireSop(text, sop.id), context.runs),
      xstate: timeWithin(() => void createQuestionnaireMachine(JSON.parse(xstateText)), context.runs),
      surveyjs: timeWithin(() => void new Model(JSON.parse(surveyText)), context.runs, size >= 5000 ? 20_000 : 5_000),
      floor: timeWithin(() => void TableInterpreter.fromText(text), context.runs),
    });
    const compiled = senda.build(text);
    const answers = generateAnswers(size, 1);
    // The screen's work grows with the answers so far (see the table), so a 5,000-question session takes minutes:
    // one run there.
    const screenRuns = size >= 5000 ? 1 : Math.max(1, context.runs) + 1;
    const samples = Array.from({ length: screenRuns }, () => timeScreenWork(compiled, answers)).slice(
      screenRuns > 1 ? 1 : 0,
    );
    const engine = Array.from({ length: Math.max(1, context.runs) }, () => {
      const s = senda.start(compiled);
      const stamps: number[] = [];
      for (let step = senda.current(s); step !== undefined; step = senda.current(s)) {
        const t = now();
        senda.answer(s, step, answers[questionIndex(step)]);
        stamps.push(now() - t);
      }
      const w = Math.max(5, Math.min(500, Math.floor(stamps.length / 10)));
      const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) * 1000) / xs.length;
      return { early: mean(stamps.slice(0, w)), late: mean(stamps.slice(-w)) };
    });
    screen.push({
      size,
      engineEarly: median(engine.map((e) => e.early)),
      engineLate: median(engine.map((e) => e.late)),
      early: median(samples.map((s) => s.early)),
      late: median(samples.map((s) => s.late)),
    });
    context.log(`  ${size} questions: load and screen work measured`);
  }

  // Replay of a 1,000-event case: the first 999 answers of the largest questionnaire, after CASE_OPENED.
  const largest = Math.max(...context.sizes, 5000);
  const questionnaire = generateQuestionnaire(largest);
  const text = JSON.stringify(toSendaSop(questionnaire));
  const compiled = senda.build(text);
  const answers = generateAnswers(largest, 1);
  const played = runSession(senda, compiled, answers, { limit: REPLAY_EVENTS - 1 });
  const events: readonly CaseEvent[] = JSON.parse(JSON.stringify(played.session.events));
  context.log(`  a ${REPLAY_EVENTS}-event case played`);
  const replayAll = timePerCall(() => {
    const result = replayCase(compiled, events);
    if (!result.ok) throw new Error(result.reason);
  }, context.runs);
  // As a case is opened again: the snapshot stored with it (read as text), and the events written after it.
  const before = replayCase(compiled, events.slice(0, REPLAY_EVENTS - SNAPSHOT_BEHIND));
  if (!before.ok) throw new Error(before.reason);
  const snapshotText = JSON.stringify(before.session.snapshot());
  const replay = timePerCall(() => {
    const result = replayCase(compiled, events, JSON.parse(snapshotText));
    if (!result.ok || result.session.events.length !== REPLAY_EVENTS) throw new Error("replay from a snapshot");
  }, context.runs);
  const machine = createQuestionnaireMachine(toXStateConfig(questionnaire) as never);
  const inputs = played.asked.map((q) => answers[questionIndex(q)]);
  const replayXState = timePerCall(() => {
    const actor = createActor(machine).start();
    for (const value of inputs) actor.send({ type: "ANSWER", value });
  }, context.runs);
  const floorModel = floor.build(text);
  const replayFloor = timePerCall(() => {
    const interpreter = floor.start(floorModel);
    for (const q of played.asked) interpreter.answer(q, answers[questionIndex(q)]);
  }, context.runs);

  context.log("  replay measured");
  // `senda check` of the shipped library, through the CLI's own code, in this process: once (it takes minutes).
  const checkRuns: number[] = [];
  let checkCode = 0;
  if (!context.quick) {
    const t = now();
    checkCode = await main(["check", "--budget", "2500"], { out: () => {}, err: () => {}, cwd: process.cwd() });
    checkRuns.push(now() - t);
  }
  const checkMs = median(checkRuns);
  if (checkRuns.length) context.log(`  senda check: ${(checkMs / 1000).toFixed(0)} s`);

  const targets: TargetResult[] = [];
  const at5000 = load.find((l) => l.size === 5000);
  if (at5000)
    targets.push({
      target: "Validate+lint+compile of 5,000 steps ≤ 150 ms",
      measured: `${formatNumber(at5000.senda.ms)} ms`,
      met: at5000.senda.ms <= 150,
    });
  targets.push({
    target: "Replay of a 1,000-event case ≤ 5 ms",
    measured: `${formatNumber(replay.ms)} ms from a snapshot ${SNAPSHOT_BEHIND} events behind (${formatNumber(replayAll.ms)} ms from the log alone)`,
    met: replay.ms <= 5,
  });

  return {
    tables: [
      {
        caption: "Validate + lint + compile the SOP from its text (Senda), beside building each baseline from its JSON",
        head: [
          "questions",
          "Senda",
          "raw XState",
          "SurveyJS",
          "floor",
          "Senda ÷ XState",
          "Senda ÷ SurveyJS",
          "Senda ÷ floor",
        ],
        rows: load.map((l) => [
          l.size.toLocaleString("en"),
          `${formatNumber(l.senda.ms)} ms`,
          `${formatNumber(l.xstate.ms)} ms`,
          `${formatNumber(l.surveyjs.ms)} ms`,
          `${formatNumber(l.floor.ms)} ms`,
          formatRatio(l.senda.ms / l.xstate.ms),
          formatRatio(l.senda.ms / l.surveyjs.ms),
          formatRatio(l.senda.ms / l.floor.ms),
        ]),
      },
      {
        caption:
          "Work per answer of the officers' screen, in Node: the engine's step alone, and with the two `viewCase` and the `summarizeCase` the client does per answer",
        head: [
          "questions",
          "engine, first tenth",
          "engine, last tenth",
          "screen work, first tenth",
          "screen work, last tenth",
          "last ÷ first",
        ],
        rows: screen.map((s) => [
          s.size.toLocaleString("en"),
          `${formatNumber(s.engineEarly)} µs`,
          `${formatNumber(s.engineLate)} µs`,
          `${formatNumber(s.early)} µs`,
          `${formatNumber(s.late)} µs`,
          formatRatio(s.late / s.early),
        ]),
      },
      {
        caption: `Replay of a ${REPLAY_EVENTS.toLocaleString("en")}-event case (the ${largest.toLocaleString("en")}-question SOP), beside replaying the same answers into each baseline`,
        head: [
          `Senda, from a snapshot ${SNAPSHOT_BEHIND} events behind`,
          "Senda, the whole log",
          "raw XState",
          "floor",
          "Senda ÷ XState",
          "Senda ÷ floor",
        ],
        rows: [
          [
            `${formatNumber(replay.ms)} ms (snapshot ${formatNumber(snapshotText.length / 1000)} KB)`,
            `${formatNumber(replayAll.ms)} ms`,
            `${formatNumber(replayXState.ms)} ms`,
            `${formatNumber(replayFloor.ms)} ms`,
            formatRatio(replay.ms / replayXState.ms),
            formatRatio(replay.ms / replayFloor.ms),
          ],
        ],
      },
      {
        caption:
          "`senda check --budget 2500` of the shipped library (sop/), as `npm test` runs it, in process through the CLI's own code",
        head: ["time", "runs", "exit code"],
        rows: [
          checkRuns.length
            ? [`${formatNumber(checkMs / 1000)} s`, String(checkRuns.length), String(checkCode)]
            : ["not run (--quick)", "0", "–"],
        ],
      },
    ],
    targets,
    data: {
      load,
      screen,
      replay: {
        senda: replay,
        sendaLog: replayAll,
        snapshotBytes: snapshotText.length,
        xstate: replayXState,
        floor: replayFloor,
      },
      check: { ms: checkMs, runs: checkRuns, code: checkCode },
    },
  };
}

registerBenchSection({
  id: "senda",
  title: "Senda alone: loading, the screen's work per answer, replay, senda check",
  order: 20,
  method: `Validate + lint + compile is \`loadLibrary\` on the SOP's text (JSON parse with positions, the precompiled
schema validator, lint with CEL type-checking, compilation to an XState machine), as \`senda validate\` and the
editor do; the baselines only parse and build (XState: \`createMachine\` from the JSON config; SurveyJS:
\`new Model\`; floor: its table), since none of them validates or type-checks anything. The screen's work per answer
is what \`useCaseSession\` does per answer minus React and IndexedDB: \`send\`, \`viewCase\` + \`summarizeCase\` for
the stored summary, and \`viewCase\` again for the render. Replay is \`replayCase\` of a saved 1,000-event log, from the snapshot stored 50 events before its end (as text, parsed in the timing) and from the log alone;
the baselines get the same answers. \`senda check\` runs \`main(["check"])\` of the CLI in this process.`,
  run,
});
