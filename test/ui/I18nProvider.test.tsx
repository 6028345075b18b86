// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { AppHeader } from "../../src/ui/shared/AppHeader";
import { formatCountdown } from "../../src/ui/shared/formatCountdown";
import { I18nProvider, readStoredLocale, useI18n } from "../../src/ui/shared/i18n/I18nProvider";
import { messagesEn } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs } from "../../src/ui/shared/i18n/messagesEs";

function SopTitle() {
  const { text, t } = useI18n();
  return (
    <p>
      {text({ es: "Niñez no acompañada", en: "Unaccompanied children" })} · {t("queue.count", { count: 4 })}
    </p>
  );
}

function renderApp() {
  return render(
    <I18nProvider>
      <AppHeader route={{ area: "cases" }} />
      <SopTitle />
    </I18nProvider>,
  );
}

beforeEach(() => localStorage.clear());

describe("the language switch", () => {
  it("starts in Spanish, switches the interface and the SOP texts to English once its messages load, and remembers it", async () => {
    const first = renderApp();
    expect(document.documentElement.lang).toBe("es");
    expect(screen.getByRole("link", { name: "Casos" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByText("Niñez no acompañada · 4 casos")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "English" }));
    // English is a chunk of its own: the screen switches once it is loaded, all of it at once.
    expect(await screen.findByRole("link", { name: "Cases" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByText("Unaccompanied children · 4 cases")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("senda.locale")).toBe("en");

    first.unmount();
    // Once loaded, English is there from the first render.
    renderApp();
    expect(screen.getByRole("link", { name: "Train" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Español" }));
    expect(screen.getByRole("link", { name: "Entrenar" })).toBeTruthy();
    expect(localStorage.getItem("senda.locale")).toBe("es");
  });

  it("ignores a stored value that is not a language it speaks", () => {
    expect(readStoredLocale({ getItem: () => "fr" })).toBe("es");
    expect(readStoredLocale({ getItem: () => null })).toBe("es");
    expect(readStoredLocale({ getItem: () => "en" })).toBe("en");
  });

  it("has every message in both languages, with the same placeholders", () => {
    const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const [key, es] of Object.entries(messagesEs)) {
      const en = messagesEn[key as keyof typeof messagesEs];
      expect(en, key).toBeTruthy();
      expect(placeholders(en), key).toEqual(placeholders(es));
    }
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesEs).sort());
  });

  it("counts deadlines down in whole hours, then minutes, then how late", () => {
    const t = (key: keyof typeof messagesEs, params?: Record<string, string | number>) =>
      messagesEs[key].replace(/\{(\w+)\}/g, (_, n: string) => String(params?.[n]));
    expect(formatCountdown(31.9, t)).toBe("quedan 31 h");
    expect(formatCountdown(0.5, t)).toBe("quedan 30 min");
    expect(formatCountdown(-0.25, t)).toBe("vencido hace 15 min");
    expect(formatCountdown(-26.2, t)).toBe("vencido hace 26 h");
  });
});
