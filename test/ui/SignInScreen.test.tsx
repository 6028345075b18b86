// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { afterEach, vi } from "vitest";
import { messagesEs as shared } from "../../src/ui/shared/i18n/messagesEs";
import { SignInScreen } from "../../src/ui/station/SignInScreen";
import { stationMessagesEn as en, stationMessagesEs as es } from "../../src/ui/station/stationMessages";
import { renderInApp } from "./renderInApp";

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** A station that signs the officer in, then fails as `afterSession` says on every other call. */
function station(afterSession: () => Promise<Response>) {
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) =>
    url.endsWith("/_session") && init?.method === "POST"
      ? new Response(JSON.stringify({ ok: true, name: "ana", roles: ["reception"] }), { status: 200 })
      : afterSession(),
  );
}

async function signIn(labels: typeof es) {
  fireEvent.change(screen.getByLabelText(labels["signIn.name"]), { target: { value: "ana" } });
  fireEvent.change(screen.getByLabelText(labels["signIn.password"]), { target: { value: "secret" } });
  fireEvent.change(screen.getByLabelText(labels["signIn.pin"]), { target: { value: "1234" } });
  fireEvent.click(screen.getByRole("button", { name: labels["signIn.submit"] }));
  return screen.findByRole("alert");
}

/** The visible text of the page, without what is folded under the technical detail. */
function visibleText(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details")) details.remove();
  return copy.textContent ?? "";
}

describe("the station's sign-in says why it failed in the officer's language", () => {
  it("a station that fails after the password was accepted: Spanish, with the store's English as detail", async () => {
    station(async () => new Response("{}", { status: 500 }));
    const signedIn = vi.fn();
    renderInApp(<SignInScreen base="http://station/db" onSignedIn={signedIn} />);
    const alert = await signIn(es);
    expect(alert.textContent).toContain(es["signIn.unavailable"]);
    expect(visibleText()).not.toContain("failed (500)");
    expect(alert.querySelector("summary")!.textContent).toBe(shared["problem.detail"]);
    expect(alert.querySelector("details")!.textContent).toMatch(/key failed \(500\)/);
    expect(signedIn).not.toHaveBeenCalled();
  });

  it("the connection lost half-way reads in Spanish, not as 'TypeError: Failed to fetch'", async () => {
    station(() => Promise.reject(new TypeError("Failed to fetch")));
    renderInApp(<SignInScreen base="http://station/db" onSignedIn={() => {}} />);
    const alert = await signIn(es);
    expect(alert.textContent).toContain(es["signIn.unavailable"]);
    expect(visibleText()).not.toContain("Failed to fetch");
    expect(alert.querySelector("details")!.textContent).toContain("Failed to fetch");
  });

  it("a station that cannot be reached at all, the first time on this device: the offline message", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    renderInApp(<SignInScreen base="http://station/db" onSignedIn={() => {}} />);
    const alert = await signIn(es);
    expect(alert.textContent).toBe(es["signIn.offlineFirst"]);
  });

  it("in English with the English locale", async () => {
    station(async () => new Response("{}", { status: 500 }));
    renderInApp(<SignInScreen base="http://station/db" onSignedIn={() => {}} />, { locale: "en" });
    const alert = await signIn(en as typeof es);
    expect(alert.textContent).toContain(en["signIn.unavailable"]);
  });
});
