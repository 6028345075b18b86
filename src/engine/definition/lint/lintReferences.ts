import { toPointer } from "../../errors";
import { didYouMean } from "../didYouMean";
import type { Subject } from "../issueParams";
import { nextEdges, stepAt } from "../stepGraph";
import type { SopDefinition, Step } from "../types";
import type { LintContext } from "./LintContext";

/** Every step an SOP names exists: routes, the start, track starts, time estimates. */
export function lintStepReferences(context: LintContext): void {
  const { sop, steps, stepIds, add } = context;
  const stepRef = (target: string, pointer: string, params: Subject & { context: "route" | "track" }) => {
    if (stepAt(sop, target)) return;
    add("unknown-step", { ...params, target, suggestion: didYouMean(target, stepIds) }, pointer);
    context.graphIsBroken = true;
  };
  if (!stepAt(sop, sop.start))
    add("unknown-step", { context: "start", target: sop.start, suggestion: didYouMean(sop.start, stepIds) }, "/start");
  for (const [id, step] of steps) {
    for (const edge of nextEdges(id, step)) stepRef(edge.to, edge.pointer, { context: "route", step: id });
    if (step.kind === "parallel") {
      const trackIds = new Set<string>();
      for (const [i, track] of step.tracks.entries()) {
        stepRef(track.start, toPointer("steps", id, "tracks", i, "start"), {
          context: "track",
          step: id,
          track: track.id,
        });
        if (trackIds.has(track.id)) {
          add("duplicate-id", { what: "track", id: track.id, step: id }, toPointer("steps", id, "tracks", i, "id"));
          context.graphIsBroken = true;
        }
        trackIds.add(track.id);
      }
    }
  }
  if (!stepAt(sop, sop.start)) context.graphIsBroken = true;
  for (const id of Object.keys(sop.estimates ?? {}))
    if (!stepAt(sop, id))
      add(
        "unknown-step",
        { context: "estimate", target: id, suggestion: didYouMean(id, stepIds) },
        toPointer("estimates", id),
        "warning",
      );
}

/** Every flag and service an SOP names is in the catalog, and every SOP it runs is in the library. */
export function lintCatalogReferences(context: LintContext): void {
  const { sop, steps, library, add } = context;
  const { services, flags } = library.catalog;
  const gaps = context.catalogGaps;
  const flagRef = (flag: string, pointer: string, subject: Subject, kind: "effect" | "expect") => {
    if (flags.has(flag) || gaps.explains("flag", flag, pointer, subject)) return;
    add("unknown-flag", { ...subject, context: kind, flag, suggestion: didYouMean(flag, flags.keys()) }, pointer);
  };
  const serviceRef = (service: string, pointer: string, subject: Subject, kind: "referral" | "expect") => {
    if (services.has(service) || gaps.explains("service", service, pointer, subject)) return;
    add(
      "unknown-service",
      { ...subject, context: kind, service, suggestion: didYouMean(service, services.keys()) },
      pointer,
    );
  };
  for (const [id, step] of steps) {
    for (const [i, effect] of (step.effects ?? []).entries()) {
      if ("raise" in effect)
        flagRef(effect.raise, toPointer("steps", id, "effects", i, "raise"), { step: id }, "effect");
      if ("clear" in effect)
        flagRef(effect.clear, toPointer("steps", id, "effects", i, "clear"), { step: id }, "effect");
    }
    if (step.kind === "referral") serviceRef(step.service, toPointer("steps", id, "service"), { step: id }, "referral");
    if (step.kind === "procedure" && !library.sops.has(step.sop)) {
      const brokenFile = library.unloaded?.get(step.sop);
      const suggestion =
        brokenFile === undefined
          ? (library.renamed?.get(step.sop) ?? didYouMean(step.sop, library.sops.keys()))
          : undefined;
      add(
        "unknown-sop",
        { context: "procedure", step: id, sop: step.sop, brokenFile, suggestion },
        toPointer("steps", id, "sop"),
      );
    }
  }
  for (const [i, invariant] of (sop.invariants ?? []).entries()) {
    for (const [j, expectation] of invariant.expect.entries()) {
      const pointer = toPointer("invariants", i, "expect", j);
      const subject = { invariant: invariant.id };
      if ("referral" in expectation) serviceRef(expectation.referral, `${pointer}/referral`, subject, "expect");
      if ("offered" in expectation) serviceRef(expectation.offered, `${pointer}/offered`, subject, "expect");
      if ("noReferral" in expectation) serviceRef(expectation.noReferral, `${pointer}/noReferral`, subject, "expect");
      if ("slip" in expectation) {
        serviceRef(expectation.slip, `${pointer}/slip`, subject, "expect");
        for (const [k, flag] of (expectation.instructions ?? []).entries())
          flagRef(flag, `${pointer}/instructions/${k}`, subject, "expect");
        // The slip shares answers of this SOP: each must be a question or checklist here.
        for (const [k, variable] of expectation.shares.entries())
          if (!context.variables.has(variable))
            add(
              "unknown-variable",
              {
                ...subject,
                context: "slip",
                variable,
                suggestion: didYouMean(variable, context.variables.keys()),
              },
              `${pointer}/shares/${k}`,
            );
      }
      if ("flag" in expectation) flagRef(expectation.flag, `${pointer}/flag`, subject, "expect");
      if ("noFlag" in expectation) flagRef(expectation.noFlag, `${pointer}/noFlag`, subject, "expect");
      const targets: [string, string][] = [];
      for (const key of ["visits", "avoids", "notAsked", "asked"] as const) {
        const target = (expectation as Record<string, string>)[key];
        if (target) targets.push([target, `${pointer}/${key}`]);
      }
      if ("before" in expectation)
        for (const [k, target] of expectation.before.entries()) targets.push([target, `${pointer}/before/${k}`]);
      for (const [target, at] of targets) {
        const known = stepPathsNear(sop, target, library.sops);
        if (known)
          add("unknown-step", { ...subject, context: "invariant", target, suggestion: didYouMean(target, known) }, at);
      }
    }
  }
}

/**
 * Whether a step path an invariant names exists: a step of this SOP, or `<procedure step>/<step>` into the SOP that
 * procedure step runs, at any depth. Undefined when it does; else the paths at the level where it went wrong, for
 * a suggestion.
 */
function stepPathsNear(
  sop: SopDefinition,
  path: string,
  sops: ReadonlyMap<string, SopDefinition>,
): string[] | undefined {
  const parts = path.split("/");
  let current: SopDefinition | undefined = sop;
  for (const [i, id] of parts.entries()) {
    const prefix = parts
      .slice(0, i)
      .map((p) => `${p}/`)
      .join("");
    const step: Step | undefined = current ? stepAt(current, id) : undefined;
    if (!current || !step) return current ? Object.keys(current.steps).map((s) => prefix + s) : [];
    if (i === parts.length - 1) return undefined;
    current = step.kind === "procedure" ? sops.get(step.sop) : undefined;
    if (!current)
      return Object.entries(sop.steps)
        .filter(([, s]) => s.kind === "procedure")
        .map(([s]) => `${s}/`);
  }
  return undefined;
}
