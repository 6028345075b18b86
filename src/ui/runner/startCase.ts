import { type CompiledSop, openCase, prepareExpressions, viewCase } from "../../engine/index";
import { type CaseStore, StoreError, summarizeCase } from "../../store/index";
import { loadNewestBundle } from "../shared/loadCompiledSop";
import { nextCaseCode } from "../station/caseCode";
import { loadCasePage } from "./casePageModule";
import { keepOpenedCase } from "./loadCaseSession";
import { trackWrite } from "./useCaseSession";

// No 0/O, 1/I/L: the code is read aloud and copied by hand onto paper slips.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const TRIES = 3;
/** How long the first event of a new case waits for the case screen to begin its write. */
const UNCLAIMED_WRITE_MS = 1000;

/** A short case code, readable aloud: the date (YYMMDD) and four random characters, e.g. "240301-K7QM". */
export function makeCaseId(now: Date, random: (n: number) => Uint8Array = randomBytes): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${pad(now.getFullYear() % 100)}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const suffix = [...random(4)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${date}-${suffix}`;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * Opens a new case on a compiled SOP and saves its first event (durable) before resolving with the case id. A code
 * already used on the device is replaced by a fresh one. `group` links it to the cases of the people it arrived with.
 */
export async function startCase(
  store: Pick<CaseStore, "appendEvents">,
  compiled: CompiledSop,
  options: { at: Date; by: string; site?: string; group?: string },
  makeId: (now: Date) => string = makeCaseId,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const caseId = makeId(options.at);
    const session = openCase(compiled, {
      caseId,
      at: options.at.toISOString(),
      by: options.by,
      ...(options.site ? { site: options.site } : {}),
      ...(options.group ? { group: options.group } : {}),
    });
    try {
      await store.appendEvents(caseId, 0, session.events, summarizeCase(viewCase(session, options.at), 1), {
        compiled,
      });
      keepOpenedCase(session);
      return caseId;
    } catch (error) {
      if (!(error instanceof StoreError && error.code === "conflict") || attempt >= TRIES) throw error;
    }
  }
}

/**
 * Loads the newest published version of an SOP and opens a case on it: what the queue's "new case" button does. It
 * resolves with the case id as soon as the case is opened, before its first event is stored: the case screen takes
 * the session as it is, shows the first step at once, begins the write once it is painted, and acknowledges the
 * write (or its failure) on its save line, as it does for answers; the answers given meanwhile are written after it.
 */
export async function startCaseOn(
  store: Pick<CaseStore, "appendEvents" | "device" | "getSummary">,
  sopId: string,
  options: { at: Date; by: string; site?: string },
): Promise<string> {
  // Prepared while the queue was idle (see prepareNewCase): nothing to read or compile then.
  // The case screen's chunk too: were it still loading when the case opens, React would show "Loading…" for 300 ms.
  const [{ compiled, recorded }] = await Promise.all([loadNewestBundle(sopId), loadCasePage()]);
  // Codes unique per device (issue 13): the device's code and a number, see src/ui/station/caseCode.ts. A code
  // this device already holds is skipped before writing (the write would be refused as a conflict).
  let caseId = nextCaseCode(store.device);
  for (let attempt = 1; attempt < TRIES && store.getSummary(caseId); attempt++) caseId = nextCaseCode(store.device);
  const session = openCase(compiled, {
    caseId,
    at: options.at.toISOString(),
    by: options.by,
    ...(options.site ? { site: options.site } : {}),
  });
  // A copy: the session takes the officer's answers while this write runs. The case is stored only once the
  // library records the versions its bundle hash stands for, so that it can always be opened again.
  const events = [...session.events];
  const summary = summarizeCase(viewCase(session, options.at), 1);
  // Begun by the case screen once the first step is painted, so that IndexedDB does not delay it; begun anyway after
  // a second if no screen took the case.
  let begin = () => {};
  const written = new Promise<void>((resolve, reject) => {
    begin = () => {
      begin = () => {};
      recorded.then(() => store.appendEvents(caseId, 0, events, summary, { compiled })).then(() => resolve(), reject);
    };
  });
  const beginStoring = () => begin();
  setTimeout(beginStoring, UNCLAIMED_WRITE_MS);
  keepOpenedCase(session, trackWrite(written), beginStoring);
  return caseId;
}

/**
 * Gets a new case on an SOP ready before it is asked for: its newest versions compiled (kept for the page) and the
 * case screen's code loaded. What the queue does once it is idle, so that "New case" shows the first step at once.
 */
export async function prepareNewCase(sopId: string): Promise<void> {
  const [bundle] = await Promise.all([loadNewestBundle(sopId), loadCasePage()]);
  await bundle.recorded;
  warmUp(bundle.compiled);
}

/**
 * Parses the SOP's expressions (each would be parsed at the answer that first needs it), and opens a case that is
 * dropped at once, stored nowhere: in a freshly loaded page, the first run of the engine's code compiles it (the
 * browser compiles a function on its first call), which is time the officer's tap would otherwise wait for.
 */
function warmUp(compiled: CompiledSop): void {
  // Every condition parsed now, not at the answer that first needs it.
  prepareExpressions(compiled);
  const at = new Date();
  const session = openCase(compiled, { caseId: "warm-up", at: at.toISOString(), by: "warm-up" });
  summarizeCase(viewCase(session, at), 1);
}
