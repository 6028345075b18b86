import {
  buildSlip,
  type CatalogIndex,
  compileSop,
  describeTrace,
  emptyCatalog,
  type Flag,
  PUBLIC_SURFACE,
  redactView,
  replayCase,
  runScenario,
  type Service,
  type SopDefinition,
  viewCase,
} from "../../src/engine/index";
import { at, CaseDriver } from "./caseDriver";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

/** A catalog for these tests: services of several kinds and levels, and flags with standing instructions. */
function catalog(): CatalogIndex {
  const c = emptyCatalog();
  const service = (id: string, kind: string, confidentiality: Service["confidentiality"], extra = {}) =>
    c.services.set(id, { id, name: t(id), agency: id.toUpperCase(), accepts: [], kind, confidentiality, ...extra });
  service("senniaf", "child-protection", "restricted");
  service("consulate-ve", "consulate", "public");
  service("camp", "accommodation", "public");
  service("hiv-clinic", "health", "confidential", { due: { urgent: "4h" } });
  service("tracing", "tracing", "restricted");
  const flag = (f: Flag) => c.flags.set(f.id, f);
  flag({ id: "uasc", label: t("Unaccompanied child"), sensitivity: "restricted", priority: 1 });
  flag({
    id: "hiv-care",
    label: t("HIV care"),
    sensitivity: "confidential",
    priority: 2,
    publicLabel: t("See the health team"),
  });
  flag({
    id: "no-consular-contact",
    label: t("No consular contact"),
    sensitivity: "restricted",
    instruction: t("Do not contact the person's consulate."),
    publicLabel: t("Special handling: ask protection staff"),
    forbids: [{ kind: "consulate" }],
    manual: true,
  });
  flag({
    id: "do-not-hand-over",
    label: t("Do not hand over"),
    sensitivity: "public",
    instruction: t("Do not let the accompanying adult take the child until the relationship is verified."),
    forbids: [{ service: "camp", unlessFlag: "relationship-verified" }],
  });
  flag({ id: "relationship-verified", label: t("Relationship verified"), sensitivity: "public" });
  c.categories.set("hiv", { id: "hiv", level: "confidential" });
  c.categories.set("health", { id: "health", level: "restricted" });
  return c;
}

const referral = (service: string, urgency: "immediate" | "urgent" | "routine", next: string, extra = {}) => ({
  kind: "referral" as const,
  title: t(`Refer to ${service}`),
  service,
  urgency,
  reason: t(`Needs ${service}`),
  next,
  ...extra,
});

function compile(sop: SopDefinition, more: SopDefinition[] = []) {
  return compileSop(sop, makeLibrary([sop, ...more], catalog()));
}

describe("one referral per need", () => {
  const sop = makeSop("twice", {
    first: referral("senniaf", "urgent", "second", { shares: ["age"] }),
    second: referral("senniaf", "immediate", "done", { requiresConsent: false }),
    done: step.end("referred"),
  });

  it("merges two referral steps to the same service into one: the most urgent wins and both reasons are kept", () => {
    const d = new CaseDriver(compile(sop));
    d.refer("first", true);
    d.refer("second", false);
    const view = viewCase(d.session, new Date(at(3)));
    expect(view.referrals).toHaveLength(1);
    expect(view.referrals[0]).toMatchObject({
      service: "senniaf",
      urgency: "immediate",
      status: "made",
      reasons: [
        { step: "first", urgency: "urgent" },
        { step: "second", urgency: "immediate", mandatory: true },
      ],
    });
    // The handover is due at once for an immediate referral (the catalog default), counted from when it was made.
    expect(view.referrals[0].dueAt).toBe(at(2));
    expect(view.trace.filter((e) => e.kind === "referral").map((e) => e.kind === "referral" && e.merged)).toEqual([
      false,
      true,
    ]);
  });

  it("keeps a referral made, as it was, when the person does not want a later step added to it", () => {
    const d = new CaseDriver(
      compile(
        makeSop("keep", {
          a: referral("tracing", "routine", "b"),
          b: referral("tracing", "urgent", "c"),
          c: step.end(),
        }),
      ),
    );
    d.refer("a", true);
    d.refer("b", false);
    // "Do not add": the later step's urgency and reason do not merge in.
    expect(viewCase(d.session, new Date(at(3))).referrals[0]).toMatchObject({ status: "made", urgency: "routine" });
  });

  it("records a referral that is not needed as not needed, never as refused by the person", () => {
    const d = new CaseDriver(compile(makeSop("tracing", { a: referral("tracing", "routine", "c"), c: step.end() })));
    expect(
      d.send({ type: "REFERRED", step: "a", consent: false, notNeeded: "The uncle was found and verified." }),
    ).toMatchObject({ ok: true });
    expect(viewCase(d.session, new Date(at(2))).referrals[0]).toMatchObject({
      status: "not-needed",
      note: "The uncle was found and verified.",
    });
  });

  it("refuses a not-needed referral that says no reason, or that is also consented", () => {
    const d = new CaseDriver(compile(makeSop("tracing", { a: referral("tracing", "routine", "c"), c: step.end() })));
    expect(d.send({ type: "REFERRED", step: "a", consent: true, notNeeded: "found" })).toMatchObject({
      ok: false,
      code: "invalid-value",
    });
    expect(d.send({ type: "REFERRED", step: "a", consent: false, notNeeded: " " })).toMatchObject({
      ok: false,
      code: "invalid-value",
    });
  });

  it("takes a service's own handover time for an urgency", () => {
    const d = new CaseDriver(compile(makeSop("hiv", { a: referral("hiv-clinic", "urgent", "c"), c: step.end() })));
    d.refer("a", true);
    expect(viewCase(d.session, new Date(at(1))).referrals[0].dueAt).toBe(
      new Date(Date.parse(at(1)) + 4 * 3_600_000).toISOString(),
    );
  });
});

describe("referrals that cannot be unmade", () => {
  const sop = makeSop("undo", {
    alone: step.yesNo("alone", [{ when: "alone", to: "notify" }, { to: "done" }]),
    notify: referral("senniaf", "immediate", "done", { requiresConsent: false }),
    done: step.end(),
  });

  it("keeps a handed-over referral as superseded, with the reason, when a correction takes away what made it", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("alone", true);
    d.refer("notify", false);
    expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" })).toMatchObject({ ok: true });
    expect(d.correct("alone", false)).toMatchObject({ ok: true, dropped: ["notify"] });
    const view = viewCase(d.session, new Date(at(5)));
    expect(view.referrals).toEqual([
      expect.objectContaining({
        service: "senniaf",
        status: "superseded",
        supersededBy: { cause: "corrected", step: "alone" },
        delivery: [expect.objectContaining({ status: "handed-over" })],
      }),
    ]);
    // The superseded record is not a referral made: invariants and the CEL list no longer count it.
    expect(d.session.context.referredServices).toEqual([]);
    // Replaying the log gives the same record.
    const replay = replayCase(d.session.compiled, d.session.events);
    expect(replay.ok && viewCase(replay.session, new Date(at(5))).referrals).toEqual(view.referrals);
  });

  it("keeps it after going back over the referral step too", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("alone", true);
    d.refer("notify", false);
    d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" });
    expect(d.back()).toMatchObject({ ok: true });
    expect(viewCase(d.session, new Date(at(5))).referrals[0]).toMatchObject({ status: "superseded" });
  });

  it("refuses a handover of a referral not made, and an acknowledgement before the handover", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("alone", true);
    expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" })).toMatchObject({
      code: "not-referred",
    });
    d.refer("notify", false);
    expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "acknowledged" })).toMatchObject({
      code: "not-handed-over",
    });
  });
});

describe("standing instructions", () => {
  const sop = makeSop("consulate", {
    fear: step.yesNo("fear", "trace", { effects: [{ raise: "no-consular-contact", when: "fear" }] }),
    trace: referral("consulate-ve", "routine", "done"),
    done: step.end(),
  });

  it("refuses a referral a raised flag forbids, with a reason, and records it as forbidden when not made", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("fear", true);
    const view = viewCase(d.session, new Date(at(1)));
    expect(view.current[0]).toMatchObject({ path: "trace", forbiddenBy: ["no-consular-contact"] });
    expect(d.refer("trace", true)).toMatchObject({ ok: false, code: "forbidden" });
    expect(d.refer("trace", false)).toMatchObject({ ok: true });
    expect(viewCase(d.session, new Date(at(3))).referrals[0]).toMatchObject({
      status: "forbidden",
      forbiddenBy: ["no-consular-contact"],
    });
    expect(d.session.context.referredServices).toEqual([]);
  });

  it("lets the referral through when the flag is not raised", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("fear", false);
    expect(d.refer("trace", true)).toMatchObject({ ok: true });
  });

  it("lifts a rule once its unless-flag is raised (a verification)", () => {
    const camp = makeSop("camp", {
      doubt: step.yesNo("doubt", "verified", { effects: [{ raise: "do-not-hand-over", when: "doubt" }] }),
      verified: step.yesNo("verified", "place", { effects: [{ raise: "relationship-verified", when: "verified" }] }),
      place: referral("camp", "routine", "done"),
      done: step.end(),
    });
    const blocked = new CaseDriver(compile(camp));
    blocked.answer("doubt", true);
    blocked.answer("verified", false);
    expect(blocked.refer("place", true)).toMatchObject({ code: "forbidden" });
    const lifted = new CaseDriver(compile(camp));
    lifted.answer("doubt", true);
    lifted.answer("verified", true);
    expect(lifted.refer("place", true)).toMatchObject({ ok: true });
  });

  it("shows an instruction on the case for as long as its flag is raised, and an officer can raise one by hand", () => {
    const d = new CaseDriver(compile(sop));
    expect(
      d.send({ type: "FLAG_SET", flag: "no-consular-contact", raise: true, reason: "Asked not to contact them." }),
    ).toMatchObject({ ok: true });
    const view = viewCase(d.session, new Date(at(2)));
    expect(view.instructions).toEqual([
      expect.objectContaining({
        flag: "no-consular-contact",
        instruction: t("Do not contact the person's consulate."),
        manual: expect.objectContaining({ reason: "Asked not to contact them." }),
      }),
    ]);
    // Raised by hand before the SOP reached the referral: still forbidden.
    d.answer("fear", false);
    expect(d.refer("trace", true)).toMatchObject({ code: "forbidden" });
  });

  it("lets officers set by hand only the flags the catalog allows, and always with a reason", () => {
    const d = new CaseDriver(compile(sop));
    expect(d.send({ type: "FLAG_SET", flag: "uasc", raise: true, reason: "x" })).toMatchObject({ code: "not-manual" });
    expect(d.send({ type: "FLAG_SET", flag: "nope", raise: true, reason: "x" })).toMatchObject({
      code: "unknown-flag",
    });
    expect(d.send({ type: "FLAG_SET", flag: "no-consular-contact", raise: true, reason: "" })).toMatchObject({
      code: "bad-event",
    });
  });

  it("keeps a flag raised by hand through a correction, at its place in the log", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("fear", false);
    d.send({ type: "FLAG_SET", flag: "no-consular-contact", raise: true, reason: "Asked." });
    expect(d.correct("fear", true)).toMatchObject({ ok: true });
    expect(d.session.context.flags).toContain("no-consular-contact");
  });
});

describe("follow-ups and pauses", () => {
  const sop = makeSop("escalate", {
    risk: step.yesNo("risk", "done", {
      effects: [
        { followUp: "check-on-person", label: t("Check on the person"), within: "24h", who: "health", when: "risk" },
      ],
    }),
    done: step.end("escalated"),
  });

  it("keeps the case pending until the follow-up is recorded", () => {
    const d = new CaseDriver(compile(sop));
    d.answer("risk", true);
    let view = viewCase(d.session, new Date(at(2)));
    expect(view.status).toBe("pending");
    expect(view.followUps).toEqual([expect.objectContaining({ id: "check-on-person", open: true, who: "health" })]);
    expect(view.deadlines).toEqual([expect.objectContaining({ kind: "follow-up", id: "follow-up:check-on-person" })]);
    expect(
      d.send({ type: "FOLLOW_UP_DONE", followUp: "check-on-person", note: "Seen by the psychologist." }),
    ).toMatchObject({ ok: true });
    view = viewCase(d.session, new Date(at(3)));
    expect(view.status).toBe("finished");
    expect(view.deadlines).toEqual([]);
    expect(d.send({ type: "FOLLOW_UP_DONE", followUp: "check-on-person" })).toMatchObject({ code: "no-follow-up" });
  });

  it("pauses a case with a reason, refuses answers while paused, and resumes exactly where it was", () => {
    const d = new CaseDriver(compile(sop));
    expect(d.send({ type: "CASE_PAUSED", reason: "Taken to the clinic." })).toMatchObject({ ok: true });
    expect(viewCase(d.session, new Date(at(1)))).toMatchObject({
      status: "paused",
      pause: { reason: "Taken to the clinic." },
    });
    expect(d.answer("risk", true)).toMatchObject({ code: "paused" });
    expect(d.send({ type: "CASE_RESUMED" })).toMatchObject({ ok: true });
    expect(d.current).toEqual(["risk"]);
    expect(d.answer("risk", false)).toMatchObject({ ok: true });
  });
});

describe("new information", () => {
  const uasc = makeSop(
    "uasc",
    {
      "ask-with": {
        kind: "question",
        title: t("Travelling with"),
        variable: "travelling_with",
        answer: {
          type: "one-of",
          options: [
            { value: "alone", label: t("Alone") },
            { value: "relative", label: t("A verified relative") },
          ],
        },
        updatable: { resume: "decide" },
        next: "decide",
      },
      decide: {
        kind: "decision",
        next: [{ when: 'travelling_with == "alone"', to: "alone" }, { to: "separated" }],
      },
      alone: { ...step.instruction("done"), effects: [{ raise: "uasc" }] },
      separated: { ...step.instruction("done"), effects: [{ raise: "relationship-verified" }] },
      done: step.end(),
    },
    { start: "ask-with" },
  );
  const screening = makeSop("screening", {
    age: step.number("age", "run"),
    run: { kind: "procedure", title: t("Children"), sop: "uasc", next: "end" },
    end: step.end("referred"),
  });

  it("keeps the earlier answer true for its time and re-routes from where the SOP says, even after the end", () => {
    const d = new CaseDriver(compile(screening, [uasc]));
    d.answer("age", 15);
    d.answer("run/ask-with", "alone");
    d.ack("run/alone");
    expect(d.session.finished).toBe(true);
    expect(
      d.send({
        type: "INFORMATION_UPDATED",
        step: "run/ask-with",
        value: "relative",
        reason: "Uncle found and verified.",
      }),
    ).toMatchObject({ ok: true });
    expect(d.current).toEqual(["run/separated"]);
    d.ack("run/separated");
    const view = viewCase(d.session, new Date(at(10)));
    expect(view.status).toBe("finished");
    expect(view.flags.map((f) => f.id)).toEqual(["uasc", "relationship-verified"]);
    const answer = view.answers.find((a) => a.step === "run/ask-with");
    expect(answer).toMatchObject({
      value: "relative",
      history: [{ before: "alone", after: "relative", reason: "Uncle found and verified." }],
    });
    expect(view.trace).toContainEqual(expect.objectContaining({ kind: "update", resume: "run/decide" }));
    // The answers of the procedure it re-entered are kept.
    expect(d.session.context.scopes.get("run")?.travelling_with).toBe("relative");
    const replay = replayCase(d.session.compiled, d.session.events);
    expect(replay.ok && replay.session.activeSteps()).toEqual([]);
  });

  it("refuses new information for a question the SOP does not declare updatable, or one not answered yet", () => {
    const d = new CaseDriver(compile(screening, [uasc]));
    expect(d.send({ type: "INFORMATION_UPDATED", step: "age", value: 16, reason: "x" })).toMatchObject({
      code: "not-updatable",
    });
    d.answer("age", 15);
    expect(d.send({ type: "INFORMATION_UPDATED", step: "run/ask-with", value: "alone", reason: "x" })).toMatchObject({
      code: "not-answered",
    });
  });
});

describe("what a viewer, a shared screen and a slip may show", () => {
  const sop = makeSop(
    "health",
    {
      consent: step.consent("consent", ["health", "hiv"], "meds"),
      meds: step.yesNo("arv", "refer", {
        sensitive: "hiv",
        effects: [
          { raise: "hiv-care", when: "arv" },
          { deadline: "arv-gap", label: t("Antiretrovirals restarted"), within: "72h", when: "arv" },
        ],
      }),
      refer: referral("hiv-clinic", "urgent", "camp", { shares: ["arv"] }),
      camp: referral("camp", "routine", "done", { shares: ["arv"] }),
      done: step.end("referred"),
    },
    { start: "consent" },
  );

  function played() {
    const d = new CaseDriver(compile(sop));
    d.answer("consent", true);
    d.answer("meds", true);
    d.refer("refer", true);
    d.refer("camp", true);
    return d;
  }

  it("gives every fact the level of what produced it", () => {
    const view = viewCase(played().session, new Date(at(5)));
    expect(view.answers.find((a) => a.step === "meds")?.level).toBe("confidential");
    expect(view.deadlines.find((d) => d.id === "arv-gap")?.level).toBe("confidential");
    expect(view.referrals.map((r) => [r.service, r.level])).toEqual([
      ["hiv-clinic", "confidential"],
      ["camp", "public"],
    ]);
  });

  it("blanks on a shared screen everything above public, keeping only neutral labels", () => {
    const view = redactView(viewCase(played().session, new Date(at(5))), PUBLIC_SURFACE);
    for (const [key, value] of Object.entries(view))
      expect([key, JSON.stringify(value)]).not.toEqual([key, expect.stringMatching(/hiv|HIV|arv|Antiretroviral/)]);
    expect(view.flags).toEqual([expect.objectContaining({ hidden: true, publicLabel: t("See the health team") })]);
    expect(view.deadlines.filter((d) => d.hidden).length).toBeGreaterThan(0);
  });

  it("shows everything to a role that sees every level", () => {
    const view = redactView(viewCase(played().session, new Date(at(5))), ["public", "restricted", "confidential"]);
    expect(view.flags).toEqual([expect.objectContaining({ id: "hiv-care" })]);
    expect(view.answers.every((a) => !a.hidden)).toBe(true);
  });

  it("puts on a slip only what its service may receive, and states the slip's real level", () => {
    const session = played().session;
    const clinic = buildSlip(session, "hiv-clinic", new Date(at(5)))!;
    expect(clinic).toMatchObject({ level: "confidential", withheld: 0 });
    expect(clinic.answers).toEqual([expect.objectContaining({ step: "meds", value: true })]);
    const camp = buildSlip(session, "camp", new Date(at(5)))!;
    expect(camp.answers).toEqual([]);
    expect(camp.withheld).toBe(1);
    expect(camp.level).toBe("public");
    expect(JSON.stringify(camp.answers)).not.toMatch(/arv/);
  });

  it("words the trace in both languages from its data", () => {
    const session = played().session;
    const raise = session.context.trace.find((e) => e.kind === "flag")!;
    expect(describeTrace(raise, session.compiled, "en")).toBe('Flag "HIV care" raised at «arv».');
    expect(describeTrace(raise, session.compiled, "es")).toBe("Se marcó «HIV care (es)» en «arv (es)».");
  });
});

describe("the level of a procedure", () => {
  const inner = (level?: "confidential") =>
    makeSop("inner", { ask: step.yesNo("ask", "done"), done: step.end() }, level ? { level } : {});
  const outer = (level?: "confidential") =>
    makeSop("outer", {
      run: { kind: "procedure", title: t("Possible victim"), sop: "inner", next: "end", ...(level ? { level } : {}) },
      end: step.end(),
    });

  it("keeps the step that runs a procedure as carefully as the procedure, whatever level the step was given", () => {
    const compiled = compile(outer(), [inner("confidential")]);
    // The step's title says what the procedure is about: without the rule it was public.
    expect(compiled.steps.get("run")?.level).toBe("confidential");
    expect(compiled.steps.get("run/ask")?.level).toBe("confidential");
  });

  it("runs a procedure at least at the level of the step that runs it", () => {
    const compiled = compile(outer("confidential"), [inner()]);
    expect(compiled.steps.get("run")?.level).toBe("confidential");
    // Without the rule the procedure's questions took only its own SOP's level (public).
    expect(compiled.steps.get("run/ask")?.level).toBe("confidential");
  });
});

describe("scenarios that do more than answer", () => {
  it("play corrections, handovers, standing instructions, pauses and follow-ups as an officer would", () => {
    const sop = makeSop("case-work", {
      alone: step.yesNo("alone", [{ when: "alone", to: "notify" }, { to: "done" }]),
      notify: referral("senniaf", "immediate", "risk", { requiresConsent: false }),
      risk: step.yesNo("risk", "done", {
        effects: [{ followUp: "check", label: t("Check on the child"), within: "24h", when: "risk" }],
      }),
      done: step.end("referred"),
    });
    const compiled = compile(sop);
    const scenario = {
      id: "case-work-child",
      title: t("Case work"),
      persona: t("A child"),
      sop: "case-work",
      steps: [
        { step: "alone", answer: false },
        { do: "correct" as const, step: "alone", answer: true, reason: "Misheard." },
        { do: "raise" as const, flag: "no-consular-contact", reason: "Asked for it." },
        { do: "pause" as const, reason: "Taken to the clinic." },
        { do: "resume" as const },
        { step: "notify", answer: false },
        { step: "risk", answer: true },
        { do: "hand-over" as const, service: "senniaf", reason: "Given to the SENNIAF officer." },
        { do: "follow-up-done" as const, followUp: "check" },
      ],
      expect: {
        flags: ["no-consular-contact"],
        referrals: [{ service: "senniaf", mandatory: true }],
        followUps: ["check"],
        status: "finished" as const,
      },
    };
    const result = runScenario(compiled, scenario);
    expect(result.differences).toEqual([]);
    const unfinished = runScenario(compiled, { ...scenario, steps: scenario.steps.slice(0, -1) });
    expect(unfinished.differences).toEqual(["expected the case to be finished, but it is pending"]);
  });
});

describe("the decision trace on a shared screen", () => {
  it("hides an entry that names a confidential flag, even when raised at a public step", () => {
    const sop = makeSop("trace", {
      arv: step.yesNo("arv", "done", { level: "confidential", effects: [{ raise: "hiv-care", when: "arv" }] }),
      done: step.end(),
    });
    const d = new CaseDriver(compile(sop));
    d.answer("arv", true);
    const shared = redactView(viewCase(d.session, new Date(at(2))), PUBLIC_SURFACE);
    expect(shared.trace.filter((e) => e.kind === "flag")).toEqual([]);
    const publicStep = makeSop("trace-public", {
      ask: step.yesNo("ok", "done", { effects: [{ raise: "hiv-care" }] }),
      done: step.end(),
    });
    const p = new CaseDriver(compile(publicStep));
    p.answer("ask", true);
    const view = redactView(viewCase(p.session, new Date(at(2))), PUBLIC_SURFACE);
    expect(JSON.stringify(view.trace)).not.toMatch(/hiv/);
  });

  it("hides a route whose condition read a confidential answer, even when its decision was left public", () => {
    const sop = makeSop("route-trace", {
      arv: step.yesNo("arv", "decide", { level: "confidential" }),
      // An author forgot to give the decision a level: its trace still records `arv = true`.
      decide: { kind: "decision", next: [{ when: "arv", to: "clinic" }, { to: "done" }] },
      clinic: step.instruction("done"),
      done: step.end(),
    });
    const d = new CaseDriver(compile(sop));
    d.answer("arv", true);
    const full = viewCase(d.session, new Date(at(2)));
    expect(full.trace.find((e) => e.kind === "route" && e.step === "decide")?.level).toBe("confidential");
    const shared = redactView(full, PUBLIC_SURFACE);
    expect(JSON.stringify(shared.trace)).not.toMatch(/"arv"/);
  });

  it("hides a route that read the case's flags when one of them is confidential", () => {
    const sop = makeSop("flags-trace", {
      arv: step.yesNo("arv", "decide", { level: "confidential", effects: [{ raise: "hiv-care", when: "arv" }] }),
      decide: { kind: "decision", next: [{ when: "size(flags) > 0", to: "clinic" }, { to: "done" }] },
      clinic: step.instruction("done"),
      done: step.end(),
    });
    const d = new CaseDriver(compile(sop));
    d.answer("arv", true);
    // The condition names no flag, but the trace keeps every raised flag it saw: hiv-care.
    const route = viewCase(d.session, new Date(at(2))).trace.find((e) => e.kind === "route" && e.step === "decide");
    expect(route?.level).toBe("confidential");
  });
});
