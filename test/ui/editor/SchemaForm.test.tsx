// @vitest-environment jsdom

import { readFileSync } from "node:fs";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { useCallback, useMemo } from "react";
import type { SopLibraryStore } from "../../../src/store/index";
import { type JSONPath, setAt } from "../../../src/ui/editor/draft/editText";
import { useDraft } from "../../../src/ui/editor/draft/useDraft";
import { FormContext, type FormContextValue } from "../../../src/ui/editor/form/FormContext";
import { ObjectForm } from "../../../src/ui/editor/form/SchemaField";
import { type SchemaNode, stepKinds } from "../../../src/ui/editor/form/schemaNodes";
import { I18nProvider } from "../../../src/ui/shared/i18n/I18nProvider";

const uascText = readFileSync("sop/uasc.sop.json", "utf8");
const uasc = JSON.parse(uascText);
const referral = stepKinds().find((k) => k.kind === "referral")!.node;

function context(change: FormContextValue["change"]): FormContextValue {
  return {
    locales: ["es", "en", "ht"],
    steps: Object.keys(uasc.steps).map((id) => ({ id, label: id })),
    services: [
      { id: "senniaf", label: "SENNIAF" },
      { id: "unicef-child-space", label: "Espacio amigable" },
    ],
    flags: [{ id: "uasc", label: "NNA no acompañado" }],
    sops: [{ id: "trafficking", label: "Trata" }],
    roles: [{ id: "protection-officer", label: "Protección" }],
    completions: [],
    issuesAt: () => [],
    change,
    openSop: () => undefined,
    openStep: () => undefined,
  };
}

function renderForm(node: SchemaNode, value: unknown, change = vi.fn()) {
  render(
    <I18nProvider initial="es">
      <FormContext.Provider value={context(change)}>
        <ObjectForm node={node} value={value} path={["steps", "notify-senniaf"]} label="Paso" hide={["kind"]} />
      </FormContext.Provider>
    </I18nProvider>,
  );
  return change;
}

describe("the form drawn from the SOP schema", () => {
  it("shows a referral step: texts in every language side by side, urgency and service picked from lists", () => {
    renderForm(referral, uasc.steps["notify-senniaf"]);
    const reason = screen.getByRole("group", { name: "Motivo" });
    expect(within(reason).getByLabelText(/español/)).toHaveProperty("value", uasc.steps["notify-senniaf"].reason.es);
    expect(within(reason).getByLabelText(/inglés/)).toHaveProperty("value", uasc.steps["notify-senniaf"].reason.en);
    // A language the text lacks is shown empty and marked.
    expect(within(reason).getByLabelText(/criollo haitiano/)).toHaveProperty("value", "");
    expect(within(reason).getAllByText("falta").length).toBe(1);
    const urgency = screen.getByLabelText("Urgencia") as HTMLSelectElement;
    expect(urgency.value).toBe("immediate");
    expect([...urgency.options].map((o) => o.textContent)).toEqual(["Inmediata", "Urgente", "De rutina"]);
    const service = screen.getByLabelText("Servicio") as HTMLSelectElement;
    expect(service.value).toBe("senniaf");
    expect((screen.getByLabelText("Necesita el consentimiento de la persona") as HTMLInputElement).checked).toBe(false);
  });

  it("sends each edit as a value at its path", () => {
    const change = renderForm(referral, uasc.steps["notify-senniaf"]);
    const reason = screen.getByRole("group", { name: "Motivo" });
    fireEvent.change(within(reason).getByLabelText(/español/), { target: { value: "Niño solo." } });
    expect(change).toHaveBeenLastCalledWith(
      ["steps", "notify-senniaf", "reason"],
      { es: "Niño solo.", en: uasc.steps["notify-senniaf"].reason.en, ht: undefined },
      "/steps/notify-senniaf/reason/es",
    );
    fireEvent.change(screen.getByLabelText("Urgencia"), { target: { value: "urgent" } });
    expect(change).toHaveBeenLastCalledWith(["steps", "notify-senniaf", "urgency"], "urgent");
  });

  it("offers the optional properties a step lacks, and removes those it has", () => {
    const step = { ...uasc.steps["notify-senniaf"] };
    delete step.guidance;
    const change = renderForm(referral, step);
    fireEvent.click(screen.getByRole("button", { name: "Añadir Orientación para quien atiende" }));
    expect(change).toHaveBeenLastCalledWith(["steps", "notify-senniaf", "guidance"], {});
    fireEvent.click(screen.getByRole("button", { name: "Quitar Qué decir en voz alta" }));
    expect(change).toHaveBeenLastCalledWith(["steps", "notify-senniaf", "say"], undefined);
  });

  it("draws a property the schema gains with no change to the editor", () => {
    const extended: SchemaNode = {
      ...referral,
      properties: {
        ...referral.properties,
        sensitivity: { enum: ["public", "restricted", "confidential"] },
        handoverNote: { $ref: "#/$defs/Text" },
        dueWithinHours: { type: "integer", minimum: 0 },
      },
    };
    renderForm(extended, {
      ...uasc.steps["notify-senniaf"],
      sensitivity: "restricted",
      handoverNote: { es: "Llamar", en: "Call" },
    });
    expect((screen.getByLabelText("Sensitivity") as HTMLSelectElement).value).toBe("restricted");
    expect(within(screen.getByRole("group", { name: "Handover Note" })).getByLabelText(/español/)).toHaveProperty(
      "value",
      "Llamar",
    );
    expect(screen.getByRole("button", { name: "Añadir Due Within Hours" })).toBeDefined();
  });

  it("edits the list of effects: a kind chosen from the schema's branches, an item added", () => {
    const step = {
      ...uasc.steps["notify-senniaf"],
      effects: [{ deadline: "senniaf-measure", label: { es: "Medida", en: "Measure" }, within: "24h" }],
    };
    const change = renderForm(referral, step);
    const effects = screen.getByRole("group", { name: "Efectos al completar el paso" });
    const kind = within(effects).getAllByLabelText("Tipo de efecto")[0] as HTMLSelectElement;
    expect(kind.value).toBe("deadline");
    fireEvent.change(kind, { target: { value: "raise" } });
    expect(change).toHaveBeenLastCalledWith(["steps", "notify-senniaf", "effects", 0], { raise: "" });
    fireEvent.click(within(effects).getByRole("button", { name: "Añadir Efecto" }));
    expect(change).toHaveBeenLastCalledWith(["steps", "notify-senniaf", "effects"], [...step.effects, { raise: "" }]);
  });
});

/** A draft shown through the form, with undo and redo buttons, as the editor wires them. */
function DraftHarness() {
  const library = useMemo(() => ({ saveDraft: () => Promise.resolve() }) as unknown as SopLibraryStore, []);
  const now = useCallback(() => new Date("2026-01-01T00:00:00Z"), []);
  const draft = useDraft({ library, author: "Marta", sop: "uasc", initial: uascText, now });
  const value = draft.parsed.ok ? (draft.parsed.value.steps as Record<string, unknown>)["notify-senniaf"] : undefined;
  const change = (path: JSONPath, next: unknown, tag?: string) => draft.change(setAt(draft.text, path, next), tag);
  return (
    <I18nProvider initial="es">
      <button type="button" onClick={draft.undo} disabled={!draft.canUndo}>
        undo
      </button>
      <button type="button" onClick={draft.redo} disabled={!draft.canRedo}>
        redo
      </button>
      <output data-testid="save">{draft.save}</output>
      <FormContext.Provider value={context(change)}>
        <ObjectForm node={referral} value={value} path={["steps", "notify-senniaf"]} label="Paso" hide={["kind"]} />
      </FormContext.Provider>
    </I18nProvider>
  );
}

describe("undo and redo through the form", () => {
  it("undoes a typed sentence as one change and a list choice as another, then redoes them", () => {
    render(<DraftHarness />);
    const reason = () =>
      within(screen.getByRole("group", { name: "Motivo" })).getByLabelText(/español/) as HTMLInputElement;
    const original = reason().value;
    fireEvent.change(reason(), { target: { value: "N" } });
    fireEvent.change(reason(), { target: { value: "Ni" } });
    fireEvent.change(reason(), { target: { value: "Niño" } });
    fireEvent.change(screen.getByLabelText("Urgencia"), { target: { value: "routine" } });
    expect(screen.getByTestId("save").textContent).toBe("saving");
    fireEvent.click(screen.getByRole("button", { name: "undo" }));
    expect((screen.getByLabelText("Urgencia") as HTMLSelectElement).value).toBe("immediate");
    expect(reason().value).toBe("Niño");
    fireEvent.click(screen.getByRole("button", { name: "undo" }));
    expect(reason().value).toBe(original);
    expect((screen.getByRole("button", { name: "undo" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "redo" }));
    fireEvent.click(screen.getByRole("button", { name: "redo" }));
    expect(reason().value).toBe("Niño");
    expect((screen.getByLabelText("Urgencia") as HTMLSelectElement).value).toBe("routine");
  });
});
