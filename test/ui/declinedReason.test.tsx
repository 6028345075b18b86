// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { compileSop, viewCase } from "../../src/engine/index";
import { ReferralList } from "../../src/ui/runner/ReferralList";
import { at, CaseDriver } from "../engine/caseDriver";
import { makeLibrary, makeSop, step, supportCatalog, t } from "../engine/sopBuilder";
import { renderInApp } from "./renderInApp";

describe("a referral made after the person said no at an earlier step", () => {
  const refer = (reason: string, urgency: "immediate" | "routine", next: string) =>
    ({ kind: "referral", title: t(reason), service: "support", urgency, reason: t(reason), next }) as const;
  const sop = makeSop("no-then-yes", {
    first: refer("In danger", "immediate", "second"),
    second: refer("Needs support", "routine", "done"),
    done: step.end(),
  });
  const compiled = compileSop(sop, makeLibrary([sop], supportCatalog()));

  it("shows the officer both reasons, and that the one refused is not on the slip", () => {
    const d = new CaseDriver(compiled);
    d.refer("first", false);
    d.refer("second", true);
    renderInApp(<ReferralList view={viewCase(d.session, new Date(at(5)))} />, { locale: "en" });
    expect(screen.getByText(/^Support/).closest("p")!.textContent).toContain("Routine");
    const list = screen.getByRole("list", { name: "Reasons for the referral to Support" });
    const reasons = [...list.querySelectorAll("li")].map((li) => li.textContent);
    expect(reasons).toEqual([
      "In danger (Immediate, not on the slip: not agreed at this step)",
      "Needs support (Routine)",
    ]);
  });
});
