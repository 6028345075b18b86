import type { CaseOpened } from "../../engine/index";
import { viewCase } from "../../engine/index";
import { type CaseLog, type CaseSummary, replayLog, summarizeCase } from "../../store/index";
import { loadCompiledSop } from "../shared/loadCompiledSop";

/**
 * A case's summary from its merged log, derived on this device: the log replayed through its SOP version when the
 * device holds every event, else nothing (the store then shows the public digest the last writer left). Loaded
 * lazily: it needs the engine's runtime.
 */
export async function deriveSummary(log: CaseLog, now: Date): Promise<CaseSummary | undefined> {
  if (!log.complete) return undefined;
  const opened = log.entries[0]?.event as CaseOpened | undefined;
  if (!opened) return undefined;
  const compiled = await loadCompiledSop(opened.sop.id).catch(() => undefined);
  if (!compiled || compiled.hash !== opened.sop.hash) return undefined;
  const replay = replayLog(compiled, log);
  if (!replay.ok) return undefined;
  const last = log.entries[log.entries.length - 1];
  const view = viewCase(replay.session, now.getTime() > Date.parse(last.at) ? now : new Date(last.at));
  return { ...summarizeCase(view, log.entries.length), updatedAt: last.at };
}
