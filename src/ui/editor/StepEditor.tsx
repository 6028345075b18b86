import { useEffect, useId, useRef, useState } from "react";
import { renameStep, setAt } from "./draft/editText";
import { ObjectForm } from "./form/SchemaField";
import { skeletonOf, stepKinds } from "./form/schemaNodes";
import { useEditorI18n } from "./i18n/useEditorI18n";

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * One step: its kind, its id (renaming it updates every reference), and the form its kind's schema gives, with
 * the step's problems under the fields they concern.
 */
export function StepEditor({
  stepId,
  step,
  steps,
  text,
  change,
  select,
}: {
  stepId: string;
  step: Record<string, unknown>;
  steps: Record<string, unknown>;
  text: string;
  change(text: string, tag?: string): void;
  select(id: string | undefined): void;
}) {
  const { t, text: pick, maybe } = useEditorI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const kinds = stepKinds();
  const kind = kinds.find((k) => k.kind === step.kind);
  const [renaming, setRenaming] = useState(false);
  const [newId, setNewId] = useState(stepId);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setRenaming(false);
    setNewId(stepId);
    setError(undefined);
  }, [stepId]);

  const changeKind = (next: string) => {
    const target = kinds.find((k) => k.kind === next);
    if (!target) return;
    const skeleton = skeletonOf(target.node) as Record<string, unknown>;
    // What both kinds have (title, guidance, effects, next…) is kept.
    for (const [key, value] of Object.entries(step))
      if (key !== "kind" && target.node.properties && key in target.node.properties) skeleton[key] = value;
    change(setAt(text, ["steps", stepId], skeleton));
  };
  const rename = () => {
    const wanted = newId.trim();
    if (!ID_PATTERN.test(wanted)) return setError(t("steps.badId"));
    if (wanted !== stepId && wanted in steps) return setError(t("steps.takenId", { id: wanted }));
    const renamed = wanted === stepId ? text : renameStep(text, stepId, wanted);
    if (renamed === undefined) return setError(t("steps.renameFailed"));
    change(renamed);
    setRenaming(false);
    select(wanted);
  };
  return (
    <article className="step-editor" aria-labelledby={`${id}-title`}>
      <header className="step-editor-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {pick(step.title as never) || stepId}
        </h2>
        <p className="step-editor-id">
          {t("steps.idIs")} <code>{stepId}</code>
        </p>
        <div className="field-row">
          <label htmlFor={`${id}-kind`}>{t("steps.kind")}</label>
          <select
            id={`${id}-kind`}
            className="field-input"
            value={String(step.kind)}
            onChange={(e) => changeKind(e.target.value)}
          >
            {kind ? null : <option value={String(step.kind)}>{String(step.kind)}</option>}
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {maybe(`enum.kind.${k.kind}`) ?? k.kind}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => setRenaming((r) => !r)}
            aria-expanded={renaming}
          >
            {t("steps.rename")}
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => {
              change(setAt(text, ["steps", stepId], undefined));
              select(undefined);
            }}
          >
            {t("steps.remove")}
          </button>
        </div>
        {renaming ? (
          <form
            className="field-row"
            onSubmit={(e) => {
              e.preventDefault();
              rename();
            }}
          >
            <label htmlFor={`${id}-rename`}>{t("steps.newId")}</label>
            <input
              id={`${id}-rename`}
              className="field-input"
              value={newId}
              onChange={(e) => setNewId(e.target.value)}
              aria-describedby={`${id}-rename-help`}
            />
            <button type="submit" className="button button-small button-primary">
              {t("steps.renameButton")}
            </button>
            <p id={`${id}-rename-help`} className="field-help">
              {error ?? t("steps.renameHelp")}
            </p>
          </form>
        ) : null}
      </header>
      {kind ? (
        <ObjectForm node={kind.node} value={step} path={["steps", stepId]} label={t("steps.fields")} hide={["kind"]} />
      ) : (
        <p className="problem">{t("steps.unknownKind", { kind: String(step.kind) })}</p>
      )}
    </article>
  );
}
