// Shared by the answer profiles (dev aids): which screening scenarios they walk, and the timer they walk them with.
import { readLibrary, type ShippedLibrary } from "../../../test/browser/readLibrary";
import { servePreview } from "../../../test/browser/servePreview";
import { launchBenchBrowser, throttle } from "../browser/benchBrowser";

/** The click → next step timer of the officer's screen: the step's submit button, then the next step's title. */
export const ANSWER_TIMER = { click: ".step-card button[type=submit]", heading: "h2.step-title" };

/** Every `every`-th shipped screening scenario by id (all of them take long at 4× throttle). */
export function screeningSample(library: ShippedLibrary, every: number) {
  return [...library.scenarios.values()]
    .filter((s) => s.sop === "screening")
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((_, i) => i % every === 0);
}

/**
 * What an answer profile walks with: a build served from `dir`, a bench browser timing answers with its CPU
 * throttled, the shipped library and every `every`-th screening scenario; `close` ends the browser and the server.
 */
export async function openAnswerProfile(dir: string, every: number) {
  const { url, server } = await servePreview(dir);
  const browser = await launchBenchBrowser(ANSWER_TIMER);
  const cdp = await throttle(browser);
  const library = readLibrary();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { url, page: browser.page, cdp, library, scenarios: screeningSample(library, every), close };
}
