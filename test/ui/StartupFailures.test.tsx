// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { StoreError } from "../../src/store/index";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { StartupFailure } from "../../src/ui/shared/StartupFailure";
import { StationFailure } from "../../src/ui/station/StationFailure";
import { stationMessagesEn, stationMessagesEs } from "../../src/ui/station/stationMessages";
import { renderInApp } from "./renderInApp";

const refused = new StoreError(
  "unavailable",
  "The device's database could not be used while opening the store (InvalidStateError).",
);

/** The visible text of the page, without what is folded under the technical detail. */
function visibleText(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details")) details.remove();
  return copy.textContent ?? "";
}

describe("a device that cannot start says so in the officer's language, the English kept for support", () => {
  it("the app's storage would not open", () => {
    renderInApp(<StartupFailure error={refused} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(es["startup.title"]);
    expect(visibleText()).not.toContain("database");
    expect(document.querySelector("details")!.textContent).toContain("InvalidStateError");
  });

  it("the station's store or sync would not open after signing in", () => {
    renderInApp(<StationFailure error={refused} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(stationMessagesEs["station.failed"]);
    expect(screen.getByText(stationMessagesEs["station.failedHelp"])).toBeTruthy();
    expect(visibleText()).not.toContain("database");
    expect(document.querySelector("summary")!.textContent).toBe(es["problem.detail"]);
  });

  it("in English with the English locale", () => {
    renderInApp(<StationFailure error={refused} />, { locale: "en" });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(stationMessagesEn["station.failed"]);
    expect(document.querySelector("summary")!.textContent).toBe(en["problem.detail"]);
  });
});
