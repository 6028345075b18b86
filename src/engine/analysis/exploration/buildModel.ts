import type { CompiledSop, CompiledStep } from "../../compile/CompiledSop";
import { slipStatesInstruction } from "../../compile/standingInstructions";
import { durationMs } from "../../compile/within";
import { nextEdges } from "../../definition/stepGraph";
import type { Effect, Expectation, Step } from "../../definition/types";
import type { Activation, CelValue } from "../../expression/ExpressionScope";
import type { AnswerSpaces } from "../answers/AnswerSpaces";
import { ANALYSIS_EPOCH } from "../answers/answerCandidates";
import { celValueKey } from "../answers/celValueKey";
import { Bdd, type BddNode } from "./Bdd";
import { Domains } from "./domains";
import { type Needs, readNeeds } from "./readNeeds";
import {
  evaluateBool,
  evaluateValue,
  identifiersOf,
  type ListName,
  literalMembers,
  parseExpression,
  type SymbolicBool,
  type SymbolicInputs,
  type SymbolicValue,
  UnsupportedExpression,
} from "./symbolicCel";
import type { CheckSpec, Domain, EdgeAction, Model, ModelEdge, ModelNode, ModelOptions, NodeKind, Op } from "./types";

const URGENCIES = ["", "routine", "urgent", "immediate"];
const STATUSES = ["", "made", "declined", "not-needed", "forbidden"];
const NOW = new Date(ANALYSIS_EPOCH);
const CASE_LISTS: readonly ListName[] = ["flags", "referrals", "offered", "visited"];
/** Whether an expression may read the case's outcome. */
const READS_OUTCOME = /\boutcome\b/;

/**
 * Builds the symbolic model of a compiled SOP: every step of every procedure run (by its path in the case) as
 * moments and the ways between them, each way with its exact effect on a set of case states, mirroring the case
 * runtime (`caseLogic.ts`) action by action: visits, answers, consents, effects in order, referrals, bindings of a
 * procedure's inputs, routes tried in order, invariants at each end. Only the facts something reads are tracked
 * (see `readNeeds`), and each is forgotten as soon as nothing ahead reads it (see `planLiveness`). Pure.
 */
export function buildModel(
  compiled: CompiledSop,
  spaces: AnswerSpaces,
  options: ModelOptions,
  store?: { bdd: Bdd; domains: Domains },
): Model {
  return new ModelBuilder(compiled, spaces, options, store).build();
}

class ModelBuilder {
  private readonly bdd: Bdd;
  private readonly domains: Domains;
  private readonly needs: Needs;
  private readonly nodes: ModelNode[] = [];
  private readonly edges: ModelEdge[] = [];
  private readonly checks: CheckSpec[] = [];
  private readonly enterNodes = new Map<string, number>();
  private readonly unsupported: Model["unsupported"] = [];
  private readonly conditionCache = new Map<string, SymbolicBool>();
  private readonly valueCache = new Map<string, SymbolicValue & { unsupported?: true }>();
  /** Per "scope:variable": the CEL values it can hold, index 0 being unanswered. */
  private readonly variableValues = new Map<string, { values: CelValue[]; classOf: number[]; classValues: number[] }>();

  constructor(
    private readonly compiled: CompiledSop,
    private readonly spaces: AnswerSpaces,
    private readonly options: ModelOptions,
    store?: { bdd: Bdd; domains: Domains },
  ) {
    this.bdd = store?.bdd ?? new Bdd();
    this.domains = store?.domains ?? new Domains(this.bdd);
    this.needs = readNeeds(compiled, options);
  }

  build(): Model {
    this.planVariableValues();
    this.allocateDomains();
    for (const path of this.compiled.steps.keys()) this.enterOf(path);
    const finished = this.node("finished", "");
    for (const at of this.compiled.steps.values()) this.buildStep(at, finished);
    const start = this.enterOf(this.compiled.definition.start);
    orderNodes(this.nodes, this.edges, start);
    return {
      compiled: this.compiled,
      spaces: this.spaces,
      bdd: this.bdd,
      domains: this.domains.all,
      nodes: this.nodes,
      edges: this.edges,
      checks: this.checks,
      start,
      byKey: this.domains.byKey,
      domainOfVariable: this.domains.ofVariable,
      readsMemo: new Map(),
      unsupported: this.unsupported,
      options: this.options,
    };
  }

  // ---- Values and domains -------------------------------------------------------------------------------------

  /**
   * The values each tracked variable can hold: its answer classes (their representatives), and the values callers
   * pass in that no class holds.
   */
  private planVariableValues() {
    const scopes = [...this.compiled.scopes.keys()].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    for (const scope of scopes) {
      const { sop } = this.compiled.scopes.get(scope)!;
      for (const name of this.compiled.scopes.get(scope)!.expressions.variables.keys()) {
        const key = `${scope}:${name}`;
        if (!this.needs.variables.has(key)) continue;
        const space = this.spaces.space(sop.id, name);
        const values: CelValue[] = [undefined];
        const classOf: number[] = [-1];
        const classValues: number[] = [];
        for (const c of space?.classes ?? []) {
          classValues.push(values.length);
          values.push(space!.cel[c.representative]);
          classOf.push(c.index);
        }
        this.variableValues.set(key, { values, classOf, classValues });
      }
    }
    // Values passed into the procedures each scope runs, once every scope's own values are known (a callee's are
    // made after its caller's), callers first: what a procedure passes on includes what it was passed.
    for (const scope of scopes) {
      for (const at of this.compiled.steps.values()) {
        if (at.scope !== scope || at.step.kind !== "procedure") continue;
        const callee = this.compiled.scopes.get(at.path);
        if (!callee) continue;
        for (const [name, expression] of Object.entries(at.step.with ?? {})) {
          const target = this.variableValues.get(`${at.path}:${name}`);
          if (!target || !callee.expressions.variables.has(name)) continue;
          for (const value of this.concreteValues(scope, expression))
            if (this.indexIn(at.path, name, value) === undefined) {
              target.values.push(value);
              target.classOf.push(-1);
            }
        }
      }
    }
  }

  /** Every value an expression of a scope gives over the values its variables can hold. */
  private concreteValues(scope: string, expression: string): CelValue[] {
    const expressions = this.compiled.scopes.get(scope)!.expressions;
    const names = expressions
      .mentionedVariables(expression)
      .filter((n) => expressions.variables.has(n) && this.variableValues.has(`${scope}:${n}`));
    const out = new Map<string, CelValue>();
    const activation: Activation = { now: NOW, flags: [], referrals: [], offered: [], visited: [], outcome: "" };
    // The members of a case list it reads as `"member" in list`, each tried in and out (a few at most).
    const ast = parseExpression(expression);
    const members: [ListName, string][] = [];
    for (const list of CASE_LISTS) {
      if (expressions.variables.has(list) || !identifiersOf(ast).has(list)) continue;
      for (const m of literalMembers(ast, list) ?? []) members.push([list, m]);
    }
    const subsets = members.length <= 12 ? 1 << members.length : 1;
    const visit = (i: number) => {
      if (i === names.length) {
        for (let mask = 0; mask < subsets; mask++) {
          for (const list of CASE_LISTS) if (!expressions.variables.has(list)) activation[list] = [];
          members.forEach(([list, m], bit) => {
            if ((mask >> bit) & 1) (activation[list] as string[]).push(m);
          });
          const value = expressions.evaluate(expression, activation);
          if (value !== undefined) out.set(celValueKey(value), value);
        }
        return;
      }
      for (const value of this.variableValues.get(`${scope}:${names[i]}`)!.values) {
        if (value === undefined) delete activation[names[i]];
        else activation[names[i]] = value;
        visit(i + 1);
      }
      delete activation[names[i]];
    };
    visit(0);
    return [...out.values()];
  }

  /** The index of a value in a variable's domain: its answer class, or a value passed in as it is. */
  private indexIn(scope: string, name: string, value: CelValue): number | undefined {
    const plan = this.variableValues.get(`${scope}:${name}`);
    if (!plan) return undefined;
    const space = this.spaces.space(this.compiled.scopes.get(scope)!.sop.id, name);
    const key = celValueKey(value);
    for (let i = 1; i < plan.values.length; i++)
      if (plan.classOf[i] < 0 && celValueKey(plan.values[i]) === key) return i;
    const index = space?.classify(value);
    if (index === undefined || index < 0) return undefined;
    const at = plan.classOf.indexOf(index);
    return at > 0 ? at : undefined;
  }

  /** Makes every domain, in the order a case meets the steps that write them, so related facts sit close. */
  private allocateDomains() {
    const needs = this.needs;
    const raised = new Set<string>();
    const referred = new Set<string>();
    for (const at of this.compiled.steps.values()) {
      for (const effect of at.step.effects ?? []) {
        if ("raise" in effect) raised.add(effect.raise);
        if ("clear" in effect) raised.add(effect.clear);
      }
      if (at.step.kind === "referral") referred.add(at.step.service);
    }
    const flagNeeded = (f: string) => raised.has(f) && (needs.flags.all || needs.flags.members.has(f));
    const bool = [false, true];
    const visitedNeeded = (scope: string, id: string) => {
      const need = needs.visited.get(scope);
      return need !== undefined && (need.all || need.members.has(id));
    };
    const variable = (scope: string, name: string) => {
      const plan = this.variableValues.get(`${scope}:${name}`);
      if (!plan) return;
      this.domains.make(`var ${scope}:${name}`, "variable", plan.values, {
        scope,
        variable: name,
        classValues: plan.classValues,
        classOf: plan.classOf,
      });
    };
    const owners = new Map<string, string[]>();
    for (const at of this.compiled.steps.values())
      for (const effect of at.step.effects ?? [])
        if ("raise" in effect && needs.flagOwners.has(effect.raise)) {
          const list = owners.get(effect.raise) ?? [""];
          if (!list.includes(at.scope)) list.push(at.scope);
          owners.set(effect.raise, list);
        }
    for (const path of stepOrder(this.compiled)) {
      const at = this.compiled.steps.get(path)!;
      const step = at.step;
      if (needs.visitedSteps.has(path)) this.domains.make(`visited ${path}`, "visited", bool);
      if (needs.askedSteps.has(path)) this.domains.make(`asked ${path}`, "visited", bool);
      if (visitedNeeded(at.scope, at.id))
        this.domains.make(`visited-in ${at.scope}:${at.id}`, "visited-in-scope", bool);
      if (step.kind === "procedure") {
        const callee = this.compiled.scopes.get(path);
        for (const name of Object.keys(step.with ?? {})) {
          if (!callee?.expressions.variables.has(name) || !this.variableValues.has(`${path}:${name}`)) continue;
          if (isQuestionVariable(callee.sop.steps, name))
            this.domains.make(`passed ${path}:${name}`, "passed-in", bool);
          variable(path, name);
        }
      }
      if ((step.kind === "question" || step.kind === "checklist") && step.variable) variable(at.scope, step.variable);
      if (step.kind === "question" && step.answer.type === "consent")
        for (const c of step.answer.covers)
          if (needs.consents.has(c)) this.domains.make(`consent ${c}`, "consent", bool);
      for (const effect of step.effects ?? []) {
        const flag = "raise" in effect ? effect.raise : "clear" in effect ? effect.clear : undefined;
        if (flag && flagNeeded(flag)) this.domains.make(`flag ${flag}`, "flag", bool);
        if ("raise" in effect && owners.has(effect.raise))
          this.domains.make(`owner ${effect.raise}`, "flag-owner", owners.get(effect.raise)!);
        if ("deadline" in effect && needs.deadlines.has(effect.deadline)) {
          const setters = settersOf(this.compiled, "deadline", effect.deadline);
          this.domains.make(`deadline ${effect.deadline}`, "deadline", [undefined, ...setters.map((s) => s.key)]);
        }
        if ("followUp" in effect && needs.followUps.has(effect.followUp))
          this.domains.make(
            `follow-up ${effect.followUp}`,
            "follow-up",
            // When an expectation bounds its window, which effect set it matters (the last one counts, as at run time).
            needs.followUpWindows.has(effect.followUp)
              ? [undefined, ...settersOf(this.compiled, "followUp", effect.followUp).map((s) => s.key)]
              : bool,
          );
      }
      if (step.kind === "referral") {
        const service = step.service;
        for (const text of needs.anyReferral)
          if (this.passesAnyReferral(text, at.scope, service))
            this.domains.make(`any-referral ${text}`, "any-referral", bool);
        if (needs.referralStatus.has(service)) this.domains.make(`referral ${service}`, "referral", STATUSES);
        if (needs.referralUrgency.has(service)) this.domains.make(`urgency ${service}`, "referral-urgency", URGENCIES);
        if (needs.referralMandatory.has(service)) this.domains.make(`mandatory ${service}`, "mandatory", bool);
        for (const scope of ownersOf(path))
          if (needs.madeIn.has(`${scope}|${service}`))
            this.domains.make(`made-in ${scope}|${service}`, "made-in", bool);
        // What the slip shares is kept per scope: the step's own answers, merged with its reason.
        for (const variable of step.shares ?? [])
          if (needs.sharedIn.has(`${at.scope}|${service}|${variable}`))
            this.domains.make(`shared ${at.scope}|${service}|${variable}`, "made-in", bool);
      }
      for (const order of needs.orders)
        if (order.endsWith(`|${path}`)) this.domains.make(`order ${order}`, "order", bool);
      if (step.kind === "end" && !at.track && at.scope === "" && this.options.purpose === "results")
        this.domains.make("outcome", "outcome", ["", "closed", "referred", "escalated", "transferred"]);
    }
  }

  /** Whether a referral to `service` makes a part like `referrals.exists(r, …)` true. */
  private passesAnyReferral(text: string, scope: string, service: string): boolean {
    const expressions = this.compiled.scopes.get(scope)!.expressions;
    const activation = { now: NOW, referrals: [service], offered: [], flags: [], visited: [], outcome: "" };
    return expressions.evaluate(text, activation) === true;
  }

  // ---- Nodes and edges ----------------------------------------------------------------------------------------

  private node(kind: NodeKind, step: string): number {
    const node: ModelNode = { id: this.nodes.length, kind, step, order: 0, out: [], in: [], checks: [] };
    this.nodes.push(node);
    return node.id;
  }

  private enterOf(path: string): number {
    let id = this.enterNodes.get(path);
    if (id === undefined) {
      id = this.node("enter", path);
      this.enterNodes.set(path, id);
    }
    return id;
  }

  private edge(from: number, to: number, ops: Op[], extra: Partial<ModelEdge> = {}): ModelEdge {
    const edge: ModelEdge = { id: this.edges.length, from, to, ops, ...extra };
    this.edges.push(edge);
    this.nodes[from].out.push(edge.id);
    this.nodes[to].in.push(edge.id);
    return edge;
  }

  private buildStep(at: CompiledStep, finished: number) {
    const { path, step, scope } = at;
    const enter = this.enterOf(path);
    const route = () => {
      const node = this.node("route", path);
      this.buildRoutes(at, node);
      return node;
    };
    const visit = this.visitOps(at);
    switch (step.kind) {
      case "question": {
        const after = route();
        const domain = this.domains.get(`var ${scope}:${step.variable}`);
        const passed = this.domains.get(`passed ${scope}:${step.variable}`);
        const consent = step.answer.type === "consent" ? this.consentOps(step.answer.covers, domain) : [];
        if (passed)
          this.edge(enter, after, [
            { kind: "assume", cond: passed.is[1] },
            ...(domain ? [{ kind: "observe", domain, step: path } as Op] : []),
            ...visit,
            ...consent,
            ...this.effectOps(at),
          ]);
        const notPassed: Op[] = passed ? [{ kind: "assume", cond: passed.is[0] }] : [];
        if (step.sensitive) {
          const given = this.domains.get(`consent ${step.sensitive}`);
          const refused = this.node("refused", path);
          this.edge(enter, refused, [...notPassed, ...(given ? [{ kind: "assume", cond: given.is[0] } as Op] : [])], {
            action: { kind: "answer", step: path, domain },
          });
          if (!given) break;
          notPassed.push({ kind: "assume", cond: given.is[1] });
        }
        const answer: Op[] = domain
          ? [
              { kind: "choose", domain, allowed: this.bdd.orAll(domain.classValues!.map((v) => domain.is[v])) },
              { kind: "observe", domain, step: path },
            ]
          : [];
        const asked = this.domains.get(`asked ${path}`);
        if (asked) answer.push(this.setConstant(asked, 1));
        this.edge(enter, after, [...notPassed, ...visit, ...answer, ...consent, ...this.effectOps(at)], {
          action: { kind: "answer", step: path, domain },
        });
        break;
      }
      case "checklist": {
        const domain = step.variable ? this.domains.get(`var ${scope}:${step.variable}`) : undefined;
        const answer: Op[] = domain
          ? [
              { kind: "choose", domain, allowed: this.bdd.orAll(domain.classValues!.map((v) => domain.is[v])) },
              { kind: "observe", domain, step: path },
            ]
          : [];
        this.edge(enter, route(), [...visit, ...answer, ...this.effectOps(at)], {
          action: { kind: "answer", step: path, domain },
        });
        break;
      }
      case "instruction":
        this.edge(enter, route(), [...visit, ...this.effectOps(at)], { action: { kind: "acknowledge", step: path } });
        break;
      case "referral": {
        const after = route();
        const mandatory = step.requiresConsent === false;
        const forbiddenWith = this.forbidden(step.service, mandatory, true);
        const forbiddenWithout = this.forbidden(step.service, mandatory, false);
        const checks = this.referralChecks(at, forbiddenWith);
        // Accepted: made, unless a standing instruction forbids it (the case then refuses the consent).
        this.edge(
          enter,
          after,
          [
            ...checks,
            { kind: "assume", cond: this.bdd.not(forbiddenWith) },
            ...visit,
            ...this.referralOps(at, "made"),
            ...this.effectOps(at),
          ],
          {
            action: { kind: "refer", step: path, consent: true },
            referral: { step: path, service: step.service, urgency: step.urgency, made: true },
          },
        );
        // Not consented (or forbidden): declined or forbidden; a mandatory notification is made anyway. Recorded
        // without consent, a mandatory notification differs from the accepted one only where a standing instruction
        // forbids it (a rule against notifications without consent forbids it there and not with consent).
        const declineOnly = mandatory || this.options.referralConsent === "accept";
        this.edge(
          enter,
          after,
          [
            ...checks,
            ...(declineOnly ? [{ kind: "assume", cond: mandatory ? forbiddenWithout : forbiddenWith } as Op] : []),
            ...visit,
            ...(mandatory
              ? this.referralDecision(at, forbiddenWithout)
              : this.referralDecision(at, forbiddenWithout, "declined")),
            ...this.effectOps(at),
          ],
          {
            action: { kind: "refer", step: path, consent: false },
            referral: { step: path, service: step.service, urgency: step.urgency, made: false },
          },
        );
        break;
      }
      case "decision":
        this.edge(enter, route(), [...visit, ...this.effectOps(at)]);
        break;
      case "procedure": {
        const callee = this.compiled.scopes.get(path)!;
        this.edge(enter, this.enterOf(`${path}/${callee.sop.start}`), [...visit, ...this.bindOps(at)]);
        this.edge(this.doneOf(path), route(), this.effectOps(at));
        break;
      }
      case "parallel": {
        // Tracks are worked one after another, in their order: the analysis works the first waiting step first.
        const join = this.node("join", path);
        const prefix = scope ? `${scope}/` : "";
        const starts = step.tracks.map((t) => this.enterOf(`${prefix}${t.start}`));
        this.edge(enter, starts[0], visit);
        const trackEnds = step.tracks.map((t) => this.trackEnd(`${path}/${t.id}`));
        for (const [i, end] of trackEnds.entries()) this.edge(end, i + 1 < starts.length ? starts[i + 1] : join, []);
        this.edge(join, route(), this.effectOps(at));
        break;
      }
      case "end": {
        const ops = [...visit, ...this.effectOps(at)];
        if (at.track) {
          this.edge(enter, this.trackEnd(at.track), ops);
          break;
        }
        const outcome = this.domains.get("outcome");
        if (outcome && scope === "")
          ops.push({
            kind: "set",
            domain: outcome,
            cases: [{ value: outcome.values.indexOf(step.outcome), when: this.bdd.true }],
            keep: this.bdd.false,
          });
        const end = this.node("end", path);
        this.edge(enter, end, ops);
        this.invariantChecks(at, end);
        this.edge(end, scope === "" ? finished : this.doneOf(scope), []);
        break;
      }
    }
  }

  private readonly trackEnds = new Map<string, number>();
  private trackEnd(track: string): number {
    let id = this.trackEnds.get(track);
    if (id === undefined) {
      id = this.node("track-end", track);
      this.trackEnds.set(track, id);
    }
    return id;
  }

  private readonly doneNodes = new Map<string, number>();
  private doneOf(procedure: string): number {
    let id = this.doneNodes.get(procedure);
    if (id === undefined) {
      id = this.node("done", procedure);
      this.doneNodes.set(procedure, id);
    }
    return id;
  }

  private buildRoutes(at: CompiledStep, from: number) {
    const step = at.step;
    const prefix = at.scope ? `${at.scope}/` : "";
    if (step.kind === "end") return;
    if (typeof step.next === "string") {
      this.edge(from, this.enterOf(prefix + step.next), []);
      return;
    }
    let none = this.bdd.true;
    for (const edge of nextEdges(at.id, step)) {
      const holds = edge.when ? this.condition(at.scope, edge.when, "", at.path).t : this.bdd.true;
      const taken = this.bdd.and(none, holds);
      none = this.bdd.and(none, this.bdd.not(holds));
      if (taken === this.bdd.false) continue;
      this.edge(from, this.enterOf(prefix + edge.to), [{ kind: "assume", cond: taken }], {
        route: { step: at.path, index: edge.route },
      });
    }
    if (none !== this.bdd.false) this.edge(from, this.node("stuck", at.path), [{ kind: "assume", cond: none }]);
  }

  // ---- Ops, as the runtime's actions do them ------------------------------------------------------------------

  private visitOps(at: CompiledStep): Op[] {
    const ops: Op[] = [];
    // `before` expectations: when B is first entered, remember whether A was entered before.
    for (const domain of this.domains.all) {
      if (domain.kind !== "order" || !domain.name.endsWith(`|${at.path}`)) continue;
      const [first] = domain.name.slice(6).split("|");
      const seenFirst = this.domains.get(`visited ${first}`)?.is[1] ?? this.bdd.false;
      const seenThen = this.domains.get(`visited ${at.path}`)?.is[1] ?? this.bdd.false;
      ops.push({
        kind: "set",
        domain,
        cases: [
          { value: 1, when: this.bdd.and(this.bdd.not(seenThen), seenFirst) },
          { value: 0, when: this.bdd.and(this.bdd.not(seenThen), this.bdd.not(seenFirst)) },
        ],
        keep: seenThen,
      });
    }
    for (const domain of [this.domains.get(`visited ${at.path}`), this.domains.get(`visited-in ${at.scope}:${at.id}`)])
      if (domain) ops.push(this.setConstant(domain, 1));
    return ops;
  }

  private setConstant(domain: Domain, value: number, when: BddNode = this.bdd.true): Op {
    return { kind: "set", domain, cases: [{ value, when }], keep: this.bdd.not(when) };
  }

  /** `recordConsent`: each category covered is given when the answer is yes, withdrawn otherwise. */
  private consentOps(covers: readonly string[], answer: Domain | undefined): Op[] {
    const yes = answer
      ? this.bdd.orAll(answer.values.map((v, i) => (v === true ? answer.is[i] : this.bdd.false)))
      : this.bdd.false;
    const ops: Op[] = [];
    for (const category of covers) {
      const domain = this.domains.get(`consent ${category}`);
      if (domain)
        ops.push({
          kind: "set",
          domain,
          cases: [
            { value: 1, when: yes },
            { value: 0, when: this.bdd.not(yes) },
          ],
          keep: this.bdd.false,
        });
    }
    return ops;
  }

  private effectOps(at: CompiledStep): Op[] {
    const ops: Op[] = [];
    const effects: Effect[] = at.step.effects ?? [];
    for (const [index, effect] of effects.entries()) {
      const when = effect.when ? this.condition(at.scope, effect.when, "", at.path).t : this.bdd.true;
      if ("raise" in effect) {
        const flag = this.domains.get(`flag ${effect.raise}`);
        if (flag) ops.push(this.setConstant(flag, 1, when));
        const owner = this.domains.get(`owner ${effect.raise}`);
        if (owner) ops.push(this.setConstant(owner, owner.values.indexOf(at.scope), when));
      } else if ("clear" in effect) {
        const flag = this.domains.get(`flag ${effect.clear}`);
        if (flag) ops.push(this.setConstant(flag, 0, when));
      } else if ("followUp" in effect) {
        const followUp = this.domains.get(`follow-up ${effect.followUp}`);
        if (followUp)
          ops.push(
            this.setConstant(
              followUp,
              followUp.values[0] === undefined ? followUp.values.indexOf(`${at.path}#${index}`) : 1,
              when,
            ),
          );
      } else {
        const from: SymbolicValue & { unsupported?: true } = effect.from
          ? this.value(at.scope, effect.from, at.path)
          : { entries: [{ value: NOW, key: celValueKey(NOW), guard: this.bdd.true }] };
        const within = withinMs(effect.within);
        // A time the analysis cannot follow may be set (its being past is not known, and is reported as such).
        let settable = from.unsupported ? this.bdd.true : this.bdd.false;
        let past = this.bdd.false;
        for (const entry of from.entries) {
          const time = (entry.value as Date | undefined)?.getTime?.();
          if (typeof time !== "number") continue;
          settable = this.bdd.or(settable, entry.guard);
          if (time + within < NOW.getTime()) past = this.bdd.or(past, entry.guard);
        }
        settable = this.bdd.and(settable, when);
        past = this.bdd.and(past, when);
        if (past !== this.bdd.false) {
          const check: CheckSpec = {
            id: this.checks.length,
            kind: "past-deadline",
            deadline: effect.deadline,
            step: at.path,
            cond: past,
          };
          this.checks.push(check);
          ops.push({ kind: "check", check: check.id, cond: past });
        }
        const deadline = this.domains.get(`deadline ${effect.deadline}`);
        if (deadline) ops.push(this.setConstant(deadline, deadline.values.indexOf(`${at.path}#${index}`), settable));
      }
    }
    return ops;
  }

  /**
   * The states where a raised flag's standing instruction forbids a referral to `service` (`forbiddingFlags`): with
   * the person's consent, or (for a mandatory notification) without it.
   */
  private forbidden(service: string, mandatory: boolean, consent: boolean): BddNode {
    const catalog = this.compiled.catalog;
    const kind = catalog.services.get(service)?.kind;
    const withConsent = mandatory ? consent : true;
    const bdd = this.bdd;
    let out = bdd.false;
    for (const [flag, entry] of catalog.flags) {
      const raised = this.domains.get(`flag ${flag}`)?.is[1];
      if (!raised) continue;
      for (const rule of entry.forbids ?? []) {
        const targeted = rule.kind !== undefined || rule.service !== undefined;
        const hit = !targeted || (kind !== undefined && rule.kind === kind) || rule.service === service;
        if (!hit) continue;
        if (rule.withoutConsent ? withConsent : !targeted) continue;
        const lifted = rule.unlessFlag ? (this.domains.get(`flag ${rule.unlessFlag}`)?.is[1] ?? bdd.false) : bdd.false;
        out = bdd.or(out, bdd.and(raised, bdd.not(lifted)));
      }
    }
    return out;
  }

  /** The structural checks at a referral step: a referral a standing instruction forbids, a service asked again. */
  private referralChecks(at: CompiledStep, forbidden: BddNode): Op[] {
    const step = at.step as Extract<Step, { kind: "referral" }>;
    const ops: Op[] = [];
    const add = (kind: CheckSpec["kind"], cond: BddNode) => {
      if (cond === this.bdd.false) return;
      const check: CheckSpec = { id: this.checks.length, kind, step: at.path, service: step.service, cond };
      this.checks.push(check);
      ops.push({ kind: "check", check: check.id, cond });
    };
    add("forbidden-referral", forbidden);
    const status = this.domains.get(`referral ${step.service}`);
    // Offered again: an earlier decision other than made. A step reached with its service already made is an
    // addition (the person is asked whether to add to that referral, or nothing for a mandatory notification), never
    // a second offer. A mandatory notification asks nothing, and a step that says why it offers again (`offerAgain`)
    // may follow a no: those are never a second offer.
    const afterANo = step.requiresConsent === false || step.offerAgain !== undefined;
    if (status && !afterANo)
      add("double-referral", this.bdd.and(this.bdd.not(status.is[0]), this.bdd.not(status.is[1])));
    return ops;
  }

  /** A referral made: the case's one referral to the service becomes made, with this step's reason merged in. */
  private referralOps(at: CompiledStep, _made: "made"): Op[] {
    const step = at.step as Extract<Step, { kind: "referral" }>;
    const ops: Op[] = [];
    const status = this.domains.get(`referral ${step.service}`);
    // The reason first, while the status is still the one before: a referral made here for the first time takes
    // this step's urgency, not that of a step the person said no to.
    ops.push(...this.reasonOps(at, status ? this.bdd.not(status.is[1]) : this.bdd.false));
    if (status) ops.push(this.setConstant(status, 1));
    for (const text of this.needs.anyReferral) {
      const any = this.domains.get(`any-referral ${text}`);
      if (any && this.passesAnyReferral(text, at.scope, step.service)) ops.push(this.setConstant(any, 1));
    }
    return ops;
  }

  /**
   * A referral not consented: forbidden where a standing instruction forbids it, else `otherwise` (declined), or
   * made for a mandatory notification (`otherwise` absent). A referral already made stays made.
   */
  private referralDecision(at: CompiledStep, forbidden: BddNode, otherwise?: "declined"): Op[] {
    if (otherwise === undefined) {
      // Mandatory: made unless forbidden without consent.
      const step = at.step as Extract<Step, { kind: "referral" }>;
      const status = this.domains.get(`referral ${step.service}`);
      const ops: Op[] = [];
      // A notification forbidden while the referral is already made merges nothing (no reason, no urgency). Its
      // shares go on the slip only where it is made (not forbidden), as at run time: a forbidden referral passes no
      // answer on, then or later. Made here for the first time, the referral takes this step's urgency. (The reason
      // comes first, while the status is still the one before.)
      const merges = status ? this.bdd.not(this.bdd.and(forbidden, status.is[1])) : this.bdd.true;
      const resets = status ? this.bdd.and(this.bdd.not(forbidden), this.bdd.not(status.is[1])) : this.bdd.false;
      ops.push(...this.reasonOps(at, resets, merges, this.bdd.not(forbidden)));
      if (status) {
        const made = status.is[1];
        ops.push({
          kind: "set",
          domain: status,
          cases: [
            { value: 1, when: this.bdd.not(forbidden) },
            { value: 4, when: this.bdd.and(forbidden, this.bdd.not(made)) },
          ],
          keep: this.bdd.and(forbidden, made),
        });
      }
      for (const text of this.needs.anyReferral) {
        const any = this.domains.get(`any-referral ${text}`);
        if (any && this.passesAnyReferral(text, at.scope, step.service))
          ops.push(this.setConstant(any, 1, this.bdd.not(forbidden)));
      }
      return ops;
    }
    const step = at.step as Extract<Step, { kind: "referral" }>;
    const status = this.domains.get(`referral ${step.service}`);
    const ops: Op[] = [];
    if (status) {
      const made = status.is[1];
      ops.push({
        kind: "set",
        domain: status,
        cases: [
          { value: 4, when: this.bdd.and(this.bdd.not(made), forbidden) },
          { value: 2, when: this.bdd.and(this.bdd.not(made), this.bdd.not(forbidden)) },
        ],
        keep: made,
      });
    }
    // An addition the person does not want leaves a referral already made as it was: no reason merges. A no (or a
    // forbidden referral) never puts the step's answers on the slip, even if the service is made later.
    const notMade = status ? this.bdd.not(status.is[1]) : this.bdd.true;
    ops.push(...this.reasonOps(at, this.bdd.false, notMade, this.bdd.false));
    return ops;
  }

  /**
   * The step's reason merged into the referral where `merges`: its urgency (the most urgent wins, except where
   * `resets`: a referral made here for the first time takes this step's), mandatory, who asked; its answers go on
   * the slip where `sharesMerge`.
   */
  private reasonOps(
    at: CompiledStep,
    resets: BddNode,
    merges: BddNode = this.bdd.true,
    sharesMerge: BddNode = merges,
  ): Op[] {
    const step = at.step as Extract<Step, { kind: "referral" }>;
    const ops: Op[] = [];
    const bdd = this.bdd;
    const urgency = this.domains.get(`urgency ${step.service}`);
    if (urgency) {
      const rank = URGENCIES.indexOf(step.urgency);
      const raises = bdd.and(merges, bdd.not(resets));
      ops.push({
        kind: "set",
        domain: urgency,
        cases: [
          ...URGENCIES.map((_, v) => ({ value: Math.max(v, rank), when: bdd.and(urgency.is[v], raises) })),
          { value: rank, when: bdd.and(merges, resets) },
        ],
        keep: bdd.not(merges),
      });
    }
    const mandatory = this.domains.get(`mandatory ${step.service}`);
    if (mandatory && step.requiresConsent === false) ops.push(this.setConstant(mandatory, 1));
    for (const scope of ownersOf(at.path)) {
      const domain = this.domains.get(`made-in ${scope}|${step.service}`);
      if (domain) ops.push(this.setConstant(domain, 1, merges));
    }
    if (sharesMerge !== bdd.false)
      for (const variable of step.shares ?? []) {
        const domain = this.domains.get(`shared ${at.scope}|${step.service}|${variable}`);
        if (domain) ops.push(this.setConstant(domain, 1, sharesMerge));
      }
    return ops;
  }

  /** `bindInputs`: the called SOP's variables start unanswered, except those its caller passes in with `with`. */
  private bindOps(at: CompiledStep): Op[] {
    const step = at.step as Extract<Step, { kind: "procedure" }>;
    const callee = this.compiled.scopes.get(at.path)!;
    const ops: Op[] = [];
    for (const domain of this.domains.all) {
      if (domain.scope !== at.path || domain.kind !== "variable") continue;
      const name = domain.variable!;
      const expression = step.with?.[name];
      const passed = this.domains.get(`passed ${at.path}:${name}`);
      if (expression === undefined || !callee.expressions.variables.has(name)) {
        ops.push(this.setConstant(domain, 0));
        if (passed) ops.push(this.setConstant(passed, 0));
        continue;
      }
      const value = this.value(at.scope, expression, at.path);
      const byIndex = new Map<number, BddNode>();
      let defined = this.bdd.false;
      // Where the value is not known exactly (an expression the analysis cannot follow, or a value no answer class
      // of the callee holds), the callee may receive anything: a sound over-approximation, whose counterexamples
      // the runtime then confirms or not, and which is reported (never read as "nothing passed").
      let unknown = value.unsupported ? this.bdd.true : this.bdd.false;
      for (const entry of value.entries) {
        const index = this.indexIn(at.path, name, entry.value);
        if (index === undefined) {
          unknown = this.bdd.or(unknown, entry.guard);
          continue;
        }
        byIndex.set(index, this.bdd.or(byIndex.get(index) ?? this.bdd.false, entry.guard));
        defined = this.bdd.or(defined, entry.guard);
      }
      if (unknown !== this.bdd.false && !value.unsupported)
        this.unsupported.push({
          expression,
          reason: `the analysis cannot reason about "${expression}": a value it gives, passed to ${at.path} as ${name}, is not one the analysis foresaw`,
          where: at.path,
        });
      const cases = [...byIndex].map(([value, when]) => ({ value, when }));
      cases.push({ value: 0, when: this.bdd.not(this.bdd.or(defined, unknown)) });
      if (unknown !== this.bdd.false)
        for (let i = 0; i < domain.values.length; i++) cases.push({ value: i, when: unknown });
      ops.push({ kind: "set", domain, cases, keep: this.bdd.false });
      if (passed)
        ops.push({
          kind: "set",
          domain: passed,
          cases: [
            { value: 1, when: this.bdd.or(defined, unknown) },
            { value: 0, when: this.bdd.or(unknown, this.bdd.not(defined)) },
          ],
          keep: this.bdd.false,
        });
    }
    // The callee's `visited` list starts empty.
    for (const domain of this.domains.all)
      if (domain.kind === "visited-in-scope" && domain.name.startsWith(`visited-in ${at.path}:`))
        ops.push(this.setConstant(domain, 0));
    return ops;
  }

  /** The runtime's `checkInvariants` at an end: for each expectation, the states where it fails while `when` holds. */
  private invariantChecks(at: CompiledStep, node: number) {
    const scope = this.compiled.scopes.get(at.scope)!;
    const outcome = (at.step as Extract<Step, { kind: "end" }>).outcome;
    for (const invariant of scope.sop.invariants ?? []) {
      const where = `${scope.sop.id}:${invariant.id}`;
      let when = this.bdd.true;
      if (invariant.when) when = this.condition(at.scope, invariant.when, outcome, where).t;
      if (when === this.bdd.false) continue;
      for (const expectation of invariant.expect) {
        const meets = this.meets(expectation, at.scope, outcome, where);
        const cond = this.bdd.and(when, this.bdd.not(meets));
        const check: CheckSpec = {
          id: this.checks.length,
          kind: "violation",
          node,
          scope: at.scope,
          sop: scope.sop.id,
          invariant: invariant.id,
          expectation: expectation as Record<string, unknown>,
          cond,
        };
        this.checks.push(check);
        this.nodes[node].checks.push(check.id);
      }
    }
  }

  /** The runtime's `meets`: the states where an expectation holds at an end of the procedure running as `scope`. */
  private meets(e: Expectation, scope: string, outcome: string, where: string): BddNode {
    const bdd = this.bdd;
    const prefix = scope ? `${scope}/` : "";
    const bit = (key: string) => this.domains.get(key)?.is[1] ?? bdd.false;
    const status = (service: string, value: number) => this.domains.get(`referral ${service}`)?.is[value] ?? bdd.false;
    const made = (service: string) => status(service, 1);
    // Made, and asked for by a step of this procedure (or one it ran): a caller's referral is its own.
    const madeHere = (service: string) =>
      scope === "" ? made(service) : bdd.and(made(service), bit(`made-in ${scope}|${service}`));
    if ("referral" in e) {
      let ok = made(e.referral);
      if (e.urgency) {
        const urgency = this.domains.get(`urgency ${e.referral}`);
        const rank = URGENCIES.indexOf(e.urgency);
        ok = bdd.and(
          ok,
          urgency ? bdd.orAll(URGENCIES.map((_, v) => (v >= rank ? urgency.is[v] : bdd.false))) : bdd.false,
        );
      }
      if (e.mandatory) ok = bdd.and(ok, bit(`mandatory ${e.referral}`));
      return ok;
    }
    if ("offered" in e) {
      const domain = this.domains.get(`referral ${e.offered}`);
      if (!domain) return bdd.false;
      const offered = bdd.and(bdd.not(domain.is[0]), bdd.not(domain.is[4]));
      if (!e.urgency) return offered;
      const urgency = this.domains.get(`urgency ${e.offered}`);
      const rank = URGENCIES.indexOf(e.urgency);
      return bdd.and(
        offered,
        urgency ? bdd.orAll(URGENCIES.map((_, v) => (v >= rank ? urgency.is[v] : bdd.false))) : bdd.false,
      );
    }
    if ("noReferral" in e) return bdd.not(madeHere(e.noReferral));
    if ("slip" in e) {
      // Made here, its slip shares each answer: some step of this scope that merged into it listed it.
      const shared = bdd.andAll(e.shares.map((variable) => bit(`shared ${scope}|${e.slip}|${variable}`)));
      // A standing instruction is on the slip while its flag is raised, if the catalog lets the slip state it.
      const stated = bdd.andAll(
        (e.instructions ?? []).map((flag) =>
          slipStatesInstruction(this.compiled.catalog, e.slip, flag) ? bdd.true : bdd.not(bit(`flag ${flag}`)),
        ),
      );
      return bdd.or(bdd.not(madeHere(e.slip)), bdd.and(shared, stated));
    }
    if ("noReferralKind" in e) {
      let any = bdd.false;
      for (const [id, service] of this.compiled.catalog.services)
        if (service.kind === e.noReferralKind) any = bdd.or(any, madeHere(id));
      return bdd.not(any);
    }
    if ("flag" in e) return bit(`flag ${e.flag}`);
    if ("noFlag" in e) {
      const flag = bit(`flag ${e.noFlag}`);
      const owner = this.domains.get(`owner ${e.noFlag}`);
      const owned = (path: string) => scope === "" || path === scope || path.startsWith(prefix);
      const ownedHere = owner
        ? bdd.orAll(owner.values.map((v, i) => (owned(String(v)) ? owner.is[i] : bdd.false)))
        : owned("")
          ? bdd.true
          : bdd.false;
      return bdd.not(bdd.and(flag, ownedHere));
    }
    if ("visits" in e) return bit(`visited ${prefix}${e.visits}`);
    if ("avoids" in e) return bdd.not(bit(`visited ${prefix}${e.avoids}`));
    if ("notAsked" in e) return bdd.not(bit(`asked ${prefix}${e.notAsked}`));
    if ("asked" in e) return bit(`asked ${prefix}${e.asked}`);
    if ("outcome" in e) return (e.outcome as string[]).includes(outcome) ? bdd.true : bdd.false;
    if ("deadline" in e || "noDeadline" in e) {
      const id = "deadline" in e ? e.deadline : e.noDeadline;
      const domain = this.domains.get(`deadline ${id}`);
      if (!domain) return "deadline" in e ? bdd.false : bdd.true;
      if ("noDeadline" in e) return domain.is[0];
      const bound = e.within ? durationMs(e.within) : Number.POSITIVE_INFINITY;
      return bdd.orAll(
        domain.values.map((setter, i) => (i > 0 && this.windowOf(String(setter)) <= bound ? domain.is[i] : bdd.false)),
      );
    }
    if ("followUp" in e) {
      const domain = this.domains.get(`follow-up ${e.followUp}`);
      if (!domain) return bdd.false;
      if (domain.values[0] !== undefined) return domain.is[1]; // set or not: the window is not asked
      const bound = e.within ? durationMs(e.within) : Number.POSITIVE_INFINITY;
      return bdd.orAll(
        domain.values.map((setter, i) => (i > 0 && this.windowOf(String(setter)) <= bound ? domain.is[i] : bdd.false)),
      );
    }
    if ("before" in e) {
      const [first, then] = e.before;
      return bdd.or(bdd.not(bit(`visited ${prefix}${then}`)), bit(`order ${prefix}${first}|${prefix}${then}`));
    }
    return this.condition(scope, e.holds, outcome, where).t;
  }

  /** The window (due minus what it counts from) of the deadline or follow-up an effect sets, from its key "<path>#<index>". */
  private windowOf(setter: string): number {
    const [path, index] = setter.split("#");
    const effect = this.compiled.steps.get(path)?.step.effects?.[Number(index)];
    return effect && ("deadline" in effect || "followUp" in effect)
      ? withinMs(effect.within)
      : Number.POSITIVE_INFINITY;
  }

  // ---- Expressions as sets of states --------------------------------------------------------------------------

  private inputs(scope: string, outcome: string): SymbolicInputs {
    const compiledScope = this.compiled.scopes.get(scope)!;
    const expressions = compiledScope.expressions;
    const bdd = this.bdd;
    const lists = new Map<string, Map<string, BddNode>>();
    const listOf = (kind: string, keyOf: (member: string) => string, members: Iterable<string>) => {
      const map = new Map<string, BddNode>();
      for (const m of members) {
        const domain = this.domains.get(keyOf(m));
        if (domain) map.set(m, domain.is[1]);
      }
      lists.set(kind, map);
    };
    const flags = new Set<string>();
    const services = new Set<string>();
    for (const d of this.domains.all) {
      if (d.kind === "flag") flags.add(d.name.slice(5));
      if (d.kind === "referral") services.add(d.name.slice(9));
    }
    listOf("flags", (f) => `flag ${f}`, flags);
    listOf("referrals", (s) => `referral ${s}`, services);
    // Offered: the referral made or declined (as `offeredServices` in the runtime).
    const offered = new Map<string, BddNode>();
    for (const s of services) {
      const domain = this.domains.get(`referral ${s}`)!;
      offered.set(s, bdd.or(domain.is[1], domain.is[2]));
    }
    lists.set("offered", offered);
    listOf("visited", (id) => `visited-in ${scope}:${id}`, Object.keys(compiledScope.sop.steps));
    return {
      bdd,
      declares: (name) => expressions.variables.has(name),
      variable: (name) => {
        const domain = this.domains.get(`var ${scope}:${name}`);
        if (!domain) return undefined;
        const entries: SymbolicValue["entries"] = [];
        for (let i = 1; i < domain.values.length; i++)
          entries.push({ value: domain.values[i], key: celValueKey(domain.values[i]), guard: domain.is[i] });
        return { entries };
      },
      list: (name) => lists.get(name),
      anyReferral: (text) =>
        this.needs.anyReferral.has(text) ? (this.domains.get(`any-referral ${text}`)?.is[1] ?? bdd.false) : undefined,
      constants: { now: NOW, outcome },
      evaluate: (expression, activation) => expressions.evaluate(expression, activation),
    };
  }

  private condition(scope: string, expression: string, given: string, where?: string): SymbolicBool {
    // An invariant's condition is evaluated at every end of its procedure; one that does not name the outcome is
    // the same at all of them.
    const outcome = READS_OUTCOME.test(expression) ? given : "";
    const key = `${scope}\u0000${outcome}\u0000${expression}`;
    const known = this.conditionCache.get(key);
    if (known) return known;
    let result: SymbolicBool;
    try {
      result = evaluateBool(expression, this.inputs(scope, outcome));
    } catch (error) {
      if (!(error instanceof UnsupportedExpression)) throw error;
      this.unsupported.push({ expression, reason: error.message, where: where ?? scope });
      // Either way is possible: a sound over-approximation, whose counterexamples the runtime then confirms or not.
      result = { t: this.bdd.true, f: this.bdd.true };
    }
    this.conditionCache.set(key, result);
    return result;
  }

  /** An expression's possible values; `unsupported` when the analysis cannot follow it (reported at `where`). */
  private value(scope: string, expression: string, where: string): SymbolicValue & { unsupported?: true } {
    const key = `${scope}\u0000${expression}`;
    const known = this.valueCache.get(key);
    if (known) return known;
    let result: SymbolicValue & { unsupported?: true };
    try {
      result = evaluateValue(expression, this.inputs(scope, ""));
    } catch (error) {
      if (!(error instanceof UnsupportedExpression)) throw error;
      this.unsupported.push({ expression, reason: error.message, where });
      result = { entries: [], unsupported: true };
    }
    this.valueCache.set(key, result);
    return result;
  }
}

function depth(scope: string): number {
  return scope === "" ? 0 : scope.split("/").length;
}

function withinMs(within: string): number {
  const ms = durationMs(within);
  return Number.isNaN(ms) ? 0 : ms;
}

/** The procedure scopes (not the root) a step is inside, innermost last. */
function ownersOf(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}

function isQuestionVariable(steps: Record<string, Step>, name: string): boolean {
  return Object.values(steps).some((s) => s.kind === "question" && s.variable === name);
}

/** The effects that set a deadline or a follow-up of this id, as "<step path>#<effect index>". */
function settersOf(compiled: CompiledSop, kind: "deadline" | "followUp", id: string): { key: string }[] {
  const out: { key: string }[] = [];
  for (const at of compiled.steps.values())
    for (const [i, effect] of (at.step.effects ?? []).entries())
      if (kind in effect && (effect as Record<string, unknown>)[kind] === id) out.push({ key: `${at.path}#${i}` });
  return out;
}

/**
 * Step paths in an order a case meets them: a topological order of the steps (reverse post-order from the start),
 * where a procedure step leads into the called SOP and the called SOP's ends lead on to the procedure's next steps.
 */
function stepOrder(compiled: CompiledSop): string[] {
  const successors = (path: string): string[] => {
    const at = compiled.steps.get(path)!;
    const prefix = at.scope ? `${at.scope}/` : "";
    const out: string[] = [];
    if (at.step.kind === "procedure") {
      const callee = compiled.scopes.get(path);
      if (callee) out.push(`${path}/${callee.sop.start}`);
      return out;
    }
    if (at.step.kind === "parallel") for (const track of at.step.tracks) out.push(prefix + track.start);
    if (at.step.kind === "end" && at.scope && !at.track) {
      const caller = compiled.steps.get(at.scope)!;
      const callerPrefix = caller.scope ? `${caller.scope}/` : "";
      for (const edge of nextEdges(caller.id, caller.step)) out.push(callerPrefix + edge.to);
    }
    for (const edge of nextEdges(at.id, at.step)) out.push(prefix + edge.to);
    return out.filter((p) => compiled.steps.has(p));
  };
  const post: string[] = [];
  const seen = new Set<string>();
  const visitFrom = (root: string) => {
    if (seen.has(root) || !compiled.steps.has(root)) return;
    seen.add(root);
    const stack: { path: string; next: string[] }[] = [{ path: root, next: successors(root) }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = top.next.shift();
      if (next === undefined) {
        post.push(top.path);
        stack.pop();
      } else if (!seen.has(next)) {
        seen.add(next);
        stack.push({ path: next, next: successors(next) });
      }
    }
  };
  visitFrom(compiled.definition.start);
  for (const path of compiled.steps.keys()) visitFrom(path);
  return post.reverse();
}

/** Numbers the nodes in a topological order (reverse post-order from the start; loops broken where found). */
function orderNodes(nodes: ModelNode[], edges: ModelEdge[], start: number) {
  const order: number[] = [];
  const state = new Uint8Array(nodes.length);
  const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
  state[start] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1];
    const out = nodes[top.node].out;
    if (top.next < out.length) {
      const to = edges[out[top.next++]].to;
      if (state[to] === 0) {
        state[to] = 1;
        stack.push({ node: to, next: 0 });
      }
    } else {
      state[top.node] = 2;
      order.push(top.node);
      stack.pop();
    }
  }
  order.reverse();
  order.forEach((id, i) => {
    nodes[id].order = i;
  });
  let next = order.length;
  for (const node of nodes) if (state[node.id] === 0) node.order = next++;
}

export type { EdgeAction };
