// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import carlos from "../../sop/scenarios/uasc-carlos-15-alone.scenario.json";
import { actionToEvent, openCase, type Scenario, viewCase } from "../../src/engine/index";
import { CaseStore, type CaseSummary, summarizeCase } from "../../src/store/index";
import { CaseList } from "../../src/ui/runner/CaseList";
import { QueueScreen } from "../../src/ui/runner/QueueScreen";
import { I18nProvider } from "../../src/ui/shared/i18n/I18nProvider";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { loadCompiledSop } from "../../src/ui/shared/loadCompiledSop";
import { fixedClock, renderInApp } from "./renderInApp";

// jsdom lays nothing out: give the queue's scroll box the size of a phone's, so the virtual list has a window.
const sizes = { clientHeight: 640, clientWidth: 360 } as const;
const originals = new Map<string, PropertyDescriptor | undefined>();
beforeAll(() => {
  for (const [name, size] of Object.entries(sizes)) {
    originals.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains("case-list") ? size : 0;
      },
    });
  }
});
afterAll(() => {
  for (const [name, descriptor] of originals)
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
});

const stores: CaseStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** Plays the first `count` actions of a scenario into a new case on the store, as the client would save it. */
async function seedCase(store: CaseStore, caseId: string, scenario: Scenario, count: number) {
  const compiled = await loadCompiledSop(scenario.sop);
  let at = Date.parse("2024-03-01T08:00:00Z");
  const session = openCase(compiled, { caseId, at: new Date(at).toISOString(), by: "OF-7", site: "san-vicente" });
  for (const action of scenario.steps.slice(0, count)) {
    at += (action.afterMinutes ?? 1) * 60_000;
    const event = actionToEvent(compiled, action, new Date(at).toISOString(), "OF-7");
    if (typeof event === "string" || !session.send(event).ok) throw new Error(`cannot play ${action.step}`);
  }
  await store.appendEvents(
    caseId,
    0,
    session.events,
    summarizeCase(viewCase(session, new Date(at)), session.events.length),
  );
}

const count = () => screen.getByRole("status").textContent;
const rows = () => screen.queryAllByRole("listitem").map((li) => li.querySelector(".case-row-code")?.textContent);

describe("the queue", () => {
  it("searches, filters by flag, status and deadline, and sorts by urgency, from the stored summaries", async () => {
    const store = await CaseStore.open({ name: `queue-${Math.random()}` });
    stores.push(store);
    const scenario = carlos as Scenario;
    await seedCase(store, "C-ALONE", scenario, scenario.steps.length);
    await seedCase(store, "C-START", scenario, 1);
    await seedCase(store, "C-MIDDLE", scenario, 3);
    // Ten days later: every deadline the finished case started is overdue.
    renderInApp(<QueueScreen />, { store, clock: fixedClock("2024-03-11T08:00:00Z") });

    await waitFor(() => expect(count()).toBe("3 casos"));
    expect(rows()[0]).toBe("C-ALONE");
    const flag = screen.getByLabelText(es["queue.flag"]);
    fireEvent.change(flag, { target: { value: "non-refoulement" } });
    await waitFor(() => expect(rows()).toEqual(["C-ALONE"]));
    fireEvent.change(flag, { target: { value: "" } });

    fireEvent.change(screen.getByLabelText(es["queue.search"]), { target: { value: "c-mid" } });
    await waitFor(() => expect(rows()).toEqual(["C-MIDDLE"]));
    fireEvent.change(screen.getByLabelText(es["queue.search"]), { target: { value: "" } });

    fireEvent.change(screen.getByLabelText(es["queue.deadline"]), { target: { value: "overdue" } });
    await waitFor(() => expect(rows()).toEqual(["C-ALONE"]));
    fireEvent.change(screen.getByLabelText(es["queue.deadline"]), { target: { value: "any" } });

    fireEvent.change(screen.getByLabelText(es["queue.status"]), { target: { value: "closed" } });
    await waitFor(() => expect(count()).toBe("0 casos"));
    expect(screen.getByText(es["queue.emptyFilter"])).toBeTruthy();
    fireEvent.change(screen.getByLabelText(es["queue.status"]), { target: { value: "active" } });
    await waitFor(() => expect(rows().sort()).toEqual(["C-MIDDLE", "C-START"]));

    // A case saved elsewhere (another tab) shows up without a reload.
    await seedCase(store, "C-LATER", scenario, 2);
    await waitFor(() => expect(rows().sort()).toEqual(["C-LATER", "C-MIDDLE", "C-START"]));
  });

  it("offers only public flags as filters, whoever looks: the queue is a public surface", async () => {
    const store = await CaseStore.open({ name: `queue-${Math.random()}` });
    stores.push(store);
    renderInApp(<QueueScreen />, { store, role: "iom-protection-officer" });
    await waitFor(() => expect(screen.getByText(es["queue.emptyDevice"])).toBeTruthy());
    const options = [...(screen.getByLabelText(es["queue.flag"]) as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toContain("non-refoulement");
    expect(options).not.toContain("uasc");
    expect(options).not.toContain("sea-allegation");
  });

  it("keeps only the rows in view in the page, even with 10,000 cases", () => {
    const summaries: CaseSummary[] = Array.from({ length: 10_000 }, (_, i) => ({
      caseId: `C-${String(i).padStart(5, "0")}`,
      sop: { id: "uasc", version: "1.0.0", hash: "x" },
      openedAt: "2024-03-01T08:00:00Z",
      updatedAt: "2024-03-01T08:00:00Z",
      status: "active",
      current: [{ path: "ask-age", title: { es: "Edad", en: "Age" } }],
      flags: i % 2 ? ["non-refoulement"] : [],
      ...(i % 2
        ? {
            hiddenFlags: {
              labels: [{ es: "Instrucción permanente: vea al equipo", en: "Standing instruction" }],
              unlabelled: 1,
            },
            nextDeadline: { id: "", dueAt: "2024-03-01T20:00:00Z" },
          }
        : {}),
      referrals: [],
      eventCount: 1,
    }));
    render(
      <I18nProvider initial="es">
        <CaseList cases={summaries} now={new Date("2024-03-01T09:00:00Z")} labelledBy="none" />
      </I18nProvider>,
    );
    const items = screen.getAllByRole("listitem");
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(40);
    expect(items[0].getAttribute("aria-setsize")).toBe("10000");
    // A hidden flag or deadline shows by its neutral words, never by its category.
    expect(items[1].textContent).toContain("No devolver: excluir de listas de deportación o retorno");
    expect(items[1].textContent).toContain("Instrucción permanente: vea al equipo");
    expect(items[1].textContent).toContain(es["queue.hiddenFlag"]);
    expect(items[1].textContent).toContain(`quedan 11 h · ${es["queue.hiddenDeadline"]}`);
  });
});
