// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import type { CaseView } from "../../src/engine/index";
import { FlagsAndDeadlines } from "../../src/ui/runner/CaseSummaryScreen";
import { renderInApp } from "./renderInApp";

const flag = (id: string) => ({ id, label: { es: id, en: id }, priority: 2, level: "public" });

describe("the flags of a case summary", () => {
  it("says the flags are in the standing instructions when the banner names every one, never a bare heading", () => {
    const view = {
      flags: [flag("family-unity")],
      instructions: [{ flag: "family-unity", label: { es: "Familia junta", en: "Family together" } }],
      deadlines: [],
    } as unknown as CaseView;
    renderInApp(<FlagsAndDeadlines view={view} />);
    expect(screen.getByText("Sus alertas están en las instrucciones permanentes, arriba.")).toBeTruthy();
    expect(screen.queryByRole("listitem")).toBeNull();
  });

  it("shows a flag with no instruction as a chip, and says when there is none", () => {
    const view = { flags: [flag("pregnant")], instructions: [], deadlines: [] } as unknown as CaseView;
    const { unmount } = renderInApp(<FlagsAndDeadlines view={view} />);
    expect(screen.getByRole("listitem").textContent).toBe("pregnant");
    unmount();
    renderInApp(<FlagsAndDeadlines view={{ flags: [], instructions: [], deadlines: [] } as unknown as CaseView} />);
    expect(screen.getByText("Ninguna alerta.")).toBeTruthy();
  });
});
