import { useId, useMemo, useRef, useState } from "react";
import { pathToPointer } from "../draft/editText";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { useFormContext } from "./FormContext";
import { FieldIssues, type FieldProps } from "./SchemaField";

// The type a condition must have, by the property it is under; others (`with` values) may be any type.
const EXPECTED: Record<string, "bool" | "google.protobuf.Timestamp"> = {
  when: "bool",
  holds: "bool",
  from: "google.protobuf.Timestamp",
};
const MAX_SUGGESTIONS = 8;

/**
 * A CEL condition, type-checked against the SOP's variables as it is typed, with completion of the variables,
 * the built-in names, option values and flag ids (arrow keys to choose, Enter or Tab to take one).
 */
export function CelField({ value, path, label, remove, name }: FieldProps) {
  const id = useId();
  const { change, scope, completions } = useFormContext();
  const { t } = useEditorI18n();
  const input = useRef<HTMLInputElement>(null);
  const text = typeof value === "string" ? value : "";
  const [caret, setCaret] = useState<number>();
  const [active, setActive] = useState(0);
  const pointer = pathToPointer(path);
  const check = useMemo(
    () => (scope && text ? scope.check(text, EXPECTED[name ?? ""]) : undefined),
    [scope, text, name],
  );
  const prefix = caret === undefined ? "" : (/[A-Za-z_"][A-Za-z0-9_-]*$/.exec(text.slice(0, caret))?.[0] ?? "");
  const suggestions = prefix
    ? completions.filter((c) => c.label.startsWith(prefix) && c.label !== prefix).slice(0, MAX_SUGGESTIONS)
    : [];
  const open = suggestions.length > 0;
  const accept = (label: string) => {
    const at = caret ?? text.length;
    const next = text.slice(0, at - prefix.length) + label + text.slice(at);
    change(path, next, pointer);
    const position = at - prefix.length + label.length;
    setCaret(undefined);
    requestAnimationFrame(() => input.current?.setSelectionRange(position, position));
  };
  return (
    <div className="field field-cel">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          ref={input}
          className="field-input code"
          data-pointer={pointer}
          spellCheck={false}
          autoComplete="off"
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${id}-option-${Math.min(active, suggestions.length - 1)}` : undefined}
          aria-describedby={`${id}-check`}
          value={text}
          onChange={(e) => {
            change(path, e.target.value, pointer);
            setCaret(e.target.selectionStart ?? undefined);
            setActive(0);
          }}
          onBlur={() => setCaret(undefined)}
          onKeyDown={(e) => {
            if (!open) return;
            if (e.key === "ArrowDown") setActive((a) => (a + 1) % suggestions.length);
            else if (e.key === "ArrowUp") setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
            else if (e.key === "Enter" || e.key === "Tab")
              accept(suggestions[Math.min(active, suggestions.length - 1)].label);
            else if (e.key === "Escape") setCaret(undefined);
            else return;
            e.preventDefault();
          }}
        />
        {remove}
      </div>
      <div
        id={`${id}-list`}
        role="listbox"
        className="cel-suggestions"
        hidden={!open}
        aria-label={t("cel.suggestions")}
      >
        {suggestions.map((s, i) => (
          <div
            key={s.label}
            tabIndex={-1}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === active}
            className="cel-suggestion"
            onMouseDown={(e) => {
              e.preventDefault();
              accept(s.label);
            }}
          >
            <code>{s.label}</code> <span className="cel-detail">{s.detail}</span>
          </div>
        ))}
      </div>
      <p id={`${id}-check`} className={`cel-check ${check && !check.ok ? "cel-check-bad" : ""}`} aria-live="polite">
        {!check
          ? ""
          : check.ok
            ? t("cel.ok", { type: t(`cel.type.${typeKey(check.type)}`) })
            : t(check.kind === "syntax" ? "cel.syntax" : "cel.typeError", { message: check.message })}
      </p>
      <FieldIssues path={path} />
    </div>
  );
}

function typeKey(type: string): "bool" | "int" | "double" | "string" | "list" | "timestamp" | "duration" | "other" {
  if (type === "bool" || type === "int" || type === "double" || type === "string") return type;
  if (type.startsWith("list")) return "list";
  if (type.includes("Timestamp")) return "timestamp";
  if (type.includes("Duration")) return "duration";
  return "other";
}
