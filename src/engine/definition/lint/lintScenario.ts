import { checkAnswer } from "../../case/validateInput";
import { type Issue, type IssueCode, type Severity, toPointer } from "../../errors";
import { didYouMean } from "../didYouMean";
import { issue } from "../issueMessages";
import type { IssueParamsOf } from "../issueParams";
import { kindOf } from "../schemaIssues";
import type { Answer, Scenario, SopDefinition, SopLibrary, Step } from "../types";
import { CatalogGapTally } from "./CatalogGapTally";

/** A step a scenario can name: `ask-age`, or inside a procedure `run-uasc/ask-age`. */
interface StepAt {
  sop: SopDefinition;
  step: Step;
}

/** How deep procedures may nest when listing step paths; lint reports cycles, this only keeps the walk finite. */
const MAX_NESTING = 8;

/**
 * Every step path of an SOP, through the procedures it runs (whose SOPs are in the library), with the step and the
 * SOP it belongs to; and whether some path could not be followed (a procedure whose SOP is missing), in which case
 * an unknown path below it may not be a mistake of the scenario.
 */
export function stepPaths(root: SopDefinition, library: SopLibrary): { paths: Map<string, StepAt>; open: Set<string> } {
  const paths = new Map<string, StepAt>();
  const open = new Set<string>();
  const queue: { sop: SopDefinition; prefix: string; depth: number }[] = [{ sop: root, prefix: "", depth: 0 }];
  while (queue.length > 0) {
    const { sop, prefix, depth } = queue.shift()!;
    for (const [id, step] of Object.entries(sop.steps)) {
      const path = `${prefix}${id}`;
      paths.set(path, { sop, step });
      if (step.kind !== "procedure") continue;
      const callee = library.sops.get(step.sop);
      if (callee && depth < MAX_NESTING) queue.push({ sop: callee, prefix: `${path}/`, depth: depth + 1 });
      else open.add(`${path}/`);
    }
  }
  return { paths, open };
}

/** The ids of the deadlines, or of the follow-ups, an SOP and the procedures it runs can set. */
function effectIds(paths: Map<string, StepAt>, kind: "deadline" | "followUp"): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { sop, step } of paths.values())
    for (const effect of step.effects ?? [])
      if (kind in effect) ids.set((effect as Record<string, string>)[kind], sop.id);
  return ids;
}

/** What an action other than answering acts on, by what it does; absent for what acts on the case as a whole. */
const NEEDS: Partial<Record<string, "step" | "language" | "service" | "flag" | "followUp">> = {
  answer: "step",
  correct: "step",
  update: "step",
  "not-needed": "step",
  language: "language",
  "hand-over": "service",
  acknowledge: "service",
  raise: "flag",
  clear: "flag",
  "follow-up-done": "followUp",
};

/**
 * Checks a schema-valid scenario against the SOP it enters: every action is at a step that exists and takes an
 * action, with an answer of the step's type; every flag, service, deadline and step it expects exists; and it
 * expects something (or plays an SOP with invariants, which a path must keep). Issues carry pointers into the
 * scenario file.
 */
export function lintScenario(scenario: Scenario, sop: SopDefinition, library: SopLibrary): Issue[] {
  const issues: Issue[] = [];
  const add = <C extends IssueCode>(code: C, params: IssueParamsOf[C], pointer: string, severity?: Severity) =>
    issues.push(issue(code, params, pointer, severity));
  const { paths, open } = stepPaths(sop, library);
  const isOpen = (path: string) => [...open].some((prefix) => path.startsWith(prefix));
  const names = [...paths.keys()];
  const { flags, services } = library.catalog;
  const gaps = new CatalogGapTally(library.catalog);
  const followUps = effectIds(paths, "followUp");

  for (const [i, action] of scenario.steps.entries()) {
    const pointer = toPointer("steps", i);
    const does = action.do ?? "answer";
    const needs = NEEDS[does];
    const subject = { action: i + 1 };
    if (needs !== undefined && action[needs] === undefined) {
      add("incomplete-action", { ...subject, do: does, needs }, pointer);
      continue;
    }
    if (needs === "service" && action.service && !services.has(action.service)) {
      if (!gaps.explains("service", action.service, `${pointer}/service`, subject))
        add(
          "unknown-service",
          {
            ...subject,
            context: "action",
            service: action.service,
            suggestion: didYouMean(action.service, services.keys()),
          },
          `${pointer}/service`,
        );
    }
    if (needs === "flag" && action.flag && !flags.has(action.flag)) {
      if (!gaps.explains("flag", action.flag, `${pointer}/flag`, subject))
        add(
          "unknown-flag",
          { ...subject, context: "action", flag: action.flag, suggestion: didYouMean(action.flag, flags.keys()) },
          `${pointer}/flag`,
        );
    }
    if (needs === "followUp" && action.followUp && !followUps.has(action.followUp) && open.size === 0)
      add(
        "unknown-follow-up",
        {
          ...subject,
          followUp: action.followUp,
          sop: sop.id,
          suggestion: didYouMean(action.followUp, followUps.keys()),
        },
        `${pointer}/followUp`,
      );
    if (needs !== "step" || action.step === undefined) continue;
    const at = paths.get(action.step);
    if (!at) {
      if (!isOpen(action.step))
        add(
          "unknown-step",
          {
            action: i + 1,
            context: "action",
            target: action.step,
            sop: sop.id,
            suggestion: didYouMean(action.step, names),
          },
          `${pointer}/step`,
        );
      continue;
    }
    if (does === "answer") checkAction(add, i, action.step, action.answer, "answer" in action, at, pointer);
    else checkChange(add, i, does, action.step, action.answer, at, pointer);
  }

  const expect = scenario.expect;
  for (const key of ["flags", "notFlags"] as const)
    for (const [j, flag] of (expect[key] ?? []).entries()) {
      const pointer = toPointer("expect", key, j);
      const path = `expect.${key}.${j}`;
      if (!flags.has(flag) && !gaps.explains("flag", flag, pointer, { path }))
        add("unknown-flag", { path, context: "expect", flag, suggestion: didYouMean(flag, flags.keys()) }, pointer);
    }
  const serviceAt = (service: string, pointer: string, path: string) => {
    if (!services.has(service) && !gaps.explains("service", service, pointer, { path }))
      add(
        "unknown-service",
        { path, context: "expect", service, suggestion: didYouMean(service, services.keys()) },
        pointer,
      );
  };
  for (const [j, referral] of (expect.referrals ?? []).entries())
    serviceAt(referral.service, toPointer("expect", "referrals", j, "service"), `expect.referrals.${j}.service`);
  for (const [j, service] of (expect.noReferrals ?? []).entries())
    serviceAt(service, toPointer("expect", "noReferrals", j), `expect.noReferrals.${j}`);
  const deadlines = effectIds(paths, "deadline");
  const deadlineAt = (deadline: string, pointer: string, path: string) => {
    if (!deadlines.has(deadline) && open.size === 0)
      add(
        "unknown-deadline",
        { path, deadline, sop: sop.id, suggestion: didYouMean(deadline, deadlines.keys()) },
        pointer,
      );
  };
  for (const [j, deadline] of (expect.deadlines ?? []).entries())
    deadlineAt(deadline.id, toPointer("expect", "deadlines", j, "id"), `expect.deadlines.${j}.id`);
  for (const [j, deadline] of (expect.noDeadlines ?? []).entries())
    deadlineAt(deadline, toPointer("expect", "noDeadlines", j), `expect.noDeadlines.${j}`);
  for (const key of ["visits", "avoids"] as const)
    for (const [j, target] of (expect[key] ?? []).entries())
      if (!paths.has(target) && !isOpen(target))
        add(
          "unknown-step",
          {
            path: `expect.${key}.${j}`,
            context: "expect",
            target,
            sop: sop.id,
            suggestion: didYouMean(target, names),
          },
          toPointer("expect", key, j),
        );

  for (const [j, followUp] of (expect.followUps ?? []).entries())
    if (!followUps.has(followUp) && open.size === 0)
      add(
        "unknown-follow-up",
        { path: `expect.followUps.${j}`, followUp, sop: sop.id, suggestion: didYouMean(followUp, followUps.keys()) },
        toPointer("expect", "followUps", j),
      );

  gaps.report((params, pointer) => add("catalog-invalid", params, pointer));
  // A scenario that expects nothing still fails when its path breaks an invariant; without any, it cannot fail.
  const expectsSomething = Object.values(expect).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined));
  const promises = [sop, ...[...paths.values()].map((at) => at.sop)].some((s) => (s.invariants ?? []).length > 0);
  if (!expectsSomething && !promises) add("empty-expectations", {}, "/expect");
  return issues;
}

type Add = <C extends IssueCode>(code: C, params: IssueParamsOf[C], pointer: string, severity?: Severity) => void;

/** An action's answer fits the step it is at, as the case would check it when the scenario is played. */
function checkAction(
  add: Add,
  i: number,
  path: string,
  answer: unknown,
  answered: boolean,
  { sop, step }: StepAt,
  pointer: string,
): void {
  const action = i + 1;
  const at = `${pointer}/answer`;
  switch (step.kind) {
    case "question": {
      if (checkAnswer(step.answer, answer) === undefined) return;
      checkQuestionAnswer(add, action, path, step.answer, answer, answered, answered ? at : pointer);
      return;
    }
    case "checklist": {
      if (!answered) return;
      if (!Array.isArray(answer) || answer.some((item) => typeof item !== "string")) {
        add("answer-type", { action, step: path, expected: "items", ...found(answer) }, at);
        return;
      }
      const items = step.items.map((item) => item.id);
      for (const [j, item] of (answer as string[]).entries())
        if (!items.includes(item))
          add(
            "unknown-option",
            { action, step: path, context: "item", value: item, options: items, suggestion: didYouMean(item, items) },
            `${at}/${j}`,
          );
      return;
    }
    case "referral":
      if (answered && typeof answer !== "boolean")
        add("answer-type", { action, step: path, expected: "yes-no", ...found(answer) }, at);
      return;
    case "instruction":
      return;
    default:
      add("wrong-action", { action, step: path, kind: step.kind, sop: sop.id }, `${pointer}/step`);
  }
}

/** A correction, an update or a referral not needed fits the step it is at, as the case would check it. */
function checkChange(
  add: Add,
  i: number,
  does: string,
  path: string,
  answer: unknown,
  { sop, step }: StepAt,
  pointer: string,
): void {
  const action = i + 1;
  if (does === "not-needed") {
    if (step.kind !== "referral")
      add("wrong-action", { action, step: path, kind: step.kind, sop: sop.id, do: does }, `${pointer}/step`);
    return;
  }
  // A correction changes a question's answer, a checklist's ticks or a referral's consent (as the case does);
  // new information only a question's answer.
  const changeable = does === "correct" ? ["question", "checklist", "referral"] : ["question"];
  if (!changeable.includes(step.kind)) {
    add("wrong-action", { action, step: path, kind: step.kind, sop: sop.id, do: does }, `${pointer}/step`);
    return;
  }
  if (step.kind !== "question") return;
  if (checkAnswer(step.answer, answer) !== undefined)
    checkQuestionAnswer(
      add,
      action,
      path,
      step.answer,
      answer,
      answer !== undefined,
      answer !== undefined ? `${pointer}/answer` : pointer,
    );
}

function found(value: unknown): { actual: IssueParamsOf["answer-type"]["actual"]; value?: string } {
  if (value === undefined) return { actual: undefined };
  return { actual: kindOf(value), value: JSON.stringify(value) };
}

function checkQuestionAnswer(
  add: Add,
  action: number,
  path: string,
  answer: Answer,
  value: unknown,
  answered: boolean,
  pointer: string,
): void {
  const given = answered ? found(value) : { actual: undefined };
  switch (answer.type) {
    case "yes-no":
    case "consent":
      add("answer-type", { action, step: path, expected: "yes-no", ...given }, pointer);
      return;
    case "one-of":
    case "several-of": {
      const options = answer.options.map((o) => o.value);
      const list = answer.type === "one-of" ? [value] : value;
      if (Array.isArray(list) && list.every((v) => typeof v === "string")) {
        const bad = (list as string[]).filter((v) => !options.includes(v));
        for (const v of bad)
          add(
            "unknown-option",
            { action, step: path, context: "answer", value: v, options, suggestion: didYouMean(v, options) },
            answer.type === "one-of" ? pointer : `${pointer}/${(list as string[]).indexOf(v)}`,
          );
        if (bad.length > 0) return;
      }
      add(
        "answer-type",
        { action, step: path, expected: answer.type === "one-of" ? "option" : "options", ...given },
        pointer,
      );
      return;
    }
    case "number": {
      const numberInQuotes = typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value);
      add(
        "answer-type",
        {
          action,
          step: path,
          expected: answer.integer === false ? "number" : "whole-number",
          ...given,
          numberInQuotes: numberInQuotes || undefined,
          min: answer.min,
          max: answer.max,
        },
        pointer,
      );
      return;
    }
    case "duration": {
      const numberInQuotes = typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value);
      add(
        "answer-type",
        {
          action,
          step: path,
          expected: "number",
          ...given,
          numberInQuotes: numberInQuotes || undefined,
          min: 0,
          max: answer.max,
        },
        pointer,
      );
      return;
    }
    case "date":
    case "datetime":
      add("answer-type", { action, step: path, expected: answer.type, ...given }, pointer);
      return;
    case "text":
      add("answer-type", { action, step: path, expected: "text", ...given }, pointer);
      return;
  }
}
