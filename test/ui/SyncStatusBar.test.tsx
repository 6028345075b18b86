// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { StoreError } from "../../src/store/index";
import { type Station, StationContext } from "../../src/ui/station/StationContext";
import { SyncStatusBar } from "../../src/ui/station/SyncStatusBar";
import { stationMessagesEn as en, stationMessagesEs as es } from "../../src/ui/station/stationMessages";
import { renderInApp } from "./renderInApp";

/** A station whose server session expired, and whose `resumeSync` fails with `refusal`. */
function expired(refusal: unknown): Station {
  return {
    officer: { name: "ana", roles: ["reception"], sees: ["public"], device: "ABC" },
    status: { state: "signed-out", pending: 2, refused: 0 },
    lock() {},
    signOut: async () => false,
    resumeSync: () => Promise.reject(refusal),
  } as unknown as Station;
}

function renderBar(station: Station, locale: "es" | "en" = "es") {
  renderInApp(
    <StationContext.Provider value={station}>
      <SyncStatusBar />
    </StationContext.Provider>,
    { locale },
  );
}

async function resume(labels: typeof es): Promise<HTMLElement> {
  fireEvent.change(screen.getByLabelText(labels["signIn.password"]), { target: { value: "secret" } });
  fireEvent.click(screen.getByRole("button", { name: labels["signIn.submit"] }));
  return screen.findByRole("alert");
}

describe("signing in again to resume the sync says why it failed, instead of nothing", () => {
  it("a wrong password", async () => {
    renderBar(expired(new StoreError("not-permitted", "The name or the password is not right.", "/_session")));
    const alert = await resume(es);
    expect(alert.querySelector("p")!.textContent).toBe(es["signIn.wrong"]);
  });

  it("a station out of reach: Spanish, with the English under the technical detail", async () => {
    renderBar(expired(new StoreError("unavailable", "The station could not be reached (POST /_session).")));
    const alert = await resume(es);
    expect(alert.querySelector("p")!.textContent).toBe(es["signIn.unavailable"]);
    expect(alert.querySelector("details")!.textContent).toContain("could not be reached");
  });

  it("in English with the English locale", async () => {
    renderBar(expired(new TypeError("boom")), "en");
    const alert = await resume(en as typeof es);
    expect(alert.querySelector("p")!.textContent).toBe(en["signIn.failed"]);
  });
});
