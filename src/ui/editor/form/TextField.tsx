import { useId } from "react";
import { pathToPointer } from "../draft/editText";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { useFormContext } from "./FormContext";
import { FieldIssues, type FieldProps } from "./SchemaField";

/** The name of a language in the interface's language ("ht" → "criollo haitiano"). */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A text in every language side by side: the interface's languages and every other language the SOP uses. A
 * language left empty is marked as missing; emptying a field removes that language, so lint reports the gap.
 */
export function TextField({ value, path, label, remove }: FieldProps) {
  const id = useId();
  const { locales, change } = useFormContext();
  const { t, locale } = useEditorI18n();
  const texts = value && typeof value === "object" ? (value as Record<string, string>) : {};
  const shown = [...locales, ...Object.keys(texts).filter((l) => !locales.includes(l))];
  const pointer = pathToPointer(path);
  return (
    <fieldset className="field-group field-text" data-pointer={pointer}>
      <legend>{label}</legend>
      {remove ? <div className="field-group-tools">{remove}</div> : null}
      <div className="text-languages">
        {shown.map((lang) => {
          const current = texts[lang] ?? "";
          const long = current.length > 60;
          const fieldId = `${id}-${lang}`;
          const onChange = (next: string) =>
            change(path, { ...texts, [lang]: next === "" ? undefined : next }, `${pointer}/${lang}`);
          return (
            <div key={lang} className="text-language" lang={lang}>
              <label htmlFor={fieldId}>
                {languageName(lang, locale)}
                {current ? null : <span className="badge badge-warning">{t("translations.missing")}</span>}
              </label>
              {long ? (
                <textarea
                  id={fieldId}
                  className="field-input"
                  data-pointer={`${pointer}/${lang}`}
                  rows={Math.min(6, Math.ceil(current.length / 60))}
                  value={current}
                  onChange={(e) => onChange(e.target.value)}
                />
              ) : (
                <input
                  id={fieldId}
                  className="field-input"
                  data-pointer={`${pointer}/${lang}`}
                  value={current}
                  onChange={(e) => onChange(e.target.value)}
                />
              )}
            </div>
          );
        })}
      </div>
      <FieldIssues path={path} exact={false} />
    </fieldset>
  );
}
