// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import type { StepView } from "../../src/engine/index";
import { caseMessagesEs as caseEs } from "../../src/ui/runner/i18n/caseMessages";
import { StepCard, type StepInput } from "../../src/ui/runner/StepCard";
import { messagesEn as en } from "../../src/ui/shared/i18n/messagesEn";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { renderInApp } from "./renderInApp";

const procedure = { es: "Niñez no acompañada", en: "Unaccompanied children" };

function question(answer: StepView["answer"], extra: Partial<StepView> = {}): StepView {
  return {
    path: "ask",
    id: "ask",
    kind: "question",
    title: { es: "Con quién viaja", en: "Travelling with" },
    say: { es: "¿Con quién viaja?", en: "Who are you travelling with?" },
    guidance: { es: "Solo para usted.", en: "For you only." },
    procedure,
    level: "public",
    answer,
    remaining: 3,
    ...extra,
  };
}

const travellingWith = question({
  type: "one-of",
  options: [
    { value: "alone", label: { es: "Solo o sola", en: "Alone" } },
    { value: "parent", label: { es: "Con su padre o madre", en: "With a parent" } },
    { value: "relative", label: { es: "Con otro pariente", en: "With a relative" } },
  ],
});

function renderCard(
  step: StepView,
  props: Partial<Pick<Parameters<typeof StepCard>[0], "problem" | "onBack" | "interview" | "instructions">> = {},
  locale: "es" | "en" = "es",
) {
  const sent: StepInput[] = [];
  renderInApp(<StepCard step={step} onSubmit={(input) => sent.push(input)} {...props} />, { locale });
  return { sent, heading: screen.getByRole("heading", { level: 2 }) };
}

type Showing = { step: StepView; key: string };
let show: (next: Showing) => void = () => undefined;

/** One step card whose step the test changes in place (`show`), as the case screen does from answer to answer. */
function Shown({ first, onSubmit }: { first: Showing; onSubmit(input: StepInput): void }) {
  const [shown, setShown] = useState(first);
  show = (next) => act(() => setShown(next));
  return <StepCard step={shown.step} stepKey={shown.key} onSubmit={onSubmit} />;
}

describe("the step card", () => {
  it("shows what to read aloud apart from the officer's guidance, and takes the focus on its heading", async () => {
    const { heading } = renderCard(travellingWith);
    expect(heading).toHaveProperty("textContent", "Con quién viaja");
    // Once the step is painted, not before.
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const say = screen.getByText("¿Con quién viaja?").closest(".say");
    const guidance = screen.getByText("Solo para usted.").closest(".guidance");
    expect(say?.textContent).toContain(es["step.sayLabel"]);
    expect(guidance?.textContent).toContain(es["step.guidanceLabel"]);
    expect(say?.contains(screen.getByText("Solo para usted."))).toBe(false);
  });

  it("is reused from step to step: what was picked or typed at one step never shows on the next", async () => {
    const sent: StepInput[] = [];
    const age = question(
      { type: "number", min: 0, max: 120 },
      { path: "age", id: "age", title: { es: "Edad", en: "Age" } },
    );
    renderInApp(<Shown first={{ step: travellingWith, key: "ask:0" }} onSubmit={(input) => sent.push(input)} />);
    const section = document.querySelector(".step-card");
    fireEvent.click(screen.getByRole("radio", { name: "Con otro pariente" }));
    fireEvent.keyDown(screen.getByRole("heading", { level: 2 }), { key: "9" });
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    expect(sent).toEqual([{ type: "ANSWERED", step: "ask", value: "relative" }]);

    // The same step again (say, after going back), then another: each opens empty, in the same card.
    show({ step: travellingWith, key: "ask:1" });
    expect(document.querySelector(".step-card")).toBe(section);
    expect(section?.getAttribute("data-step")).toBe("ask:1");
    for (const radio of screen.getAllByRole("radio")) expect(radio).toHaveProperty("checked", false);
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    expect(screen.getByRole("alert").textContent).not.toBe("");

    show({ step: age, key: "age:1" });
    expect(document.querySelector(".step-card")).toBe(section);
    const field = screen.getByRole("spinbutton") as HTMLInputElement;
    expect(field.value).toBe("");
    expect(screen.getByRole("alert").textContent).toBe("");
    fireEvent.change(field, { target: { value: "14" } });
    show({ step: age, key: "age:2" });
    expect((screen.getByRole("spinbutton") as HTMLInputElement).value).toBe("");
    // The focus moves to the new step's heading, a new element (so that screen readers announce it).
    const heading = screen.getByRole("heading", { level: 2 });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    show({ step: travellingWith, key: "ask:3" });
    expect(screen.getByRole("heading", { level: 2 })).not.toBe(heading);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2 })));
  });

  it("touches only the options the next step changes, not every option of the list", async () => {
    renderInApp(<Shown first={{ step: travellingWith, key: "ask:0" }} onSubmit={() => undefined} />);
    const [alone, parent, relative] = screen.getAllByRole("radio");
    const changed = new Set<Node>();
    const observer = new MutationObserver((records) => {
      for (const r of records) changed.add(r.target);
    });
    observer.observe(document.querySelector(".choices")!, { subtree: true, attributes: true });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

    // (A pick touches every radio of the group: React puts each back as its props say.)
    fireEvent.click(parent);
    await settle();
    expect(parent).toHaveProperty("checked", true);

    // The next step with the same options: only the one picked before changes (it is no longer picked).
    changed.clear();
    show({ step: { ...travellingWith, path: "ask-again", id: "ask-again" }, key: "ask-again:1" });
    await settle();
    observer.disconnect();
    expect(parent).toHaveProperty("checked", false);
    expect(changed.has(alone)).toBe(false);
    expect(changed.has(relative)).toBe(false);
    expect(screen.getAllByRole("radio")).toEqual([alone, parent, relative]);
  });

  it("picks an option with its number key and continues with Enter", () => {
    const { sent, heading } = renderCard(travellingWith);
    fireEvent.keyDown(heading, { key: "3" });
    expect(screen.getByRole("radio", { name: "Con otro pariente" })).toHaveProperty("checked", true);
    fireEvent.keyDown(heading, { key: "2" });
    expect(screen.getByRole("radio", { name: "Con su padre o madre" })).toHaveProperty("checked", true);
    fireEvent.keyDown(heading, { key: "9" });
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([{ type: "ANSWERED", step: "ask", value: "parent" }]);
  });

  it("answers yes or no with 1 and 2, and names the options for screen readers", () => {
    const { sent, heading } = renderCard(question({ type: "yes-no" }));
    expect(screen.getAllByRole("radio").map((r) => r.closest("label")?.textContent)).toEqual(["1Sí", "2No"]);
    fireEvent.keyDown(heading, { key: "2" });
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    expect(sent).toEqual([{ type: "ANSWERED", step: "ask", value: false }]);
  });

  it("refuses to continue without a choice, and says so next to the input", () => {
    const { sent, heading } = renderCard(travellingWith);
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([]);
    expect(screen.getByRole("alert").textContent).toBe(es["answer.choose"]);
    expect(screen.getByRole("group").getAttribute("aria-describedby")).toBe(screen.getByRole("alert").id);
  });

  it("checks a number against its range before sending, and leaves typed digits alone", () => {
    const { sent } = renderCard(
      question(
        { type: "number", min: 0, max: 120, unit: { es: "años", en: "years" } },
        { title: { es: "Edad", en: "Age" } },
      ),
    );
    const input = screen.getByRole("spinbutton");
    fireEvent.keyDown(input, { key: "1" });
    fireEvent.change(input, { target: { value: "130" } });
    fireEvent.submit(input.closest("form")!);
    expect(sent).toEqual([]);
    expect(screen.getByRole("alert").textContent).toBe("Escriba un número entre 0 y 120.");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(input, { target: { value: "15" } });
    fireEvent.submit(input.closest("form")!);
    expect(sent).toEqual([{ type: "ANSWERED", step: "ask", value: 15 }]);
  });

  it("shows a refusal from the engine, translated, next to the input", () => {
    renderCard(travellingWith, { problem: es["refusal.invalid-value"] });
    expect(screen.getByRole("alert").textContent).toBe(es["refusal.invalid-value"]);
  });

  it("ticks checklist items by number and will not continue until the required ones are ticked", () => {
    const { sent, heading } = renderCard({
      path: "prepare",
      id: "prepare",
      kind: "checklist",
      title: { es: "Preparar", en: "Prepare" },
      procedure,
      level: "public",
      items: [
        { id: "room", text: { es: "Sala privada", en: "Private room" }, required: true },
        { id: "water", text: { es: "Agua", en: "Water" }, required: false },
      ],
      remaining: 2,
    });
    fireEvent.keyDown(heading, { key: "2" });
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([]);
    expect(screen.getByRole("alert").textContent).toBe("Marque lo obligatorio: Sala privada");
    fireEvent.keyDown(heading, { key: "1" });
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([{ type: "CHECKED", step: "prepare", items: ["water", "room"] }]);
  });

  it("shows a referral's service and urgency, records the consent, and marks a mandatory one", () => {
    const { sent, heading } = renderCard({
      path: "run-uasc/notify-senniaf",
      id: "notify-senniaf",
      kind: "referral",
      title: { es: "Notificar a SENNIAF", en: "Notify SENNIAF" },
      procedure,
      level: "public",
      service: {
        id: "senniaf",
        name: { es: "SENNIAF", en: "SENNIAF" },
        agency: "SENNIAF",
        confidentiality: "restricted",
      },
      urgency: "immediate",
      reason: { es: "Niño solo", en: "Child alone" },
      requiresConsent: false,
      remaining: 1,
    });
    expect(screen.getByText(es["urgency.immediate"])).toBeTruthy();
    expect(screen.getByText(es["referral.mandatory"])).toBeTruthy();
    fireEvent.keyDown(heading, { key: "2" });
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([{ type: "REFERRED", step: "run-uasc/notify-senniaf", consent: false }]);
  });

  it("acknowledges an instruction with Enter, offers going back, and speaks English when asked", () => {
    let back = 0;
    const { sent, heading } = renderCard(
      {
        path: "welcome",
        id: "welcome",
        kind: "instruction",
        title: { es: "Bienvenida", en: "Welcome" },
        procedure,
        level: "public",
        remaining: 4,
      },
      { onBack: () => back++ },
      "en",
    );
    expect(heading.textContent).toBe("Welcome");
    expect(screen.getByText(procedure.en)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: en["step.back"] }));
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(back).toBe(1);
    expect(sent).toEqual([{ type: "ACKNOWLEDGED", step: "welcome" }]);
  });

  it("will not take a sensitive answer before the consent it needs", () => {
    const { sent, heading } = renderCard(question({ type: "yes-no" }, { sensitive: "gbv", consentGiven: false }));
    expect(screen.getByText(es["step.consentMissing"])).toBeTruthy();
    expect(screen.queryAllByRole("radio")).toEqual([]);
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([]);
  });

  it("announces what a number key ticked or chose, for screen readers", () => {
    const { heading } = renderCard(
      question({
        type: "several-of",
        options: [
          { value: "fever", label: { es: "Fiebre", en: "Fever" } },
          { value: "pain", label: { es: "Dolor", en: "Pain" } },
        ],
      }),
    );
    const live = document.querySelector("[aria-live=polite]")!;
    fireEvent.keyDown(heading, { key: "2" });
    expect(live.textContent).toBe("Marcado: Dolor");
    fireEvent.keyDown(heading, { key: "2" });
    expect(live.textContent).toBe("Desmarcado: Dolor");
  });

  it("reads aloud in the interview language, with the officer's language beneath and a mark when not reviewed", () => {
    const say = { es: "¿Cuántos años tiene?", en: "How old are you?", ht: "Ki laj ou?", fr: "Quel âge avez-vous ?" };
    renderCard(question({ type: "number" }, { say }), { interview: { language: "ht", reviewed: false } });
    const box = document.querySelector(".say")!;
    expect(box.querySelector("[lang=ht]")!.textContent).toBe("Ki laj ou?");
    expect(box.querySelector(".say-own")!.textContent).toContain("¿Cuántos años tiene?");
    // Creole above Spanish, in that order.
    expect(box.textContent!.indexOf("Ki laj ou?")).toBeLessThan(box.textContent!.indexOf("¿Cuántos años tiene?"));
    expect(box.textContent).toContain(caseEs["step.unreviewed"]);
    expect(box.textContent).toMatch(/criollo haitiano/);
    cleanup();

    renderCard(question({ type: "number" }, { say }), { interview: { language: "fr", reviewed: true } }, "en");
    const reviewed = document.querySelector(".say")!;
    expect(reviewed.querySelector("[lang=fr]")!.textContent).toBe("Quel âge avez-vous ?");
    expect(reviewed.querySelector(".say-own")!.textContent).toContain("How old are you?");
    expect(reviewed.textContent).not.toContain("translation not reviewed");
  });

  it("says so when a step has no text in the interview language, and shows the officer's", () => {
    renderCard(question({ type: "number" }), { interview: { language: "pt", reviewed: false } });
    const box = document.querySelector(".say")!;
    expect(box.textContent).toContain("Este paso no tiene texto en portugués");
    expect(box.textContent).toContain("¿Con quién viaja?");
    expect(box.textContent).not.toContain(caseEs["step.unreviewed"]);
  });

  const referral = (extra: Partial<StepView>): StepView => ({
    path: "refer",
    id: "refer",
    kind: "referral",
    title: { es: "Búsqueda de familia", en: "Family tracing" },
    procedure,
    level: "public",
    service: {
      id: "tracing",
      name: { es: "Búsqueda de familia", en: "Tracing" },
      agency: "CICR",
      confidentiality: "restricted",
    },
    urgency: "routine",
    reason: { es: "Busca a su hermana", en: "Looking for a sister" },
    requiresConsent: true,
    remaining: 1,
    ...extra,
  });

  it("offers accepted, declined and not needed (with why) for a referral, and says when it adds to one made", () => {
    const { sent, heading } = renderCard(referral({ mergesInto: "made" }));
    expect(screen.getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual([
      `1${es["referral.consents"]}`,
      `2${es["referral.declines"]}`,
      `3${caseEs["referral.notNeeded"]}`,
    ]);
    expect(screen.getByText(/El caso ya tiene una referencia a Búsqueda de familia \(hecha\)/)).toBeTruthy();
    fireEvent.keyDown(heading, { key: "3" });
    fireEvent.change(screen.getByLabelText(caseEs["referral.notNeededReason"]), { target: { value: "La encontró." } });
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    expect(sent).toEqual([{ type: "REFERRED", step: "refer", consent: false, notNeeded: "La encontró." }]);
  });

  it("asks whether to add to a referral already made, never to refer again, and records 'do not add' as a no", () => {
    const { sent, heading } = renderCard(
      referral({
        mergesInto: "made",
        addition: true,
        say: { es: "Usted ya aceptó que le pongamos en contacto con este servicio.", en: "You already agreed." },
      }),
    );
    expect(screen.getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual([
      `1${es["referral.add"]}`,
      `2${es["referral.doNotAdd"]}`,
      `3${caseEs["referral.notNeeded"]}`,
    ]);
    expect(screen.queryByText(es["referral.consents"])).toBeNull();
    expect(screen.getByText(/La persona ya tiene una referencia a Búsqueda de familia/)).toBeTruthy();
    expect(screen.queryByText(/El caso ya tiene una referencia/)).toBeNull();
    expect(
      screen.getByText("Usted ya aceptó que le pongamos en contacto con este servicio.").closest(".say"),
    ).toBeTruthy();
    fireEvent.keyDown(heading, { key: "2" });
    fireEvent.click(screen.getByRole("button", { name: es["step.continue"] }));
    expect(sent).toEqual([{ type: "REFERRED", step: "refer", consent: false }]);
  });

  it("offers only 'record as not made' for a referral a standing instruction forbids, quoting its words", () => {
    const { sent, heading } = renderCard(referral({ forbiddenBy: ["no-consular-contact"] }), {
      instructions: [
        {
          flag: "no-consular-contact",
          label: { es: "Sin contacto consular", en: "No consular contact" },
          instruction: { es: "Ningún contacto con el consulado.", en: "No consulate." },
          level: "restricted",
        },
      ],
    });
    expect(screen.getAllByRole("radio")).toHaveLength(1);
    expect(screen.getByText("Ningún contacto con el consulado.", { exact: false })).toBeTruthy();
    fireEvent.keyDown(heading, { key: "Enter" });
    expect(sent).toEqual([{ type: "REFERRED", step: "refer", consent: false }]);
  });
});
