import { useId, useState } from "react";
import type { Issue } from "../../engine/index";
import { moveStep, setAt } from "./draft/editText";
import { skeletonOf, stepKinds } from "./form/schemaNodes";
import { useEditorI18n } from "./i18n/useEditorI18n";

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The SOP's steps in order, with their kind and problems; add a step, move one up or down. */
export function StepList({
  steps,
  selected,
  start,
  text,
  issues,
  select,
  change,
}: {
  steps: Record<string, { kind?: string; title?: Record<string, string> }>;
  selected?: string;
  start?: string;
  text: string;
  issues: Issue[];
  select(id: string): void;
  change(text: string): void;
}) {
  const { t, text: pick, maybe } = useEditorI18n();
  const id = useId();
  const kinds = stepKinds();
  const [kind, setKind] = useState(kinds[0]?.kind ?? "instruction");
  const [newId, setNewId] = useState("");
  const [error, setError] = useState<string>();
  const problemCount = (step: string) =>
    issues.filter((i) => i.pointer.startsWith(`/steps/${step}/`) || i.pointer === `/steps/${step}`).length;
  return (
    <nav className="step-list" aria-label={t("steps.listLabel")}>
      <ol>
        {Object.entries(steps).map(([stepId, step], index, all) => {
          const count = problemCount(stepId);
          return (
            <li key={stepId} className={`step-list-item ${stepId === selected ? "step-list-current" : ""}`}>
              <button
                type="button"
                className="step-list-link"
                aria-current={stepId === selected ? "true" : undefined}
                onClick={() => select(stepId)}
              >
                <span className="step-list-title">{pick(step.title as never) || stepId}</span>
                <span className="step-list-meta">
                  {maybe(`enum.kind.${step.kind}`) ?? step.kind}
                  {stepId === start ? ` · ${t("steps.start")}` : ""}
                  {count ? <span className="badge badge-error"> {t("steps.problems", { count })}</span> : null}
                </span>
              </button>
              {stepId === selected ? (
                <span className="array-tools">
                  <button
                    type="button"
                    className="button button-small button-link"
                    disabled={index === 0}
                    onClick={() => change(moveStep(text, stepId, -1))}
                  >
                    {t("form.up")}
                  </button>
                  <button
                    type="button"
                    className="button button-small button-link"
                    disabled={index === all.length - 1}
                    onClick={() => change(moveStep(text, stepId, 1))}
                  >
                    {t("form.down")}
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <form
        className="step-add"
        onSubmit={(e) => {
          e.preventDefault();
          const wanted = newId.trim();
          if (!ID_PATTERN.test(wanted)) return setError(t("steps.badId"));
          if (wanted in steps) return setError(t("steps.takenId", { id: wanted }));
          const node = kinds.find((k) => k.kind === kind)?.node ?? {};
          change(setAt(text, ["steps", wanted], skeletonOf(node)));
          setNewId("");
          setError(undefined);
          select(wanted);
        }}
      >
        <h2 className="step-add-title">{t("steps.add")}</h2>
        <label htmlFor={`${id}-kind`}>{t("steps.kind")}</label>
        <select id={`${id}-kind`} className="field-input" value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {maybe(`enum.kind.${k.kind}`) ?? k.kind}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-id`}>{t("steps.id")}</label>
        <input
          id={`${id}-id`}
          className="field-input"
          value={newId}
          aria-describedby={`${id}-error`}
          onChange={(e) => setNewId(e.target.value)}
        />
        <p id={`${id}-error`} className="problem">
          {error}
        </p>
        <button type="submit" className="button button-secondary">
          {t("steps.addButton")}
        </button>
      </form>
    </nav>
  );
}
