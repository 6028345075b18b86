// Quick look (dev aid): "New case" → first step painted at 4× throttle, as the browser section of `npm run bench`
// measures it (a fresh browser per round; the tap after a reload made as soon as the queue shows, Playwright's page
// script injected first), on two or more builds kept in folders (see newCaseLoop.ts), rounds alternating between
// them so that the shared machine's load falls on each alike. Also times reload → the queue's "New case" button.
//   node --import tsx scripts/bench/profile/newCaseAB.ts <dir> [<dir> …] [--rounds=4]
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { setUpOfficer } from "../../../test/browser/officer";
import { servePreview } from "../../../test/browser/servePreview";
import { launchBenchBrowser, takeSamples, throttle, waitForSamples } from "../browser/benchBrowser";
import { median } from "../harness/measure";

const dirs = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const rounds = Number(process.argv.find((a) => a.startsWith("--rounds="))?.split("=")[1] ?? 4);
const results = dirs.map(() => ({
  cold: [] as number[],
  inPage: [] as number[],
  reloaded: [] as number[],
  queue: [] as number[],
}));
const servers = await Promise.all(dirs.map((dir) => servePreview(dir)));
try {
  for (let round = 0; round < rounds; round++)
    for (const [d, { url }] of servers.entries()) {
      const browser = await launchBenchBrowser({
        click: "button",
        clickText: es["newCase.start"],
        heading: ".step-card h2",
      });
      const { page } = browser;
      const button = () => page.getByRole("button", { name: es["newCase.start"], exact: true });
      const tap = async () => {
        await button().click();
        await waitForSamples(page, 1, 30_000);
        const [sample] = await takeSamples(page);
        return sample.painted;
      };
      const toQueue = async () => {
        await page.evaluate(() => {
          window.location.hash = "#/cases";
        });
        await button().waitFor();
        await takeSamples(page);
      };
      try {
        await throttle(browser);
        await page.goto(url);
        await setUpOfficer(page, { officer: "OF-AB", sop: "screening" });
        await takeSamples(page);
        results[d].cold.push(await tap());
        for (let i = 0; i < 2; i++) {
          await toQueue();
          results[d].inPage.push(await tap());
        }
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
        for (let i = 0; i < 2; i++) {
          await toQueue();
          const began = Date.now();
          await page.reload();
          await button().waitFor();
          results[d].queue.push(Date.now() - began);
          await takeSamples(page);
          await page.waitForFunction(() => true);
          results[d].reloaded.push(await tap());
        }
      } finally {
        await browser.close();
      }
    }
} finally {
  for (const { server } of servers) await server.close();
}
const show = (xs: number[]) => `median ${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(", ")})`;
for (const [d, r] of results.entries())
  console.log(
    `${dirs[d]}: new case first ${show(r.cold)}; same page ${show(r.inPage)}; after a reload ${show(r.reloaded)}; reload → queue ${show(r.queue)}`,
  );
