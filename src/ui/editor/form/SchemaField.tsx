import { type ReactNode, useId } from "react";
import type { Issue } from "../../../engine/index";
import type { JSONPath } from "../draft/editText";
import { pathToPointer } from "../draft/editText";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { CelField } from "./CelField";
import { useFormContext } from "./FormContext";
import { NextField } from "./NextField";
import { PickerField } from "./PickerField";
import { pickBranch, type ResolvedNode, resolveNode, type SchemaNode, skeletonOf } from "./schemaNodes";
import { TextField } from "./TextField";

/** What every field takes: its schema, its value, where it sits in the SOP and its property name. */
export interface FieldProps {
  node: SchemaNode;
  value: unknown;
  path: JSONPath;
  /** The property (or map key) this value is under; purpose-built widgets are chosen by it. */
  name?: string;
  label: string;
  /** A button that removes the value (optional properties, array items). */
  remove?: ReactNode;
}

// Properties whose value is the id of something the SOP or its catalog names, and the list it is picked from.
const PICKERS: Record<string, "steps" | "services" | "flags" | "sops" | "roles"> = {
  to: "steps",
  start: "steps",
  resume: "steps",
  before: "steps",
  who: "roles",
  visits: "steps",
  avoids: "steps",
  notAsked: "steps",
  asked: "steps",
  service: "services",
  referral: "services",
  noReferral: "services",
  slip: "services",
  offered: "services",
  raise: "flags",
  clear: "flags",
  flag: "flags",
  noFlag: "flags",
  sop: "sops",
};

/**
 * One value of the SOP, drawn from its JSON Schema: a locale map as every language side by side, a condition as a
 * checked CEL field, an enum as a list, an array of objects as a list of sub-forms, a `oneOf` as a choice of kind
 * then its form. Ids that name steps, services, flags or SOPs are picked from their lists. A property the editor
 * has never heard of still gets a field from its schema.
 */
export function SchemaField(props: FieldProps) {
  const resolved = resolveNode(props.node);
  const { node, ref } = resolved;
  const { name } = props;
  if (name === "next" || (ref === "Next" && node.oneOf)) return <NextField {...props} />;
  if (ref === "Text") return <TextField {...props} />;
  if (ref === "Expression") return <CelField {...props} />;
  if (name && PICKERS[name] && (ref === "Id" || node.type === "string"))
    return <PickerField {...props} list={PICKERS[name]} />;
  if (node.oneOf) return <OneOfField {...props} resolved={resolved} />;
  if (node.enum) return <EnumField {...props} options={node.enum} />;
  if (node.const !== undefined) return null;
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === "boolean") return <BooleanField {...props} />;
  if (type === "number" || type === "integer") return <NumberField {...props} integer={type === "integer"} />;
  if (type === "array") return <ArrayField {...props} resolved={resolved} />;
  if (type === "object" || node.properties) {
    if (node.properties) return <ObjectField {...props} resolved={resolved} />;
    return <MapField {...props} resolved={resolved} />;
  }
  return <StringField {...props} />;
}

/** The label of a property: the editor's words for it, else the schema's title, else its name spelled out. */
export function useFieldLabel(): (name: string, node?: SchemaNode) => string {
  const { maybe } = useEditorI18n();
  return (name, node) =>
    maybe(`field.${name}`) ??
    node?.title ??
    name
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/[-_]/g, " ")
      .replace(/^./, (c) => c.toUpperCase());
}

/** The problems found at a field, shown under it. */
export function FieldIssues({ path, exact = true }: { path: JSONPath; exact?: boolean }) {
  const { issuesAt } = useFormContext();
  const { t } = useEditorI18n();
  const pointer = pathToPointer(path);
  const found = issuesAt(pointer).filter((i) => !exact || i.pointer === pointer);
  if (!found.length) return null;
  return (
    <ul className="field-issues">
      {found.map((issue: Issue) => (
        <li
          key={`${issue.code}:${issue.pointer}:${issue.message}`}
          className={`field-issue field-issue-${issue.severity}`}
        >
          <span className="visually-hidden">
            {t(issue.severity === "error" ? "problems.error" : "problems.warning")}:{" "}
          </span>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

function StringField({ value, path, label, remove, node }: FieldProps) {
  const id = useId();
  const { change } = useFormContext();
  const pointer = pathToPointer(path);
  const pattern = resolveNode(node).node.pattern;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          className="field-input"
          data-pointer={pointer}
          value={typeof value === "string" ? value : ""}
          spellCheck={!pattern}
          onChange={(e) => change(path, e.target.value, pointer)}
        />
        {remove}
      </div>
      <FieldIssues path={path} />
    </div>
  );
}

function NumberField({ value, path, label, remove, integer }: FieldProps & { integer: boolean }) {
  const id = useId();
  const { change } = useFormContext();
  const pointer = pathToPointer(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          type="number"
          step={integer ? 1 : "any"}
          className="field-input field-number"
          data-pointer={pointer}
          value={typeof value === "number" ? value : ""}
          onChange={(e) => change(path, e.target.value === "" ? undefined : Number(e.target.value), pointer)}
        />
        {remove}
      </div>
      <FieldIssues path={path} />
    </div>
  );
}

function BooleanField({ value, path, label, remove }: FieldProps) {
  const id = useId();
  const { change } = useFormContext();
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        data-pointer={pathToPointer(path)}
        checked={value === true}
        onChange={(e) => change(path, e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {remove}
      <FieldIssues path={path} />
    </div>
  );
}

function EnumField({ value, path, label, remove, options, name }: FieldProps & { options: unknown[] }) {
  const id = useId();
  const { change } = useFormContext();
  const { maybe } = useEditorI18n();
  const known = options.includes(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <select
          id={id}
          className="field-input"
          data-pointer={pathToPointer(path)}
          value={known ? String(value) : ""}
          onChange={(e) =>
            change(
              path,
              options.find((o) => String(o) === e.target.value),
            )
          }
        >
          {known ? null : <option value="">—</option>}
          {options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {maybe(`enum.${name}.${String(option)}`) ?? maybe(`enum.${String(option)}`) ?? String(option)}
            </option>
          ))}
        </select>
        {remove}
      </div>
      <FieldIssues path={path} />
    </div>
  );
}

function ObjectField({
  value,
  path,
  label,
  remove,
  resolved,
  hide,
}: FieldProps & { resolved: ResolvedNode; hide?: string[] }) {
  const labelOf = useFieldLabel();
  const { t } = useEditorI18n();
  const { change } = useFormContext();
  const object = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const properties = Object.entries(resolved.node.properties ?? {}).filter(
    ([key, node]) => !(hide ?? []).includes(key) && node.const === undefined && key !== "$schema",
  );
  const required = new Set(resolved.node.required ?? []);
  const shown = properties.filter(([key]) => required.has(key) || key in object);
  const absent = properties.filter(([key]) => !required.has(key) && !(key in object));
  return (
    <fieldset className="field-group" data-pointer={pathToPointer(path)}>
      <legend>{label}</legend>
      {remove ? <div className="field-group-tools">{remove}</div> : null}
      {shown.map(([key, node]) => (
        <SchemaField
          key={key}
          node={node}
          value={object[key]}
          path={[...path, key]}
          name={key}
          label={labelOf(key, node)}
          remove={
            required.has(key) ? undefined : (
              <button
                type="button"
                className="button button-small button-link"
                onClick={() => change([...path, key], undefined)}
              >
                {t("form.remove", { what: labelOf(key, node) })}
              </button>
            )
          }
        />
      ))}
      {absent.length ? (
        <div className="field-add">
          {absent.map(([key, node]) => (
            <button
              key={key}
              type="button"
              className="button button-small button-secondary"
              onClick={() => change([...path, key], skeletonOf(node))}
            >
              {t("form.add", { what: labelOf(key, node) })}
            </button>
          ))}
        </div>
      ) : null}
      <FieldIssues path={path} />
    </fieldset>
  );
}

/** Exported for the step editor, which hides `kind` (chosen above the form). */
export function ObjectForm(props: FieldProps & { hide?: string[] }) {
  return <ObjectField {...props} resolved={resolveNode(props.node)} />;
}

function MapField({ value, path, label, remove, resolved }: FieldProps & { resolved: ResolvedNode }) {
  const { t } = useEditorI18n();
  const { change } = useFormContext();
  const id = useId();
  const object = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const valueNode = typeof resolved.node.additionalProperties === "object" ? resolved.node.additionalProperties : {};
  return (
    <fieldset className="field-group" data-pointer={pathToPointer(path)}>
      <legend>{label}</legend>
      {remove ? <div className="field-group-tools">{remove}</div> : null}
      {Object.entries(object).map(([key, item]) => (
        <SchemaField
          key={key}
          node={valueNode}
          value={item}
          path={[...path, key]}
          label={key}
          remove={
            <button
              type="button"
              className="button button-small button-link"
              onClick={() => change([...path, key], undefined)}
            >
              {t("form.remove", { what: key })}
            </button>
          }
        />
      ))}
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          const input = e.currentTarget.elements.namedItem("key") as HTMLInputElement;
          const key = input.value.trim();
          if (!key || key in object) return;
          change([...path, key], skeletonOf(valueNode));
          input.value = "";
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {t("form.newKey")}
        </label>
        <input id={id} name="key" className="field-input" placeholder={t("form.newKey")} />
        <button type="submit" className="button button-small button-secondary">
          {t("form.addEntry")}
        </button>
      </form>
      <FieldIssues path={path} />
    </fieldset>
  );
}

function ArrayField({ value, path, label, remove, resolved, name }: FieldProps & { resolved: ResolvedNode }) {
  const { t } = useEditorI18n();
  const { change } = useFormContext();
  const labelOf = useFieldLabel();
  const items = Array.isArray(value) ? value : [];
  const itemNode = resolved.node.items ?? {};
  const itemResolved = resolveNode(itemNode);
  // A set of enum values (the categories a consent covers): tick boxes.
  if (itemResolved.node.enum && resolved.node.uniqueItems)
    return (
      <EnumSetField
        path={path}
        label={label}
        options={itemResolved.node.enum}
        value={items}
        name={name}
        remove={remove}
      />
    );
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    change(path, next);
  };
  const itemLabel = labelOf(`${name ?? ""}Item`, itemResolved.node);
  return (
    <fieldset className="field-group field-array" data-pointer={pathToPointer(path)}>
      <legend>{label}</legend>
      {remove ? <div className="field-group-tools">{remove}</div> : null}
      <ol className="array-items">
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity of their own beyond their place.
          <li key={index} className="array-item">
            <SchemaField
              node={itemNode}
              value={item}
              path={[...path, index]}
              name={name}
              label={`${itemLabel} ${index + 1}`}
              remove={
                <span className="array-tools">
                  <button
                    type="button"
                    className="button button-small button-link"
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    {t("form.up")}
                    <span className="visually-hidden"> {`${itemLabel} ${index + 1}`}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-link"
                    disabled={index === items.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    {t("form.down")}
                    <span className="visually-hidden"> {`${itemLabel} ${index + 1}`}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-link"
                    onClick={() =>
                      change(
                        path,
                        items.filter((_, i) => i !== index),
                      )
                    }
                  >
                    {t("form.remove", { what: `${itemLabel} ${index + 1}` })}
                  </button>
                </span>
              }
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => change(path, [...items, skeletonOf(itemNode)])}
      >
        {t("form.add", { what: itemLabel })}
      </button>
      <FieldIssues path={path} />
    </fieldset>
  );
}

function EnumSetField({
  path,
  label,
  options,
  value,
  name,
  remove,
}: {
  path: JSONPath;
  label: string;
  options: unknown[];
  value: unknown[];
  name?: string;
  remove?: ReactNode;
}) {
  const { change } = useFormContext();
  const { maybe } = useEditorI18n();
  const id = useId();
  return (
    <fieldset className="field-group" data-pointer={pathToPointer(path)}>
      <legend>{label}</legend>
      {remove}
      <div className="check-grid">
        {options.map((option, i) => (
          <span key={String(option)} className="field-check">
            <input
              id={`${id}-${i}`}
              type="checkbox"
              checked={value.includes(option)}
              onChange={(e) => change(path, e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
            />
            <label htmlFor={`${id}-${i}`}>
              {maybe(`enum.${name}.${String(option)}`) ?? maybe(`enum.${String(option)}`) ?? String(option)}
            </label>
          </span>
        ))}
      </div>
      <FieldIssues path={path} />
    </fieldset>
  );
}

function OneOfField({ value, path, label, remove, resolved, name }: FieldProps & { resolved: ResolvedNode }) {
  const id = useId();
  const { change } = useFormContext();
  const { maybe } = useEditorI18n();
  const labelOf = useFieldLabel();
  const branches = (resolved.node.oneOf ?? []).map((b) => resolveNode(b));
  const discriminator = resolved.node.discriminator?.propertyName;
  // The choices: each value of the discriminator (one-of and several-of are two choices of one branch), else each
  // branch by its first required property (raise, clear, deadline).
  const choices = branches.flatMap((branch, index) => {
    const tag = discriminator ? branch.node.properties?.[discriminator] : undefined;
    const tags = tag ? (tag.const !== undefined ? [tag.const] : (tag.enum ?? [])) : [undefined];
    return tags.map((tagValue) => {
      const key = tagValue !== undefined ? String(tagValue) : (branch.node.required?.[0] ?? String(index));
      return {
        key,
        index,
        tagValue,
        label:
          (tagValue !== undefined ? (maybe(`enum.${discriminator}.${key}`) ?? maybe(`enum.${key}`)) : undefined) ??
          labelOf(key, tagValue !== undefined ? undefined : branch.node.properties?.[key]),
      };
    });
  });
  const current = pickBranch(resolved.node, value);
  const currentTag =
    discriminator && value && typeof value === "object" ? (value as Record<string, unknown>)[discriminator] : undefined;
  const chosen =
    choices.find((c) => c.index === current && (c.tagValue === undefined || c.tagValue === currentTag)) ?? choices[0];
  const branch = branches[current];
  return (
    <fieldset className="field-group" data-pointer={pathToPointer(path)}>
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={id}>{maybe(`field.${name}Kind`) ?? maybe("form.kind")}</label>
        <div className="field-row">
          <select
            id={id}
            className="field-input"
            value={chosen?.key}
            onChange={(e) => {
              const next = choices.find((c) => c.key === e.target.value);
              if (!next) return;
              const skeleton = skeletonOf(branches[next.index].node) as Record<string, unknown>;
              if (discriminator && next.tagValue !== undefined) skeleton[discriminator] = next.tagValue;
              change(path, skeleton);
            }}
          >
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
          {remove}
        </div>
      </div>
      {branch ? (
        branch.node.properties ? (
          <ObjectField
            node={branch.node}
            value={value}
            path={path}
            label={chosen?.label ?? label}
            resolved={branch}
            hide={discriminator ? [discriminator] : []}
          />
        ) : (
          <SchemaField node={branch.node} value={value} path={path} name={name} label={chosen?.label ?? label} />
        )
      ) : null}
    </fieldset>
  );
}
