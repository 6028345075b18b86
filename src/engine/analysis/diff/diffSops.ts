import { pickText } from "../../case/viewCase";
import type { CompiledSop } from "../../compile/CompiledSop";
import type { StepAction } from "../../definition/types";
import type { AnswerSpaces } from "../answers/AnswerSpaces";
import { describeClass, wordsFor } from "../answers/describeAnswer";
import { jointAnswerSpaces } from "../exploration/analyseSop";
import { Bdd, type BddNode } from "../exploration/Bdd";
import { buildModel } from "../exploration/buildModel";
import { Domains } from "../exploration/domains";
import { planRun } from "../exploration/liveness";
import { playGuided } from "../exploration/playCase";
import { readCase } from "../exploration/readCase";
import type { Domain, Model } from "../exploration/types";
import { type Person, type ProductRun, runProduct, type Side, traceProduct } from "./runProduct";
import type { DiffEntry, DiffOptions, ResultSummary, SopDiff } from "./types";

/** Searches for further kinds of person per result, at most this many times each. */
const MAX_ROUNDS = 6;
/** Diagram nodes the first run, comparing every result at once, may make before each result is compared alone. */
const JOINT_NODE_LIMIT = 3_000_000;
const RESULT_KINDS = new Set(["flag", "referral", "deadline", "outcome"]);

/**
 * Compares two versions of an SOP person by person: both run side by side on the same answers (a joint model,
 * see `runProduct`), and for each result (the outcome, each flag, each referral with its urgency, each deadline
 * with its window, where the case ends) the analysis finds every person for whom the versions differ. Each kind
 * of person is described by the answers that make the difference ("Age: 17; Travelling with: Alone") and what
 * each version does for them, found by playing both versions as real cases; people of that kind are then set
 * aside and the search goes on until no one is left. Unless `declines`, every referral offered is accepted.
 */
export function diffSops(before: CompiledSop, after: CompiledSop, options: DiffOptions = {}): SopDiff {
  const locale = options.locale ?? "en";
  const referralConsent = options.declines ? "both" : "accept";
  const spaces = jointAnswerSpaces(before, after);
  const bdd = new Bdd();
  const slots = new Map<string, number[]>();
  const pairing = new Map<string, number[]>();
  const allocate = (side: 0 | 1) => (key: string, width: number) => {
    const reserved = pairing.get(`${side}|${key}`);
    if (reserved && reserved.length === width) return reserved;
    const fresh = () => Array.from({ length: width }, () => bdd.newVariable());
    const mine = fresh();
    // The other version's domain of the same fact, and the person's answer, sit beside this one.
    if (!pairing.has(`${1 - side}|${key}`)) pairing.set(`${1 - side}|${key}`, fresh());
    if (key.startsWith("var ") && !slots.has(key)) slots.set(key, fresh());
    return mine;
  };
  const options0 = { purpose: "results" as const, referralConsent: referralConsent as "both" | "accept" };
  const models: [Model, Model] = [
    buildModel(before, spaces, options0, { bdd, domains: new Domains(bdd, allocate(0)) }),
    buildModel(after, spaces, options0, { bdd, domains: new Domains(bdd, allocate(1)) }),
  ];
  const person = makePerson(bdd, models, slots, options.declines === true);

  // Steps alike in both versions; a result can differ only if a step set apart from them can change it.
  const same = new Set<string>();
  for (const [path, at] of before.steps) {
    const other = after.steps.get(path);
    if (other && other.scope === at.scope && JSON.stringify(other.step) === JSON.stringify(at.step)) same.add(path);
  }
  const keys = new Set<string>();
  for (const model of models)
    for (const d of model.domains) if (RESULT_KINDS.has(d.kind) && mayDiffer(model, d, same)) keys.add(d.name);
  const stop = options.control?.shouldStop ?? (() => false);
  const orders = sharedOrder(models);
  const found: Found[] = [];
  let runs = 0;
  let complete = true;
  const facts = [...keys].sort();
  // First, every result at once: people the versions treat alike are set aside early, so this is usually small;
  // results that no one sees differently are settled by this one run. Should it grow too large, each result is
  // compared on its own instead.
  const startNodes = bdd.nodeCount;
  const everything = runProduct(
    bdd,
    models.map((model, i) => sideOf(model, person, facts, orders[i], same)) as [Side, Side],
    person,
    new Set(),
    same,
    () => stop() || bdd.nodeCount - startNodes > JOINT_NODE_LIMIT,
  );
  runs++;
  const differing = everything.complete
    ? facts.filter((key) => firstDifference(everything, key, []) !== undefined)
    : facts;
  for (const [n, key] of differing.entries()) {
    options.control?.onProgress?.({ sop: after.id, phase: "invariants", done: n, total: differing.length });
    const covered: { slots: Map<number, Set<number>> }[] = [];
    for (let round = 0; ; round++) {
      if (stop() || round >= MAX_ROUNDS) {
        complete = false;
        break;
      }
      const keep = new Set<number>();
      for (const c of covered) for (const s of c.slots.keys()) keep.add(s);
      const sides = models.map((model, i) => sideOf(model, person, [key], orders[i], same)) as [Side, Side];
      const run = round === 0 && everything.complete ? everything : runProduct(bdd, sides, person, keep, same, stop);
      if (run !== everything) runs++;
      if (!run.complete) {
        complete = false;
        break;
      }
      const hit = firstDifference(run, key, covered);
      if (!hit) break;
      const actions = traceProduct(run, hit.pair, hit.states);
      if (!actions) {
        complete = false;
        break;
      }
      const example = describeExample(before, after, spaces, person, actions, key, locale);
      if (!example) {
        complete = false;
        break;
      }
      found.push(example);
      covered.push({ slots: example.cube });
    }
  }

  // One entry per kind of person, with every result that changes for them.
  const byWho = new Map<string, Found[]>();
  for (const f of found) byWho.set(JSON.stringify(f.who), [...(byWho.get(JSON.stringify(f.who)) ?? []), f]);
  const entries: DiffEntry[] = [...byWho.values()].map((list) => {
    const changes = [...new Set(list.map((f) => f.key))].sort();
    const who = list[0].who;
    const words = describeChanges(before, after, list, locale);
    const person =
      who.map((w) => `${w.title}: ${w.text}`).join("; ") || (locale === "es" ? "Toda persona" : "Everyone");
    return { who, before: list[0].before, after: list[0].after, changes, sentence: `${person}: ${words}` };
  });
  entries.sort((x, y) => x.sentence.localeCompare(y.sentence));
  return { sop: after.id, before: before.version, after: after.version, entries, runs, complete };
}

interface Found {
  who: { step: string; title: string; text: string }[];
  /** The result that differs, and its value in each version (for the sentence). */
  key: string;
  values: [string, string];
  before: ResultSummary;
  after: ResultSummary;
  /** The person's answer slots that make the difference, with the classes that do. */
  cube: Map<number, Set<number>>;
}

/** The person's answer slots: one per question either version asks, and per referral when people may decline. */
function makePerson(bdd: Bdd, models: [Model, Model], reserved: Map<string, number[]>, declines: boolean): Person {
  const slotDomains = new Domains(bdd, (key, width) => {
    const bits = reserved.get(key.replace(/^person /, ""));
    return bits && bits.length >= width ? bits.slice(0, width) : Array.from({ length: width }, () => bdd.newVariable());
  });
  const byKey = new Map<string, number>();
  const slots: Domain[] = [];
  const add = (key: string, count: number) => {
    if (byKey.has(key)) return;
    const domain = slotDomains.make(
      `person ${key}`,
      "variable",
      Array.from({ length: count + 1 }, (_, i) => i),
    );
    byKey.set(key, slots.length);
    slots.push(domain);
  };
  for (const model of models)
    for (const d of model.domains) if (d.kind === "variable" && d.classValues) add(d.name, Math.max(...d.classOf!) + 1);
  if (declines)
    for (const model of models)
      for (const edge of model.edges) if (edge.action?.kind === "refer") add(`consent ${edge.action.step}`, 2);
  return { slots, byKey };
}

/**
 * Whether a result can differ between the versions: some step that writes it is changed, or comes after a changed
 * step (where the versions may part).
 */
function mayDiffer(model: Model, domain: Domain, same: ReadonlySet<string>): boolean {
  const { nodes, edges } = model;
  const after = new Set<number>();
  const queue = nodes.filter((n) => n.step && !same.has(n.step) && n.kind === "enter").map((n) => n.id);
  if (domain.kind === "outcome") return queue.length > 0;
  while (queue.length) {
    const n = queue.pop()!;
    if (after.has(n)) continue;
    after.add(n);
    for (const e of nodes[n].out) queue.push(edges[e].to);
  }
  return edges.some(
    (e) => after.has(e.from) && e.ops.some((op) => (op.kind === "set" || op.kind === "choose") && op.domain === domain),
  );
}

/** One version in the joint model, keeping track of one result to the end, and of what it may still ask. */
function sideOf(model: Model, person: Person, keys: string[], order: number[], same: ReadonlySet<string>): Side {
  const result = keys.flatMap((key) => [
    model.byKey.get(key),
    key.startsWith("referral ") ? model.byKey.get(`urgency ${key.slice(9)}`) : undefined,
  ]);
  const plan = planRun(model, new Set(), new Set(result.filter((d): d is Domain => d !== undefined)));
  const asksAhead: Set<number>[] = model.nodes.map(() => new Set());
  const own = (e: number) => {
    const action = model.edges[e].action;
    if (action?.kind === "answer" && action.domain) return person.byKey.get(action.domain.name);
    if (action?.kind === "refer") return person.byKey.get(`consent ${action.step}`);
    return undefined;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of model.nodes) {
      const set = asksAhead[node.id];
      const size = set.size;
      for (const e of node.out) {
        const slot = own(e);
        if (slot !== undefined) set.add(slot);
        for (const s of asksAhead[model.edges[e].to]) set.add(s);
      }
      if (set.size !== size) changed = true;
    }
  }
  // Nodes from which a step that differs between the versions can still be reached.
  const changedAhead = model.nodes.map((n) => n.step !== "" && !same.has(n.step));
  changed = true;
  while (changed) {
    changed = false;
    for (const node of model.nodes) {
      if (changedAhead[node.id]) continue;
      if (node.out.some((e) => changedAhead[model.edges[e].to])) {
        changedAhead[node.id] = true;
        changed = true;
      }
    }
  }
  return { model, plan, asksAhead, order, changedAhead };
}

/** Places both versions' nodes in one order: the first version's, with the second's nodes of the same step beside. */
function sharedOrder(models: [Model, Model]): [number[], number[]] {
  const [b, a] = models;
  const first = b.nodes.map((n) => n.order);
  const byStep = new Map(b.nodes.map((n) => [`${n.kind}|${n.step}`, n.order]));
  const scale = b.nodes.length / Math.max(1, a.nodes.length);
  const second = a.nodes.map((n) => byStep.get(`${n.kind}|${n.step}`) ?? n.order * scale + 0.5);
  return [first, second];
}

/** The states at a joint end where the versions differ on `key` (or end differently), outside people covered. */
function firstDifference(
  run: ProductRun,
  key: string,
  covered: { slots: Map<number, Set<number>> }[],
): { pair: number; states: BddNode } | undefined {
  const { bdd, sides, person } = run;
  let outside = bdd.true;
  for (const c of covered) {
    let inCube = bdd.true;
    for (const [slot, classes] of c.slots)
      inCube = bdd.and(inCube, bdd.orAll([...classes].map((cls) => person.slots[slot].is[cls + 1])));
    outside = bdd.minus(outside, inCube);
  }
  for (const [id, [nb, na]] of run.pairs.entries()) {
    const [b, a] = [sides[0].model.nodes[nb], sides[1].model.nodes[na]];
    if (b.out.length > 0 || a.out.length > 0 || run.reached[id] === bdd.false) continue;
    const endsDiffer = b.kind !== a.kind || (b.kind !== "finished" && b.step !== a.step);
    const differs = endsDiffer ? bdd.true : valueDiffers(bdd, sides[0], sides[1], key);
    const states = bdd.and(bdd.and(run.reached[id], differs), outside);
    if (states !== bdd.false) return { pair: id, states };
  }
  return undefined;
}

/** The states where two versions' domains of the same result hold different values (a missing domain: unset). */
function valueDiffers(bdd: Bdd, b: Side, a: Side, key: string): BddNode {
  if (key.startsWith("referral ")) {
    // A referral differs when one version makes it and the other does not, or both do with other urgencies.
    const service = key.slice(9);
    const made = (side: Side) => side.model.byKey.get(key)?.is[1] ?? bdd.false;
    const urgencyIs = (side: Side, v: number) => side.model.byKey.get(`urgency ${service}`)?.is[v] ?? bdd.false;
    let out = bdd.xor(made(b), made(a));
    for (let x = 0; x < 4; x++)
      for (let y = 0; y < 4; y++)
        if (x !== y) out = bdd.or(out, bdd.andAll([made(b), made(a), urgencyIs(b, x), urgencyIs(a, y)]));
    return out;
  }
  const options = (side: Side) => {
    const d = side.model.byKey.get(key);
    if (!d) return [{ key: unsetKey(key), is: bdd.true }];
    return d.values.map((v, i) => ({ key: valueKey(side.model, d, v, i), is: d.is[i] }));
  };
  let out = bdd.false;
  for (const x of options(b)) for (const y of options(a)) if (x.key !== y.key) out = bdd.or(out, bdd.and(x.is, y.is));
  return out;
}

function unsetKey(key: string): string {
  return key.startsWith("outcome") ? "" : key.startsWith("deadline") ? "none" : "false";
}

/** A result's value as comparable text: a deadline by its window (the effect that set it may differ). */
function valueKey(model: Model, domain: Domain, value: unknown, index: number): string {
  if (domain.kind === "deadline") {
    if (index === 0 || value === undefined) return "none";
    const [path, effect] = String(value).split("#");
    const e = model.compiled.steps.get(path)?.step.effects?.[Number(effect)];
    return e && "deadline" in e ? e.within : String(value);
  }
  if (domain.kind === "outcome") return String(value ?? "");
  return String(index === 1);
}

/**
 * Plays a person found by the joint model through both versions as real cases, and describes who they are by the
 * answers that make the difference on `key`: each answer is tried against its other classes, and kept with the
 * classes for which the difference stays.
 */
function describeExample(
  before: CompiledSop,
  after: CompiledSop,
  spaces: AnswerSpaces,
  person: Person,
  actions: [StepAction[], StepAction[]],
  key: string,
  locale: string,
): Found | undefined {
  const answers = new Map<string, unknown>();
  for (const list of actions) for (const a of list) if (!answers.has(a.step)) answers.set(a.step, a.answer);
  const play = (map: ReadonlyMap<string, unknown>) => {
    const results = [before, after].map((compiled) => guided(compiled, spaces, map));
    return { before: results[0], after: results[1] };
  };
  const base = play(answers);
  const change = (p: ReturnType<typeof play>) => changeOn(key, p.before, p.after);
  const baseChange = change(base);
  if (!baseChange) return undefined;
  const who: Found["who"] = [];
  const cube = new Map<number, Set<number>>();
  for (const [step, answer] of answers) {
    const at = after.steps.get(step) ?? before.steps.get(step);
    const compiled = after.steps.has(step) ? after : before;
    const s = at?.step;
    if (!at || !s || (s.kind !== "question" && s.kind !== "checklist") || !s.variable) continue;
    const space = spaces.space(compiled.scopes.get(at.scope)!.sop.id, s.variable);
    if (!space || space.classes.length < 2) continue;
    const mine = space.classes.find(
      (c) => JSON.stringify(space.candidates[c.representative].json) === JSON.stringify(answer),
    );
    const keeping = new Set<number>(mine ? [mine.index] : []);
    let matters = false;
    for (const c of space.classes) {
      if (c === mine) continue;
      const tried = play(new Map(answers).set(step, space.candidates[c.representative].json));
      if (change(tried) === baseChange) keeping.add(c.index);
      else matters = true;
    }
    if (!matters) continue;
    const slot = person.byKey.get(`var ${at.scope}:${s.variable}`);
    if (slot !== undefined) cube.set(slot, keeping);
    const title = "title" in s && s.title ? pickText(s.title, locale) : at.id;
    const text = [...keeping].map((c) => describeClass(space, c, locale)).join(wordsFor(locale).or);
    who.push({ step, title, text });
  }
  const [vb, va] = baseChange.split(" → ");
  return { who, key, values: [vb, va], before: summaryOf(base.before), after: summaryOf(base.after), cube };
}

/** A case played answering each step from `answers`, and other steps with their first class. */
function guided(compiled: CompiledSop, spaces: AnswerSpaces, answers: ReadonlyMap<string, unknown>) {
  const played = playGuided(compiled, spaces, answers);
  return { refused: played.refused, results: readCase(compiled, played.session) };
}

function summaryOf(run: ReturnType<typeof guided>): ResultSummary {
  const r = run.results;
  const status = run.refused ? "refused" : r.finished ? "finished" : "stuck";
  return {
    status,
    where: status === "finished" ? undefined : (run.refused ?? r.steps.at(-1)),
    outcome: r.outcome,
    flags: r.flags,
    referrals: r.referrals.filter((x) => x.status === "made").map((x) => ({ service: x.service, urgency: x.urgency })),
    deadlines: r.deadlines.map((d) => ({ id: d.id, window: d.window })),
  };
}

/** How the two runs differ on one result, as comparable text (empty when they do not). */
function changeOn(key: string, b: ReturnType<typeof guided>, a: ReturnType<typeof guided>): string {
  const sb = summaryOf(b);
  const sa = summaryOf(a);
  if (sb.status !== sa.status || sb.where !== sa.where) return `end ${sb.status}@${sb.where} ${sa.status}@${sa.where}`;
  const [kind, ...rest] = key.split(" ");
  const value = (s: ResultSummary) => {
    if (kind === "flag") return String(s.flags.includes(rest[0]));
    if (kind === "referral") return s.referrals.find((r) => r.service === rest[0])?.urgency ?? "none";
    if (kind === "deadline") return JSON.stringify(s.deadlines.filter((d) => d.id === rest[0]).map((d) => d.window));
    return s.outcome ?? "";
  };
  const [vb, va] = [value(sb), value(sa)];
  return vb === va ? "" : `${vb} → ${va}`;
}

/** "before, referral to SENNIAF (immediate), flag "Unaccompanied child"; now, none." for the results that change. */
function describeChanges(before: CompiledSop, after: CompiledSop, list: Found[], locale: string): string {
  const es = locale === "es";
  const sides: [string[], string[]] = [[], []];
  for (const f of list) {
    const [kind, ...rest] = f.key.split(" ");
    for (const side of [0, 1] as const) {
      const compiled = side === 0 ? before : after;
      const value = f.values[side];
      const service = (id: string) => pickText(compiled.catalog.services.get(id)?.name, locale) || id;
      const flag = (id: string) => pickText(compiled.catalog.flags.get(id)?.label, locale) || id;
      if (value.startsWith("end ")) continue;
      if (kind === "flag" && value === "true") sides[side].push(`${es ? "alerta" : "flag"} "${flag(rest[0])}"`);
      else if (kind === "referral" && value !== "none")
        sides[side].push(`${es ? "derivación a" : "referral to"} ${service(rest[0])} (${value})`);
      else if (kind === "deadline" && value !== "[]")
        sides[side].push(`${es ? "plazo" : "deadline"} "${rest[0]}" (${(JSON.parse(value) as number[]).join(", ")} h)`);
      else if (kind === "outcome" && value) sides[side].push(`${es ? "resultado" : "outcome"} ${value}`);
    }
    const ends = f.values.map((v) => v.startsWith("end ")).some(Boolean);
    if (ends) {
      const [b, a] = [f.before, f.after];
      const end = (s: ResultSummary) =>
        s.status === "finished"
          ? es
            ? "el caso termina"
            : "the case ends"
          : es
            ? `el caso se detiene en "${s.where}"`
            : `the case is ${s.status} at "${s.where}"`;
      sides[0].push(end(b));
      sides[1].push(end(a));
    }
  }
  const text = (parts: string[]) => [...new Set(parts)].join(", ") || (es ? "nada de eso" : "none");
  return es
    ? `antes, ${text(sides[0])}; ahora, ${text(sides[1])}.`
    : `before, ${text(sides[0])}; now, ${text(sides[1])}.`;
}
