import {
  type CaseEvent,
  compileSop,
  openCase,
  replayCase,
  SendaError,
  type SendResult,
  viewCase,
} from "../../src/engine/index";
import { at, CaseDriver, OPENED_AT } from "./caseDriver";
import { compiledFixture, loadTestLibrary } from "./readFixture";
import { makeLibrary, makeSop, step, t } from "./sopBuilder";

const intake = compiledFixture("intake");
const refused = (result: SendResult) => (result.ok ? "accepted" : `${result.code}: ${result.reason}`);
const ok = (result: SendResult) => expect(refused(result)).toBe("accepted");

/** A case at the consent question: an adult travelling with family. */
function adultAtConsent() {
  const d = new CaseDriver(intake);
  ok(d.ack("welcome"));
  ok(d.answer("ask-dob", "1990-01-01"));
  ok(d.answer("ask-with", "family"));
  expect(d.current).toEqual(["consent-health"]);
  return d;
}

/** A child travelling alone, at the consent question after the child-protection procedure. */
function childAtConsent() {
  const d = new CaseDriver(intake);
  ok(d.ack("welcome"));
  ok(d.answer("ask-dob", "2010-05-01"));
  ok(d.answer("ask-with", "alone"));
  expect(d.current).toEqual(["child-protection/notify-senniaf"]);
  ok(d.refer("child-protection/notify-senniaf", false));
  return d;
}

describe("openCase", () => {
  it("starts the log with CASE_OPENED pinning the SOP id, version and hash", () => {
    const d = new CaseDriver(intake);
    expect(d.session.events).toEqual([
      {
        type: "CASE_OPENED",
        at: OPENED_AT,
        by: "officer-1",
        caseId: "case-1",
        site: "lajas-blancas",
        sop: { id: "intake", version: "1.2.0", hash: intake.hash },
      },
    ]);
    expect(d.current).toEqual(["welcome"]);
  });

  it("refuses an opening time without an offset: it would mean another moment on another device", () => {
    expect(() => openCase(intake, { caseId: "c", at: "2024-03-01T08:00:00", by: "o" })).toThrow(SendaError);
    expect(() => openCase(intake, { caseId: "c", at: "yesterday", by: "o" })).toThrow("offset from UTC");
  });
});

describe("CaseSession.send refuses, with a reason, and never throws", () => {
  it("bad-event: no type, no time, a time without offset, no author, an unknown type, a second opening", () => {
    const d = new CaseDriver(intake);
    const send = (event: unknown) => refused(d.session.send(event as CaseEvent));
    expect(send(undefined)).toMatch(/^bad-event: An event needs a type/);
    expect(send("ANSWERED")).toMatch(/^bad-event/);
    expect(send({ type: "ACKNOWLEDGED", step: "welcome", by: "o" })).toMatch(/^bad-event/);
    expect(send({ type: "ACKNOWLEDGED", step: "welcome", at: "2024-03-01 08:01", by: "o" })).toMatch(/^bad-event/);
    expect(send({ type: "ACKNOWLEDGED", step: "welcome", at: "2024-03-01T08:01:00", by: "o" })).toMatch(/offset/);
    expect(send({ type: "ACKNOWLEDGED", step: "welcome", at: "2024-02-30T08:01:00Z", by: "o" })).toMatch(/^bad-event/);
    expect(send({ type: "ACKNOWLEDGED", step: "welcome", at: at(1) })).toBe(
      "bad-event: An event needs its author (by): the officer who recorded it.",
    );
    expect(send({ type: "SKIPPED", step: "welcome", at: at(1), by: "o" })).toBe(
      'bad-event: Unknown event type "SKIPPED".',
    );
    expect(send({ ...d.session.events[0], at: at(1) })).toBe("bad-event: The case is already open.");
    expect(send({ type: "NOTE_ADDED", at: at(1), by: "o", text: "  " })).toMatch(/^bad-event: A note needs a text/);
    expect(send({ type: "CASE_CLOSED", at: at(1), by: "o", reason: "bored" })).toMatch(
      /^bad-event: A closure needs a reason: one of completed, left-site/,
    );
    // Nothing refused reaches the log.
    expect(d.session.events).toHaveLength(1);
    expect(d.current).toEqual(["welcome"]);
  });

  it("unknown-step and not-current", () => {
    const d = new CaseDriver(intake);
    expect(refused(d.ack("welcom"))).toBe('unknown-step: This SOP has no step "welcom".');
    expect(refused(d.answer("ask-dob", "2000-01-01"))).toBe(
      'not-current: Step "ask-dob" is not waiting for an answer; the case is at "welcome".',
    );
    expect(refused(d.answer("decide-outcome", true))).toMatch(/^not-current/);
  });

  it("wrong-kind: the event must fit the step", () => {
    const d = new CaseDriver(intake);
    expect(refused(d.answer("welcome", true))).toBe(
      'wrong-kind: Step "welcome" is a instruction step; it takes ACKNOWLEDGED, not ANSWERED.',
    );
    ok(d.ack("welcome"));
    expect(refused(d.check("ask-dob", []))).toMatch(/^wrong-kind: .*takes ANSWERED, not CHECKED/);
    expect(refused(d.correct("welcome", true))).toBe(
      'wrong-kind: Step "welcome" is an acknowledgement; go back instead of correcting it.',
    );
  });

  it.each<[string, unknown, string]>([
    ["ask-dob", "01/05/2010", "the answer must be a date that exists, like 2024-03-01."],
    ["ask-dob", "2010-02-30", "the answer must be a date that exists, like 2024-03-01."],
    ["ask-dob", 20100501, "the answer must be a date that exists, like 2024-03-01."],
  ])("invalid-value at %s for %j", (stepId, value, reason) => {
    const d = new CaseDriver(intake);
    ok(d.ack("welcome"));
    expect(refused(d.answer(stepId, value))).toBe(`invalid-value: Step "${stepId}": ${reason}`);
  });

  it("invalid-value: an option that is not one, a missing required item, an unknown item, a consent that is not yes or no", () => {
    const d = new CaseDriver(intake);
    ok(d.ack("welcome"));
    ok(d.answer("ask-dob", "1984-02-29"));
    expect(refused(d.answer("ask-with", "alnoe"))).toBe(
      'invalid-value: Step "ask-with": the answer must be one of alone, family, group.',
    );
    ok(d.answer("ask-with", "alone"));
    expect(refused(d.answer("consent-health", "yes"))).toBe(
      'invalid-value: Step "consent-health": the answer must be yes or no.',
    );
    ok(d.answer("consent-health", true));
    expect(d.current).toEqual(["ask-incident", "register-docs"]);
    expect(refused(d.check("register-docs", ["photo"]))).toBe(
      'invalid-value: Step "register-docs": tick the required item "id-card" first.',
    );
    expect(refused(d.check("register-docs", ["id-card", "passport"]))).toBe(
      'invalid-value: Step "register-docs" has no item "passport".',
    );
    ok(d.answer("ask-incident", true));
    expect(refused(d.answer("ask-since", -2))).toBe(
      'invalid-value: Step "ask-since": the answer must be a number of hours, 0 or more.',
    );
    expect(refused(d.answer("ask-since", 2001))).toBe(
      'invalid-value: Step "ask-since": the answer must be at most 2000 hours.',
    );
    ok(d.answer("ask-since", 10));
    const bad = d.session.send({
      type: "REFERRED",
      step: "refer-clinic",
      consent: "yes",
      at: at(30),
      by: "o",
    } as never);
    expect(refused(bad)).toBe(
      'invalid-value: Step "refer-clinic": say whether the person consents to the referral (true or false).',
    );
  });

  it("consent-required: a sensitive question is refused until its consent is given", () => {
    // Lint sees a consent step on the way; only the run can tell that the person said no.
    const sop = makeSop("consent-then-ask", {
      consent: step.consent("ok", ["gbv"], "ask"),
      ask: step.yesNo("violence", "done", { sensitive: "gbv" }),
      done: step.end(),
    });
    const compiled = compileSop(sop, makeLibrary([sop]));
    const d = new CaseDriver(compiled);
    ok(d.answer("consent", false));
    expect(refused(d.answer("ask", true))).toBe(
      'consent-required: Step "ask" asks about gbv: record the person\'s consent first.',
    );
    expect(viewCase(d.session, new Date(at(5))).current[0]).toMatchObject({ sensitive: "gbv", consentGiven: false });
    ok(d.correct("consent", true));
    expect(viewCase(d.session, new Date(at(5))).current[0]).toMatchObject({ consentGiven: true });
    ok(d.answer("ask", true));
    expect(d.session.finished).toBe(true);
  });

  it("engine-error: a definition that skipped validation fails one input, and the case stays as it was", () => {
    // "3 days" is refused by the schema; compiled without loading, it breaks the deadline action at run time.
    const sop = makeSop("unchecked", {
      ask: { ...step.yesNo("x", "done"), effects: [{ deadline: "d", label: t("D"), within: "3 days" }] },
      done: step.end(),
    });
    const d = new CaseDriver(compileSop(sop, makeLibrary([sop])));
    const errors = vi.spyOn(console, "error");
    onTestFinished(() => errors.mockRestore());
    expect(refused(d.answer("ask", true))).toMatch(
      /^engine-error: The SOP could not process this input at step "ask": /,
    );
    expect(d.current).toEqual(["ask"]);
    expect(d.session.events).toHaveLength(1);
    // Nothing escapes: no console error, and (checked by vitest) no uncaught exception from a timer.
    expect(errors).not.toHaveBeenCalled();
  });

  it("case-finished, nothing-to-undo, not-answered and case-closed", () => {
    const fresh = new CaseDriver(intake);
    expect(refused(fresh.back())).toBe("nothing-to-undo: There is no earlier step to go back to.");
    expect(refused(fresh.correct("ask-dob", "2000-01-01"))).toBe(
      'not-answered: Step "ask-dob" has not been answered on the current path, so there is nothing to correct.',
    );
    const d = adultAtConsent();
    ok(d.answer("consent-health", false));
    ok(d.ack("closing"));
    expect(d.session.finished).toBe(true);
    expect(refused(d.ack("closing"))).toBe(
      "case-finished: Every step of this case is done; add a note or close the case.",
    );
    ok(d.close("completed"));
    expect(refused(d.back())).toBe("case-closed: The case was closed (completed); open a new case or add a note.");
    expect(refused(d.correct("ask-dob", "2000-01-01"))).toMatch(/^case-closed/);
    expect(refused(d.close("other"))).toMatch(/^case-closed/);
    ok(d.note("Left with family."));
  });

  it("appends every accepted event, corrections and going back included, and nothing else", () => {
    const d = adultAtConsent();
    d.answer("consent-health", "maybe");
    ok(d.correct("ask-with", "group"));
    ok(d.back());
    ok(d.note("Asked twice", "ask-with"));
    expect(d.session.events.map((e) => e.type)).toEqual([
      "CASE_OPENED",
      "ACKNOWLEDGED",
      "ANSWERED",
      "ANSWERED",
      "CORRECTED",
      "WENT_BACK",
      "NOTE_ADDED",
    ]);
  });
});

describe("corrections and going back", () => {
  it("a correction that changes the path drops the steps no longer on it and undoes their effects", () => {
    const d = childAtConsent();
    ok(d.answer("consent-health", false));
    expect(d.session.context.flags).toEqual(["uasc"]);
    const result = d.correct("ask-dob", "1990-01-01");
    expect(result).toEqual({ ok: true, dropped: ["child-protection/notify-senniaf"] });
    expect(d.current).toEqual(["closing"]);
    const view = viewCase(d.session, new Date(at(10)));
    expect(view.flags).toEqual([]);
    expect(view.referrals).toEqual([]);
    expect(view.answers.map((a) => [a.step, a.value])).toEqual([
      ["welcome", true],
      ["ask-dob", "1990-01-01"],
      ["ask-with", "alone"],
      ["consent-health", false],
    ]);
  });

  it("a correction keeps the time of the answer it corrects, so deadlines still count from then", () => {
    const d = adultAtConsent();
    ok(d.answer("consent-health", true));
    ok(d.answer("ask-incident", true));
    ok(d.answer("ask-since", 10, 60));
    const before = viewCase(d.session, new Date(at(100))).deadlines[0];
    ok(d.correct("ask-since", 20, 30));
    const after = viewCase(d.session, new Date(at(100))).deadlines[0];
    expect(Date.parse(before.dueAt) - Date.parse(after.dueAt)).toBe(10 * 3_600_000);
    const corrected = d.session.effectiveInputs.find((i) => i.step === "ask-since");
    expect(corrected).toMatchObject({ value: 20, at: at(65) });
  });

  it("a correction the step refuses changes nothing", () => {
    const d = childAtConsent();
    const before = viewCase(d.session, new Date(at(10)));
    expect(refused(d.correct("ask-with", "nobody"))).toMatch(/^invalid-value: Step "ask-with"/);
    expect(viewCase(d.session, new Date(at(10)))).toEqual(before);
    expect(d.session.events.at(-1)?.type).toBe("REFERRED");
  });

  it("corrects a checklist and a referral consent", () => {
    const d = adultAtConsent();
    ok(d.answer("consent-health", true));
    ok(d.check("register-docs", ["id-card"]));
    ok(d.correct("register-docs", ["id-card", "photo"]));
    expect(d.session.context.answers.get("register-docs")?.value).toEqual(["id-card", "photo"]);
    ok(d.answer("ask-incident", true));
    ok(d.answer("ask-since", 5));
    ok(d.refer("refer-clinic", true));
    expect(d.session.context.referredServices).toEqual(["minsa-clinic"]);
    ok(d.correct("refer-clinic", false));
    expect(viewCase(d.session, new Date(at(20))).referrals).toMatchObject([
      { service: "minsa-clinic", status: "declined", consent: false },
    ]);
  });

  it("going back undoes the last input and waits at its step again", () => {
    const d = childAtConsent();
    expect(d.current).toEqual(["consent-health"]);
    expect(d.back()).toEqual({ ok: true, dropped: ["child-protection/notify-senniaf"] });
    expect(d.current).toEqual(["child-protection/notify-senniaf"]);
    expect(d.back()).toEqual({ ok: true, dropped: ["ask-with"] });
    expect(d.current).toEqual(["ask-with"]);
    expect(d.session.context.flags).toEqual([]);
    ok(d.answer("ask-with", "family"));
    expect(d.current).toEqual(["consent-health"]);
  });

  it("going back from the end reopens the last step", () => {
    const d = adultAtConsent();
    ok(d.answer("consent-health", false));
    ok(d.ack("closing"));
    expect(viewCase(d.session, new Date(at(9))).status).toBe("finished");
    ok(d.back());
    expect(d.current).toEqual(["closing"]);
    expect(viewCase(d.session, new Date(at(9)))).toMatchObject({ status: "active", outcome: undefined });
  });
});

describe("notes and closing", () => {
  it("keeps notes beside the inputs, even after closing", () => {
    const d = adultAtConsent();
    ok(d.note("Speaks only Haitian Creole.", "ask-with"));
    ok(d.close("left-site"));
    ok(d.note("Came back next day."));
    expect(d.session.notes.map((n) => [n.text, n.step])).toEqual([
      ["Speaks only Haitian Creole.", "ask-with"],
      ["Came back next day.", undefined],
    ]);
    expect(d.session.closed).toBe(true);
    expect(d.session.closure).toMatchObject({ type: "CASE_CLOSED", reason: "left-site" });
    expect(viewCase(d.session, new Date(at(9)))).toMatchObject({ status: "closed", canGoBack: false });
  });
});

describe("replayCase", () => {
  it("rebuilds exactly the live case from its log", () => {
    const d = childAtConsent();
    ok(d.answer("consent-health", true));
    ok(d.answer("ask-incident", true));
    ok(d.correct("ask-incident", false));
    ok(d.back());
    ok(d.answer("ask-incident", true));
    ok(d.answer("ask-since", 30, 15));
    ok(d.note("Referred by phone."));
    ok(d.refer("refer-clinic", true));
    ok(d.check("register-docs", ["id-card"]));
    const replayed = replayCase(intake, JSON.parse(JSON.stringify(d.session.events)));
    if (!replayed.ok) throw new Error(replayed.reason);
    const now = new Date(at(100));
    expect(viewCase(replayed.session, now)).toEqual(viewCase(d.session, now));
    expect(replayed.session.events).toEqual(d.session.events);
    expect(replayed.session.finished).toBe(true);
  });

  it("refuses a log opened on another version of the SOP", () => {
    const d = adultAtConsent();
    const { library } = loadTestLibrary();
    const revised = { ...library.sops.get("intake")!, version: "1.3.0" };
    const other = compileSop(revised, library);
    const replayed = replayCase(other, d.session.events);
    expect(replayed).toMatchObject({ ok: false, index: 0, code: "wrong-sop" });
    expect(!replayed.ok && replayed.reason).toContain(`opened on intake 1.2.0 (${intake.hash})`);
    expect(replayCase(compiledFixture("child-protection"), d.session.events)).toMatchObject({ code: "wrong-sop" });
  });

  it("refuses a log that does not start with CASE_OPENED, and names the first event it refuses", () => {
    const d = adultAtConsent();
    expect(replayCase(intake, [])).toMatchObject({ ok: false, index: 0, code: "bad-event" });
    expect(replayCase(intake, d.session.events.slice(1))).toMatchObject({ ok: false, index: 0, code: "bad-event" });
    const tampered = d.session.events.map((e, i) => (i === 2 ? { ...e, value: "not a date" } : e)) as CaseEvent[];
    expect(replayCase(intake, tampered)).toMatchObject({ ok: false, index: 2, code: "invalid-value" });
  });
});

describe("parallel tracks", () => {
  it("waits at one step per track and finishes when every track has ended", () => {
    const d = adultAtConsent();
    ok(d.answer("consent-health", true));
    expect(d.current).toEqual(["ask-incident", "register-docs"]);
    ok(d.check("register-docs", ["id-card"]));
    expect(d.current).toEqual(["ask-incident"]);
    ok(d.answer("ask-incident", false));
    expect(d.current).toEqual(["closing"]);
    expect(d.session.context.trace.filter((e) => e.kind === "end").map((e) => e.step)).toEqual([
      "registration-done",
      "medical-done",
    ]);
  });
});

describe("procedures", () => {
  it("does not ask a question its caller passed in, and records why in the trace", () => {
    const d = childAtConsent();
    const skip = d.session.context.trace.find((e) => e.kind === "skip");
    expect(skip).toMatchObject({ step: "child-protection/ask-age", variable: "age", value: 13 });
  });

  it("asks the question when the caller could not compute the value", () => {
    const callee = makeSop("callee", { age: step.number("age", "done"), done: step.end() });
    const caller = makeSop("caller", {
      dob: { ...step.yesNo("alone", "run") },
      run: { kind: "procedure", title: t("Run"), sop: "callee", with: { age: "missing_years" }, next: "done" },
      done: step.end(),
    });
    // "missing_years" is not declared; lint would say so. The run must still not invent a value.
    const compiled = compileSop(caller, makeLibrary([callee, caller]));
    const d = new CaseDriver(compiled);
    ok(d.answer("dob", true));
    expect(d.current).toEqual(["run/age"]);
  });
});
