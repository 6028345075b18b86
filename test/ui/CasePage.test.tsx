// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import carlos from "../../sop/scenarios/uasc-carlos-15-alone.scenario.json";
import {
  actionToEvent,
  openCase,
  PUBLIC_SURFACE,
  redactView,
  replayCase,
  type Scenario,
  viewCase,
} from "../../src/engine/index";
import { CaseStore, ConflictError, StorageFullError, summarizeCase } from "../../src/store/index";
import { CasePage } from "../../src/ui/runner/CasePage";
import { caseMessagesEs as caseEs } from "../../src/ui/runner/i18n/caseMessages";
import { keepOpenedCase } from "../../src/ui/runner/loadCaseSession";
import { startCase } from "../../src/ui/runner/startCase";
import { trackWrite, whenSaved } from "../../src/ui/runner/useCaseSession";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { loadCompiledSop } from "../../src/ui/shared/loadCompiledSop";
import { fixedClock, renderInApp } from "./renderInApp";

const scenario = carlos as Scenario;
const stores: CaseStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** Plays Carlos's scenario into a new case on the store, event by event, as the screen would save it. */
async function playCarlos() {
  const { store, compiled, caseId } = await openNewCase();
  const replay = replayCase(compiled, await store.loadEvents(caseId));
  if (!replay.ok) throw new Error(replay.reason);
  let at = Date.parse("2024-03-01T08:00:00Z");
  for (const action of scenario.steps) {
    at += (action.afterMinutes ?? 1) * 60_000;
    const event = actionToEvent(compiled, action, new Date(at).toISOString(), "OF-7");
    if (typeof event === "string" || !replay.session.send(event).ok) throw new Error(`cannot play ${action.step}`);
    const seq = replay.session.events.length - 1;
    await store.appendEvents(caseId, seq, [event], summarizeCase(viewCase(replay.session, new Date(at)), seq + 1));
  }
  return { store, caseId, at };
}

async function openNewCase() {
  const store = await CaseStore.open({ name: `case-${Math.random()}` });
  stores.push(store);
  const compiled = await loadCompiledSop(scenario.sop);
  const clock = fixedClock("2024-03-01T08:00:00Z");
  const caseId = await startCase(store, compiled, { at: clock.now(), by: "OF-7", site: "san-vicente" }, () => "C-1");
  return { store, compiled, clock, caseId };
}

/** The heading of the step on screen (the case's other sections have headings of their own). */
const stepHeading = () => document.querySelector<HTMLHeadingElement>("h2.step-title");
const heading = () => waitFor(() => stepHeading() ?? Promise.reject(new Error("no step on screen")));
const answerAge = (age: string) => {
  fireEvent.change(screen.getByRole("spinbutton"), { target: { value: age } });
  fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
};

describe("a case on the officer's screen", () => {
  it("moves on at once, says saved once the answer is stored, and on a full storage shows the answer again instead of losing it", async () => {
    const { store, caseId } = await openNewCase();
    const append = store.appendEvents.bind(store);
    let full = true;
    store.appendEvents = async (...args) => {
      if (full) throw new StorageFullError(caseId);
      return append(...args);
    };
    renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");

    answerAge("15");
    await screen.findByText(es["notice.storageFull"]);
    expect((await heading()).textContent).toBe("Edad");
    // The refusal is next to the input, which still holds what was typed.
    expect(document.querySelector(".step-card .problem")?.textContent).toBe(es["refusal.storage-full"]);
    expect(screen.getByRole("spinbutton")).toHaveProperty("value", "15");
    expect(await store.loadEvents(caseId)).toHaveLength(1);

    // Said beside the progress, until the next change is saved.
    expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saveFailed"]);

    full = false;
    answerAge("15");
    await waitFor(() => expect(stepHeading()?.textContent).not.toBe("Edad"));
    // The next step shows at once; the answer is acknowledged once it is stored.
    await waitFor(() => expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saved"]));
    const saved = await store.loadEvents(caseId);
    expect(saved.map((e) => e.type)).toEqual(["CASE_OPENED", "ANSWERED"]);
    expect(store.getSummary(caseId)?.eventCount).toBe(2);
  });

  it("clears what went wrong with the last answer as the next step shows, not once the next answer is stored", async () => {
    const { store, caseId } = await openNewCase();
    const append = store.appendEvents.bind(store);
    let full = true;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    store.appendEvents = async (...args) => {
      if (full) throw new StorageFullError(caseId);
      await held;
      return append(...args);
    };
    renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");
    answerAge("15");
    await screen.findByText(es["notice.storageFull"]);
    await screen.findByRole("spinbutton");
    expect(document.querySelector(".step-card .problem")?.textContent).toBe(es["refusal.storage-full"]);

    full = false;
    answerAge("15");
    // The write waits: the next step is on screen already, without the refusal of the answer before.
    expect(stepHeading()?.textContent).toBe("Nacionalidad");
    expect(document.querySelector(".step-card .problem")?.textContent).toBe("");
    expect(document.querySelector(".save-state")?.getAttribute("data-state")).toBe("saving");
    release();
    await waitFor(() => expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saved"]));
    expect(document.querySelector(".step-card .problem")?.textContent).toBe("");
    expect((await store.loadEvents(caseId)).map((e) => e.type)).toEqual(["CASE_OPENED", "ANSWERED"]);
  });

  it("shows a case just opened before its first event is stored, and writes the answers given meanwhile after it", async () => {
    const store = await CaseStore.open({ name: `case-${Math.random()}` });
    stores.push(store);
    const compiled = await loadCompiledSop(scenario.sop);
    const session = openCase(compiled, { caseId: "C-2", at: "2024-03-01T08:00:00.000Z", by: "OF-7" });
    // The session grows as the officer answers: its first event is written as it was when the case was opened.
    const first = [...session.events];
    const summary = summarizeCase(viewCase(session, new Date(first[0].at)), 1);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const storing = trackWrite(held.then(() => store.appendEvents("C-2", 0, first, summary, { compiled })));
    keepOpenedCase(session, storing);
    renderInApp(<CasePage caseId="C-2" view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");
    expect(document.querySelector(".save-state")?.getAttribute("data-state")).toBe("saving");
    answerAge("15");
    expect(stepHeading()?.textContent).toBe("Nacionalidad");
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Nothing is written before the case's first event, and nothing is said saved.
    expect(await store.loadEvents("C-2").catch(() => [])).toEqual([]);
    expect(document.querySelector(".save-state")?.getAttribute("data-state")).toBe("saving");
    release();
    await waitFor(() => expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saved"]));
    expect((await store.loadEvents("C-2")).map((e) => e.type)).toEqual(["CASE_OPENED", "ANSWERED"]);
    await whenSaved();
  });

  it("begins the write of a case just opened once its first step is on screen", async () => {
    const store = await CaseStore.open({ name: `case-${Math.random()}` });
    stores.push(store);
    const compiled = await loadCompiledSop(scenario.sop);
    const session = openCase(compiled, { caseId: "C-4", at: "2024-03-01T08:00:00.000Z", by: "OF-7" });
    const first = [...session.events];
    const summary = summarizeCase(viewCase(session, new Date(first[0].at)), 1);
    const begun: string[] = [];
    let begin: () => void = () => undefined;
    const storing = trackWrite(
      new Promise<void>((resolve, reject) => {
        begin = () => {
          begun.push(stepHeading()?.textContent ?? "nothing on screen");
          store.appendEvents("C-4", 0, first, summary, { compiled }).then(() => resolve(), reject);
        };
      }),
    );
    keepOpenedCase(session, storing, () => begin());
    expect(begun).toEqual([]);
    renderInApp(<CasePage caseId="C-4" view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");
    await waitFor(() => expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saved"]));
    expect(begun).toEqual(["Edad"]);
    expect((await store.loadEvents("C-4")).map((e) => e.type)).toEqual(["CASE_OPENED"]);
  });

  it("says the case could not be stored when the write of its first event fails", async () => {
    const store = await CaseStore.open({ name: `case-${Math.random()}` });
    stores.push(store);
    const compiled = await loadCompiledSop(scenario.sop);
    const session = openCase(compiled, { caseId: "C-3", at: "2024-03-01T08:00:00.000Z", by: "OF-7" });
    let fail: () => void = () => undefined;
    const storing = trackWrite(
      new Promise<void>((_, reject) => {
        fail = () => reject(new StorageFullError("C-3"));
      }),
    );
    storing.catch(() => undefined);
    keepOpenedCase(session, storing);
    renderInApp(<CasePage caseId="C-3" view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");
    answerAge("15");
    fail();
    // The case is read back from the store, which does not hold it: nothing goes on from an unsaved case.
    await screen.findByText(es["case.notFound"]);
    expect(await store.loadEvents("C-3").catch(() => [])).toEqual([]);
  });

  it("takes a change made while the last one is still being written, and stores both in order", async () => {
    const { store, caseId } = await openNewCase();
    const appends: number[] = [];
    const append = store.appendEvents.bind(store);
    store.appendEvents = async (...args) => {
      appends.push(args[2].length);
      return append(...args);
    };
    renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");
    answerAge("15");
    // The next step is on screen before the answer is stored: going back at once is taken too.
    expect(stepHeading()?.textContent).toBe("Nacionalidad");
    expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saving"]);
    fireEvent.click(screen.getByRole("button", { name: es["step.back"] }));
    expect(stepHeading()?.textContent).toBe("Edad");
    await waitFor(() => expect(document.querySelector(".save-state")?.textContent).toBe(caseEs["case.saved"]));
    expect((await store.loadEvents(caseId)).map((e) => e.type)).toEqual(["CASE_OPENED", "ANSWERED", "WENT_BACK"]);
    expect(store.getSummary(caseId)?.eventCount).toBe(3);
    expect(appends.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("reloads the case and says so when another tab answered first", async () => {
    const { store, compiled, caseId } = await openNewCase();
    renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");

    // Another tab answers the age (as 16) behind this screen's back.
    const events = await store.loadEvents(caseId);
    const other = replayCase(compiled, events);
    if (!other.ok) throw new Error(other.reason);
    const event = actionToEvent(compiled, { step: "ask-age", answer: 16 }, "2024-03-01T08:01:00Z", "OF-8");
    if (typeof event === "string" || !other.session.send(event).ok) throw new Error("cannot answer");
    await store.appendEvents(caseId, 1, [event], summarizeCase(viewCase(other.session, new Date()), 2));

    answerAge("15");
    await screen.findByText(es["notice.conflict"]);
    await waitFor(() => expect(stepHeading()?.textContent).toBe("Nacionalidad"));
    const saved = await store.loadEvents(caseId);
    expect(saved.map((e) => (e.type === "ANSWERED" ? e.value : e.type))).toEqual(["CASE_OPENED", 16]);
    await expect(
      store.appendEvents(caseId, 1, [event], summarizeCase(viewCase(other.session, new Date()), 2)),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("shows a guarded answer only when revealed on purpose, records who revealed it, and reports a correction", async () => {
    const { store, caseId, at } = await playCarlos();
    renderInApp(<CasePage caseId={caseId} view="summary" />, {
      store,
      clock: fixedClock(new Date(at + 60_000).toISOString()),
      role: "iom-protection-officer",
    });
    await screen.findByRole("heading", { level: 1, name: `Resumen del caso ${caseId}` });

    const masked = screen.getAllByText(caseEs["answer.masked"]);
    expect(masked.length).toBeGreaterThan(0);
    const item = masked[0].closest("li")!;
    const title = item.querySelector("h3")!.textContent!;
    // The button names what it acts on, and never the category of what it hides.
    fireEvent.click(screen.getByRole("button", { name: `${es["summary.reveal"]}: ${title}` }));
    await waitFor(() => expect(item.textContent).not.toContain(caseEs["answer.masked"]));
    expect(item.querySelector("button[aria-pressed]")?.getAttribute("aria-pressed")).toBe("true");
    const revealed = (await store.loadEvents(caseId)).at(-1);
    expect(revealed).toMatchObject({ type: "ANSWER_REVEALED", by: "OF-7" });

    fireEvent.click(screen.getByRole("button", { name: `${es["summary.correct"]}: Edad` }));
    const age = screen.getByRole("heading", { level: 3, name: "Edad" }).closest("li")!;
    fireEvent.change(age.querySelector("input[type=number]")!, { target: { value: "30" } });
    fireEvent.click(screen.getByRole("button", { name: es["correction.save"] }));
    const report = await screen.findByRole(
      "heading",
      { level: 2, name: "Corrección guardada: Edad" },
      { timeout: 5000 },
    );
    const text = report.closest("section")!.textContent!;
    expect(text).toContain("Pasos deshechos porque ya no corresponden:");
    expect(text).toContain("Alertas retiradas: Niño, niña o adolescente no acompañado o separado");
    expect(text).toContain("Referencias retiradas: SENNIAF");
    const saved = await store.loadEvents(caseId);
    expect(saved[saved.length - 1]).toMatchObject({ type: "CORRECTED", step: "ask-age", value: 30 });
  });

  it("shows the least privileged role neutral lines for what it may not see, with nothing to reveal", async () => {
    const { store, caseId, at } = await playCarlos();
    renderInApp(<CasePage caseId={caseId} view="summary" />, {
      store,
      clock: fixedClock(new Date(at + 60_000).toISOString()),
    });
    await screen.findByRole("heading", { level: 1, name: `Resumen del caso ${caseId}` });
    const page = document.body.textContent!;
    expect(
      screen.getAllByText(/^(Una respuesta confidencial|\d+ respuestas confidenciales): vea al equipo a cargo$/).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole("button", { name: new RegExp(`^${es["summary.reveal"]}`) })).toBeNull();
    // Whatever the library's levels, nothing the engine hides from a public role is named on the page.
    const events = await store.loadEvents(caseId);
    const replay = replayCase(await loadCompiledSop(scenario.sop), events);
    if (!replay.ok) throw new Error(replay.reason);
    const full = viewCase(replay.session, new Date(at + 60_000));
    const shown = redactView(full, PUBLIC_SURFACE);
    const hiddenFlags = full.flags.filter((_, i) => shown.flags[i].hidden);
    const hiddenReferrals = full.referrals.filter((_, i) => shown.referrals[i].hidden);
    expect(hiddenFlags.length + hiddenReferrals.length).toBeGreaterThan(0);
    for (const flag of hiddenFlags) expect(page).not.toContain(flag.label.es);
    for (const referral of hiddenReferrals) expect(page).not.toContain(referral.serviceName.es);
    for (const answer of full.answers.filter((_, i) => shown.answers[i].hidden))
      expect(page).not.toContain(answer.title!.es);
    expect(page).not.toMatch(/\(VIH\)|\(trata\)|violencia basada en género/);
  });

  it("goes back a step, keeps notes, and closes the case, each as a saved event", async () => {
    const { store, caseId } = await openNewCase();
    const view = renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    expect((await heading()).textContent).toBe("Edad");
    answerAge("15");
    await waitFor(() => expect(stepHeading()?.textContent).toBe("Nacionalidad"));

    fireEvent.click(screen.getByRole("button", { name: es["step.back"] }));
    await waitFor(() => expect(stepHeading()?.textContent).toBe("Edad"));
    expect(await screen.findByText(es["case.wentBack"])).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(stepHeading()));

    fireEvent.change(screen.getByLabelText(es["notes.add"]), { target: { value: "Llegó con fiebre." } });
    fireEvent.click(screen.getByRole("button", { name: es["notes.save"] }));
    await waitFor(() =>
      expect(document.querySelector(".notes-list .note-text")?.textContent).toBe("Llegó con fiebre."),
    );
    // The field empties once the note is stored.
    await waitFor(() => expect(screen.getByLabelText(es["notes.add"])).toHaveProperty("value", ""));

    view.unmount();
    renderInApp(<CasePage caseId={caseId} view="summary" />, { store });
    await screen.findByRole("heading", { level: 1, name: `Resumen del caso ${caseId}` });
    fireEvent.change(screen.getByLabelText(es["close.reason"]), { target: { value: "left-site" } });
    fireEvent.click(screen.getByRole("button", { name: es["close.submit"] }));
    await screen.findByText("Caso cerrado: la persona dejó la estación.");
    expect(screen.queryByRole("button", { name: es["summary.correct"] })).toBeNull();

    await whenSaved();
    const saved = await store.loadEvents(caseId);
    expect(saved.map((e) => e.type)).toEqual(["CASE_OPENED", "ANSWERED", "WENT_BACK", "NOTE_ADDED", "CASE_CLOSED"]);
    expect(saved[3]).toMatchObject({ text: "Llegó con fiebre.", step: "ask-age", by: "OF-7" });
    expect(store.getSummary(caseId)?.status).toBe("closed");
  });
});
