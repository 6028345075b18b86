// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { viewCase } from "../../src/engine/index";
import { ReferralList } from "../../src/ui/runner/ReferralList";
import { at } from "../engine/caseDriver";
import { handedOver } from "../engine/handoverCase";
import { renderInApp } from "./renderInApp";

describe("the case view of a referral handed over before a correction", () => {
  it("keeps it immediate and says the corrected path decides, while the path can still reach it", () => {
    const d = handedOver();
    d.correct("with-parent", false);
    renderInApp(<ReferralList view={viewCase(d.session, new Date(at(10)))} />, { locale: "en" });
    const line = screen.getByText(/^Child protection/).closest("p")!;
    expect(line.textContent).toContain("Immediate");
    expect(line.textContent).not.toContain("Routine");
    expect(line.textContent).toContain("confirmed if the path reaches it again");
    expect(line.textContent).not.toContain("superseded");
  });

  it("shows it made again, immediate, once the corrected path still needs it", () => {
    const d = handedOver();
    d.correct("with-parent", false);
    d.answer("who-cares", true);
    d.answer("hurt", true);
    d.refer("notify", false);
    renderInApp(<ReferralList view={viewCase(d.session, new Date(at(10)))} />, { locale: "en" });
    const line = screen.getByText(/^Child protection/).closest("p")!;
    expect(line.textContent).toContain("Immediate");
    expect(line.textContent).not.toMatch(/superseded|correction/);
  });

  it("tells the officer to check a withdrawal when the corrected answers no longer lead to it", () => {
    const d = handedOver();
    d.correct("hurt", false);
    renderInApp(<ReferralList view={viewCase(d.session, new Date(at(10)))} />, { locale: "es" });
    const line = screen.getByText(/^Child protection/).closest("p")!;
    expect(line.textContent).toContain("Inmediata");
    expect(line.textContent).toContain("ya no hace falta tras la corrección: ver si se retira");
    expect(screen.getByText(/Hable con el servicio para ver si hay que retirarla/)).toBeTruthy();
  });
});
