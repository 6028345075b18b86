import { CallSiteCache, type CheckReport, checkSop, type LoadedLibrary, type Text } from "../../../engine/index";

/** The promises of one SOP that runs the edited one, checked with the draft in its place. */
export interface CallerCheck {
  sop: string;
  title: Text;
  check: CheckReport;
  /** Whether the time given ran out: what is not settled stays unproven (CI's strict check settles it). */
  stopped: boolean;
}

/**
 * The SOPs of the library that run `sop`, directly or through other procedures (screening runs the children's
 * procedure, arrival runs screening): a change to a procedure can break their promises, which the procedure's own
 * check does not see. Smallest first, so that the quick answers come first.
 */
export function callersOf(library: LoadedLibrary, sop: string): string[] {
  return [...library.compiled.values()]
    .filter((c) => c.id !== sop && [...c.scopes.values()].some((scope) => scope.sop.id === sop))
    .sort((a, b) => a.steps.size - b.steps.size || a.id.localeCompare(b.id))
    .map((c) => c.id);
}

/**
 * Checks every invariant of every SOP that runs `sop` (its own, and those of the procedures it runs, at their call
 * sites), in a library that holds the draft. Each caller gets `budgetMs` of the clock; proofs of procedures at
 * call sites are shared between the callers. Pure but for the clock it is given.
 */
export function checkCallers(
  library: LoadedLibrary,
  sop: string,
  options: {
    locale: string;
    budgetMs: number;
    now: () => number;
    onCaller?: (done: number, total: number, partial: CallerCheck[]) => void;
  },
): CallerCheck[] {
  const callers = callersOf(library, sop);
  const callSites = new CallSiteCache();
  const results: CallerCheck[] = [];
  for (const [index, id] of callers.entries()) {
    options.onCaller?.(index, callers.length, results);
    const compiled = library.compiled.get(id)!;
    const started = options.now();
    let stopped = false;
    const check = checkSop(compiled, {
      locale: options.locale,
      callSites,
      control: {
        now: options.now,
        shouldStop: () => {
          stopped ||= options.now() - started > options.budgetMs;
          return stopped;
        },
      },
    });
    results.push({ sop: id, title: compiled.definition.title, check, stopped: stopped && !check.complete });
  }
  return results;
}
