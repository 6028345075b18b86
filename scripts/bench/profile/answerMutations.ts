import { endTrace, takeSamples } from "../browser/benchBrowser";
import { openSendaCase, playSendaScenario } from "../browser/walkPages";
import { openAnswerProfile } from "./screeningSample";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  args?: {
    beginData?: { dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean };
    elementCount?: number;
  };
}
// The parts of the case screen, by class: a mutation counts for the first of them it is inside.
const PARTS = `["case-header","instructions","status-bar","save-state","step-card","case-actions","notes","tracks","interview-language","notice"]`;
const dir = process.argv[2] ?? "/tmp/perf/pages";
const every = Number(process.env.EVERY ?? 32);
const { url, page, cdp, library, scenarios, close } = await openAnswerProfile(dir, every);
try {
  let answers = 0;
  const byPart = new Map<string, number>();
  const layout = { count: 0, dirty: 0, total: 0, ms: 0 };
  const style = { count: 0, elements: 0, ms: 0 };
  let elements = 0;
  for (const scenario of scenarios) {
    await page.goto(url);
    await openSendaCase(page, "screening");
    await page.evaluate(`(() => {
      const parts = ${PARTS};
      window.__mutations = {};
      new MutationObserver((records) => {
        for (const r of records) {
          const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          let part = "(outside the parts)";
          for (let e = node; e; e = e.parentElement)
            if (e.classList && parts.some((p) => e.classList.contains(p))) {
              part = parts.find((p) => e.classList.contains(p)) + " " + r.type + (r.attributeName ? " " + (r.target.tagName || "").toLowerCase() + "@" + r.attributeName : "");
              break;
            }
          window.__mutations[part] = (window.__mutations[part] ?? 0) + 1;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    })()`);
    await takeSamples(page);
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline",
      transferMode: "ReturnAsStream",
    });
    await playSendaScenario(page, library, scenario);
    await page.waitForTimeout(200);
    const events = await endTrace<TraceEvent>(cdp);
    answers += (await takeSamples(page)).length;
    elements = Math.max(elements, await page.evaluate(() => document.querySelectorAll("*").length));
    const counted = (await page.evaluate("window.__mutations")) as Record<string, number>;
    for (const [part, n] of Object.entries(counted)) byPart.set(part, (byPart.get(part) ?? 0) + n);
    for (const e of events) {
      if (e.name === "Layout" && (e.ph === "B" || e.ph === "X")) {
        layout.count++;
        layout.dirty += e.args?.beginData?.dirtyObjects ?? 0;
        layout.total += e.args?.beginData?.totalObjects ?? 0;
      }
      if (e.name === "UpdateLayoutTree" && (e.ph === "B" || e.ph === "X")) {
        style.count++;
        style.elements += e.args?.elementCount ?? 0;
      }
    }
    const begun: TraceEvent[] = [];
    for (const e of events.sort((a, b) => a.ts - b.ts))
      if (e.ph === "B" && (e.name === "Layout" || e.name === "UpdateLayoutTree")) begun.push(e);
      else if (e.ph === "E" && (e.name === "Layout" || e.name === "UpdateLayoutTree")) {
        const b = begun.pop();
        if (b) (b.name === "Layout" ? layout : style).ms += (e.ts - b.ts) / 1000;
      } else if (e.ph === "X" && e.name === "UpdateLayoutTree") style.ms += (e.dur ?? 0) / 1000;
      else if (e.ph === "X" && e.name === "Layout") layout.ms += (e.dur ?? 0) / 1000;
    if (process.env.DUMP) {
      const kinds = new Map<string, number>();
      for (const e of events)
        if (/Layout|Style|Paint|Invalidat/.test(e.name))
          kinds.set(`${e.name} ${e.ph}`, (kinds.get(`${e.name} ${e.ph}`) ?? 0) + 1);
      console.log([...kinds].map(([k, n]) => `${k}: ${n}`).join(" · "));
      console.log(JSON.stringify(events.filter((e) => e.name === "Layout").slice(5, 8)));
    }
  }
  console.log(`${answers} answers over ${scenarios.length} scenarios; at most ${elements} elements on the page`);
  console.log("DOM mutations per answer, by part of the screen (a choice's click and the answer's together):");
  for (const [part, n] of [...byPart].sort((a, b) => b[1] - a[1]))
    console.log(`${(n / answers).toFixed(1).padStart(8)}  ${part}`);
  console.log(
    `layouts per answer ${(layout.count / answers).toFixed(1)}, ${(layout.ms / answers).toFixed(1)} ms; objects dirty ${(layout.dirty / layout.count).toFixed(0)} of ${(layout.total / layout.count).toFixed(0)} per layout`,
  );
  console.log(
    `style recalculations per answer ${(style.count / answers).toFixed(1)}, ${(style.ms / answers).toFixed(1)} ms; ${(style.elements / Math.max(style.count, 1)).toFixed(0)} elements each`,
  );
} finally {
  await close();
}
