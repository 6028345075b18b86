// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { type CaseLog, type CaseStore, type CaseSummary, StorageFullError, StoreError } from "../../src/store/index";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import StationCasePanel from "../../src/ui/station/StationCasePanel";
import { type Station, StationContext } from "../../src/ui/station/StationContext";
import { stationMessagesEn, stationMessagesEs } from "../../src/ui/station/stationMessages";
import { renderInApp } from "./renderInApp";

const summary: CaseSummary = {
  caseId: "C-1",
  sop: { id: "uasc", version: "1.0.0", hash: "h" },
  openedAt: "2024-03-01T08:00:00Z",
  updatedAt: "2024-03-01T08:00:00Z",
  status: "open",
  current: [],
  flags: [],
  referrals: [],
  eventCount: 2,
} as unknown as CaseSummary;

/** A case this device holds only in part (its role cannot see every event): the panel can hand it over. */
const log: CaseLog = {
  caseId: "C-1",
  complete: false,
  entries: [
    { key: "k1", device: "ABC", by: "OF-7", at: "2024-03-01T08:00:00Z", level: "public", seen: {} },
    { key: "k2", device: "ABC", by: "OF-7", at: "2024-03-01T08:01:00Z", level: "confidential", seen: {} },
  ],
};

/** A store that holds the case above and refuses every write with `refusal`. */
function refusingStore(refusal: unknown, hasSummary = true): CaseStore {
  return {
    revision: 0,
    subscribe: () => () => {},
    loadLog: async () => log,
    getSummary: () => (hasSummary ? summary : undefined),
    appendEvents: async () => {
      throw refusal;
    },
  } as unknown as CaseStore;
}

const station = {
  officer: { name: "OF-7", roles: ["reception"], sees: ["public"], device: "ABC" },
  status: { state: "idle" },
  lock() {},
  signOut: async () => true,
  resumeSync: async () => {},
} as unknown as Station;

function renderPanel(store: CaseStore, locale: "es" | "en" = "es") {
  renderInApp(
    <StationContext.Provider value={station}>
      <StationCasePanel caseId="C-1" />
    </StationContext.Provider>,
    { store, locale },
  );
}

async function handOver(label: string): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole("button", { name: label }));
  return screen.findByRole("alert");
}

/** The visible text of the page, without what is folded under the technical detail. */
function visibleText(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details")) details.remove();
  return copy.textContent ?? "";
}

describe("the station's case panel says why a handover was not saved in the officer's language", () => {
  it("a full device: the storage-full message in Spanish, the store's English only as technical detail", async () => {
    renderPanel(refusingStore(new StorageFullError("C-1")));
    const alert = await handOver(stationMessagesEs["handover.submit"]);
    expect(alert.textContent).toContain(es["refusal.storage-full"]);
    expect(visibleText()).not.toContain("storage is full");
    expect(alert.querySelector("summary")!.textContent).toBe(es["problem.detail"]);
    expect(alert.querySelector("details")!.textContent).toContain("The device's storage is full");
    // Nothing was handed over, so the panel does not say it was.
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("a role that may not record it: the station's own words, not a standing instruction's", async () => {
    renderPanel(refusingStore(new StoreError("not-permitted", "No key for level restricted on this device.", "C-1")));
    const alert = await handOver(stationMessagesEs["handover.submit"]);
    expect(alert.textContent).toContain(es["refusal.not-permitted"]);
    expect(alert.textContent).not.toContain(es["refusal.forbidden"]);
    expect(visibleText()).not.toContain("No key");
  });

  it("a case with no summary on this device reads in Spanish", async () => {
    renderPanel(refusingStore(new StorageFullError("C-1"), false));
    const alert = await handOver(stationMessagesEs["handover.submit"]);
    expect(alert.textContent).toContain(es["refusal.not-found"]);
    expect(visibleText()).not.toContain("has no summary");
  });

  it("an error without a code reads as the generic Spanish message", async () => {
    renderPanel(refusingStore(new TypeError("Cannot read properties of undefined")));
    const alert = await handOver(stationMessagesEs["handover.submit"]);
    expect(alert.textContent).toContain(es["refusal.unknown"]);
    expect(visibleText()).not.toContain("Cannot read");
    expect(alert.querySelector("details")!.textContent).toContain("Cannot read properties of undefined");
  });

  it("in English with the English locale", async () => {
    renderPanel(refusingStore(new StorageFullError("C-1")), "en");
    const alert = await handOver(stationMessagesEn["handover.submit"]);
    expect(alert.textContent).toContain(en["refusal.storage-full"]);
    await waitFor(() => expect(alert.querySelector("summary")!.textContent).toBe(en["problem.detail"]));
  });
});
