// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { replayCase, viewCase } from "../../src/engine/index";
import { CaseStore, summarizeCase } from "../../src/store/index";
import { CasePage } from "../../src/ui/runner/CasePage";
import { dropParkedCases, parkedCount, wakeParkedCase } from "../../src/ui/runner/parkedCases";
import { startCase } from "../../src/ui/runner/startCase";
import { whenSaved } from "../../src/ui/runner/useCaseSession";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { loadCompiledSop } from "../../src/ui/shared/loadCompiledSop";
import { fixedClock, renderInApp } from "./renderInApp";

const stores: CaseStore[] = [];
afterEach(async () => {
  dropParkedCases();
  for (const store of stores.splice(0)) await store.close();
});

const stepHeading = () => document.querySelector<HTMLHeadingElement>("h2.step-title");
const heading = () => waitFor(() => stepHeading() ?? Promise.reject(new Error("no step on screen")));

/** A case opened on the store and its first step answered on the screen, which is then left. */
async function leaveAnsweredCase() {
  const store = await CaseStore.open({ name: `parked-${Math.random()}` });
  stores.push(store);
  const compiled = await loadCompiledSop("uasc");
  const clock = fixedClock("2024-03-01T08:00:00Z");
  const caseId = await startCase(store, compiled, { at: clock.now(), by: "OF-7", site: "san-vicente" }, () => "P-1");
  const first = renderInApp(<CasePage caseId={caseId} view="step" />, { store });
  expect((await heading()).textContent).toBe("Edad");
  fireEvent.change(screen.getByRole("spinbutton"), { target: { value: "15" } });
  fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
  await waitFor(() => expect(stepHeading()?.textContent).not.toBe("Edad"));
  await whenSaved();
  const step = stepHeading()?.textContent;
  first.unmount();
  return { store, compiled, caseId, step };
}

describe("cases the officer leaves", () => {
  it("are parked, and opened again without reading the store", async () => {
    const { store, caseId, step } = await leaveAnsweredCase();
    expect(parkedCount(store)).toBe(1);
    const loadLog = vi.spyOn(store, "loadLog");
    renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    expect((await heading()).textContent).toBe(step);
    expect(loadLog).not.toHaveBeenCalled();
    expect(parkedCount(store)).toBe(0);
  });

  it("are read from the store again once something else wrote to them", async () => {
    const { store, compiled, caseId } = await leaveAnsweredCase();
    // Another screen of this page records an event on the case meanwhile: the parked case is out of date.
    const replay = replayCase(compiled, await store.loadEvents(caseId));
    if (!replay.ok) throw new Error(replay.reason);
    const note = {
      type: "NOTE_ADDED",
      text: "Llamar a la tutora",
      at: "2024-03-01T08:05:00.000Z",
      by: "OF-8",
    } as const;
    const seq = replay.session.events.length;
    expect(replay.session.send(note as never).ok).toBe(true);
    await store.appendEvents(
      caseId,
      seq,
      [note as never],
      summarizeCase(viewCase(replay.session, new Date(note.at)), seq + 1),
    );
    const loadLog = vi.spyOn(store, "loadLog");
    renderInApp(<CasePage caseId={caseId} view="step" />, { store });
    await heading();
    expect(loadLog).toHaveBeenCalledTimes(1);
  });

  it("belong to their store: another store holding a case of the same id and count does not wake them", async () => {
    const { store, caseId } = await leaveAnsweredCase();
    const summary = store.getSummary(caseId);
    const other = { getSummary: () => summary, caseVersion: () => store.caseVersion(caseId) };
    expect(wakeParkedCase(other, caseId)).toBeUndefined();
    expect(wakeParkedCase(store, caseId)?.session.events.length).toBe(summary?.eventCount);
  });
});
