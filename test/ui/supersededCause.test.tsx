// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { screen } from "@testing-library/react";
import { type ReferralView, viewCase } from "../../src/engine/index";
import { CaseStore } from "../../src/store/index";
import { ReferralList } from "../../src/ui/runner/ReferralList";
import { ReferralSlip } from "../../src/ui/runner/ReferralSlip";
import type { CaseHandle } from "../../src/ui/runner/useCaseSession";
import { at } from "../engine/caseDriver";
import { handedOver } from "../engine/handoverCase";
import { renderInApp } from "./renderInApp";

describe("why a referral handed over before a correction was superseded", () => {
  it("reads in Spanish on a Spanish screen, naming the corrected step by its title", () => {
    const d = handedOver();
    d.correct("hurt", false);
    renderInApp(<ReferralList view={viewCase(d.session, new Date(at(10)))} />, { locale: "es" });
    const note = screen.getByText(/Ya se había entregado/);
    expect(note.textContent).toContain("se corrigió la respuesta del paso «hurt (es)»");
    expect(note.textContent).not.toMatch(/was corrected|step "/);
  });

  it("reads in English on an English screen", () => {
    const d = handedOver();
    d.back();
    renderInApp(<ReferralList view={viewCase(d.session, new Date(at(10)))} />, { locale: "en" });
    expect(screen.getByText(/It had been handed over/).textContent).toContain(
      'the officer went back and undid the step "Notify child protection"',
    );
  });

  it("keeps showing the sentence an older record stored, when it carries no cause", () => {
    const d = handedOver();
    d.correct("hurt", false);
    const view = viewCase(d.session, new Date(at(10)));
    const stored: ReferralView = {
      ...view.referrals[0],
      supersededBy: undefined,
      supersededStep: undefined,
      note: 'the answer at step "hurt" was corrected',
    };
    renderInApp(<ReferralList view={{ ...view, referrals: [stored] }} />, { locale: "es" });
    expect(screen.getByText(/Ya se había entregado/).textContent).toContain('the answer at step "hurt" was corrected');
  });

  it("does not name a step the viewer may not see", () => {
    const d = handedOver();
    d.correct("hurt", false);
    const view = viewCase(d.session, new Date(at(10)));
    const withheld: ReferralView = {
      ...view.referrals[0],
      supersededBy: { cause: "corrected", step: "" },
      supersededStep: undefined,
    };
    renderInApp(<ReferralList view={{ ...view, referrals: [withheld] }} />, { locale: "es" });
    expect(screen.getByText(/Ya se había entregado/).textContent).toContain("se corrigió una respuesta anterior");
  });
});

describe("the slip of a referral handed over before a correction", () => {
  it("says in Spanish which answer was corrected", async () => {
    const d = handedOver();
    d.correct("hurt", false);
    const view = viewCase(d.session, new Date(at(10)));
    const handle = { busy: false, send: async () => ({ ok: true, dropped: [] }) } as unknown as CaseHandle;
    const store = await CaseStore.open({ name: "superseded-slip" });
    renderInApp(<ReferralSlip handle={handle} session={d.session} view={view} service="senniaf" />, {
      store,
      locale: "es",
      role: "iom-protection-officer",
    });
    const notice = await screen.findByText(/Referencia ya entregada antes de una corrección/);
    expect(notice.textContent).toContain("(se corrigió la respuesta del paso «hurt (es)»)");
    expect(notice.textContent).not.toContain("was corrected");
    await store.close();
  });
});
