import { toPointer } from "../../errors";
import { type CelType, declaredVariables, TIMESTAMP } from "../../expression/variables";
import { didYouMean } from "../didYouMean";
import type { Subject } from "../issueParams";
import { nextEdges, stepAt } from "../stepGraph";
import type { CatalogGapTally } from "./CatalogGapTally";
import { findCelSlip } from "./celSlips";
import type { LintContext } from "./LintContext";

/**
 * Every CEL expression of an SOP parses and type-checks against its variables (conditions give yes/no, deadline
 * `from` a moment, `with` the callee's variable type), and every flag, step, service and option it compares with
 * exists. A slip from a spreadsheet or word processor is named with the condition as it was meant.
 */
export function lintExpressions(context: LintContext): void {
  const { sop, steps, library, catalogGaps: gaps } = context;
  for (const [id, step] of steps) {
    const subject = { step: id };
    for (const edge of nextEdges(id, step))
      if (edge.when)
        check(context, gaps, edge.when, toPointer("steps", id, "next", edge.route, "when"), subject, "bool");
    for (const [i, effect] of (step.effects ?? []).entries()) {
      if (effect.when) check(context, gaps, effect.when, toPointer("steps", id, "effects", i, "when"), subject, "bool");
      if ("deadline" in effect && effect.from)
        check(context, gaps, effect.from, toPointer("steps", id, "effects", i, "from"), subject, TIMESTAMP);
    }
    if (step.kind === "procedure" && step.with) {
      const callee = library.sops.get(step.sop);
      const calleeVariables = callee ? declaredVariables(callee).variables : undefined;
      for (const [name, expression] of Object.entries(step.with)) {
        const pointer = toPointer("steps", id, "with", name);
        const target = calleeVariables?.get(name);
        if (calleeVariables && !target) {
          context.add(
            "unknown-variable",
            {
              context: "with",
              step: id,
              variable: name,
              sop: step.sop,
              suggestion: didYouMean(name, calleeVariables.keys()),
            },
            pointer,
          );
          continue;
        }
        check(context, gaps, expression, pointer, { step: id, at: `with.${name}` }, target?.type);
      }
    }
  }
  for (const [i, invariant] of (sop.invariants ?? []).entries()) {
    const subject = { invariant: invariant.id };
    if (invariant.when) check(context, gaps, invariant.when, toPointer("invariants", i, "when"), subject, "bool");
    for (const [j, expectation] of invariant.expect.entries())
      if ("holds" in expectation)
        check(context, gaps, expectation.holds, toPointer("invariants", i, "expect", j, "holds"), subject, "bool");
  }
}

function check(
  context: LintContext,
  gaps: CatalogGapTally,
  expression: string,
  pointer: string,
  subject: Subject,
  expected: CelType | undefined,
): void {
  const { scope, add } = context;
  const badDuration = invalidDurationLiteral(expression);
  if (badDuration !== undefined) {
    add("expression-type", { ...subject, expression, duration: badDuration }, pointer);
    return;
  }
  const result = scope.check(expression);
  const fits = (type: string) => !expected || type === expected || type === "dyn";
  if (!result.ok) {
    const slip = findCelSlip(expression, (rewritten) => {
      const again = scope.check(rewritten);
      return again.ok && fits(again.type);
    });
    if (result.unknownVariable && !slip) {
      add(
        "unknown-variable",
        {
          ...subject,
          context: "condition",
          variable: result.unknownVariable,
          suggestion: didYouMean(result.unknownVariable, scope.variables.keys()),
        },
        pointer,
      );
      return;
    }
    // A condition nested deeper than the parser can follow comes back as the engine's own words: say it plainly.
    const detail = /call stack/i.test(result.message) ? "it is nested too deeply" : result.message;
    const params = { ...subject, expression, detail, ...slip };
    if (result.kind === "syntax") add("expression-syntax", params, pointer);
    else add("expression-type", params, pointer);
    return;
  }
  if (!fits(result.type)) {
    add("expression-type", { ...subject, expression, gives: result.type, needs: expected }, pointer);
    return;
  }
  checkLiterals(context, gaps, expression, pointer, subject);
}

/** The first `duration("…")` literal CEL cannot read (CEL has no day unit), if any. */
function invalidDurationLiteral(expression: string): string | undefined {
  for (const match of expression.matchAll(/duration\(\s*"([^"]*)"\s*\)/g)) {
    if (!/^-?([0-9]+(\.[0-9]+)?(h|m|s|ms|us|ns))+$/.test(match[1])) return match[1];
  }
  return undefined;
}

/** Flags a string literal compared with a choice variable, `flags`, `visited`, `referrals` or `offered` that cannot match. */
function checkLiterals(
  context: LintContext,
  gaps: CatalogGapTally,
  expression: string,
  pointer: string,
  subject: Subject,
): void {
  const { library, sop, scope, add } = context;
  const patterns = [
    /\b([a-z_][a-z0-9_]*)\s*[!=]=\s*"([^"]*)"/g,
    /"([^"]*)"\s*[!=]=\s*([a-z_][a-z0-9_]*)\b/g,
    /"([^"]*)"\s+in\s+([a-z_][a-z0-9_]*)\b/g,
  ];
  for (const [n, pattern] of patterns.entries()) {
    for (const match of expression.matchAll(pattern)) {
      const [name, literal] = n === 0 ? [match[1], match[2]] : [match[2], match[1]];
      if (name === "flags") {
        const { flags } = library.catalog;
        if (!flags.has(literal) && !gaps.explains("flag", literal, pointer, subject))
          add(
            "unknown-flag",
            { ...subject, context: "condition", flag: literal, suggestion: didYouMean(literal, flags.keys()) },
            pointer,
          );
        continue;
      }
      if (name === "visited") {
        if (!stepAt(sop, literal))
          add(
            "unknown-step",
            { ...subject, context: "condition", target: literal, suggestion: didYouMean(literal, context.stepIds) },
            pointer,
          );
        continue;
      }
      if (name === "referrals" || name === "offered") {
        const { services } = library.catalog;
        if (!services.has(literal) && !gaps.explains("service", literal, pointer, subject))
          add(
            "unknown-service",
            { ...subject, context: "condition", service: literal, suggestion: didYouMean(literal, services.keys()) },
            pointer,
          );
        continue;
      }
      const answer = scope.variables.get(name)?.answer;
      if (answer && "options" in answer) {
        const options = answer.options.map((o) => o.value);
        if (!options.includes(literal))
          add(
            "unknown-option",
            {
              ...subject,
              context: "condition",
              variable: name,
              value: literal,
              options,
              suggestion: didYouMean(literal, options),
            },
            pointer,
          );
      }
    }
  }
}
