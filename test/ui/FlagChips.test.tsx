// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import type { CaseView } from "../../src/engine/index";
import { FlagChips } from "../../src/ui/runner/FlagChips";
import { caseMessagesEs as caseEs } from "../../src/ui/runner/i18n/caseMessages";
import { renderInApp } from "./renderInApp";

const text = (es: string) => ({ es, en: es });

// As `redactView` leaves them for a public role: a hidden fact keeps no id, only its neutral label.
const view = {
  flags: [
    { id: "no-return", label: text("No devolver"), priority: 1 },
    { id: "older-person", label: text("Persona mayor"), priority: 2 },
    { id: "", label: {}, priority: 1, hidden: true, publicLabel: text("No entregar sin protección") },
    { id: "", label: {}, priority: 1, hidden: true },
    { id: "", label: {}, priority: 2, hidden: true, publicLabel: text("Necesidad de salud") },
  ],
  instructions: [
    { flag: "no-return", label: text("No devolver"), instruction: text("No incluir en listas de retorno.") },
    { flag: "", label: {}, instruction: {}, hidden: true, publicLabel: text("No entregar sin protección") },
  ],
} as unknown as CaseView;

describe("the flag chips beside the instructions banner", () => {
  it("leaves out what the banner says, named or neutral, and keeps every other need", () => {
    renderInApp(<FlagChips view={view} />);
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Persona mayor",
      caseEs["flag.hidden"],
      "Necesidad de salud",
    ]);
  });

  it("shows nothing when every flag is a standing instruction", () => {
    const onlyInstructions = { ...view, flags: view.flags.filter((f) => f.id === "no-return") } as CaseView;
    const { container } = renderInApp(<FlagChips view={onlyInstructions} />);
    expect(container.querySelector("ul")).toBeNull();
  });
});
