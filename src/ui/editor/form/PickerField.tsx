import { useId } from "react";
import { pathToPointer } from "../draft/editText";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { useFormContext } from "./FormContext";
import { FieldIssues, type FieldProps } from "./SchemaField";

/**
 * An id picked from what it names: a step of this SOP, a catalog service or flag, or an SOP of the library. An id
 * the list does not know stays shown (and lint reports it) rather than being lost.
 */
export function PickerField({
  value,
  path,
  label,
  remove,
  list,
}: FieldProps & { list: "steps" | "services" | "flags" | "sops" | "roles" }) {
  const id = useId();
  const context = useFormContext();
  const { t } = useEditorI18n();
  const options = context[list];
  const current = typeof value === "string" ? value : "";
  const known = options.some((o) => o.id === current);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <select
          id={id}
          className="field-input"
          data-pointer={pathToPointer(path)}
          value={current}
          onChange={(e) => context.change(path, e.target.value)}
        >
          {known ? null : <option value={current}>{current ? t("form.unknownId", { id: current }) : "—"}</option>}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        {list === "sops" && known ? (
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => context.openSop(current)}
          >
            {t("form.openSop")}
          </button>
        ) : null}
        {list === "steps" && known ? (
          <button type="button" className="button button-small button-link" onClick={() => context.openStep(current)}>
            {t("form.goToStep")}
          </button>
        ) : null}
        {remove}
      </div>
      <FieldIssues path={path} />
    </div>
  );
}
