import { describeScenarioPlace } from "../../src/engine/definition/schemaIssues";
import { describePlace, loadCatalog, loadScenario, loadSop, type SopDefinition } from "../../src/engine/index";

// biome-ignore lint/suspicious/noExplicitAny: tests break definitions on purpose.
type Loose = any;

function validSop(): Loose {
  return {
    id: "t",
    version: "1.0.0",
    title: { es: "T", en: "T" },
    owner: "o",
    legalBasis: [],
    start: "a",
    steps: {
      a: { kind: "instruction", title: { es: "A", en: "A" }, next: "b" },
      b: { kind: "end", outcome: "closed" },
    },
  } satisfies SopDefinition;
}

const question = (answer: Loose, extra: Loose = {}) => ({
  kind: "question",
  title: { es: "Q", en: "Q" },
  say: { es: "Q", en: "Q" },
  variable: "v",
  answer,
  next: "b",
  ...extra,
});

/** Loads the SOP after `change`, and gives its issues as [pointer, message]. */
function schemaIssuesAfter(change: (sop: Loose) => void): [string, string][] {
  const sop = validSop();
  change(sop);
  const loaded = loadSop(JSON.stringify(sop, null, 2), "t.sop.json");
  expect(loaded.value).toBeUndefined();
  for (const i of loaded.issues) expect(i).toMatchObject({ code: "schema", severity: "error", file: "t.sop.json" });
  return loaded.issues.map((i) => [i.pointer, i.message]);
}

describe("schema issues", () => {
  it("accept a valid SOP without issues", () => {
    const loaded = loadSop(JSON.stringify(validSop()));
    expect(loaded.issues).toEqual([]);
    expect(loaded.value?.id).toBe("t");
  });

  // One mistake, one message: of a failed oneOf, only the closest branch speaks.
  it.each<[string, (sop: Loose) => void, string, string]>([
    [
      "next is a number",
      (s) => (s.steps.a.next = 3),
      "/steps/a/next",
      'must be an id (like "ask-age") or a list of routes',
    ],
    ["next is null", (s) => (s.steps.a.next = null), "/steps/a/next", "; it is null."],
    ["next is an empty string", (s) => (s.steps.a.next = ""), "/steps/a/next", '"" is not a valid id'],
    ["an effect that is an empty string", (s) => (s.steps.a.effects = [""]), "/steps/a/effects/0", "must be an object"],
    [
      "an effect with no kind of its own",
      (s) => (s.steps.a.effects = [{}]),
      "/steps/a/effects/0",
      "needs one of these fields: raise, clear, deadline",
    ],
    [
      "an expectation with none of its fields",
      (s) => (s.invariants = [{ id: "i", text: { es: "x" }, expect: [{}] }]),
      "/invariants/0/expect/0",
      "needs one of these fields: referral, noReferral",
    ],
    [
      "an age written in quotes",
      (s) => (s.steps.a = question({ type: "number", max: "120" })),
      "/steps/a/answer/max",
      "Write the number without quotes: 120.",
    ],
    ["next is an empty list", (s) => (s.steps.a.next = []), "/steps/a/next", "must have at least 1 item"],
    ["a route without to", (s) => (s.steps.a.next = [{ when: "true" }]), "/steps/a/next/0", 'is missing "to"'],
    [
      "a misspelt route field",
      (s) => (s.steps.a.next = [{ to: "b", wehn: "x" }]),
      "/steps/a/next/0/wehn",
      'Did you mean "when"?',
    ],
    [
      "a deadline without label",
      (s) => (s.steps.a.effects = [{ deadline: "d", within: "1h" }]),
      "/steps/a/effects/0",
      'is missing "label"',
    ],
    [
      "a raise with a within",
      (s) => (s.steps.a.effects = [{ raise: "x", within: "1h" }]),
      "/steps/a/effects/0/within",
      "Allowed here: raise, when",
    ],
    ["a step without kind", (s) => delete s.steps.a.kind, "/steps/a", 'is missing "kind"'],
    ["a kind that is a number", (s) => (s.steps.a.kind = 3), "/steps/a", 'needs "kind" as a string'],
    [
      "a misspelt next",
      (s) => {
        s.steps.a.nxet = "b";
        delete s.steps.a.next;
      },
      "/steps/a/nxet",
      'Did you mean "next"?',
    ],
    ["a step that is a string", (s) => (s.steps.a = "x"), "/steps/a", 'must be an object; it is string "x"'],
    [
      "a consent without covers",
      (s) => (s.steps.a = question({ type: "consent" })),
      "/steps/a/answer",
      'is missing "covers"',
    ],
    [
      "a misspelt category",
      (s) => (s.steps.a = question({ type: "consent", covers: ["helth"] })),
      "/steps/a/answer/covers/0",
      'Did you mean "health"?',
    ],
    [
      "a one-of without options",
      (s) => (s.steps.a = question({ type: "one-of" })),
      "/steps/a/answer",
      'is missing "options"',
    ],
    [
      "a bad option value",
      (s) => (s.steps.a = question({ type: "one-of", options: [{ value: "Big-One", label: { es: "x" } }] })),
      "/steps/a/answer/options/0/value",
      'like "with_family"',
    ],
    [
      "a duration without unit",
      (s) => (s.steps.a = question({ type: "duration" })),
      "/steps/a/answer",
      'is missing "unit"',
    ],
    [
      "a misspelt answer field",
      (s) => (s.steps.a = question({ type: "number", mni: 3 })),
      "/steps/a/answer/mni",
      'Did you mean "min"?',
    ],
    [
      "an unknown sensitivity",
      (s) => (s.steps.a = question({ type: "yes-no" }, { sensitive: "hiv-status" })),
      "/steps/a/sensitive",
      "must be one of health, hiv",
    ],
    [
      "a decision with a plain next",
      (s) => (s.steps.a = { kind: "decision", next: "b" }),
      "/steps/a/next",
      "must be an array",
    ],
    [
      "a parallel with one track",
      (s) =>
        (s.steps.a = {
          kind: "parallel",
          title: { es: "P" },
          tracks: [{ id: "t", title: { es: "t" }, start: "b" }],
          next: "b",
        }),
      "/steps/a/tracks",
      "at least 2 items",
    ],
    [
      "a misspelt expectation",
      (s) => (s.invariants = [{ id: "i", text: { es: "x" }, expect: [{ referal: "x" }] }]),
      "/invariants/0/expect/0/referal",
      'Did you mean "referral"?',
    ],
    [
      "a bad outcome in an expectation",
      (s) => (s.invariants = [{ id: "i", text: { es: "x" }, expect: [{ outcome: ["done"] }] }]),
      "/invariants/0/expect/0/outcome/0",
      "must be one of closed",
    ],
    [
      "a legal basis without verified",
      (s) => (s.legalBasis = [{ ref: "x" }]),
      "/legalBasis/0",
      'is missing "verified"',
    ],
    ["an empty text", (s) => (s.steps.a.title = {}), "/steps/a/title", "at least 1 entry"],
    ["a bad locale", (s) => (s.steps.a.title = { ES: "x" }), "/steps/a/title/ES", "is not a locale code"],
    ["an empty string in a text", (s) => (s.steps.a.title = { es: "" }), "/steps/a/title/es", "must not be empty"],
    [
      "a bad step id",
      (s) => (s.steps.Bad_Id = { kind: "end", outcome: "closed" }),
      "/steps/Bad_Id",
      'the key "Bad_Id" is not a valid id',
    ],
    ["a misspelt top-level field", (s) => (s.strat = "a"), "/strat", 'Did you mean "start"?'],
    ["an unknown top-level field", (s) => (s.zzzzzzzz = 1), "/zzzzzzzz", "Allowed here: $schema, id, version"],
  ])("give one message for %s", (_, change, pointer, words) => {
    const issues = schemaIssuesAfter(change);
    expect(issues).toHaveLength(1);
    expect(issues[0][0]).toBe(pointer);
    expect(issues[0][1]).toContain(words);
  });

  it("give one message per mistake when there are several", () => {
    const issues = schemaIssuesAfter((s) => {
      s.steps.a.kind = "instrucion";
      s.steps.b.outcome = "done";
      delete s.owner;
    });
    expect(issues.map(([p]) => p).sort()).toEqual(["", "/steps/a/kind", "/steps/b/outcome"]);
  });

  it("name the step and the field in words a policy officer reads", () => {
    expect(schemaIssuesAfter((s) => (s.steps.a.kind = "questoin"))[0][1]).toBe(
      'Step "a" has an unknown kind "questoin". Did you mean "question"? Use one of: instruction, checklist, question, decision, referral, procedure, parallel, end.',
    );
    expect(schemaIssuesAfter((s) => (s.steps.a.next = 3))[0][1]).toBe(
      'Step "a" (at next) must be an id (like "ask-age") or a list of routes (like [{ "when": "age < 18", "to": "child" }, { "to": "adult" }]); it is number 3.',
    );
  });

  // The pruning bug: the precompiled validators give schemaPaths relative to the referenced definition, so failures
  // of the same oneOf at different places once pruned each other away, and the invalid value passed.
  it("never drop a mistake because another oneOf failed elsewhere in the file", () => {
    const issues = schemaIssuesAfter((s) => {
      s.steps.a.effects = ["", ""];
      s.steps.a.next = "";
    });
    expect(issues.map(([p]) => p)).toEqual(["/steps/a/effects/0", "/steps/a/effects/1", "/steps/a/next"]);
  });

  it.each([
    ["an empty string", ""],
    ["null", null],
    ["a number", 7],
    ["a route without a target", [{}]],
  ])("reject two empty effects and a next that is %s, so lint never sees them", (_, next) => {
    const sop = validSop();
    sop.steps.a.effects = ["", ""];
    sop.steps.a.next = next;
    const loaded = loadSop(JSON.stringify(sop, null, 2), "t.sop.json");
    expect(loaded.value).toBeUndefined();
    expect(loaded.issues.map((i) => i.pointer)).toEqual([
      "/steps/a/effects/0",
      "/steps/a/effects/1",
      Array.isArray(next) ? "/steps/a/next/0" : "/steps/a/next",
    ]);
  });

  it("report every misspelt step id, not only the first", () => {
    const issues = schemaIssuesAfter((s) => {
      s.steps.a.next = "Ask_Age";
      s.steps.c = { kind: "instruction", title: { es: "C" }, next: "Ask Alone" };
      s.steps.d = { kind: "instruction", title: { es: "D" }, next: [{ to: "Close-Case" }] };
    });
    expect(issues.map(([p]) => p)).toEqual(["/steps/a/next", "/steps/c/next", "/steps/d/next/0/to"]);
    for (const [, message] of issues) expect(message).toContain("is not a valid id");
  });

  it("give every issue its params, from which the message is written", () => {
    const sop = validSop();
    sop.steps.a.kind = "instrucion";
    const [found] = loadSop(JSON.stringify(sop)).issues;
    expect(found.params).toEqual({
      step: "a",
      rule: "unknown-tag",
      tag: "kind",
      value: '"instrucion"',
      allowed: ["instruction", "checklist", "question", "decision", "referral", "procedure", "parallel", "end"],
      suggestion: "instruction",
    });
  });

  it("locate each issue at its value in the file", () => {
    const text =
      '{\n  "id": "Bad Id",\n  "version": "1.0.0",\n  "title": { "es": "T" },\n  "owner": "o",\n  "legalBasis": [],\n  "start": "a",\n  "steps": { "a": { "kind": "end", "outcome": "closed" } }\n}';
    const loaded = loadSop(text, "x.sop.json");
    expect(loaded.issues).toEqual([
      expect.objectContaining({ file: "x.sop.json", pointer: "/id", line: 2, column: 9 }),
    ]);
  });

  it("check catalogs and scenarios with their own schemas and words", () => {
    const catalog = loadCatalog(
      '{ "flags": [{ "id": "x", "label": { "es": "x" }, "sensitivity": "secret" }] }',
      "catalog/f.json",
    );
    expect(catalog.issues).toEqual([
      expect.objectContaining({ pointer: "/flags/0/sensitivity", line: 1, column: 65, file: "catalog/f.json" }),
    ]);
    expect(catalog.issues[0].message).toContain("public, restricted, confidential");
    const scenario = loadScenario(
      JSON.stringify({
        id: "s",
        title: { es: "x" },
        persona: { es: "x" },
        sop: "t",
        steps: [{ step: "ok" }, { step: "A b" }],
        expect: {},
      }),
    );
    expect(scenario.issues.map((i) => i.message)).toEqual([
      'Action 2 (at step) "A b" is not a step: write a step id, or inside a procedure "<procedure-step>/<step>".',
    ]);
    // Procedure steps are addressed as <procedure step>/<step>.
    const nested = loadScenario(
      JSON.stringify({
        id: "s",
        title: { es: "x" },
        persona: { es: "x" },
        sop: "t",
        steps: [{ step: "uasc/notify" }],
        expect: { visits: ["uasc/notify"] },
      }),
    );
    expect(nested.issues).toEqual([]);
  });
});

describe("describePlace", () => {
  it("speaks of steps by id, and of anything else by its path", () => {
    expect(describePlace("")).toBe("The document");
    expect(describePlace("/steps/ask-age")).toBe('Step "ask-age"');
    expect(describePlace("/steps/ask-age/next/0/to")).toBe('Step "ask-age" (at next.0.to)');
    expect(describePlace("/steps/a~1b")).toBe('Step "a/b"');
    expect(describePlace("/invariants/0/when")).toBe('"invariants.0.when"');
    expect(describePlace("/steps")).toBe('"steps"');
  });

  it("speaks of a scenario's actions by number", () => {
    expect(describeScenarioPlace("/steps/0")).toBe("Action 1");
    expect(describeScenarioPlace("/steps/4/answer")).toBe("Action 5 (at answer)");
    expect(describeScenarioPlace("/expect/outcome")).toBe('"expect.outcome"');
  });
});
