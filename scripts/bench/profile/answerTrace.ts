import { endTrace, takeSamples } from "../browser/benchBrowser";
import { openSendaCase, playSendaScenario } from "../browser/walkPages";
import { openAnswerProfile } from "./screeningSample";

const dir = process.argv[2] ?? "/tmp/perf/pages";
const tracing = process.argv[3] === "trace";
const every = Number(process.env.EVERY ?? 8);
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const { url, page, cdp, library, scenarios, close } = await openAnswerProfile(dir, every);
try {
  const all: number[] = [];
  const sums = new Map<string, number>();
  let nodes = 0;
  for (const scenario of scenarios) {
    await page.goto(url);
    await openSendaCase(page, "screening");
    await takeSamples(page);
    if (tracing)
      await cdp.send("Tracing.start", {
        categories: "devtools.timeline,disabled-by-default-devtools.timeline",
        transferMode: "ReturnAsStream",
      });
    await playSendaScenario(page, library, scenario);
    await page.waitForTimeout(200);
    nodes = Math.max(nodes, await page.evaluate(() => document.querySelectorAll("*").length));
    if (tracing) {
      const events = await endTrace<{
        name: string;
        dur?: number;
        ph: string;
        tid: number;
        args?: { name?: string };
      }>(cdp);
      const main = new Set(
        events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => e.tid),
      );
      for (const e of events)
        if (e.ph === "X" && e.dur && main.has(e.tid)) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
    }
    all.push(...(await takeSamples(page)).map((x) => x.painted));
  }
  if (tracing)
    for (const [n, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 22))
      console.log(`${(ms / all.length).toFixed(2).padStart(8)} ms/answer  ${n}`);
  console.log(
    `screening (${scenarios.length} scenarios): p50 ${q(all, 0.5).toFixed(1)} p95 ${q(all, 0.95).toFixed(1)} (${all.length} answers); most DOM elements ${nodes}`,
  );
} finally {
  await close();
}
