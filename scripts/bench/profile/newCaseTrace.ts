// Quick look (dev aid): a DevTools timeline of "New case" → first step after a reload (4× throttle, service worker
// warm), the officer tapping WAIT_MS (default 2000) after the queue shows: the main thread's top-level tasks from the
// tap to the paint, and the time per kind of work in them. PRIME=1 injects Playwright's page script before the tap.
//   node --import tsx scripts/bench/profile/newCaseTrace.ts <dir built by newCaseLoop.ts> [rounds]
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { setUpOfficer } from "../../../test/browser/officer";
import { servePreview } from "../../../test/browser/servePreview";
import { endTrace, launchBenchBrowser, takeSamples, throttle, waitForSamples } from "../browser/benchBrowser";

const dir = process.argv[2] ?? "/tmp/perf/pages";
const rounds = Number(process.argv[3] ?? 2);
const wait = Number(process.env.WAIT_MS ?? 2000);
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; type?: string } };
}
const { url, server } = await servePreview(dir);
const browser = await launchBenchBrowser({ click: "button", clickText: es["newCase.start"], heading: ".step-card h2" });
try {
  const { page } = browser;
  const cdp = await throttle(browser);
  await page.goto(url);
  await setUpOfficer(page, { officer: "OF-Q", sop: "screening" });
  await page.getByRole("button", { name: es["newCase.start"], exact: true }).click();
  await waitForSamples(page, 1, 30_000);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  for (let round = 0; round < rounds; round++) {
    await page.evaluate(() => {
      window.location.hash = "#/cases";
    });
    await page.reload();
    await page.getByRole("button", { name: es["newCase.start"], exact: true }).waitFor();
    await page.waitForTimeout(wait);
    await takeSamples(page);
    // PRIME=1: the first waitForFunction in a new document injects Playwright's main-world script (some 30 ms at 4×);
    // done here, it stays out of the tap's window.
    if (process.env.PRIME) await page.waitForFunction(() => true);
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing",
      transferMode: "ReturnAsStream",
    });
    await page.getByRole("button", { name: es["newCase.start"], exact: true }).click();
    await waitForSamples(page, 1, 30_000);
    const [sample] = await takeSamples(page);
    const events = await endTrace<TraceEvent>(cdp);
    const click = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "click");
    if (!click) throw new Error("no click in the trace");
    const main = events.filter((e) => e.pid === click.pid && e.tid === click.tid && e.ph === "X" && e.dur);
    const end = click.ts + sample.painted * 1000 + 50_000;
    const inWindow = main.filter((e) => e.ts >= click.ts - 5_000 && e.ts <= end);
    console.log(`round ${round + 1}: tap → painted ${sample.painted.toFixed(0)} ms`);
    for (const e of inWindow.filter((x) => x.name === "RunTask" && (x.dur ?? 0) > 3000)) {
      const inside = inWindow.filter((x) => x.ts >= e.ts && x.ts + (x.dur ?? 0) <= e.ts + (e.dur ?? 0) && x !== e);
      const sums = new Map<string, number>();
      for (const x of inside) {
        const key =
          x.name === "FunctionCall" || x.name === "EvaluateScript" || x.name === "v8.compile"
            ? `${x.name} ${x.args?.data?.url?.split("/").pop() ?? ""} ${x.args?.data?.functionName ?? ""}`
            : x.name;
        sums.set(key, (sums.get(key) ?? 0) + (x.dur ?? 0) / 1000);
      }
      const top = [...sums]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([n, ms]) => `${n} ${ms.toFixed(0)}`);
      console.log(
        `  +${((e.ts - click.ts) / 1000).toFixed(0).padStart(4)} ms  ${((e.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms  ${top.join(" · ")}`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
