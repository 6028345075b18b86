import { useId, useMemo, useState } from "react";
import { type JSONPath, pathToPointer } from "../draft/editText";
import { collectTexts } from "../form/collectTexts";
import { languageName } from "../form/TextField";
import { useEditorI18n } from "../i18n/useEditorI18n";

/**
 * Every text of the SOP in every language side by side, editable in place. A missing translation is marked; so is
 * every text of a language the SOP declares unreviewed (`translations.<language>.reviewed`, which the column's
 * tick box sets, with the reviewer's name), and one whose Spanish or English original changed in this draft while
 * it did not.
 */
export function TranslationsTable({
  value,
  base,
  locales,
  describePlace,
  change,
  author,
}: {
  value: unknown;
  /** The published version the draft started from, to find translations left behind by a changed original. */
  base: unknown;
  locales: string[];
  describePlace(path: JSONPath): string;
  change(path: JSONPath, value: unknown, tag?: string): void;
  author: string;
}) {
  const { t, locale } = useEditorI18n();
  const id = useId();
  const [onlyGaps, setOnlyGaps] = useState(false);
  const entries = useMemo(() => collectTexts(value), [value]);
  const declared = ((value as { translations?: Record<string, { reviewed?: boolean; by?: string }> })?.translations ??
    {}) as Record<string, { reviewed?: boolean; by?: string }>;
  const before = useMemo(() => new Map(collectTexts(base).map((e) => [pathToPointer(e.path), e.texts])), [base]);
  const rows = entries.map((entry) => {
    const old = before.get(pathToPointer(entry.path));
    const originalChanged = old !== undefined && ["es", "en"].some((l) => (old[l] ?? "") !== (entry.texts[l] ?? ""));
    const status = Object.fromEntries(
      locales.map((l) => {
        const current = entry.texts[l];
        if (!current) return [l, "missing"];
        if (declared[l]?.reviewed === false) return [l, "review"];
        // A translation the author did not touch while an original changed.
        if (originalChanged && old && old[l] === current) return [l, "review"];
        return [l, "ok"];
      }),
    ) as Record<string, "missing" | "review" | "ok">;
    return { entry, status };
  });
  const shown = onlyGaps ? rows.filter((r) => Object.values(r.status).some((s) => s !== "ok")) : rows;
  const gaps = rows.reduce((n, r) => n + Object.values(r.status).filter((s) => s === "missing").length, 0);
  const reviews = rows.reduce((n, r) => n + Object.values(r.status).filter((s) => s === "review").length, 0);
  return (
    <section className="translations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("translations.title")}</h2>
      <p>
        {t("translations.summary", { count: rows.length })} · {t("translations.gaps", { count: gaps })} ·{" "}
        {t("translations.reviews", { count: reviews })}
      </p>
      <p className="field-check">
        <input id={`${id}-gaps`} type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} />
        <label htmlFor={`${id}-gaps`}>{t("translations.onlyGaps")}</label>
      </p>
      <div className="table-scroll">
        <table className="translations-table">
          <caption className="visually-hidden">{t("translations.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("translations.where")}</th>
              {locales.map((l) => (
                <th scope="col" key={l}>
                  {languageName(l, locale)}
                  <span className="field-check">
                    <input
                      id={`${id}-reviewed-${l}`}
                      type="checkbox"
                      checked={declared[l]?.reviewed !== false}
                      onChange={(e) =>
                        change(
                          ["translations", l],
                          e.target.checked
                            ? { reviewed: true, ...(author ? { by: author } : {}) }
                            : { reviewed: false },
                        )
                      }
                    />
                    <label htmlFor={`${id}-reviewed-${l}`}>{t("translations.reviewedBox")}</label>
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ entry, status }) => {
              const pointer = pathToPointer(entry.path);
              const place = describePlace(entry.path);
              return (
                <tr key={pointer}>
                  <th scope="row">{place}</th>
                  {locales.map((l) => (
                    <td key={l} className={`translation-${status[l]}`} lang={l}>
                      <textarea
                        className="field-input"
                        aria-label={`${place} · ${languageName(l, locale)}`}
                        data-pointer={`${pointer}/${l}`}
                        rows={2}
                        value={entry.texts[l] ?? ""}
                        onChange={(e) =>
                          change(entry.path, { ...entry.texts, [l]: e.target.value || undefined }, `${pointer}/${l}`)
                        }
                      />
                      {status[l] === "missing" ? (
                        <span className="badge badge-warning">{t("translations.missing")}</span>
                      ) : null}
                      {status[l] === "review" ? (
                        <span className="badge badge-urgent">{t("translations.review")}</span>
                      ) : null}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
