import { type Issue, type IssueCode, issue, type Severity, toPointer } from "../errors";
import { ExpressionScope } from "../expression/ExpressionScope";
import { type CelType, declaredVariables, describeType, TIMESTAMP } from "../expression/variables";
import { suggestion } from "./didYouMean";
import { lintProtection } from "./lintProtection";
import { describePlace } from "./schemaIssues";
import { collectRegions, costToEnd, nextEdges } from "./stepGraph";
import type { SopDefinition, SopLibrary, Step } from "./types";

/** The locales every human text must have. */
export const REQUIRED_LOCALES = ["es", "en"] as const;

/**
 * Finds what the schema cannot say about a schema-valid SOP: unknown steps, services, flags, SOPs and variables;
 * unreachable steps and dead ends; sensitive questions reachable without consent; expressions that do not parse
 * or type-check; missing translations; duplicate ids; procedure cycles. Returns issues with JSON pointers; it
 * never throws on a schema-valid definition.
 */
export function lintSop(sop: SopDefinition, library: SopLibrary, file?: string): Issue[] {
  const issues: Issue[] = [];
  const add = (code: IssueCode, message: string, pointer: string, severity: Severity = "error") =>
    issues.push(issue(code, message, pointer, severity));
  const stepIds = Object.keys(sop.steps);
  const { variables, conflicts } = declaredVariables(sop);
  const scope = new ExpressionScope(variables);

  if (file && !file.endsWith(`${sop.id}.sop.json`))
    add(
      "id-mismatch",
      `The SOP id "${sop.id}" does not match its file name; name the file "${sop.id}.sop.json".`,
      "/id",
      "warning",
    );

  for (const declaration of conflicts) {
    const first = variables.get(declaration.name)!;
    const sameType = first.type === declaration.type;
    add(
      "duplicate-variable",
      sameType
        ? `Step "${declaration.step}" stores its answer in "${declaration.name}", which step "${first.step}" already fills; the later answer would overwrite the earlier. Use another variable name.`
        : `Step "${declaration.step}" declares "${declaration.name}" as a ${describeType(declaration.type)}, but step "${first.step}" declares it as a ${describeType(first.type)}. Use another variable name.`,
      toPointer("steps", declaration.step, "variable"),
    );
  }

  // References to steps.
  const stepRef = (target: string, pointer: string, from: string) => {
    if (!sop.steps[target])
      add("unknown-step", `${from} goes to "${target}", which does not exist.${suggestion(target, stepIds)}`, pointer);
  };
  if (!sop.steps[sop.start])
    add(
      "unknown-step",
      `The SOP starts at "${sop.start}", which does not exist.${suggestion(sop.start, stepIds)}`,
      "/start",
    );
  for (const [id, step] of Object.entries(sop.steps)) {
    for (const edge of nextEdges(id, step)) stepRef(edge.to, edge.pointer, `Step "${id}"`);
    if (step.kind === "parallel") {
      const trackIds = new Set<string>();
      for (const [i, track] of step.tracks.entries()) {
        stepRef(track.start, toPointer("steps", id, "tracks", i, "start"), `Track "${track.id}" of step "${id}"`);
        if (trackIds.has(track.id))
          add(
            "duplicate-id",
            `Step "${id}" has two tracks with id "${track.id}".`,
            toPointer("steps", id, "tracks", i, "id"),
          );
        trackIds.add(track.id);
      }
    }
  }
  // With a step reference broken (or two tracks sharing an id, so one is hidden), reachability and dead ends
  // would only echo that one mistake.
  const graphIsBroken = issues.some(
    (i) => i.code === "unknown-step" || (i.code === "duplicate-id" && i.pointer.includes("/tracks/")),
  );
  for (const id of Object.keys(sop.estimates ?? {}))
    if (!sop.steps[id])
      add(
        "unknown-step",
        `The time estimate names step "${id}", which does not exist.${suggestion(id, stepIds)}`,
        toPointer("estimates", id),
        "warning",
      );

  lintCatalogReferences(sop, library, add);
  lintDuplicateIds(sop, add);
  lintExpressions(sop, library, scope, add);
  lintStructure(sop, add, graphIsBroken);
  lintConsent(sop, add);
  lintTranslations(sop, add);
  lintProcedureCycles(sop, library, add);
  lintProtection(sop, library, scope, add, graphIsBroken);
  return issues;
}

type Add = (code: IssueCode, message: string, pointer: string, severity?: Severity) => void;

function lintCatalogReferences(sop: SopDefinition, library: SopLibrary, add: Add) {
  const { services, flags } = library.catalog;
  const flagRef = (flag: string, pointer: string, where: string) => {
    if (!flags.has(flag))
      add(
        "unknown-flag",
        `${where} names the flag "${flag}", which is not in the catalog.${suggestion(flag, flags.keys())}`,
        pointer,
      );
  };
  const serviceRef = (service: string, pointer: string, where: string) => {
    if (!services.has(service))
      add(
        "unknown-service",
        `${where} names the service "${service}", which is not in the catalog.${suggestion(service, services.keys())}`,
        pointer,
      );
  };
  for (const [id, step] of Object.entries(sop.steps)) {
    for (const [i, effect] of (step.effects ?? []).entries()) {
      if ("raise" in effect) flagRef(effect.raise, toPointer("steps", id, "effects", i, "raise"), `Step "${id}"`);
      if ("clear" in effect) flagRef(effect.clear, toPointer("steps", id, "effects", i, "clear"), `Step "${id}"`);
    }
    if (step.kind === "referral") serviceRef(step.service, toPointer("steps", id, "service"), `Step "${id}"`);
    if (step.kind === "procedure" && !library.sops.has(step.sop))
      add(
        "unknown-sop",
        `Step "${id}" runs the SOP "${step.sop}", which is not in the library.${suggestion(step.sop, library.sops.keys())}`,
        toPointer("steps", id, "sop"),
      );
  }
  for (const [i, invariant] of (sop.invariants ?? []).entries()) {
    for (const [j, expectation] of invariant.expect.entries()) {
      const pointer = toPointer("invariants", i, "expect", j);
      const where = `Invariant "${invariant.id}"`;
      if ("referral" in expectation) serviceRef(expectation.referral, `${pointer}/referral`, where);
      if ("offered" in expectation) serviceRef(expectation.offered, `${pointer}/offered`, where);
      if ("noReferral" in expectation) serviceRef(expectation.noReferral, `${pointer}/noReferral`, where);
      if ("flag" in expectation) flagRef(expectation.flag, `${pointer}/flag`, where);
      if ("noFlag" in expectation) flagRef(expectation.noFlag, `${pointer}/noFlag`, where);
      for (const key of ["visits", "avoids"] as const) {
        const target = (expectation as Record<string, string>)[key];
        if (target && !sop.steps[target])
          add(
            "unknown-step",
            `${where} names step "${target}", which does not exist.${suggestion(target, Object.keys(sop.steps))}`,
            `${pointer}/${key}`,
          );
      }
    }
  }
}

function lintDuplicateIds(sop: SopDefinition, add: Add) {
  const seenInvariants = new Set<string>();
  for (const [i, invariant] of (sop.invariants ?? []).entries()) {
    if (seenInvariants.has(invariant.id))
      add("duplicate-id", `Two invariants have the id "${invariant.id}".`, toPointer("invariants", i, "id"));
    seenInvariants.add(invariant.id);
  }
  for (const [id, step] of Object.entries(sop.steps)) {
    if (step.kind === "checklist") {
      const seen = new Set<string>();
      for (const [i, item] of step.items.entries()) {
        if (seen.has(item.id))
          add(
            "duplicate-id",
            `Step "${id}" has two checklist items with id "${item.id}".`,
            toPointer("steps", id, "items", i, "id"),
          );
        seen.add(item.id);
      }
    }
    if (step.kind === "question" && "options" in step.answer) {
      const seen = new Set<string>();
      for (const [i, option] of step.answer.options.entries()) {
        if (seen.has(option.value))
          add(
            "duplicate-id",
            `Step "${id}" has two options with value "${option.value}".`,
            toPointer("steps", id, "answer", "options", i, "value"),
          );
        seen.add(option.value);
      }
    }
  }
}

function lintExpressions(sop: SopDefinition, library: SopLibrary, scope: ExpressionScope, add: Add) {
  const check = (expression: string, pointer: string, where: string, expected: CelType | undefined) => {
    const badDuration = invalidDurationLiteral(expression);
    if (badDuration) {
      add(
        "expression-type",
        `${where}: duration("${badDuration}") is not a CEL duration; write hours, minutes or seconds, like "72h", "90m" or "4320h" for 180 days.`,
        pointer,
      );
      return;
    }
    const result = scope.check(expression, expected);
    if (!result.ok) {
      if (result.unknownVariable) {
        add(
          "unknown-variable",
          `${where} uses "${result.unknownVariable}", which no question of this SOP declares.${suggestion(result.unknownVariable, scope.variables.keys())}`,
          pointer,
        );
      } else {
        const code = result.kind === "syntax" ? "expression-syntax" : "expression-type";
        const what = result.kind === "syntax" ? "cannot be read" : "does not type-check";
        add(code, `${where}: the condition \`${expression}\` ${what}: ${result.message}.`, pointer);
      }
      return;
    }
    checkLiterals(expression, pointer, where, scope, library, sop, add);
  };
  for (const [id, step] of Object.entries(sop.steps)) {
    const where = `Step "${id}"`;
    for (const edge of nextEdges(id, step))
      if (edge.when) check(edge.when, toPointer("steps", id, "next", edge.route, "when"), where, "bool");
    for (const [i, effect] of (step.effects ?? []).entries()) {
      if (effect.when) check(effect.when, toPointer("steps", id, "effects", i, "when"), where, "bool");
      if ("deadline" in effect && effect.from)
        check(effect.from, toPointer("steps", id, "effects", i, "from"), where, TIMESTAMP);
    }
    if (step.kind === "procedure" && step.with) {
      const callee = library.sops.get(step.sop);
      const calleeVariables = callee ? declaredVariables(callee).variables : undefined;
      for (const [name, expression] of Object.entries(step.with)) {
        const pointer = toPointer("steps", id, "with", name);
        const target = calleeVariables?.get(name);
        if (calleeVariables && !target) {
          add(
            "unknown-variable",
            `${where} passes "${name}" to "${step.sop}", which declares no such variable.${suggestion(name, calleeVariables.keys())}`,
            pointer,
          );
          continue;
        }
        check(expression, pointer, `${where} (passing "${name}")`, target?.type);
      }
    }
  }
  for (const [i, invariant] of (sop.invariants ?? []).entries()) {
    const where = `Invariant "${invariant.id}"`;
    if (invariant.when) check(invariant.when, toPointer("invariants", i, "when"), where, "bool");
    for (const [j, expectation] of invariant.expect.entries())
      if ("holds" in expectation)
        check(expectation.holds, toPointer("invariants", i, "expect", j, "holds"), where, "bool");
  }
}

/** The first `duration("…")` literal CEL cannot read (CEL has no day unit), if any. */
function invalidDurationLiteral(expression: string): string | undefined {
  for (const match of expression.matchAll(/duration\(\s*"([^"]*)"\s*\)/g)) {
    if (!/^-?([0-9]+(\.[0-9]+)?(h|m|s|ms|us|ns))+$/.test(match[1])) return match[1];
  }
  return undefined;
}

/** Flags a string literal compared with a choice variable, `flags` or `referrals` that cannot match. */
function checkLiterals(
  expression: string,
  pointer: string,
  where: string,
  scope: ExpressionScope,
  library: SopLibrary,
  sop: SopDefinition,
  add: Add,
) {
  const patterns = [
    /\b([a-z_][a-z0-9_]*)\s*[!=]=\s*"([^"]*)"/g,
    /"([^"]*)"\s*[!=]=\s*([a-z_][a-z0-9_]*)\b/g,
    /"([^"]*)"\s+in\s+([a-z_][a-z0-9_]*)\b/g,
  ];
  for (const [n, pattern] of patterns.entries()) {
    for (const match of expression.matchAll(pattern)) {
      const [name, literal] = n === 0 ? [match[1], match[2]] : [match[2], match[1]];
      if (name === "flags") {
        if (!library.catalog.flags.has(literal))
          add(
            "unknown-flag",
            `${where}: the condition tests the flag "${literal}", which is not in the catalog.${suggestion(literal, library.catalog.flags.keys())}`,
            pointer,
          );
        continue;
      }
      if (name === "visited") {
        if (!sop.steps[literal])
          add(
            "unknown-step",
            `${where}: the condition tests whether step "${literal}" was visited, but there is no such step.${suggestion(literal, Object.keys(sop.steps))}`,
            pointer,
          );
        continue;
      }
      if (name === "referrals") {
        if (!library.catalog.services.has(literal))
          add(
            "unknown-service",
            `${where}: the condition tests a referral to "${literal}", which is not in the catalog.${suggestion(literal, library.catalog.services.keys())}`,
            pointer,
          );
        continue;
      }
      const declaration = scope.variables.get(name);
      const answer = declaration?.answer;
      if (answer && "options" in answer) {
        const values = answer.options.map((o) => o.value);
        if (!values.includes(literal))
          add(
            "unknown-option",
            `${where}: "${name}" is never "${literal}"; its options are ${values.join(", ")}.${suggestion(literal, values)}`,
            pointer,
          );
      }
    }
  }
}

function lintStructure(sop: SopDefinition, add: Add, graphIsBroken: boolean) {
  const regions = collectRegions(sop);
  const reachable = new Set<string>();
  const owner = new Map<string, string>();
  for (const [key, region] of regions) {
    for (const id of region.steps) {
      reachable.add(id);
      const previous = owner.get(id);
      if (previous !== undefined && previous !== key) {
        const describe = (k: string) =>
          k === "" ? "the main flow" : `track "${k.split("/")[1]}" of step "${k.split("/")[0]}"`;
        add(
          "track-escape",
          `Step "${id}" is reached from both ${describe(previous)} and ${describe(key)}; a track's steps must belong to it alone and end at an end step of their own.`,
          toPointer("steps", id),
        );
      } else owner.set(id, key);
    }
  }
  for (const id of Object.keys(sop.steps))
    if (!graphIsBroken && !reachable.has(id))
      add(
        "unreachable-step",
        `Step "${id}" can never be reached: no step goes to it.`,
        toPointer("steps", id),
        "warning",
      );

  // Dead ends: a step from which no end step of its region can be reached.
  for (const region of graphIsBroken ? [] : regions.values()) {
    const canFinish = costToEnd(sop, region.steps, () => 0);
    for (const id of region.steps) {
      if (!canFinish.has(id))
        add(
          "dead-end",
          `Step "${id}" leads nowhere: no path from it reaches an end step, so a case would be stuck there.`,
          toPointer("steps", id),
        );
    }
  }
  for (const [id, step] of Object.entries(sop.steps)) {
    const edges = nextEdges(id, step);
    if (edges.length > 0 && edges.every((e) => e.when !== undefined))
      add(
        "no-default-route",
        `Step "${id}" has no route without a condition; when none holds, the case is stuck. End its routes with one that has no "when".`,
        toPointer("steps", id, "next"),
        "warning",
      );
    if (edges.length > 1 && edges.slice(0, -1).some((e) => e.when === undefined)) {
      const i = edges.findIndex((e) => e.when === undefined);
      add(
        "dead-end",
        `Step "${id}": route ${i + 1} has no condition, so the routes after it are never taken.`,
        toPointer("steps", id, "next", i + 1),
        "warning",
      );
    }
  }
}

function lintConsent(sop: SopDefinition, add: Add) {
  for (const [id, step] of Object.entries(sop.steps)) {
    if (step.kind !== "question" || !step.sensitive) continue;
    const category = step.sensitive;
    const coversIt = (s: Step) =>
      s.kind === "question" && s.answer.type === "consent" && s.answer.covers.includes(category);
    // Is the question reachable from the start without passing a consent question that covers its category?
    // Only the start: a track is entered through its parallel step, so starting at track entries would skip
    // the consent given before the parallel step.
    const entries = [sop.start];
    const seen = new Set<string>();
    const queue = entries.filter((e) => sop.steps[e] && !coversIt(sop.steps[e]));
    let reached = false;
    while (queue.length && !reached) {
      const current = queue.shift()!;
      if (seen.has(current)) continue;
      seen.add(current);
      if (current === id) reached = true;
      const s = sop.steps[current];
      for (const edge of nextEdges(current, s))
        if (sop.steps[edge.to] && !coversIt(sop.steps[edge.to])) queue.push(edge.to);
      if (s.kind === "parallel")
        for (const t of s.tracks) if (sop.steps[t.start] && !coversIt(sop.steps[t.start])) queue.push(t.start);
    }
    if (reached)
      add(
        "consent-missing",
        `Step "${id}" asks a ${category} question, but a path reaches it without a consent question covering "${category}" before it. Add a consent step (answer type "consent" with covers ["${category}"]) on every path to it.`,
        toPointer("steps", id, "sensitive"),
      );
  }
}

/** The fields whose values are locale maps, wherever they stand in an SOP. */
const TEXT_FIELDS = new Set(["title", "summary", "notes", "say", "guidance", "label", "text", "reason", "unit"]);

function lintTranslations(sop: SopDefinition, add: Add) {
  const visit = (value: unknown, pointer: string, key: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${pointer}/${i}`, key);
    } else if (value && typeof value === "object") {
      if (TEXT_FIELDS.has(key) && Object.values(value).every((v) => typeof v === "string")) {
        const missing = REQUIRED_LOCALES.filter((l) => !(l in value));
        if (missing.length)
          add(
            "missing-translation",
            `${describePlace(pointer)}: the text has no ${missing.join(" or ")} version.`,
            pointer,
            "warning",
          );
        return;
      }
      for (const [k, v] of Object.entries(value))
        visit(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, k);
    }
  };
  visit(sop, "", "");
}

function lintProcedureCycles(sop: SopDefinition, library: SopLibrary, add: Add) {
  for (const [id, step] of Object.entries(sop.steps)) {
    if (step.kind !== "procedure") continue;
    const chain = findChain(step.sop, sop.id, library, new Set());
    if (chain)
      add(
        "procedure-cycle",
        `Step "${id}" runs "${step.sop}", which runs ${
          chain.length > 1
            ? chain
                .slice(1)
                .map((c) => `"${c}"`)
                .join(", which runs ")
            : `"${sop.id}"`
        } again: procedures must not call themselves.`,
        toPointer("steps", id, "sop"),
      );
  }
}

/** The chain of SOP ids from `from` back to `target`, if `from` (transitively) runs `target`. */
function findChain(from: string, target: string, library: SopLibrary, seen: Set<string>): string[] | undefined {
  if (from === target) return [from];
  if (seen.has(from)) return undefined;
  seen.add(from);
  const sop = library.sops.get(from);
  if (!sop) return undefined;
  for (const step of Object.values(sop.steps)) {
    if (step.kind !== "procedure") continue;
    const rest = findChain(step.sop, target, library, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}
