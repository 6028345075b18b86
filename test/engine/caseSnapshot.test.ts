import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { decodeValue, encodeValue } from "../../src/engine/case/caseSnapshot";
import { createCaseContext } from "../../src/engine/compile/caseContext";
import { celDuration } from "../../src/engine/expression/ExpressionScope";
import {
  buildSlip,
  type CaseEvent,
  type CaseSession,
  type CaseSnapshot,
  loadLibrary,
  ParkedCase,
  replayCase,
  runScenario,
  type Scenario,
  SERIALISED_FIELDS,
  serialiseContext,
  viewCase,
} from "../../src/engine/index";

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith(".json") ? [full] : [];
  });
const shipped = loadLibrary(
  walk("sop")
    .filter((f) => !f.includes("scenarios"))
    .map((full) => ({ path: relative("sop", full), text: readFileSync(full, "utf8") })),
);
const scenarios = readdirSync("sop/scenarios")
  .filter((f) => f.endsWith(".scenario.json"))
  .map((f) => JSON.parse(readFileSync(`sop/scenarios/${f}`, "utf8")) as Scenario);

/** A snapshot as it comes back from storage: through JSON text. */
const stored = (session: CaseSession): CaseSnapshot => JSON.parse(JSON.stringify(session.snapshot()));

/**
 * Which of each activation's values are the case's own lists (shared, not copied): a restored case must share the
 * same ones, or a change to the list after restoring would not reach the expressions.
 */
function sharedLists(session: CaseSession) {
  const context = session.context;
  const own = new Map<unknown, string>();
  for (const [name, list] of Object.entries(context)) if (Array.isArray(list)) own.set(list, name);
  for (const [scope, list] of context.visitedByScope) own.set(list, `visitedByScope:${scope}`);
  return [...context.scopes].map(([scope, activation]) => [
    scope,
    Object.entries(activation).flatMap(([key, value]) => (own.has(value) ? [`${key}=${own.get(value)}`] : [])),
  ]);
}

/** Everything a screen, a summary or a slip reads of a case, as plain data. */
function observe(session: CaseSession, at: Date) {
  const view = viewCase(session, at);
  return {
    steps: session.activeSteps(),
    finished: session.finished,
    closed: session.closed,
    pause: session.pause,
    language: session.language,
    notes: session.notes,
    relationships: session.relationships,
    reveals: session.reveals,
    inputs: session.effectiveInputs,
    context: serialiseContext(session.context),
    shared: sharedLists(session),
    view,
    slips: session.context.referrals.map((r) => buildSlip(session, r.service, at)),
  };
}

describe("case snapshots", () => {
  it("write every field of the case context", () => {
    expect([...SERIALISED_FIELDS].sort()).toEqual(Object.keys(createCaseContext()).sort());
  });

  it("keep the values JSON has no form for: integers, times, durations, non-finite numbers, tag-like keys", () => {
    const value = {
      age: 15n,
      born: new Date("2010-05-01T00:00:00Z"),
      wait: celDuration(5400.25),
      list: [1n, "a", undefined, Number.NaN],
      answer: { $int: "not a tag" },
      missing: undefined,
    };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
    expect(back).toEqual(value);
    expect("missing" in back).toBe(true);
    expect((back.wait as { seconds: bigint; nanos: number }).seconds).toBe(5400n);
    expect((back.wait as { seconds: bigint; nanos: number }).nanos).toBe(250_000_000);
  });

  // Every library scenario, at every step: the case restored from a snapshot (through JSON text) is the replayed one.
  it.each(scenarios.map((s) => [s.id, s] as const))(
    "restore %s at every step as the replayed case: same steps, view, slips and next step",
    (_, scenario) => {
      const compiled = shipped.compiled.get(scenario.sop);
      if (!compiled) throw new Error(`no SOP ${scenario.sop}`);
      const played = runScenario(compiled, scenario).session;
      const events = JSON.parse(JSON.stringify(played.events)) as CaseEvent[];
      const replayed = replayCase(compiled, events.slice(0, 1));
      if (!replayed.ok) throw new Error(replayed.reason);
      const live = replayed.session;
      /** The case restored at the previous step, to be given the next event beside the replayed one. */
      let previous: CaseSession | undefined;
      for (let count = 1; count <= events.length; count++) {
        const at = new Date(events[count - 1].at);
        if (count > 1) {
          const result = live.send(events[count - 1]);
          expect(result.ok).toBe(true);
          // The case restored one event earlier answers the same to it, and moves to the same next step.
          expect(previous!.send(events[count - 1])).toEqual(result);
          expect(previous!.activeSteps()).toEqual(live.activeSteps());
        }
        const restored = replayCase(compiled, events.slice(0, count), stored(live));
        if (!restored.ok) throw new Error(restored.reason);
        expect(restored.session.events).toHaveLength(count);
        expect(observe(restored.session, at)).toEqual(observe(live, at));
        previous = restored.session;
      }
      expect(previous!.context).toEqual(live.context);
    },
  );

  it("replay only the events after the snapshot, and ignore a snapshot of another bundle, version or log", () => {
    const scenario = scenarios.find((s) => s.sop === "screening" && s.steps.length > 10)!;
    const compiled = shipped.compiled.get("screening")!;
    const events = JSON.parse(JSON.stringify(runScenario(compiled, scenario).session.events)) as CaseEvent[];
    const half = replayCase(compiled, events.slice(0, 6));
    if (!half.ok) throw new Error(half.reason);
    const snapshot = stored(half.session);
    const whole = replayCase(compiled, events);
    const fromSnapshot = replayCase(compiled, events, snapshot);
    if (!whole.ok || !fromSnapshot.ok) throw new Error("replay");
    const at = new Date(events.at(-1)!.at);
    expect(observe(fromSnapshot.session, at)).toEqual(observe(whole.session, at));

    // Each of these would give another case if it were used: the log is what stands.
    const changed = events.map((e, i) => (i === 3 ? { ...e, by: "someone else" } : e)) as CaseEvent[];
    const others: CaseSnapshot[] = [
      { ...snapshot, bundle: "0000000000000000" },
      { ...snapshot, version: snapshot.version + 1 },
      { ...snapshot, count: events.length + 1 },
      { ...snapshot, machine: { ...snapshot.machine, value: "nowhere" }, events: "0" },
    ];
    for (const other of others) {
      const result = replayCase(compiled, events, other);
      if (!result.ok) throw new Error(result.reason);
      expect(observe(result.session, at)).toEqual(observe(whole.session, at));
    }
    const replayedChanged = replayCase(compiled, changed);
    const fromStale = replayCase(compiled, changed, snapshot);
    if (!replayedChanged.ok || !fromStale.ok) throw new Error("replay");
    expect(observe(fromStale.session, at)).toEqual(observe(replayedChanged.session, at));
  });
});

describe("parked cases", () => {
  it("wake as the case they were: short ones from their log, long ones from a snapshot", () => {
    const compiled = shipped.compiled.get("screening")!;
    const scenario = scenarios.find((s) => s.sop === "screening" && s.steps.length > 10)!;
    const session = runScenario(compiled, scenario).session;
    const at = new Date(session.events.at(-1)!.at);
    for (const snapshotFrom of [Number.POSITIVE_INFINITY, 1]) {
      const parked = ParkedCase.park(session, snapshotFrom);
      expect(parked.caseId).toBe(session.opened.caseId);
      expect(parked.count).toBe(session.events.length);
      const woken = parked.wake();
      expect(woken).not.toBe(session);
      expect(woken.events).toEqual(session.events);
      expect(observe(woken, at)).toEqual(observe(session, at));
    }
  });
});
