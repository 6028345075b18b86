import { PARK_SNAPSHOT_FROM } from "../../../src/engine/index";
import {
  collectGarbage,
  formatNumber,
  formatRatio,
  median,
  now,
  retainedBytes,
  type Timing,
  timePerCall,
  timeWithin,
} from "../harness/measure";
import { registerBenchSection } from "../harness/registry";
import type { BenchContext, BenchTable, SectionResult, TargetResult } from "../harness/types";
import { expectedSession, generateAnswers, generateQuestionnaire } from "../questionnaire/generateQuestionnaire";
import type { Questionnaire } from "../questionnaire/Questionnaire";
import { type BenchSystem, questionIndex, runSession, SYSTEMS, type SystemId } from "../questionnaire/systems";

/** Answers given in every session that is kept open for the memory figure. */
export const ANSWERS_PER_OPEN_SESSION = 25;
const OPEN_COUNTS = [1000, 10_000];
/** Open sessions are capped so that one memory figure stays within these (the machine is shared). */
const MEMORY_BUDGET_BYTES = 1.5 * 1024 ** 3;
const MEMORY_TIME_BUDGET_MS = 30_000;
/**
 * Sessions are timed after this many answers of warm-up (or a second of it, whichever comes first): one session
 * of a 50-question questionnaire leaves most of an engine's code still unoptimised by the JIT, and what was timed
 * then was mostly how far each system's code had got through V8's tiers.
 */
export const WARM_UP_ANSWERS = 3000;
const WARM_UP_MS = 1000;

/** The figures of one system at one size. */
export interface SystemFigures {
  buildMs: Timing;
  session: Timing & { answers: number };
  /** Per answer (current question + answer), over the first and the last tenth of a session, in µs. */
  earlyUs: number;
  lateUs: number;
  saveMs: Timing;
  restoreMs: Timing;
  savedBytes: number;
  memory: { open: number; wanted: number; kib: number }[];
  /** For a system that parks idle sessions (Senda): the memory with every session kept running instead. */
  memoryRunning?: { open: number; wanted: number; kib: number }[];
}

/** A session timed: the whole of it, and per answer over its first and last `window` answers. */
function timeSession(system: BenchSystem, model: unknown, answers: readonly boolean[], count: number) {
  const window = Math.max(5, Math.min(500, Math.floor(count / 10)));
  const lateFrom = count - window;
  const start = now();
  const session = system.start(model);
  let mark = now();
  let early = Number.NaN;
  let n = 0;
  for (let question = system.current(session); question !== undefined; n++) {
    if (n === lateFrom) mark = now();
    system.answer(session, question, answers[questionIndex(question)]);
    question = system.current(session);
    if (n === window - 1) early = ((now() - mark) * 1000) / window;
  }
  const late = ((now() - mark) * 1000) / window;
  if (n !== count) throw new Error(`${system.label} asked ${n} questions, expected ${count}`);
  return { ms: now() - start, early, late };
}

function measureSystem(context: BenchContext, system: BenchSystem, questionnaire: Questionnaire): SystemFigures {
  const size = questionnaire.size;
  const source = system.source(questionnaire);
  const slow = system.id === "surveyjs" && size >= 5000;
  const buildMs = timeWithin(() => void system.build(source), context.runs, slow ? 20_000 : 5_000);
  const model = system.build(source);
  const answers = generateAnswers(size, 1);
  const count = expectedSession(questionnaire, answers).asked.length;

  // Whole sessions: warm-up, then as many runs as fit; per answer from the same runs.
  const warming = now();
  for (let answered = 0; answered < WARM_UP_ANSWERS && now() - warming < WARM_UP_MS; )
    answered += runSession(system, model, answers).asked.length;
  const samples: ReturnType<typeof timeSession>[] = [];
  const budget = slow ? 0 : 15_000;
  // The system's sessions start on a collected heap, so that none is charged for the garbage of the one measured
  // before (collecting before every session would also throw away what the engine had warmed up).
  collectGarbage();
  const began = now();
  do samples.push(timeSession(system, model, answers, count));
  while (samples.length < context.runs + 1 && now() - began < budget);
  const timed = samples.length > 1 ? samples.slice(1) : samples;
  const session = { ms: median(timed.map((s) => s.ms)), runs: timed.length, answers: count };

  // Save and restore halfway through.
  const half = runSession(system, model, answers, { limit: Math.floor(count / 2) }).session;
  const saved = system.save(half);
  const saveMs = timePerCall(() => void system.save(half), context.runs);
  const restoreMs = timePerCall(() => void system.restore(model, saved), context.runs, slow ? 0 : 5);

  // Memory per open session, each with a few answers in: what the system keeps of an idle one (Senda parks it).
  const running = () => runSession(system, model, answers, { limit: ANSWERS_PER_OPEN_SESSION }).session;
  const measureMemory = (openOne: () => unknown) => {
    const probeStart = now();
    const probeBytes = retainedBytes(openOne, 20);
    const probeMs = (now() - probeStart) / 20;
    return (context.quick ? [1000] : OPEN_COUNTS).map((wanted) => {
      const open = Math.max(
        20,
        Math.min(
          wanted,
          Math.floor(MEMORY_BUDGET_BYTES / Math.max(probeBytes, 1)),
          Math.floor(MEMORY_TIME_BUDGET_MS / probeMs),
        ),
      );
      return { open, wanted, kib: retainedBytes(openOne, open) / 1024 };
    });
  };
  const park = system.park?.bind(system);
  const memory = measureMemory(park ? () => park(running()) : running);
  const memoryRunning = park ? measureMemory(running) : undefined;
  return {
    buildMs,
    session,
    earlyUs: median(timed.map((s) => s.early)),
    lateUs: median(timed.map((s) => s.late)),
    saveMs,
    restoreMs,
    savedBytes: Buffer.byteLength(saved),
    memory,
    ...(memoryRunning ? { memoryRunning } : {}),
  };
}

type Figures = Record<number, Partial<Record<SystemId, SystemFigures>>>;

const BASELINES: SystemId[] = ["xstate", "surveyjs", "floor"];

/** A table of one figure: a row per size, a column per system, then Senda's ratio to each baseline. */
function figureTable(
  caption: string,
  unit: string,
  figures: Figures,
  pick: (f: SystemFigures) => number | undefined,
  detail?: (f: SystemFigures) => string,
): BenchTable {
  const rows = Object.entries(figures).map(([size, bySystem]) => {
    const value = (id: SystemId) => (bySystem[id] ? pick(bySystem[id]!) : undefined);
    const senda = value("senda");
    return [
      Number(size).toLocaleString("en"),
      ...SYSTEMS.map((s) => {
        const f = bySystem[s.id];
        const v = value(s.id);
        return v === undefined ? "not run" : `${formatNumber(v)} ${unit}${f && detail ? detail(f) : ""}`;
      }),
      ...BASELINES.map((id) => formatRatio(senda !== undefined && value(id) ? senda / value(id)! : undefined)),
    ];
  });
  return {
    caption,
    head: ["questions", ...SYSTEMS.map((s) => s.label), "Senda ÷ XState", "Senda ÷ SurveyJS", "Senda ÷ floor"],
    rows,
  };
}

async function run(context: BenchContext): Promise<SectionResult> {
  const figures: Figures = {};
  for (const size of context.sizes) {
    const questionnaire = generateQuestionnaire(size);
    figures[size] = {};
    for (const system of SYSTEMS) {
      if (system.id === "surveyjs" && size >= 5000 && context.quick) {
        context.log(`  ${size} questions, ${system.label}: skipped (--quick)`);
        continue;
      }
      const started = now();
      figures[size][system.id] = measureSystem(context, system, questionnaire);
      context.log(`  ${size} questions, ${system.label}: ${((now() - started) / 1000).toFixed(1)} s`);
    }
  }
  const runs = (t: Timing) => (t.runs < 3 ? ` (${t.runs} run${t.runs > 1 ? "s" : ""})` : "");
  const tables = [
    figureTable(
      "Building the model from its JSON text",
      "ms",
      figures,
      (f) => f.buildMs.ms,
      (f) => runs(f.buildMs),
    ),
    figureTable(
      "A whole session, started and answered to the end",
      "ms",
      figures,
      (f) => f.session.ms,
      (f) => runs(f.session),
    ),
    figureTable("Time per answer, first tenth of the session", "µs", figures, (f) => f.earlyUs),
    figureTable("Time per answer, last tenth of the session", "µs", figures, (f) => f.lateUs),
    figureTable("Saving a session halfway through", "ms", figures, (f) => f.saveMs.ms),
    figureTable("Restoring that session", "ms", figures, (f) => f.restoreMs.ms),
    figureTable("Size of the saved session", "KB", figures, (f) => f.savedBytes / 1000),
    ...OPEN_COUNTS.filter((c) => !context.quick || c === 1000).map((count, i) =>
      figureTable(
        `Retained memory per open session, ${count.toLocaleString("en")} open (each with ${ANSWERS_PER_OPEN_SESSION} answers; Senda's idle cases parked)`,
        "KiB",
        figures,
        (f) => f.memory[i]?.kib,
        (f) =>
          f.memory[i] && f.memory[i].open < f.memory[i].wanted
            ? ` (${f.memory[i].open.toLocaleString("en")} open)`
            : "",
      ),
    ),
  ];
  const sizes = Object.keys(figures).map(Number);
  const runningCounts = OPEN_COUNTS.filter((c) => !context.quick || c === 1000);
  tables.push({
    caption: `Senda's retained memory per open case kept running (an actor each) instead of parked, ${ANSWERS_PER_OPEN_SESSION} answers each`,
    head: [
      "questions",
      ...runningCounts.map((c) => `${c.toLocaleString("en")} open, running`),
      ...runningCounts.map((c) => `${c.toLocaleString("en")} open, parked`),
    ],
    rows: sizes.map((size) => {
      const f = figures[size].senda;
      const cell = (m?: { open: number; wanted: number; kib: number }) =>
        m ? `${formatNumber(m.kib)} KiB${m.open < m.wanted ? ` (${m.open.toLocaleString("en")} open)` : ""}` : "–";
      return [
        size.toLocaleString("en"),
        ...runningCounts.map((_, i) => cell(f?.memoryRunning?.[i])),
        ...runningCounts.map((_, i) => cell(f?.memory[i])),
      ];
    }),
  });
  return { tables, targets: checkTargets(figures), data: figures };
}

function checkTargets(figures: Figures): TargetResult[] {
  const sizes = Object.keys(figures).map(Number);
  const targets: TargetResult[] = [];
  const perAnswer = (f: SystemFigures) => Math.max(f.earlyUs, f.lateUs);
  const ratios = sizes.map((size) => {
    const s = figures[size].senda;
    const x = figures[size].xstate;
    return s && x ? { size, ratio: perAnswer(s) / perAnswer(x) } : undefined;
  });
  targets.push({
    target: "Engine time per answer ≤ 1.5× raw XState at every size",
    measured: ratios.map((r) => (r ? `${r.size}: ${formatRatio(r.ratio)}` : "")).join(", "),
    met: ratios.every((r) => r !== undefined) ? ratios.every((r) => r!.ratio <= 1.5) : undefined,
  });
  const first = figures[Math.min(...sizes)]?.senda;
  const last = figures[Math.max(...sizes)]?.senda;
  if (first && last && sizes.length > 1) {
    const growth = perAnswer(last) / perAnswer(first);
    targets.push({
      target: `Engine time per answer flat from ${Math.min(...sizes)} to ${Math.max(...sizes).toLocaleString("en")} questions (taken as: grows ≤ 1.5×)`,
      measured: `${formatNumber(perAnswer(first))} → ${formatNumber(perAnswer(last))} µs (${formatRatio(growth)})`,
      met: growth <= 1.5,
    });
  }
  const at500 = figures[500];
  if (at500?.senda && at500.surveyjs) {
    const ratio = at500.senda.session.ms / at500.surveyjs.session.ms;
    targets.push({
      target: "Whole session ≤ 1/500 of SurveyJS at 500 questions",
      measured: `${formatNumber(at500.senda.session.ms)} ms vs ${formatNumber(at500.surveyjs.session.ms)} ms (${formatRatio(ratio)})`,
      met: ratio <= 1 / 500,
    });
  }
  const memory = sizes
    .map((size) => ({ size, m: figures[size].senda?.memory.find((m) => m.wanted === 10_000) }))
    .filter((x) => x.m);
  if (memory.length)
    targets.push({
      target: "Memory per open case ≤ 5 KB with 10,000 open",
      measured: memory.map((x) => `${x.size}: ${formatNumber((x.m!.kib * 1024) / 1000)} KB`).join(", "),
      met: memory.every((x) => x.m!.kib * 1024 <= 5000),
    });
  return targets;
}

registerBenchSection({
  id: "questionnaire",
  title: "The questionnaire in four systems (Node)",
  order: 10,
  method: `The same generated questionnaire (yes/no questions, every fifth asked only on an earlier answer, an outcome
from four answers; \`scripts/bench/questionnaire/\`) at each size, in Senda (the SOP compiled as the officers'
client compiles it, one case per session), raw XState v5 (one state per question, answers stored in place in
context), SurveyJS (\`survey-core\`, one question at a time in its question-per-page mode; a session is a \`Model\`)
and the floor (a plain table interpreter of the SOP with the same CEL evaluator). Every session answers the same
seeded answers; \`test/bench/questionnaire.test.ts\` checks that the four ask the same questions and reach the same
outcome. A figure is the median of several runs after a warm-up (sessions are timed after ${WARM_UP_ANSWERS.toLocaleString("en")} answers
of warm-up or ${WARM_UP_MS / 1000} s of it, so that every system's code has been through the JIT; the run count is shown where it is under 3); each
system's sessions start after full garbage collections, so that no system pays for the garbage of another.
"Time per answer" is the time of asking for the current question and answering it, averaged over the first and
the last tenth of a whole session. Saving is the system's own persistence (Senda: the event log as JSON;
XState: \`getPersistedSnapshot\`; SurveyJS: \`data\` and the current question; floor: its answers), restoring is
the way back (Senda: \`replayCase\`; XState: \`createActor\` with the snapshot; SurveyJS: a new \`Model\` given the
data). Memory is the heap retained per open session after full garbage collections (\`--expose-gc\`), each
session holding ${ANSWERS_PER_OPEN_SESSION} answers; the model is shared where the system allows it (not SurveyJS). Senda keeps an idle
case parked (\`ParkedCase\`: its event log as text, and a snapshot of its state from ${PARK_SNAPSHOT_FROM} events), woken when an officer
opens it; the other systems keep their session. Senda's figure with every case kept running is in a table of its own. Where a count is
shown beside a figure, fewer sessions were opened to stay within ${MEMORY_BUDGET_BYTES / 1024 ** 3} GiB and ${MEMORY_TIME_BUDGET_MS / 1000} s.`,
  run,
});
