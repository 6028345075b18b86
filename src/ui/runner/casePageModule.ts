import type { ComponentType } from "react";

type CasePageModule = typeof import("./CasePage");

let loaded: CasePageModule | undefined;
let loading: Promise<CasePageModule> | undefined;

/** Loads the case screen's chunk (the engine's runtime with it), once; what the queue does when idle. */
export function loadCasePage(): Promise<CasePageModule> {
  loading ??= import("./CasePage").then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/**
 * What `React.lazy` is given for the case screen. Once the chunk is loaded (the queue loads it when idle), the
 * component is handed over synchronously, so the first case of a freshly loaded page renders at once: a lazy
 * component otherwise suspends on its first render however ready its chunk is, its fallback shows, and React holds
 * the case screen back until the fallback has been up for 300 ms (its throttle on revealing suspended content).
 */
export function casePageComponent(): Promise<{ default: ComponentType<CasePageProps> }> {
  const ready = loaded;
  return ready
    ? resolvedNow({ default: ready.CasePage })
    : loadCasePage().then((module) => ({ default: module.CasePage }));
}

type CasePageProps = Parameters<CasePageModule["CasePage"]>[0];

/**
 * A value as a thenable that calls back at once (a promise would call back in a later microtask): what React's lazy
 * reads as resolved before its first render completes. Typed as a promise for `lazy`; only `then` may be used.
 */
export function resolvedNow<T>(value: T): Promise<T> {
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, see above
    then: (resolve?: (value: T) => unknown) => resolvedNow(resolve ? resolve(value) : value),
  };
  return thenable as unknown as Promise<T>;
}
