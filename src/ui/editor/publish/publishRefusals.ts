import type { Issue } from "../../../engine/index";
import { compareVersions, parseVersion } from "../../../store/index";
import type { Consequences } from "../checks/runAnalysis";

/** Why the draft cannot be published yet; each reason with what it counts. */
export type Refusal =
  | { code: "not-json" }
  | { code: "checking" }
  | { code: "errors"; count: number }
  | { code: "consequences-missing" }
  | { code: "scenarios-failing"; count: number }
  | { code: "invariants-violated"; count: number }
  | { code: "invariants-unproven"; count: number }
  | { code: "caller-invariants-violated"; count: number }
  | { code: "bad-version"; version: string }
  | { code: "version-not-newer"; version: string; published: string }
  | { code: "behaviour-changed-same-version"; version: string }
  | { code: "no-note" };

/**
 * Every reason to refuse publishing, from what the checks found: errors anywhere in the library, consequences
 * not computed for this behaviour, failing scenarios, invariants violated or not proven, a version that is not
 * newer than the published one (with changed behaviour, said so), no change note. Pure.
 */
export function publishRefusals(input: {
  parsed: boolean;
  checking: boolean;
  issues: Issue[];
  consequences?: Consequences;
  consequencesCurrent: boolean;
  version: string;
  published?: string;
  note: string;
}): Refusal[] {
  const refusals: Refusal[] = [];
  if (!input.parsed) return [{ code: "not-json" }];
  if (input.checking) refusals.push({ code: "checking" });
  const errors = input.issues.filter((i) => i.severity === "error").length;
  if (errors) refusals.push({ code: "errors", count: errors });
  const c = input.consequences;
  if (!c || !input.consequencesCurrent) refusals.push({ code: "consequences-missing" });
  else {
    const failing = c.scenarios.filter((s) => s.status === "failed").length;
    if (failing) refusals.push({ code: "scenarios-failing", count: failing });
    const verdicts = c.check?.verdicts ?? [];
    const violated = verdicts.filter((v) => v.status === "violated").length;
    const unproven = verdicts.filter((v) => v.status === "unproven").length;
    if (violated) refusals.push({ code: "invariants-violated", count: violated });
    if (unproven) refusals.push({ code: "invariants-unproven", count: unproven });
    // The SOPs that run this one: a promise the draft breaks there refuses it; one left unsettled in the time given
    // does not (the panel says so, and CI's strict check settles it).
    const broken = (c.callers ?? []).flatMap((caller) => caller.check.verdicts).filter((v) => v.status === "violated");
    if (broken.length) refusals.push({ code: "caller-invariants-violated", count: broken.length });
  }
  if (!parseVersion(input.version)) refusals.push({ code: "bad-version", version: input.version });
  else if (input.published && compareVersions(input.version, input.published) <= 0) {
    const changed = (c?.diff?.entries.length ?? 0) > 0;
    refusals.push(
      changed && input.version === input.published
        ? { code: "behaviour-changed-same-version", version: input.version }
        : { code: "version-not-newer", version: input.version, published: input.published },
    );
  }
  if (!input.note.trim()) refusals.push({ code: "no-note" });
  return refusals;
}

/** The next version numbers to offer: patch, minor and major after the published one. */
export function nextVersions(published: string | undefined): string[] {
  const parsed = published ? parseVersion(published) : undefined;
  if (!parsed) return ["1.0.0"];
  const [major, minor, patch] = parsed.core;
  return [`${major}.${minor}.${patch + 1}`, `${major}.${minor + 1}.0`, `${major + 1}.0.0`];
}
