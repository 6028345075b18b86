import { compileSop, PUBLIC_SURFACE, pickText, redactView, viewCase } from "../../src/engine/index";
import { at, CaseDriver, OPENED_AT } from "./caseDriver";
import { compiledFixture } from "./readFixture";
import { makeLibrary, makeSop, step } from "./sopBuilder";

const intake = compiledFixture("intake");

/** A girl of 13 alone, who suffered violence 36 h before the question was answered at minute 66. */
function childWithIncident() {
  const d = new CaseDriver(intake);
  d.ack("welcome");
  d.answer("ask-dob", "2010-05-01");
  d.answer("ask-with", "alone");
  d.refer("child-protection/notify-senniaf", true);
  d.answer("consent-health", true);
  d.answer("ask-incident", true);
  expect(d.answer("ask-since", 36, 60)).toEqual({ ok: true, dropped: [] });
  return d;
}

describe("viewCase", () => {
  it("shows the case's identity and the step waiting, with its prompt and options", () => {
    const d = new CaseDriver(intake);
    d.ack("welcome");
    d.answer("ask-dob", "2010-05-01");
    const view = viewCase(d.session, new Date(at(3)));
    expect(view).toMatchObject({
      caseId: "case-1",
      sop: { id: "intake", version: "1.2.0", hash: intake.hash, title: { en: "Intake" } },
      openedAt: OPENED_AT,
      site: "lajas-blancas",
      status: "active",
      canGoBack: true,
      updatedAt: at(2),
    });
    expect(view.current).toEqual([
      expect.objectContaining({
        path: "ask-with",
        kind: "question",
        title: { es: "Con quién viaja", en: "Travelling with" },
        procedure: { es: "Recepción", en: "Intake" },
        answer: expect.objectContaining({ type: "one-of" }),
      }),
    ]);
    expect(view.progress).toEqual({ done: 2, remaining: 2 });
  });

  it("counts deadlines down from the time it is given, not from the clock", () => {
    const d = childWithIncident();
    const answeredAt = Date.parse(at(66));
    const dueAt = new Date(answeredAt + 36 * 3_600_000).toISOString();
    const at1 = viewCase(d.session, new Date(answeredAt));
    expect(at1.deadlines.filter((x) => x.kind === "deadline")).toEqual([
      {
        id: "pep",
        kind: "deadline",
        level: "confidential",
        label: { es: "Profilaxis posexposición", en: "Post-exposure prophylaxis" },
        step: "ask-since",
        from: new Date(answeredAt - 36 * 3_600_000).toISOString(),
        dueAt,
        hoursLeft: 36,
        overdue: false,
      },
    ]);
    const pep = (hours: number) =>
      viewCase(d.session, new Date(answeredAt + hours * 3_600_000)).deadlines.find((x) => x.id === "pep");
    expect(pep(35.5)).toMatchObject({
      hoursLeft: 0.5,
      overdue: false,
    });
    expect(pep(38)).toMatchObject({
      hoursLeft: -2,
      overdue: true,
    });
  });

  it("sets no deadline when the incident is older than the window", () => {
    const d = new CaseDriver(intake);
    d.ack("welcome");
    d.answer("ask-dob", "1990-01-01");
    d.answer("ask-with", "family");
    d.answer("consent-health", true);
    d.answer("ask-incident", true);
    d.answer("ask-since", 80);
    const view = viewCase(d.session, new Date(at(10)));
    expect(view.deadlines).toEqual([]);
    expect(view.flags).toEqual([]);
  });

  it("shows flags with their catalog labels, sensitivity and priority", () => {
    const view = viewCase(childWithIncident().session, new Date(at(70)));
    expect(view.flags).toEqual([
      {
        id: "uasc",
        label: { es: "NNA no acompañado", en: "Unaccompanied child" },
        level: "restricted",
        priority: 1,
      },
      { id: "pep-window", label: { es: "Ventana PEP", en: "PEP window" }, level: "confidential", priority: 0 },
    ]);
  });

  it("shows referrals, answers with their sensitivity, and the steps of both tracks", () => {
    const view = viewCase(childWithIncident().session, new Date(at(70)));
    expect(view.referrals).toEqual([
      expect.objectContaining({
        step: "child-protection/notify-senniaf",
        service: "senniaf",
        status: "made",
        consent: true,
      }),
    ]);
    expect(view.answers.find((a) => a.step === "ask-incident")).toEqual(
      expect.objectContaining({ value: true, sensitive: "gbv", kind: "question" }),
    );
    expect(view.answers.find((a) => a.step === "ask-dob")?.sensitive).toBeUndefined();
    expect(view.current.map((c) => [c.path, c.kind])).toEqual([
      ["refer-clinic", "referral"],
      ["register-docs", "checklist"],
    ]);
    expect(view.current[0]).toMatchObject({
      service: {
        id: "minsa-clinic",
        name: { en: "MINSA clinical care" },
        agency: "MINSA",
        confidentiality: "confidential",
      },
      urgency: "immediate",
      requiresConsent: true,
    });
    expect(view.current[1].items).toEqual([
      { id: "id-card", text: { es: "Documento de identidad", en: "Identity document" }, required: true },
      { id: "photo", text: { es: "Foto", en: "Photo" }, required: false },
    ]);
  });

  it("traces each decision with the expression and the values that chose it", () => {
    const view = viewCase(childWithIncident().session, new Date(at(70)));
    expect(view.trace).toContainEqual(
      expect.objectContaining({
        step: "ask-with",
        kind: "flag",
        flag: "uasc",
        raise: true,
        expression: 'yearsBetween(dob, now) < 18 && travelling_with == "alone"',
        values: { dob: "2010-05-01T00:00:00.000Z", now: at(3), travelling_with: "alone" },
      }),
    );
    expect(view.trace).toContainEqual(
      expect.objectContaining({
        step: "ask-with",
        kind: "route",
        index: 0,
        to: "child-protection",
        expression: '"uasc" in flags',
        values: { flags: ["uasc"] },
      }),
    );
    expect(view.trace).toContainEqual(
      expect.objectContaining({ step: "child-protection/notified", kind: "end", outcome: "referred" }),
    );
  });

  it("finishes with the outcome of the root SOP and no step waiting", () => {
    const d = childWithIncident();
    d.refer("refer-clinic", true);
    d.check("register-docs", ["id-card"]);
    const view = viewCase(d.session, new Date(at(80)));
    // Its steps are done, but two referrals made wait to be handed over: the case is not finished yet.
    expect(view).toMatchObject({ status: "pending", outcome: "referred", current: [], violations: [] });
    expect(view.pending).toEqual({ followUps: 0, handovers: 2 });
    expect(view.progress).toEqual({ done: 9, remaining: 0 });
    expect(d.send({ type: "REFERRAL_UPDATED", service: "senniaf", status: "handed-over" })).toMatchObject({ ok: true });
    expect(d.send({ type: "REFERRAL_UPDATED", service: "minsa-clinic", status: "handed-over" })).toMatchObject({
      ok: true,
    });
    expect(viewCase(d.session, new Date(at(90))).status).toBe("finished");
  });

  it("does not change once taken, whatever the case does next", () => {
    const d = childWithIncident();
    const before = viewCase(d.session, new Date(at(70)));
    const copy = JSON.parse(JSON.stringify(before));
    d.refer("refer-clinic", true);
    d.note("Called the clinic.");
    d.check("register-docs", ["id-card"]);
    expect(JSON.parse(JSON.stringify(before))).toEqual(copy);
    expect(viewCase(d.session, new Date(at(70))).referrals).toHaveLength(2);
  });

  it("says the case is stuck when no route of a decision holds", () => {
    const sop = makeSop("stuck", {
      go: step.yesNo("go", "decide"),
      decide: { kind: "decision", next: [{ when: "go", to: "done" }] },
      done: step.end(),
    });
    const d = new CaseDriver(compileSop(sop, makeLibrary([sop])));
    d.answer("go", false);
    const view = viewCase(d.session, new Date(at(2)));
    expect(view.status).toBe("stuck");
    expect(view.current).toEqual([]);
    expect(view.canGoBack).toBe(true);
  });

  it("says the case is stuck when no route of a question holds", () => {
    const sop = makeSop("stuck-question", {
      go: step.yesNo("go", [{ when: "go", to: "done" }]),
      done: step.end(),
    });
    const d = new CaseDriver(compileSop(sop, makeLibrary([sop])));
    d.answer("go", false);
    expect(viewCase(d.session, new Date(at(2))).status).toBe("stuck");
  });

  it("reports a broken invariant on the path that broke it", () => {
    const sop = makeSop(
      "promise",
      {
        age: step.number("age", [{ when: "age < 18", to: "skip" }, { to: "done" }]),
        skip: step.end("closed"),
        done: step.end("closed"),
      },
      {
        invariants: [
          {
            id: "child-referred",
            text: { es: "NNA referido", en: "Child referred" },
            when: "age < 18",
            expect: [{ outcome: ["referred"] }, { visits: "done" }],
          },
        ],
      },
    );
    const d = new CaseDriver(compileSop(sop, makeLibrary([sop])));
    d.answer("age", 12);
    expect(viewCase(d.session, new Date(at(2))).violations).toEqual([
      {
        scope: "",
        sop: "promise",
        invariant: "child-referred",
        text: { es: "NNA referido", en: "Child referred" },
        expectation: { outcome: ["referred"] },
      },
      {
        scope: "",
        sop: "promise",
        invariant: "child-referred",
        text: { es: "NNA referido", en: "Child referred" },
        expectation: { visits: "done" },
      },
    ]);
  });

  it("falls back to the flag id when the catalog has no such flag", () => {
    const sop = makeSop("flagger", {
      go: { ...step.yesNo("go", "done"), effects: [{ raise: "not-in-catalog" }] },
      done: step.end(),
    });
    const d = new CaseDriver(compileSop(sop, makeLibrary([sop])));
    d.answer("go", true);
    expect(viewCase(d.session, new Date(at(2))).flags).toEqual([
      {
        id: "not-in-catalog",
        label: { en: "not-in-catalog", es: "not-in-catalog" },
        level: "restricted",
        priority: 5,
      },
    ]);
  });
});

describe("pickText", () => {
  it("picks the locale, then Spanish, then English, then any", () => {
    expect(pickText({ es: "Hola", en: "Hello" }, "en")).toBe("Hello");
    expect(pickText({ es: "Hola", en: "Hello" }, "fr")).toBe("Hola");
    expect(pickText({ en: "Hello" }, "fr")).toBe("Hello");
    expect(pickText({ ht: "Bonjou" }, "es")).toBe("Bonjou");
    expect(pickText(undefined, "es")).toBe("");
  });
});

describe("a view's answers and trace, built when first read", () => {
  it("are those of the moment the view was taken, however late they are read, redacted or not", () => {
    const d = new CaseDriver(intake);
    d.ack("welcome");
    d.answer("ask-dob", "2010-05-01");
    const early = viewCase(d.session, new Date(at(3)));
    const earlyPublic = redactView(early, PUBLIC_SURFACE);
    const later = childWithIncident();
    const late = viewCase(later.session, new Date(at(70)));
    // The early view is read only now, after the case it came from went on.
    d.answer("ask-with", "alone");
    d.refer("child-protection/notify-senniaf", true);
    expect(early.answers.map((a) => a.step)).toEqual(["welcome", "ask-dob"]);
    expect(early.trace.length).toBeLessThan(viewCase(d.session, new Date(at(5))).trace.length);
    expect(earlyPublic.answers.map((a) => a.kind)).toEqual(["instruction", "question"]);
    // Read or spread, a view holds the same values as a plain object would.
    expect(JSON.parse(JSON.stringify(late))).toEqual(JSON.parse(JSON.stringify({ ...late })));
    expect(late.answers.length).toBeGreaterThan(3);
    expect(late.trace.every((entry) => typeof entry.level === "string")).toBe(true);
    const shown = redactView(late, ["public"]);
    expect(shown.trace.every((entry) => entry.level === "public")).toBe(true);
    expect(shown.answers.filter((a) => a.hidden).length).toBe(late.answers.filter((a) => a.level !== "public").length);
  });
});
