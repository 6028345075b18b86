import { useI18n } from "../../shared/i18n/I18nProvider";
import { listShippedSops } from "../../shared/shippedLibrary";

/** A choice among the shipped SOPs, by title; picking one calls `onPick` with its id. */
export function SopPicker({
  id,
  label,
  value,
  onPick,
}: {
  id: string;
  label: string;
  value: string;
  onPick(sop: string): void;
}) {
  const { text } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onPick(e.target.value)}>
        {listShippedSops().map((s) => (
          <option key={s.id} value={s.id}>
            {text(s.title)}
          </option>
        ))}
      </select>
    </div>
  );
}
