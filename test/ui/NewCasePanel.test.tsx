// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { type CaseStore, StorageFullError } from "../../src/store/index";
import { NewCasePanel } from "../../src/ui/runner/NewCasePanel";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { renderInApp } from "./renderInApp";

/** A store that fails with `refusal` when asked whether the new case's code is taken, before anything is written. */
function refusingStore(refusal: unknown): CaseStore {
  return {
    device: "T",
    revision: 0,
    subscribe: () => () => {},
    getSummary: () => {
      throw refusal;
    },
  } as unknown as CaseStore;
}

async function openCase(label: string): Promise<HTMLElement> {
  fireEvent.click(screen.getAllByRole("button", { name: label })[0]!);
  return screen.findByRole("alert", {}, { timeout: 10_000 });
}

/** The visible text of the alert, without what is folded under the technical detail. */
function visibleText(alert: HTMLElement): string {
  const copy = alert.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details")) details.remove();
  return copy.textContent ?? "";
}

describe("a new case that could not be opened says why in the officer's language", () => {
  it("an error without a store code: the Spanish message, the English only as technical detail", async () => {
    renderInApp(<NewCasePanel />, { store: refusingStore(new TypeError("Cannot read properties of undefined")) });
    const alert = await openCase(es["newCase.start"]);
    expect(visibleText(alert)).toBe(es["newCase.failed"]);
    expect(alert.querySelector("details")!.textContent).toContain("TypeError: Cannot read properties of undefined");
  });

  it("a full device: the store's code picks the message", async () => {
    renderInApp(<NewCasePanel />, { store: refusingStore(new StorageFullError("C-1")) });
    const alert = await openCase(es["newCase.start"]);
    expect(visibleText(alert)).toBe(es["refusal.storage-full"]);
  });

  it("in English with the English locale", async () => {
    renderInApp(<NewCasePanel />, { store: refusingStore(new TypeError("boom")), locale: "en" });
    const alert = await openCase(en["newCase.start"]);
    expect(visibleText(alert)).toBe(en["newCase.failed"]);
    expect(alert.querySelector("summary")!.textContent).toBe(en["problem.detail"]);
  });
});
