import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { canonicalJson } from "../../src/engine/compile/hashBundle";
import {
  ACTION_NAMES,
  checkMachineConfig,
  compileSop,
  GUARD_NAMES,
  hashJson,
  loadLibrary,
  type MachineConfigJson,
  SendaError,
} from "../../src/engine/index";
import { compiledFixture, loadTestLibrary } from "./readFixture";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

const { library } = loadTestLibrary();

/** Every named guard and action call in a config, with the state it stands in. */
function namedCalls(
  config: MachineConfigJson,
  path = "case",
): { kind: "guard" | "action"; type: string; at: string }[] {
  const out: { kind: "guard" | "action"; type: string; at: string }[] = [];
  for (const a of config.entry ?? []) out.push({ kind: "action", type: a.type, at: path });
  const transitions = [
    ...Object.values(config.on ?? {}).flat(),
    ...(config.always ? [config.always].flat() : []),
    ...(config.onDone ? [config.onDone] : []),
  ];
  for (const tr of transitions) {
    if (tr.guard) out.push({ kind: "guard", type: tr.guard.type, at: path });
    for (const a of tr.actions ?? []) out.push({ kind: "action", type: a.type, at: path });
  }
  for (const [key, child] of Object.entries(config.states ?? {})) out.push(...namedCalls(child, `${path}.${key}`));
  return out;
}

describe("compileSop", () => {
  const compiled = compiledFixture("intake");

  it("pins the SOP id, version and a content hash of the bundle it runs", () => {
    expect(compiled).toMatchObject({ id: "intake", version: "1.2.0" });
    expect(compiled.hash).toMatch(/^[0-9a-f]{16}$/);
    expect([...compiled.bundle.keys()].sort()).toEqual(["child-protection", "intake"]);
  });

  it("places a procedure's steps inside the procedure step, addressed <procedure>/<step>", () => {
    expect(compiled.scopes.get("child-protection")).toMatchObject({
      path: "child-protection",
      caller: "child-protection",
      sop: { id: "child-protection" },
    });
    expect(compiled.steps.get("child-protection/notify-senniaf")).toMatchObject({
      id: "notify-senniaf",
      scope: "child-protection",
      stateKey: "child-protection.notify-senniaf",
    });
    expect(compiled.stepByStateKey.get("child-protection.ask-age")).toBe("child-protection/ask-age");
    expect(compiled.config.states?.["child-protection"]).toMatchObject({ initial: "ask-age", onDone: {} });
  });

  it("makes a parallel step a parallel state with one region per track", () => {
    const care = compiled.config.states?.care;
    expect(care?.type).toBe("parallel");
    expect(Object.keys(care?.states ?? {})).toEqual(["medical", "registration"]);
    expect(care?.states?.medical.initial).toBe("ask-incident");
    expect(compiled.steps.get("ask-since")).toMatchObject({
      scope: "",
      track: "care/medical",
      stateKey: "care.medical.ask-since",
    });
    expect(care?.states?.registration.states?.["registration-done"].type).toBe("final");
  });

  it("routes a decision from its own state, and other steps through one route state each", () => {
    const states = compiled.config.states ?? {};
    expect(states["decide-outcome"].always).toHaveLength(2);
    expect(states["decide-outcome~next"]).toBeUndefined();
    expect(states["ask-with~next"].always).toHaveLength(2);
    expect(states.welcome.on?.ACKNOWLEDGED).toMatchObject({ target: "ask-dob" });
  });

  it("counts the fewest input steps left to the end of each region", () => {
    const remaining = (path: string) => compiled.steps.get(path)?.remaining;
    expect(remaining("closing")).toBe(1);
    expect(remaining("closed")).toBe(0);
    expect(remaining("ask-incident")).toBe(1);
    expect(remaining("child-protection/ask-age")).toBe(1);
    expect(remaining("welcome")).toBeGreaterThan(remaining("ask-with")!);
  });

  it("gives a config that is plain JSON and survives a round trip", () => {
    const json = JSON.parse(JSON.stringify(compiled.config));
    expect(json).toEqual(compiled.config);
    expect(() => checkMachineConfig(json)).not.toThrow();
  });

  it("uses only the closed set of guard and action names", () => {
    const calls = namedCalls(compiled.config);
    expect(calls.length).toBeGreaterThan(40);
    for (const call of calls) expect(call.kind === "guard" ? GUARD_NAMES : ACTION_NAMES).toContain(call.type as never);
    // Every name is used somewhere, so the closed set carries nothing dead.
    expect(new Set(calls.map((c) => c.type))).toEqual(new Set([...GUARD_NAMES, ...ACTION_NAMES]));
  });

  it("gives the same hash for the same content, whatever the key order", () => {
    const sop = library.sops.get("child-protection")!;
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverseKeys(v)]),
            )
          : value;
    const reordered = reverseKeys(sop) as typeof sop;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(sop));
    expect(compileSop(reordered, library).hash).toBe(compileSop(sop, library).hash);
    expect(compileSop(sop, library).hash).toBe(compiledFixture("child-protection").hash);
  });

  it("changes the hash when the SOP or a procedure it runs changes", () => {
    const intake = library.sops.get("intake")!;
    const changedText = { ...intake, title: t("Intake v2") };
    expect(compileSop(changedText, library).hash).not.toBe(compiled.hash);
    const callee = library.sops.get("child-protection")!;
    const changedCallee = { ...callee, steps: { ...callee.steps, notified: step.end("escalated") } };
    const other = { ...library, sops: new Map(library.sops).set("child-protection", changedCallee) };
    expect(compileSop(intake, other).hash).not.toBe(compiled.hash);
  });

  it("compiles procedures nested two deep, each with its own scope", () => {
    const inner = makeSop("inner", { ask: step.yesNo("x", "done"), done: step.end() });
    const middle = makeSop("middle", {
      run: { kind: "procedure", title: t("Inner"), sop: "inner", next: "done" },
      done: step.end(),
    });
    const outer = makeSop("outer", {
      run: { kind: "procedure", title: t("Middle"), sop: "middle", next: "done" },
      done: step.end(),
    });
    const result = compileSop(outer, makeLibrary([inner, middle, outer]));
    expect([...result.scopes.keys()]).toEqual(["", "run", "run/run"]);
    expect(result.steps.get("run/run/ask")).toMatchObject({ scope: "run/run", stateKey: "run.run.ask" });
    expect([...result.bundle.keys()].sort()).toEqual(["inner", "middle", "outer"]);
  });

  it("runs the same SOP twice as two procedures with separate scopes", () => {
    const inner = makeSop("inner", { ask: step.yesNo("x", "done"), done: step.end() });
    const outer = makeSop("outer", {
      first: { kind: "procedure", title: t("First"), sop: "inner", next: "second" },
      second: { kind: "procedure", title: t("Second"), sop: "inner", next: "done" },
      done: step.end(),
    });
    const result = compileSop(outer, makeLibrary([inner, outer]));
    expect(result.steps.has("first/ask")).toBe(true);
    expect(result.steps.has("second/ask")).toBe(true);
    expect(result.scopes.get("second")?.expressions).toBe(result.scopes.get("first")?.expressions);
  });

  it("throws a SendaError, never a TypeError, for a definition lint would have rejected", () => {
    const missing = makeSop("a", {
      run: { kind: "procedure", title: t("R"), sop: "nowhere", next: "done" },
      done: step.end(),
    });
    expect(() => compileSop(missing, makeLibrary([]))).toThrow(SendaError);
    expect(() => compileSop(missing, makeLibrary([]))).toThrow('runs the SOP "nowhere", which is not in the library');
    const self = makeSop("self", {
      run: { kind: "procedure", title: t("R"), sop: "self", next: "done" },
      done: step.end(),
    });
    expect(() => compileSop(self, makeLibrary([self]))).toThrow("procedures must not call themselves");
  });
});

describe("checkMachineConfig", () => {
  const config = () => JSON.parse(JSON.stringify(compiledFixture("intake").config)) as MachineConfigJson;

  it("throws a SendaError naming an unknown action and where it stands", () => {
    const tampered = config();
    tampered.states!.welcome.on!.ACKNOWLEDGED = { target: "ask-dob", actions: [{ type: "sendEmail" }] };
    let thrown: unknown;
    try {
      checkMachineConfig(tampered);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SendaError);
    expect(thrown).toMatchObject({ code: "unknown-name", path: "case.welcome" });
    expect((thrown as Error).message).toBe(
      `Unknown action "sendEmail" in state "case.welcome". Known actions: ${ACTION_NAMES.join(", ")}.`,
    );
  });

  it("throws for an unknown guard deep inside a parallel track", () => {
    const tampered = config();
    const incident = tampered.states!.care.states!.medical.states!["ask-incident~next"];
    (incident.always as { guard?: { type: string } }[])[0].guard = { type: "alwaysTrue" };
    expect(() => checkMachineConfig(tampered)).toThrow(
      'Unknown guard "alwaysTrue" in state "case.care.medical.ask-incident~next"',
    );
  });

  it("throws for an unknown entry action and an unknown onDone action", () => {
    const entry = config();
    entry.states!.closing.entry = [{ type: "eval" }];
    expect(() => checkMachineConfig(entry)).toThrow('Unknown action "eval" in state "case.closing"');
    const done = config();
    done.states!["child-protection"].onDone = { target: "consent-health", actions: [{ type: "drop" }] };
    expect(() => checkMachineConfig(done)).toThrow('Unknown action "drop" in state "case.child-protection"');
  });

  it("accepts a config that only uses known names", () => {
    expect(() => checkMachineConfig(config())).not.toThrow();
    expect(() => checkMachineConfig({})).not.toThrow();
  });
});

describe("hashJson", () => {
  it("hashes canonical JSON: sorted keys, no undefined fields", () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: "x" }], u: undefined })).toBe(
      '{"a":[true,{"c":"x","d":null}],"b":1}',
    );
    expect(hashJson({ a: 1, b: 2 })).toBe(hashJson({ b: 2, a: 1 }));
    expect(hashJson({ a: 1 })).not.toBe(hashJson({ a: 2 }));
    expect(hashJson([1, 2])).not.toBe(hashJson([2, 1]));
    expect(hashJson("x")).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("the eventless check that skips a question already known", () => {
  /** The shipped library, as `senda validate` loads it. */
  const shipped = (() => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : name.endsWith(".json") ? [full] : [];
      });
    const files = walk("sop").filter((f) => !f.includes("scenarios"));
    return loadLibrary(files.map((full) => ({ path: relative("sop", full), text: readFileSync(full, "utf8") })));
  })();
  const stateOf = (config: MachineConfigJson, key: string) =>
    key.split(".").reduce<MachineConfigJson | undefined>((node, part) => node?.states?.[part], config);

  it("is compiled only on questions whose answer can be known before they are asked", () => {
    const compiled = shipped.compiled.get("screening")!;
    for (const step of compiled.steps.values()) {
      if (step.step.kind !== "question") continue;
      const state = stateOf(compiled.config, step.stateKey)!;
      const callerWith = step.scope ? compiled.steps.get(step.scope)?.step : undefined;
      const passed = callerWith?.kind === "procedure" && step.step.variable in (callerWith.with ?? {});
      const updatable = Object.values(compiled.scopes.get(step.scope)!.sop.steps).some(
        (s) => s.kind === "question" && s.updatable !== undefined,
      );
      expect({ path: step.path, known: state.always !== undefined }).toEqual({
        path: step.path,
        known: passed || updatable,
      });
    }
    // The case's own questions are never passed in: screening asks its age with no check.
    expect(stateOf(compiled.config, compiled.steps.get("ask-age")!.stateKey)?.always).toBeUndefined();
    // The child-protection procedure is told the age: its own age question is skipped.
    const uascAge = [...compiled.steps.values()].find((s) => s.scope === "run-uasc" && s.id === "ask-age")!;
    expect(stateOf(compiled.config, uascAge.stateKey)?.always).toBeDefined();
  });
});
