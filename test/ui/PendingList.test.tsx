// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import type { CaseView } from "../../src/engine/index";
import { PendingList } from "../../src/ui/runner/PendingList";
import { renderInApp } from "./renderInApp";

const referral = (service: string, hidden: boolean) => ({
  service,
  serviceName: { es: `Servicio ${service}`, en: `Service ${service}` },
  awaitingHandover: true,
  ...(hidden ? { hidden: true } : {}),
});

describe("what keeps a finished case open", () => {
  it("names the referrals the viewer may see, and counts the confidential ones on one line", () => {
    const view = {
      followUps: [],
      referrals: [referral("snm", false), referral("a", true), referral("b", true), referral("c", true)],
      pending: { followUps: 0, handovers: 4 },
    } as unknown as CaseView;
    renderInApp(<PendingList view={view} />);
    const lines = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(lines).toEqual([
      "Entregar la referencia a Servicio snm",
      "3 referencias confidenciales por entregar: vea al equipo a cargo",
    ]);
  });

  it("says one confidential referral in the singular", () => {
    const view = {
      followUps: [],
      referrals: [referral("a", true)],
      pending: { followUps: 0, handovers: 1 },
    } as unknown as CaseView;
    renderInApp(<PendingList view={view} />);
    expect(screen.getByRole("listitem").textContent).toBe(
      "Una referencia confidencial por entregar: vea al equipo a cargo",
    );
  });
});
