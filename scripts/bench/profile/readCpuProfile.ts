/** A V8 CPU profile, as `node --cpu-prof` and the DevTools protocol's `Profiler.stop` write it. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One function's share of a profile: its own time, and its time with everything it called. */
export interface HotFunction {
  name: string;
  /** Where it is defined: file (shortened) and line. */
  where: string;
  selfMs: number;
  totalMs: number;
}

/** Shortens a script URL to the part a reader recognises: the path under the repository or node_modules. */
export function shortUrl(url: string): string {
  const clean = url.replace(/^file:\/\//, "").replace(/\?.*$/, "");
  const inModules = clean.lastIndexOf("node_modules/");
  if (inModules >= 0) return clean.slice(inModules + "node_modules/".length);
  const inSource = clean.search(/\/(src|scripts|test)\//);
  return inSource >= 0 ? clean.slice(inSource + 1) : clean;
}

/**
 * Sums a profile by function: self time (samples whose top frame is the function) and total time (samples with
 * the function anywhere on the stack, counted once per sample). Sorted by self time, biggest first.
 */
export function summarizeProfile(profile: CpuProfile, group: (url: string) => string = shortUrl): HotFunction[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || "(anonymous)"}\t${group(f.url)}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const top = keyOf(id);
    self.set(top, (self.get(top) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(at);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  return [...total.keys()]
    .map((key) => {
      const [name, where] = key.split("\t");
      return { name, where, selfMs: self.get(key) ?? 0, totalMs: total.get(key) ?? 0 };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
}

/**
 * Sums self time by the module each sample's function lives in, for a breakdown by part (engine, XState, CEL,
 * React, PouchDB…). `classify` names the part of a URL and line; unnamed parts are "other".
 */
export function selfTimeByPart(
  profile: CpuProfile,
  classify: (frame: { url: string; lineNumber: number; functionName: string }) => string,
): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const part = classify(byId.get(id)!.callFrame);
    parts.set(part, (parts.get(part) ?? 0) + ms);
  });
  return new Map([...parts].sort((a, b) => b[1] - a[1]));
}

/** A table of the hottest functions, for a terminal or Markdown. */
export function formatHotFunctions(rows: readonly HotFunction[], limit = 25): string {
  const lines = ["| function | where | self ms | total ms |", "|---|---|---:|---:|"];
  for (const r of rows.slice(0, limit))
    lines.push(`| ${r.name} | ${r.where} | ${r.selfMs.toFixed(1)} | ${r.totalMs.toFixed(1)} |`);
  return lines.join("\n");
}
