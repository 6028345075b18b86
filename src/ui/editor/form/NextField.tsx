import { useId } from "react";
import { pathToPointer } from "../draft/editText";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { CelField } from "./CelField";
import { useFormContext } from "./FormContext";
import { PickerField } from "./PickerField";
import { FieldIssues, type FieldProps } from "./SchemaField";
import { resolveNode } from "./schemaNodes";

interface Route {
  when?: string;
  to: string;
}

/**
 * Where a step goes next: one step, or routes tried in order (the first whose condition holds), each with a
 * checked condition and a step picked from the SOP. The last route usually has no condition: "otherwise".
 */
export function NextField({ value, path, label, node }: FieldProps) {
  const { t } = useEditorI18n();
  const { change, steps } = useFormContext();
  const id = useId();
  const routesOnly = resolveNode(node).node.type === "array";
  const routes: Route[] | undefined = Array.isArray(value) ? (value as Route[]) : undefined;
  const first = steps[0]?.id ?? "";
  if (!routes && !routesOnly)
    return (
      <fieldset className="field-group" data-pointer={pathToPointer(path)}>
        <legend>{label}</legend>
        <PickerField node={{ type: "string" }} value={value} path={path} label={t("next.goTo")} list="steps" />
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() =>
            change(path, [
              { when: "true", to: typeof value === "string" ? value : first },
              { to: typeof value === "string" ? value : first },
            ])
          }
        >
          {t("next.toRoutes")}
        </button>
      </fieldset>
    );
  const list = routes ?? [];
  const set = (next: Route[]) => change(path, next);
  return (
    <fieldset className="field-group field-routes" data-pointer={pathToPointer(path)} aria-describedby={`${id}-help`}>
      <legend>{label}</legend>
      <p id={`${id}-help`} className="field-help">
        {t("next.help")}
      </p>
      <ol className="array-items">
        {list.map((route, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: routes are ordered; their place is their identity.
          <li key={index} className="array-item route-item" data-pointer={pathToPointer([...path, index])}>
            <p className="route-title">
              <strong>{t("next.route", { n: index + 1 })}</strong>
            </p>
            {route.when !== undefined ? (
              <CelField
                node={{ $ref: "#/$defs/Expression" }}
                value={route.when}
                path={[...path, index, "when"]}
                name="when"
                label={t("next.when")}
                remove={
                  <button
                    type="button"
                    className="button button-small button-link"
                    onClick={() => change([...path, index, "when"], undefined)}
                  >
                    {t("next.always")}
                  </button>
                }
              />
            ) : (
              <p className="route-otherwise">
                {t("next.otherwise")}{" "}
                <button
                  type="button"
                  className="button button-small button-link"
                  onClick={() => change([...path, index, "when"], "true")}
                >
                  {t("next.addCondition")}
                </button>
              </p>
            )}
            <PickerField
              node={{ type: "string" }}
              value={route.to}
              path={[...path, index, "to"]}
              label={t("next.goTo")}
              list="steps"
            />
            <span className="array-tools">
              <button
                type="button"
                className="button button-small button-link"
                disabled={index === 0}
                onClick={() => set(swap(list, index, index - 1))}
              >
                {t("form.up")}
                <span className="visually-hidden"> {t("next.route", { n: index + 1 })}</span>
              </button>
              <button
                type="button"
                className="button button-small button-link"
                disabled={index === list.length - 1}
                onClick={() => set(swap(list, index, index + 1))}
              >
                {t("form.down")}
                <span className="visually-hidden"> {t("next.route", { n: index + 1 })}</span>
              </button>
              <button
                type="button"
                className="button button-small button-link"
                onClick={() =>
                  list.length === 1 && !routesOnly ? change(path, list[0].to) : set(list.filter((_, i) => i !== index))
                }
              >
                {t("form.remove", { what: t("next.route", { n: index + 1 }) })}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => set([...list, { to: first }])}
      >
        {t("next.addRoute")}
      </button>
      <FieldIssues path={path} />
    </fieldset>
  );
}

function swap<T>(items: T[], a: number, b: number): T[] {
  const next = [...items];
  [next[a], next[b]] = [next[b], next[a]];
  return next;
}
