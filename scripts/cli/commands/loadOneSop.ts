import type { CompiledSop } from "../../../src/engine/index";
import { UsageError } from "../command";
import { loadLibraryFor } from "../readSources";
import { formatIssue } from "./validate";

/** Loads one SOP file with its library and compiles it, or explains why it cannot. */
export function loadOneSop(path: string | undefined, cwd: string): CompiledSop {
  if (!path) throw new UsageError("give the SOP file, for example sop/uasc.sop.json");
  if (!path.endsWith(".sop.json")) throw new UsageError(`${path}: not an SOP file (*.sop.json)`);
  const { loaded, targets } = loadLibraryFor([path], cwd);
  const file = [...targets][0];
  const id = [...loaded.sopFiles].find(([, f]) => f === file)?.[0];
  const compiled = id ? loaded.compiled.get(id) : undefined;
  if (!compiled) {
    const errors = loaded.issues.filter((i) => i.severity === "error" && (i.file === file || !id));
    const lines = errors.slice(0, 10).map(formatIssue).join("\n");
    throw new UsageError(
      `${path} cannot be compiled:\n${lines || "one of the SOPs it runs has errors; run senda validate"}`,
    );
  }
  return compiled;
}
