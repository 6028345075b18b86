import { type CaseSession, openCase } from "../case/CaseSession";
import { isInputKind } from "../compile/buildConfig";
import type { CompiledSop } from "../compile/CompiledSop";
import type { ScenarioAction } from "../definition/types";
import type { ExpressionScope } from "../expression/ExpressionScope";
import { actionToEvent } from "../simulation/runScenario";
import { AnswerSpaces } from "./answers/AnswerSpaces";
import { ANALYSIS_EPOCH } from "./answers/answerCandidates";
import { AtomCounter } from "./answers/collectAtoms";
import { choicesAt } from "./choicesAt";
import type { Choice, Exploration, ExploreEdge, ExploreNode, NodeStatus } from "./exploreSop";
import { procedureResults, resultsKey, runLabel } from "./procedureOutcome";
import { type Counters, countersOf, labelOf, readSegment, type Segment } from "./readSegment";
import { ANALYSIS_OFFICER } from "./replayActions";
import { isWithin, StateKeys } from "./StateKeys";

const ZERO: Counters = { visited: 0, trace: 0, referrals: 0, violations: 0 };

/** One distinct outcome of a run of a procedure: the actions inside it (from its entry) that produce it. */
interface Exit {
  key: string;
  actions: ScenarioAction[];
  status: "exit" | "stuck" | "refused" | "unexplored";
  where?: string;
  reason?: string;
  code?: string;
}

/** The explored states of one SOP run (the whole case, or a procedure), and how it can end. */
interface Region {
  nodes: ExploreNode[];
  edges: ExploreEdge[];
  exits: Exit[];
}

interface Frame {
  node: ExploreNode;
  step: string;
  choices: Choice[];
  next: number;
  /** For a step: the session waiting at it. For a procedure run: its outcomes, and the counters at its entry. */
  session?: CaseSession;
  exits?: Exit[];
  counters?: Counters;
}

/** The depth-first exploration behind `exploreSop`; see there. */
export class Explorer {
  private readonly spaces: AnswerSpaces;
  private readonly keys: StateKeys;
  private readonly summaries = new Map<string, Exit[]>();
  private readonly seen = new Set<string>();
  private readonly result: Omit<Exploration, "root" | "initial" | "nodes" | "edges" | "complete">;

  constructor(
    private readonly compiled: CompiledSop,
    private readonly options: Exploration["options"],
  ) {
    const expressions = new Map<string, ExpressionScope>();
    for (const scope of compiled.scopes.values()) expressions.set(scope.sop.id, scope.expressions);
    this.spaces = new AnswerSpaces(compiled.bundle, expressions, new AtomCounter());
    this.keys = new StateKeys(compiled, this.spaces, options.focus ? new Set(options.focus) : undefined);
    this.result = {
      compiled,
      spaces: this.spaces,
      options,
      reached: { steps: new Set(), routes: new Set(), answers: new Map(), referrals: new Map() },
      violations: [],
      pastDeadlines: [],
      refusals: [],
      stuck: [],
      loops: [],
      unexplored: [],
      stats: { states: 0, edges: 0, sends: 0, replays: 0, procedureRuns: 0, reusedRuns: 0 },
    };
  }

  run(): Exploration {
    const first = this.open();
    const initial = readSegment(this.compiled, first, ZERO);
    this.record(first, initial, []);
    const region = this.explore("", first, []);
    return {
      ...this.result,
      root: 0,
      initial,
      nodes: region.nodes,
      edges: region.edges,
      complete: this.result.unexplored.length === 0,
    };
  }

  private open(): CaseSession {
    return openCase(this.compiled, { caseId: "analysis", at: ANALYSIS_EPOCH, by: ANALYSIS_OFFICER });
  }

  private send(session: CaseSession, action: ScenarioAction) {
    this.result.stats.sends++;
    const event = actionToEvent(this.compiled, action, ANALYSIS_EPOCH, ANALYSIS_OFFICER);
    if (typeof event === "string") throw new Error(`analysis built a bad action: ${event}`);
    return session.send(event);
  }

  private replay(actions: readonly ScenarioAction[]): CaseSession {
    this.result.stats.replays++;
    const session = this.open();
    for (const action of actions) {
      const result = this.send(session, action);
      // Replaying actions that were accepted before must succeed: the engine is deterministic.
      if (!result.ok) throw new Error(`analysis replay refused at ${action.step}: ${result.reason}`);
    }
    return session;
  }

  /**
   * Explores the case from `first` (reached by `firstActions`) until the procedure running as `within` ends (for
   * "" until the case does), and returns its states and its distinct outcomes.
   */
  private explore(within: string, first: CaseSession, firstActions: ScenarioAction[]): Region {
    const nodes: ExploreNode[] = [];
    const edges: ExploreEdge[] = [];
    const byKey = new Map<string, ExploreNode>();
    const onPath = new Set<number>();
    const exits: Exit[] = [];
    const exitNodes = new Map<string, ExploreNode>();
    const entry = countersOf(first);
    const stats = this.result.stats;

    const newNode = (key: string, actions: ScenarioAction[], status: NodeStatus = "inner"): ExploreNode => {
      const node: ExploreNode = { id: nodes.length, key, actions, status, out: [] };
      nodes.push(node);
      byKey.set(key, node);
      return node;
    };
    const addEdge = (
      from: ExploreNode,
      to: ExploreNode,
      step: string,
      choice: Choice,
      segment: Segment,
      label = labelOf(segment),
    ) => {
      const same = from.out.map((e) => edges[e]).find((e) => e.to === to.id && e.label === label && e.step === step);
      if (same) {
        same.choices.push(choice);
        return;
      }
      const back = onPath.has(to.id);
      if (back) this.note(this.result.loops, "loop", { step, returnsTo: to.actions.at(-1)?.step ?? "" }, to.actions);
      const edge: ExploreEdge = {
        id: edges.length,
        from: from.id,
        to: to.id,
        step,
        choices: [choice],
        segment,
        label,
        back,
      };
      edges.push(edge);
      from.out.push(edge.id);
      stats.edges++;
    };
    const terminal = (status: NodeStatus, actions: ScenarioAction[], detail: Partial<ExploreNode>) => {
      const node = newNode(`${status}:${within}:${nodes.length}`, actions, status);
      Object.assign(node, detail);
      return node;
    };

    const start = (node: ExploreNode, session: CaseSession): Frame | undefined => {
      stats.states++;
      if (session.finished) {
        node.status = "finished";
        return undefined;
      }
      const active = session.activeSteps();
      const procedure = this.runningProcedure(active, within);
      if (procedure !== undefined) {
        const counters = countersOf(session);
        const outcomes = this.summaryOf(procedure, session, node.actions);
        onPath.add(node.id);
        const choices = outcomes.map((exit, i) => ({ answer: undefined, outcome: i, actions: exit.actions }));
        node.step = procedure;
        return { node, step: procedure, choices, next: 0, exits: outcomes, counters };
      }
      const path = active[0];
      const compiledStep = path ? this.compiled.steps.get(path) : undefined;
      if (!compiledStep || !isInputKind(compiledStep.step.kind)) {
        node.status = "stuck";
        node.where = stuckStep(this.compiled, session, path);
        node.reason = `no route of step "${node.where}" holds, so the case cannot go on`;
        this.note(this.result.stuck, `stuck:${node.where}`, { step: node.where, reason: node.reason }, node.actions);
        return undefined;
      }
      onPath.add(node.id);
      node.step = path;
      return {
        node,
        session,
        step: path,
        choices: choicesAt(this.compiled, compiledStep, this.spaces, this.options.referralConsent),
        next: 0,
      };
    };

    /** What to do once an action (or a procedure run) has brought `session` to a new moment. */
    const arrive = (
      frame: Frame,
      session: CaseSession,
      segment: Segment,
      actions: ScenarioAction[],
      choice: Choice,
      label?: string,
    ) => {
      this.record(session, segment, actions, frame.step, choice);
      if (within && this.hasLeft(session, within)) {
        const key = this.exitKey(session, within, entry, firstActions.length, actions);
        let node = exitNodes.get(key);
        if (!node) {
          node = terminal("finished", actions, {});
          exitNodes.set(key, node);
          exits.push({ key, actions: actions.slice(firstActions.length), status: "exit" });
        }
        addEdge(frame.node, node, frame.step, choice, segment, label);
        return undefined;
      }
      const key = this.keys.keyOf(session, within);
      const known = byKey.get(key);
      if (known) {
        addEdge(frame.node, known, frame.step, choice, segment, label);
        return undefined;
      }
      const child = newNode(key, actions);
      addEdge(frame.node, child, frame.step, choice, segment, label);
      if (stats.states >= this.options.budget && !session.finished) {
        child.status = "unexplored";
        child.where = session.activeSteps()[0] ?? "";
        this.note(
          this.result.unexplored,
          `unexplored:${this.result.unexplored.length}`,
          { step: child.where },
          actions,
        );
        return undefined;
      }
      return start(child, session);
    };

    const frames: Frame[] = [];
    const root = newNode(this.keys.keyOf(first, within), firstActions);
    const rootFrame = start(root, first);
    if (rootFrame) frames.push(rootFrame);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next >= frame.choices.length) {
        frames.pop();
        onPath.delete(frame.node.id);
        continue;
      }
      const i = frame.next++;
      const choice = frame.choices[i];
      let pushed: Frame | undefined;
      if (frame.exits) {
        const outcome = frame.exits[i];
        const actions = [...frame.node.actions, ...outcome.actions];
        if (outcome.status !== "exit") {
          const status = outcome.status === "stuck" ? "stuck" : outcome.status === "refused" ? "refused" : "unexplored";
          const { where, reason, code } = outcome;
          addEdge(frame.node, terminal(status, actions, { where, reason, code }), frame.step, choice, emptySegment());
          continue;
        }
        const session = this.replay(actions);
        const segment = readSegment(this.compiled, session, frame.counters!);
        const results = procedureResults(this.compiled, session, frame.step, frame.counters!, outcome.actions);
        pushed = arrive(frame, session, segment, actions, choice, runLabel(segment, frame.step, results));
      } else {
        const session = i === frame.choices.length - 1 ? frame.session! : this.replay(frame.node.actions);
        const action = choice.actions[0];
        const actions = [...frame.node.actions, action];
        const before = countersOf(session);
        const result = this.send(session, action);
        if (!result.ok) {
          const detail = { where: frame.step, code: result.code, reason: result.reason };
          this.note(
            this.result.refusals,
            `refused:${frame.step}:${result.code}`,
            { step: frame.step, code: result.code, reason: result.reason },
            actions,
          );
          addEdge(frame.node, terminal("refused", actions, detail), frame.step, choice, emptySegment());
          continue;
        }
        pushed = arrive(frame, session, readSegment(this.compiled, session, before), actions, choice);
      }
      if (pushed) frames.push(pushed);
    }
    for (const node of nodes)
      if (node.status === "stuck" || node.status === "refused" || node.status === "unexplored")
        if (within)
          exits.push({
            key: `${node.status}:${node.id}`,
            actions: node.actions.slice(firstActions.length),
            status: node.status,
            where: node.where,
            reason: node.reason,
            code: node.code,
          });
    return { nodes, edges, exits };
  }

  /** The procedure all waiting steps are inside, directly below `within`: explored once per way it is entered. */
  private runningProcedure(active: string[], within: string): string | undefined {
    let common: string | undefined;
    for (const path of active) {
      const chain: string[] = [];
      let step = this.compiled.steps.get(path);
      while (step) {
        chain.unshift(step.scope);
        step = step.scope ? this.compiled.steps.get(step.scope) : undefined;
      }
      const at = chain.indexOf(within);
      const below = at >= 0 ? chain[at + 1] : undefined;
      if (below === undefined || (common !== undefined && common !== below)) return undefined;
      common = below;
    }
    return common;
  }

  private summaryOf(procedure: string, session: CaseSession, actions: ScenarioAction[]): Exit[] {
    const key = this.keys.keyOf(session, procedure);
    const known = this.summaries.get(key);
    if (known) {
      this.result.stats.reusedRuns++;
      return known;
    }
    this.result.stats.procedureRuns++;
    const exits = this.explore(procedure, session, actions).exits;
    this.summaries.set(key, exits);
    return exits;
  }

  private hasLeft(session: CaseSession, within: string): boolean {
    if (!session.context.outcomes.has(within)) return false;
    return !session.activeSteps().some((p) => isWithin(this.compiled.steps.get(p)!.scope, within));
  }

  /**
   * What a run of the procedure `within` did, as far as it matters: everything it produced ("results"), or only
   * what its callers can still read ("caller"). Made of the procedure's own effects, so it does not depend on
   * what the caller did before.
   */
  private exitKey(
    session: CaseSession,
    within: string,
    entry: Counters,
    prefixLength: number,
    actions: ScenarioAction[],
  ): string {
    const results = procedureResults(this.compiled, session, within, entry, actions.slice(prefixLength));
    if (this.options.procedureOutcomes !== "caller") return resultsKey(results);
    const future = this.keys.callerFuture(within);
    const readsAll = (list: "flags" | "referrals") => [...future.readers].some((r) => (r[list]?.othersCap ?? 0) > 0);
    const named = (list: "flags" | "referrals", id: string) =>
      (list === "flags" ? future.exactFlags : future.exactReferrals).has(id) ||
      [...future.readers].some((r) => r[list]?.members.has(id));
    return JSON.stringify([
      [...results.flags].filter(([flag]) => readsAll("flags") || named("flags", flag)).sort(),
      [...new Set(results.referrals.filter((r) => r.status === "made").map((r) => r.service))]
        .filter((service) => readsAll("referrals") || named("referrals", service))
        .sort(),
      [...results.consents].sort(),
    ]);
  }

  /** Records what a stretch of path reached and broke. */
  private record(session: CaseSession, segment: Segment, actions: ScenarioAction[], step?: string, choice?: Choice) {
    const reached = this.result.reached;
    for (const s of segment.steps) reached.steps.add(s);
    for (const r of segment.routes) reached.routes.add(`${r.step}#${r.index}`);
    for (const r of segment.referrals) addTo(reached.referrals, r.step, r.status);
    if (step && choice?.classIndex !== undefined) addTo(reached.answers, step, choice.classIndex);
    for (const skip of segment.skips) {
      const at = this.compiled.steps.get(skip.step);
      if (!at) continue;
      const sop = this.compiled.scopes.get(at.scope)!.sop.id;
      const value = session.context.scopes.get(at.scope)?.[skip.variable];
      const index = this.spaces.space(sop, skip.variable)?.classify(value);
      if (index !== undefined) addTo(reached.answers, skip.step, index);
    }
    for (const v of segment.violations)
      this.note(this.result.violations, `v:${v.scope}:${v.invariant}:${JSON.stringify(v.expectation)}`, v, actions);
    for (const d of segment.deadlines)
      if (d.hoursLeftWhenSet < 0)
        this.note(
          this.result.pastDeadlines,
          `d:${d.step}:${d.id}`,
          { id: d.id, step: d.step, hoursLeftWhenSet: d.hoursLeftWhenSet },
          actions,
        );
  }

  /** Keeps the first finding of each kind, with the actions that show it. */
  private note<T>(list: { what: T; actions: ScenarioAction[] }[], key: string, what: T, actions: ScenarioAction[]) {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push({ what, actions });
  }
}

function addTo<T>(map: Map<string, Set<T>>, key: string, value: T) {
  const set = map.get(key) ?? new Set<T>();
  set.add(value);
  map.set(key, set);
}

function emptySegment(): Segment {
  return { steps: [], routes: [], flagOps: [], referrals: [], deadlines: [], violations: [], ends: [], skips: [] };
}

/** The step whose routes all failed: a decision waiting with no route, or an input step left in its route state. */
function stuckStep(compiled: CompiledSop, session: CaseSession, active: string | undefined): string {
  if (active) return active;
  const context = session.context;
  const routed = new Map<string, number>();
  for (const entry of context.trace)
    if (entry.kind === "route") routed.set(entry.step, (routed.get(entry.step) ?? 0) + 1);
  const visits = new Map<string, number>();
  for (const path of context.visited) visits.set(path, (visits.get(path) ?? 0) + 1);
  for (let i = context.visited.length - 1; i >= 0; i--) {
    const path = context.visited[i];
    const step = compiled.steps.get(path)?.step;
    if (!step || step.kind === "end" || typeof step.next === "string") continue;
    if ((routed.get(path) ?? 0) < (visits.get(path) ?? 0)) return path;
  }
  return context.visited[context.visited.length - 1] ?? compiled.definition.start;
}
