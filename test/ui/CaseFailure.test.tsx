// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { CaseFailure } from "../../src/ui/runner/CaseFailure";
import { CaseNoticeBanner } from "../../src/ui/runner/CaseNoticeBanner";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { renderInApp } from "./renderInApp";

const storeSays =
  "The device's database could not be used while loading case C-1 (InvalidStateError). Close other tabs of the app and reload; in a private window, open the app in a normal one.";

/** The visible text of the page, without what is folded under the technical detail. */
function visibleText(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details")) details.remove();
  return copy.textContent ?? "";
}

describe("a case that cannot be loaded says why in the officer's language", () => {
  it("a database the browser refused: Spanish heading and advice, the store's English only as technical detail", () => {
    renderInApp(<CaseFailure code="unavailable" reason={storeSays} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(es["case.loadFailed"]);
    expect(screen.getByText(es["refusal.unavailable"])).toBeTruthy();
    expect(visibleText()).not.toContain("database");
    const details = document.querySelector("details")!;
    expect(details.querySelector("summary")!.textContent).toBe(es["problem.detail"]);
    expect(details.textContent).toContain(storeSays);
  });

  it("a broken log, a missing case and a missing SOP each have their own words", () => {
    const { unmount } = renderInApp(<CaseFailure code="corrupt-log" reason="C-1" />);
    expect(screen.getByText(es["refusal.corrupt-log"])).toBeTruthy();
    unmount();
    const missing = renderInApp(<CaseFailure code="not-found" reason="C-9" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(es["case.notFound"]);
    expect(screen.getByText(es["case.notFoundHelp"])).toBeTruthy();
    missing.unmount();
    renderInApp(<CaseFailure code="sop-unavailable" reason='No compiled SOP "uasc" at version 9.9.9 in this build.' />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(es["case.sopUnavailable"]);
    expect(screen.getByText(es["case.sopUnavailableHelp"])).toBeTruthy();
    expect(visibleText()).not.toContain("compiled");
  });

  it("a code the screen does not know still reads as a sentence in Spanish, never the English reason", () => {
    renderInApp(<CaseFailure code="engine-error" reason="TypeError: x is undefined" />);
    expect(screen.getByText(es["case.loadFailedHelp"])).toBeTruthy();
    expect(visibleText()).not.toContain("TypeError");
  });

  it("in English with the English locale", () => {
    renderInApp(<CaseFailure code="unavailable" reason={storeSays} />, { locale: "en" });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(en["case.loadFailed"]);
    expect(screen.getByText(en["refusal.unavailable"])).toBeTruthy();
    expect(document.querySelector("summary")!.textContent).toBe(en["problem.detail"]);
  });
});

describe("a save the store refused says why in the officer's language", () => {
  it("shows the message for the store's code, with the store's English as technical detail", () => {
    renderInApp(
      <CaseNoticeBanner
        notice={{ kind: "store-error", code: "corrupt-log", reason: 'Case "C-1" has a gap at event 3.' }}
        onDismiss={() => {}}
      />,
    );
    expect(screen.getByRole("alert").querySelector("p")!.textContent).toBe(es["refusal.corrupt-log"]);
    expect(visibleText()).not.toContain("gap");
    expect(document.querySelector("details")!.textContent).toContain('Case "C-1" has a gap at event 3.');
  });

  it("a role that may not record the answer reads as such, not as the engine's forbidden referral", () => {
    renderInApp(
      <CaseNoticeBanner
        notice={{
          kind: "store-error",
          code: "not-permitted",
          reason: "This device's role may not record confidential facts.",
        }}
        onDismiss={() => {}}
      />,
    );
    expect(screen.getByRole("alert").querySelector("p")!.textContent).toBe(es["refusal.not-permitted"]);
  });

  it("in English with the English locale", () => {
    renderInApp(
      <CaseNoticeBanner notice={{ kind: "store-error", code: "unknown", reason: "boom" }} onDismiss={() => {}} />,
      { locale: "en" },
    );
    expect(screen.getByRole("alert").querySelector("p")!.textContent).toBe(en["refusal.unknown"]);
  });
});
