// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { PUBLIC_SURFACE, redactView, replayCase, viewCase } from "../../src/engine/index";
import { CaseStore, summarizeCase } from "../../src/store/index";
import { CasePage } from "../../src/ui/runner/CasePage";
import { CaseStatusBar } from "../../src/ui/runner/CaseStatusBar";
import { caseMessagesEs as caseEs } from "../../src/ui/runner/i18n/caseMessages";
import { whenSaved } from "../../src/ui/runner/useCaseSession";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { ADULT_ON_TREATMENT, compileDesk, seedDesk } from "./deskCase";
import { fixedClock, renderInApp } from "./renderInApp";

// The case screens load the SOP a case was opened on; here, the fixture desk SOP with its own catalog.
vi.mock("../../src/ui/shared/loadCompiledSop", async (original) => {
  const actual = await original<typeof import("../../src/ui/shared/loadCompiledSop")>();
  const { compileDesk } = await import("./deskCase");
  return {
    ...actual,
    loadCompiledSop: async (id: string) => (id === "desk" ? compileDesk() : actual.loadCompiledSop(id)),
    loadCompiledSopOfCase: async (pin: { id: string }) =>
      pin.id === "desk" ? compileDesk() : actual.loadCompiledSopOfCase(pin as never),
  };
});

const ALL = "iom-protection-officer"; // sees public, restricted and confidential
const stores: CaseStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  localStorage.clear();
});

async function newStore() {
  const store = await CaseStore.open({ name: `protection-${Math.random()}` });
  stores.push(store);
  return store;
}

async function replayStored(store: CaseStore, caseId: string) {
  const replay = replayCase(compileDesk(), await store.loadEvents(caseId));
  if (!replay.ok) throw new Error(replay.reason);
  return replay.session;
}

const HIV = "Tratamiento del VIH";
const REFILL = "Reposición de antirretrovirales";
const NEUTRAL_HIV = "Necesidad de salud confidencial: vea al equipo de salud";

describe("what a case shows depends on who looks", () => {
  it("keeps a confidential flag and its deadline out of the stored summary and its search, with neutral words", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-HIV", ADULT_ON_TREATMENT.slice(0, 6));
    const summary = store.getSummary("C-HIV")!;
    const stored = JSON.stringify(summary);
    expect(stored).not.toContain("hiv-care");
    expect(stored).not.toContain(REFILL);
    expect(stored).not.toContain("Clínica");
    expect(summary.hiddenFlags).toEqual({ labels: [{ es: NEUTRAL_HIV, en: expect.any(String) }], unlabelled: 0 });
    // The referral to the clinic falls due first (24 h) and is confidential: its time is kept, its name is not.
    expect(summary.nextDeadline).toEqual({ id: "", dueAt: new Date(at + 24 * 3_600_000).toISOString() });
    expect(store.listSummaries({ text: "antirretro" })).toEqual([]);
    expect(store.listSummaries({ text: "clinica" })).toEqual([]);
    expect(store.listSummaries({ dueWithinHours: 30, now: new Date(at) }).map((s) => s.caseId)).toEqual(["C-HIV"]);
  });

  it("shows the case header as a public surface, whoever looks", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-HIV", ADULT_ON_TREATMENT.slice(0, 6));
    const view = viewCase(await replayStored(store, "C-HIV"), new Date(at));
    renderInApp(<CaseStatusBar view={redactView(view, PUBLIC_SURFACE)} />, { role: ALL });
    const header = document.body.textContent!;
    expect(header).not.toContain(HIV);
    expect(header).not.toContain(REFILL);
    expect(header).toContain(NEUTRAL_HIV);
    // Three confidential deadlines (the refill, the clinic's handover, the follow-up): one neutral line.
    expect(screen.getByText("3 plazos confidenciales (vea al equipo a cargo); el más próximo")).toBeTruthy();
  });

  it("names the flag and its deadline in the case body only for a role that sees them", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-HIV", ADULT_ON_TREATMENT.slice(0, 6));
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    const first = renderInApp(<CasePage caseId="C-HIV" view="summary" />, { store, clock });
    await screen.findByRole("heading", { level: 1, name: "Resumen del caso C-HIV" });
    expect(document.body.textContent).not.toContain(HIV);
    expect(document.body.textContent).not.toContain(REFILL);
    expect(screen.getAllByText(NEUTRAL_HIV).length).toBeGreaterThan(0);
    expect(screen.getAllByText(caseEs["referral.hidden"], { exact: false }).length).toBe(1);
    first.unmount();

    const second = renderInApp(<CasePage caseId="C-HIV" view="summary" />, { store, clock, role: ALL });
    await screen.findByRole("heading", { level: 1, name: "Resumen del caso C-HIV" });
    const body = screen.getByRole("region", { name: es["case.flags"] });
    expect(within(body).getByText(HIV)).toBeTruthy();
    expect(within(body).getByText(REFILL)).toBeTruthy();
    second.unmount();

    // On the step screen, the header above the step stays public for this role too.
    renderInApp(<CasePage caseId="C-HIV" view="step" />, { store, clock, role: ALL });
    await screen.findByRole("heading", { level: 2, name: "Medicinas que necesita" });
    const header = document.querySelector(".status-bar")!.textContent!;
    expect(header).toContain(NEUTRAL_HIV);
    expect(header).not.toContain(HIV);
    expect(header).not.toContain(REFILL);
  });
});

describe("standing instructions", () => {
  it("raises one by hand with a reason, then shows it on the step, the summary and every slip it concerns", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-LIST", ADULT_ON_TREATMENT.slice(0, 2));
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    const step = renderInApp(<CasePage caseId="C-LIST" view="step" />, { store, clock });
    await screen.findByRole("heading", { level: 2, name: "Viaja sin acompañante" });
    fireEvent.click(await screen.findByText(caseEs["instruction.open"]));
    fireEvent.change(screen.getByLabelText(caseEs["instruction.choose"]), { target: { value: "not-on-lists" } });
    fireEvent.click(screen.getByRole("button", { name: caseEs["instruction.submit"] }));
    expect(await screen.findByText(caseEs["instruction.reasonMissing"])).toBeTruthy();
    fireEvent.change(screen.getByLabelText(caseEs["instruction.reason"]), {
      target: { value: "Lo pidió la persona." },
    });
    fireEvent.click(screen.getByRole("button", { name: caseEs["instruction.submit"] }));
    const banner = await screen.findByRole("region", { name: caseEs["instruction.title"] });
    expect(banner.textContent).toContain("No poner a esta persona en listas públicas");
    expect(banner.textContent).toContain("Lo pidió la persona.");
    // Said once: the banner holds it, the flags above the step do not repeat it.
    expect(document.querySelector(".status-bar")!.textContent).not.toContain(
      within(banner)
        .getByText(/No poner a esta persona en listas públicas/, { exact: false })
        .textContent!.split(":")[0],
    );
    await whenSaved();
    expect((await store.loadEvents("C-LIST")).at(-1)).toMatchObject({
      type: "FLAG_SET",
      flag: "not-on-lists",
      raise: true,
      reason: "Lo pidió la persona.",
    });
    step.unmount();

    // Finish the case elsewhere, then look at the summary and the slips.
    const session = await replayStored(store, "C-LIST");
    let time = at + 120_000;
    for (const input of ADULT_ON_TREATMENT.slice(2)) {
      time += 60_000;
      const result = session.send({ ...input, at: new Date(time).toISOString(), by: "OF-7" } as never);
      if (!result.ok) throw new Error(result.reason);
    }
    const seq = (await store.loadEvents("C-LIST")).length;
    await store.appendEvents(
      "C-LIST",
      seq,
      session.events.slice(seq),
      summarizeCase(viewCase(session, new Date(time)), session.events.length),
    );
    const later = fixedClock(new Date(time + 60_000).toISOString());
    for (const view of ["summary", "step"] as const) {
      const shown = renderInApp(<CasePage caseId="C-LIST" view={view} />, { store, clock: later });
      const region = await screen.findByRole("region", { name: caseEs["instruction.title"] });
      expect(region.textContent).toContain("No poner a esta persona en listas públicas");
      shown.unmount();
    }
    renderInApp(<CasePage caseId="C-LIST" view="slip" service="site-office" />, { store, clock: later });
    await screen.findByRole("heading", { level: 1, name: "Oficina del sitio" });
    expect(screen.getByRole("region", { name: caseEs["instruction.title"] }).textContent).toContain(
      "No poner a esta persona en listas públicas",
    );
    // The queue row says so too, as a public flag's instruction.
    expect(store.getSummary("C-LIST")!.flags).toContain("not-on-lists");
  });

  it("shows a restricted instruction by its neutral words to a public role, and forbids what it forbids", async () => {
    const store = await newStore();
    const inputs = [
      ...ADULT_ON_TREATMENT.slice(0, 3),
      { type: "FLAG_SET", flag: "no-consular-contact", raise: true, reason: "Teme a las autoridades de su país." },
      { type: "ANSWERED", step: "consent-health", value: false },
      { type: "ANSWERED", step: "ask-tracing", value: true },
      { type: "REFERRED", step: "refer-tracing", consent: true },
    ] as const;
    const at = await seedDesk(store, "C-CONSUL", inputs);
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    const publicRole = renderInApp(<CasePage caseId="C-CONSUL" view="step" />, { store, clock });
    await screen.findByRole("heading", { level: 2, name: "Consulado: documentos" });
    const banner = screen.getByRole("region", { name: caseEs["instruction.title"] });
    expect(banner.textContent).toContain("Instrucción permanente: vea al equipo de protección");
    expect(banner.textContent).not.toContain("consulado");
    // Only "record as not made" is offered, with a neutral line for the instruction the role may not read.
    expect(screen.getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual([
      `1${caseEs["referral.recordNotMade"]}`,
    ]);
    expect(screen.getByText(caseEs["instruction.hiddenForbids"])).toBeTruthy();
    publicRole.unmount();

    renderInApp(<CasePage caseId="C-CONSUL" view="step" />, { store, clock, role: ALL });
    await screen.findByRole("heading", { level: 2, name: "Consulado: documentos" });
    // On the banner and on the step, in the instruction's own words.
    expect(
      screen.getAllByText("Ningún contacto con el consulado del país de la persona.", { exact: false }),
    ).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    await screen.findByRole("heading", { level: 2, name: caseEs["case.pendingTitle"] });
    await whenSaved();
    const session = await replayStored(store, "C-CONSUL");
    expect(session.context.referralByService.get("consulate")?.status).toBe("forbidden");
  });
});

describe("referrals", () => {
  it("merges two referrals to one service into one slip with the highest urgency and both reasons", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-MERGE", ADULT_ON_TREATMENT);
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    const summary = renderInApp(<CasePage caseId="C-MERGE" view="summary" />, { store, clock, role: ALL });
    await screen.findByRole("heading", { level: 1, name: "Resumen del caso C-MERGE" });
    const clinic = screen
      .getAllByText("Clínica de la estación")
      .map((e) => e.closest("li.referral-item"))
      .filter(Boolean);
    expect(new Set(clinic).size).toBe(1);
    expect(clinic[0]!.textContent).toContain("Inmediata");
    expect(clinic[0]!.textContent).toContain("Continuidad del tratamiento");
    expect(clinic[0]!.textContent).toContain("Revisión médica");
    expect(screen.getAllByRole("link", { name: /^Hoja de referencia: Clínica de la estación$/ })).toHaveLength(1);
    summary.unmount();

    renderInApp(<CasePage caseId="C-MERGE" view="slip" service="clinic" />, { store, clock, role: ALL });
    await screen.findByRole("heading", { level: 1, name: "Clínica de la estación" });
    const slip = document.querySelector(".slip")!.textContent!;
    expect(slip).toContain("Continuidad del tratamiento");
    expect(slip).toContain("Revisión médica");
    expect(slip).toContain("Insulina");
    expect(slip).toContain("Nivel de esta hoja: confidencial");
  });

  it("never puts a restricted fact on a public service's slip, and says how much it left off", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-SITE", ADULT_ON_TREATMENT);
    renderInApp(<CasePage caseId="C-SITE" view="slip" service="site-office" />, {
      store,
      clock: fixedClock(new Date(at + 60_000).toISOString()),
      role: ALL,
    });
    await screen.findByRole("heading", { level: 1, name: "Oficina del sitio" });
    const slip = document.querySelector(".slip")!.textContent!;
    expect(slip).toContain("30");
    expect(slip).not.toContain("Insulina");
    expect(slip).toContain("Se omitió 1 dato que este servicio no puede recibir.");
    expect(slip).toContain("Nivel de esta hoja: pública");
  });

  it("records a referral that is not needed, with why, apart from one the person declines", async () => {
    const store = await newStore();
    const inputs = [
      ...ADULT_ON_TREATMENT.slice(0, 3),
      { type: "ANSWERED", step: "consent-health", value: false },
      { type: "ANSWERED", step: "ask-tracing", value: true },
    ] as const;
    const at = await seedDesk(store, "C-TRACE", inputs);
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    renderInApp(<CasePage caseId="C-TRACE" view="step" />, { store, clock });
    const heading = await screen.findByRole("heading", { level: 2, name: "Búsqueda de familia" });
    fireEvent.keyDown(heading, { key: "3" });
    expect(screen.getByText(`${caseEs["step.chosen"].replace("{choice}", caseEs["referral.notNeeded"])}`)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    expect(await screen.findByText(caseEs["referral.notNeededMissing"])).toBeTruthy();
    fireEvent.change(screen.getByLabelText(caseEs["referral.notNeededReason"]), {
      target: { value: "Su hermana llegó ayer y está en el albergue." },
    });
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    await screen.findByRole("heading", { level: 2, name: "Consulado: documentos" });
    await whenSaved();
    const saved = (await store.loadEvents("C-TRACE")).at(-1);
    expect(saved).toMatchObject({
      type: "REFERRED",
      step: "refer-tracing",
      consent: false,
      notNeeded: "Su hermana llegó ayer y está en el albergue.",
    });
  });
});

describe("what keeps a case open", () => {
  it("keeps a case pending while a follow-up or a handover is open, and finishes it once they are recorded", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-OPEN", ADULT_ON_TREATMENT);
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    renderInApp(<CasePage caseId="C-OPEN" view="summary" />, { store, clock, role: ALL });
    await screen.findByRole("heading", { level: 1, name: "Resumen del caso C-OPEN" });
    expect(document.querySelector(".facts")!.textContent).toContain(es["status.pending"]);
    expect(store.getSummary("C-OPEN")!.status).toBe("pending");

    fireEvent.click(
      screen.getByRole("button", { name: `${caseEs["followUp.recordDone"]}: Confirmar que llegó a la clínica` }),
    );
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Registrar como hecho/ })).toBeNull());
    expect(store.getSummary("C-OPEN")!.status).toBe("pending");
    for (const service of ["Clínica de la estación", "Oficina del sitio"]) {
      const button = screen.getByRole("button", { name: `${caseEs["referral.markHandedOver"]}: ${service}` });
      await waitFor(() => expect(button).toHaveProperty("disabled", false));
      fireEvent.click(button);
      await screen.findByRole(
        "button",
        { name: `${caseEs["referral.markAcknowledged"]}: ${service}` },
        { timeout: 5000 },
      );
    }
    await waitFor(() => expect(store.getSummary("C-OPEN")!.status).toBe("finished"));
    expect(document.querySelector(".facts")!.textContent).toContain(es["status.finished"]);
  });

  it("pauses a case with a reason and resumes it where it was", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-PAUSE", ADULT_ON_TREATMENT.slice(0, 2));
    renderInApp(<CasePage caseId="C-PAUSE" view="step" />, {
      store,
      clock: fixedClock(new Date(at + 60_000).toISOString()),
    });
    await screen.findByRole("heading", { level: 2, name: "Viaja sin acompañante" });
    fireEvent.click(await screen.findByText(caseEs["pause.open"]));
    fireEvent.change(screen.getByLabelText(caseEs["pause.reason"]), { target: { value: "Llevada a la clínica." } });
    fireEvent.click(screen.getByRole("button", { name: caseEs["pause.submit"] }));
    await screen.findByRole("heading", { level: 2, name: caseEs["pause.title"] });
    expect(screen.getByText(/Llevada a la clínica\./)).toBeTruthy();
    await whenSaved();
    expect(store.getSummary("C-PAUSE")!.status).toBe("paused");
    fireEvent.click(screen.getByRole("button", { name: caseEs["pause.resume"] }));
    await screen.findByRole("heading", { level: 2, name: "Viaja sin acompañante" });
    await whenSaved();
    expect(store.getSummary("C-PAUSE")!.status).toBe("active");
  });
});

describe("new information", () => {
  it("updates an answer the SOP declares updatable, keeps the earlier one true for its time, and re-routes", async () => {
    const store = await newStore();
    const inputs = [
      { type: "ACKNOWLEDGED", step: "welcome" },
      { type: "ANSWERED", step: "ask-age", value: 15 },
      { type: "ANSWERED", step: "ask-alone", value: false },
    ] as const;
    const at = await seedDesk(store, "C-NEW", inputs);
    renderInApp(<CasePage caseId="C-NEW" view="summary" />, {
      store,
      clock: fixedClock(new Date(at + 60_000).toISOString()),
      role: ALL,
    });
    await screen.findByRole("heading", { level: 1, name: "Resumen del caso C-NEW" });
    // Only the updatable question offers new information; every answer offers a correction.
    expect(screen.queryByRole("button", { name: `${caseEs["update.open"]}: Edad` })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: `${caseEs["update.open"]}: Viaja sin acompañante` }));
    const item = screen.getByRole("heading", { level: 3, name: "Viaja sin acompañante" }).closest("li")!;
    fireEvent.click(within(item).getByRole("radio", { name: es["answer.yes"] }));
    fireEvent.click(within(item).getByRole("button", { name: caseEs["update.save"] }));
    expect(await within(item).findByText(caseEs["update.reasonMissing"])).toBeTruthy();
    fireEvent.change(within(item).getByLabelText(caseEs["update.reason"]), {
      target: { value: "El tío que la acompañaba se fue; verificado por el equipo." },
    });
    fireEvent.click(within(item).getByRole("button", { name: caseEs["update.save"] }));
    await within(item).findByRole("list", { name: "Respuestas anteriores a «Viaja sin acompañante»" });
    expect(item.textContent).toContain("No. Información nueva (OF-7): El tío que la acompañaba se fue");
    await whenSaved();
    const session = await replayStored(store, "C-NEW");
    expect(session.context.flags).toContain("child-alone");
    expect(session.activeSteps()).toEqual(["notify-child"]);
  });
});

describe("people travelling together", () => {
  it("links a household of three both ways, lists each member children first, and states it on the slip", async () => {
    const store = await newStore();
    const at = await seedDesk(store, "C-MUM", ADULT_ON_TREATMENT);
    const clock = fixedClock(new Date(at + 60_000).toISOString());
    const group = renderInApp(<CasePage caseId="C-MUM" view="group" />, { store, clock });
    await screen.findByRole("heading", { level: 1, name: caseEs["group.title"] });

    const linked = async () =>
      (await store.loadEvents("C-MUM")).flatMap((e) => (e.type === "RELATIONSHIP_RECORDED" ? [e.otherCase] : []));
    const add = async (relation: string, claimedBy: string) => {
      const before = (await linked()).length;
      const form = screen.getByRole("region", { name: caseEs["group.add"] });
      fireEvent.change(within(form).getByLabelText(caseEs["group.relation"]), { target: { value: relation } });
      fireEvent.change(within(form).getByLabelText(caseEs["group.claimedBy"]), { target: { value: claimedBy } });
      fireEvent.click(within(form).getByRole("button", { name: caseEs["group.addSubmit"] }));
      await waitFor(async () => expect(await linked()).toHaveLength(before + 1), { timeout: 5000 });
      const added = (await linked()).at(-1)!;
      // The other side is recorded once the notice names the new case.
      await within(form).findByText(`Caso ${added} abierto y unido al grupo.`, { exact: false }, { timeout: 5000 });
    };
    await add("child", "this");
    await add("partner", "both");
    await waitFor(() => expect(store.listSummaries({ group: "C-MUM" })).toHaveLength(3));
    expect(screen.getByText(/^2 personas del grupo todavía no fueron entrevistadas/)).toBeTruthy();

    // Each relationship is on both cases, in its mirror form.
    const members = store.listSummaries({ group: "C-MUM" }).filter((s) => s.caseId !== "C-MUM");
    const mum = await replayStored(store, "C-MUM");
    const child = mum.relationships.find((r) => r.relation === "child")!;
    const partner = mum.relationships.find((r) => r.relation === "partner")!;
    expect(child).toMatchObject({ claimedBy: "this", verified: false });
    expect(members.map((m) => m.caseId).sort()).toEqual([child.otherCase, partner.otherCase].sort());
    const childCase = await replayStored(store, child.otherCase);
    expect(childCase.opened.group).toBe("C-MUM");
    expect(childCase.relationships).toEqual([
      expect.objectContaining({ otherCase: "C-MUM", relation: "parent", claimedBy: "other" }),
    ]);

    // The child is screened (elsewhere): the group lists the child first, with an age.
    const { recordOnCase } = await import("../../src/ui/runner/loadCaseSession");
    for (const input of [
      { type: "ACKNOWLEDGED", step: "welcome" },
      { type: "ANSWERED", step: "ask-age", value: 8 },
    ] as const)
      expect((await recordOnCase(store, child.otherCase, input, "OF-7", clock.now())).ok).toBe(true);
    await waitFor(() =>
      expect(document.querySelector(".group-member")!.textContent).toMatch(/^Su hijo o hija · 8 años/),
    );
    expect(screen.getByText(/^1 persona del grupo todavía no fue entrevistada/)).toBeTruthy();
    group.unmount();

    renderInApp(<CasePage caseId="C-MUM" view="slip" service="site-office" />, { store, clock });
    await screen.findByRole("heading", { level: 1, name: "Oficina del sitio" });
    const household = screen.getByRole("region", { name: caseEs["slip.household"] });
    await waitFor(() =>
      expect([...household.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
        "Su hijo o hija · 8 años",
        "Esta persona · 30 años",
        "Su pareja · edad sin registrar",
      ]),
    );
  });
});
