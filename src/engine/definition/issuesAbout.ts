import type { Issue } from "../errors";
import { classifyPath, idOfFile, type LoadedLibrary } from "./loadLibrary";

/** Issues in other files that a broken reference into a catalog file causes. */
const CATALOG_CODES = new Set(["unknown-service", "unknown-flag", "catalog-invalid"]);
const CATALOG_KINDS = new Set(["service", "flag", "site", "role"]);
/** What a scenario can get wrong about the SOP it plays through. */
const SCENARIO_CODES = new Set([
  "unknown-sop",
  "unknown-step",
  "answer-type",
  "unknown-option",
  "wrong-action",
  "unknown-deadline",
]);

/**
 * The issues of a loaded library that concern some of its files (`files`, as given to `loadLibrary`): their own,
 * and those in other files that refer to them, which a change to them can break: the SOPs that run them (a
 * procedure step, the variables it passes), the scenarios that enter them or an SOP that runs them, and, for a
 * catalog file, every reference to a service or flag. Validating one file is validating it in its library.
 */
export function issuesAbout(loaded: LoadedLibrary, files: ReadonlySet<string>): Issue[] {
  const catalogTarget = [...files].some((f) => classifyPath(f) === "catalog");
  // The ids the target SOPs have, and had: a renamed SOP still owns the references to its file's name.
  const targetIds = new Set<string>();
  for (const [id, file] of loaded.sopFiles) if (files.has(file)) targetIds.add(id);
  for (const file of files) {
    const id = classifyPath(file) === "sop" ? idOfFile(file, ".sop.json") : undefined;
    if (id !== undefined) targetIds.add(id);
  }
  // Every SOP that runs a target, directly or through others: its scenarios play through the target too.
  const affected = new Set(targetIds);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, sop] of loaded.library.sops) {
      if (affected.has(id)) continue;
      if (Object.values(sop.steps).some((s) => s.kind === "procedure" && affected.has(s.sop))) {
        affected.add(id);
        grew = true;
      }
    }
  }
  const affectedScenarios = new Set(loaded.scenarios.filter((s) => affected.has(s.scenario.sop)).map((s) => s.file));
  const refersToTarget = (found: Issue) => {
    const { sop, chain, what, id } = found.params;
    switch (found.code) {
      case "unknown-sop":
        return typeof sop === "string" && targetIds.has(sop);
      case "unknown-variable":
        return found.params.context === "with" && typeof sop === "string" && targetIds.has(sop);
      case "procedure-cycle":
        return Array.isArray(chain) && chain.some((c) => targetIds.has(c));
      case "duplicate-id":
        if (what === "sop") return typeof id === "string" && targetIds.has(id);
        return catalogTarget && typeof what === "string" && CATALOG_KINDS.has(what);
      default:
        return catalogTarget && CATALOG_CODES.has(found.code);
    }
  };
  return loaded.issues.filter(
    (found) =>
      found.file === undefined ||
      files.has(found.file) ||
      (affectedScenarios.has(found.file) && SCENARIO_CODES.has(found.code)) ||
      refersToTarget(found),
  );
}
