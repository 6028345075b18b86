import { endTrace, takeSamples } from "../browser/benchBrowser";
import { openSendaCase, playSendaScenario } from "../browser/walkPages";
import { openAnswerProfile } from "./screeningSample";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; type?: string } };
}
const dir = process.argv[2] ?? "/tmp/perf/pages";
const printed = Number(process.argv[3] ?? 6);
const every = Number(process.env.EVERY ?? 32);
const { url, page, cdp, library, scenarios, close } = await openAnswerProfile(dir, every);
try {
  const sums = new Map<string, number>();
  let answers = 0;
  let shown = 0;
  const painted: number[] = [];
  /** Click dispatched → the paint timer's message, per answer (ms). */
  const dispatched: number[] = [];
  for (const scenario of scenarios) {
    await page.goto(url);
    await openSendaCase(page, "screening");
    await takeSamples(page);
    await cdp.send("Tracing.start", {
      categories:
        process.env.CATEGORIES ??
        "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,disabled-by-default-v8.gc",
      transferMode: "ReturnAsStream",
    });
    await playSendaScenario(page, library, scenario);
    await page.waitForTimeout(200);
    const events = pairBeginEnd(await endTrace<TraceEvent>(cdp));
    const samples = await takeSamples(page);
    // The answers' clicks (a choice is clicked before): those that submitted the step's form.
    const all = events.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
    const submits = events.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "submit");
    const clicks = all.filter((c) => submits.some((s) => s.ts >= c.ts && s.ts <= c.ts + (c.dur ?? 0)));
    clicks.forEach((click, i) => {
      const sample = samples[i];
      if (!sample) return;
      answers++;
      painted.push(sample.painted);
      const main = events.filter((e) => e.pid === click.pid && e.tid === click.tid && e.ph === "X" && e.dur);
      // The window ends at the paint timer's message (the sample's end): the sample itself counts from the click's
      // timeStamp, which can be well before the click is dispatched on a busy page, so click + painted overshoots.
      const message = main.find(
        (e) => e.ts > click.ts && e.name === "FunctionCall" && /onmessage/.test(e.args?.data?.functionName ?? ""),
      );
      const end = message ? message.ts : click.ts + sample.painted * 1000;
      dispatched.push((end - click.ts) / 1000);
      // PRE_MS: also the tasks that ran in that many ms before the click was dispatched (what kept it waiting).
      const inWindow = main.filter((e) => e.ts >= click.ts - 1000 * Number(process.env.PRE_MS ?? 1) && e.ts <= end);
      const print = shown < printed;
      if (print)
        console.log(
          `answer ${answers}: click → painted ${sample.painted.toFixed(1)} ms, dispatched at +${(sample.painted - (end - click.ts) / 1000).toFixed(1)} ms`,
        );
      for (const e of topLevel(inWindow)) {
        const inside = inWindow.filter((x) => x.ts >= e.ts && x.ts + (x.dur ?? 0) <= e.ts + (e.dur ?? 0) && x !== e);
        const own = new Map<string, number>();
        for (const x of inside) {
          const key =
            x.name === "FunctionCall" || x.name === "EvaluateScript"
              ? `${x.name} ${x.args?.data?.functionName ?? ""}`
              : x.name === "EventDispatch" || x.name === "TimerFire"
                ? `${x.name} ${x.args?.data?.type ?? ""}`
                : x.name;
          own.set(key, (own.get(key) ?? 0) + (x.dur ?? 0) / 1000);
          sums.set(key, (sums.get(key) ?? 0) + (x.dur ?? 0) / 1000);
        }
        sums.set("(tasks)", (sums.get("(tasks)") ?? 0) + (e.dur ?? 0) / 1000);
        const kind = taskKind(e, own);
        sums.set(kind, (sums.get(kind) ?? 0) + (e.dur ?? 0) / 1000);
        if (print && (e.dur ?? 0) > 1000) {
          const top = [...own]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 7)
            .map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
          console.log(
            `  +${((e.ts - click.ts) / 1000).toFixed(1).padStart(6)} ms ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms  ${e.name}: ${top.join(" · ")}`,
          );
        }
      }
      if (print) shown++;
    });
  }
  console.log(`\nper answer (${answers} answers), summed over the click → painted windows:`);
  for (const [n, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(ms / answers).toFixed(2).padStart(8)} ms  ${n}`);
  const sorted = [...painted].sort((a, b) => a - b);
  console.log(`p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms over ${sorted.length} answers`);
  const spans = [...dispatched].sort((a, b) => a - b);
  console.log(`click dispatched → paint timer's message: p50 ${spans[Math.floor(spans.length / 2)].toFixed(1)} ms`);
} finally {
  await close();
}

/** The trace with each begin/end pair (style and layout come as such) as one complete event, as the rest are. */
function pairBeginEnd(events: TraceEvent[]): TraceEvent[] {
  const open = new Map<string, TraceEvent[]>();
  const out: TraceEvent[] = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const thread = `${e.pid}/${e.tid}`;
    if (e.ph === "B") {
      const stack = open.get(thread) ?? [];
      stack.push(e);
      open.set(thread, stack);
    } else if (e.ph === "E") {
      const begun = open.get(thread)?.pop();
      if (begun) out.push({ ...begun, ph: "X", dur: e.ts - begun.ts });
    } else out.push(e);
  }
  return out;
}

/** The events no other event holds: the main thread's tasks (the input task with the click is no RunTask). */
function topLevel(events: TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tops: TraceEvent[] = [];
  let until = Number.NEGATIVE_INFINITY;
  for (const e of sorted)
    if (e.ts >= until) {
      tops.push(e);
      until = e.ts + (e.dur ?? 0);
    }
  return tops;
}

/** What a main-thread task in an answer's window is, from what is inside it (task kinds start with "task:"). */
function taskKind(task: TraceEvent, inside: Map<string, number>): string {
  const names = [...inside.keys()].join(" ");
  if (task.name === "EventDispatch" || /EventDispatch (click|submit)/.test(names))
    return "task: the click (engine, React render)";
  if (/FireAnimationFrame|Paint|Commit/.test(names)) return "task: a frame (rAF, style, layout, paint)";
  if (/FunctionCall run/.test(names)) return "task: after-paint work (write start, focus)";
  if (/performWorkUntilDeadline/.test(names)) return "task: React scheduler (effects)";
  if (/onsuccess|Txn|Metadata|onGetAll/.test(names)) return "task: IndexedDB callbacks";
  if (/GC|Sweep|Scavenge|Mark/.test(`${task.name} ${names}`)) return "task: garbage collection";
  return "task: other";
}
