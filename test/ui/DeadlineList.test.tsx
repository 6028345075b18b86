// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import type { CaseView } from "../../src/engine/index";
import { DeadlineList } from "../../src/ui/runner/CaseStatusBar";
import { renderInApp } from "./renderInApp";

type Deadline = CaseView["deadlines"][number];

const deadline = (kind: Deadline["kind"], label: string, hoursLeft: number): Deadline =>
  ({
    id: `${kind}:${label}`,
    kind,
    label: { es: label, en: label },
    step: "s",
    dueAt: "2026-12-07T12:00:00Z",
    level: "public",
    hoursLeft,
    overdue: hoursLeft < 0,
  }) as Deadline;

describe("the deadlines of a case", () => {
  it("says a referral's time is for handing it over, so an overdue one never reads as the window of care gone", () => {
    renderInApp(
      <DeadlineList
        deadlines={[
          deadline("referral", "Manejo clínico de la violación (MINSA)", -0.02),
          deadline("deadline", "Ventana de profilaxis posexposición", 70),
        ]}
      />,
    );
    const lines = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(lines).toEqual([
      "Entregar la referencia a Manejo clínico de la violación (MINSA): vencido hace 1 min",
      "Ventana de profilaxis posexposición: quedan 70 h",
    ]);
  });
});
