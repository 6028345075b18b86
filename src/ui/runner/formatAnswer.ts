import type { Step } from "../../engine/index";
import type { I18n } from "../shared/i18n/I18nProvider";

/** An answer as the officer reads it: option labels instead of values, units after numbers, local dates. */
export function formatAnswer(
  step: Step | undefined,
  value: unknown,
  i18n: Pick<I18n, "t" | "text" | "formatDateTime">,
  addition?: boolean,
): string {
  const { t, text, formatDateTime } = i18n;
  if (value === undefined || value === null) return "—";
  if (step?.kind === "checklist") {
    const items = Array.isArray(value) ? value : [];
    if (items.length === 0) return t("answer.noneTicked");
    return items.map((id) => text(step.items.find((i) => i.id === id)?.text) || String(id)).join("; ");
  }
  if (step?.kind === "referral" && addition) return value === true ? t("referral.add") : t("referral.doNotAdd");
  if (step?.kind === "referral") return value === true ? t("referral.consents") : t("referral.declines");
  if (step?.kind === "instruction") return t("answer.done");
  if (step?.kind !== "question") return formatPlain(value, t);
  const answer = step.answer;
  switch (answer.type) {
    case "yes-no":
      return value === true ? t("answer.yes") : t("answer.no");
    case "consent":
      return value === true ? t("answer.consentYes") : t("answer.consentNo");
    case "one-of":
      return text(answer.options.find((o) => o.value === value)?.label) || String(value);
    case "several-of": {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0) return t("answer.noneChosen");
      return list.map((v) => text(answer.options.find((o) => o.value === v)?.label) || String(v)).join("; ");
    }
    case "number":
      return answer.unit ? `${value} ${text(answer.unit)}` : String(value);
    case "duration":
      return `${value} ${t(`unit.${answer.unit}`)}`;
    case "datetime":
      return typeof value === "string" ? formatDateTime(value) : String(value);
    default:
      return String(value);
  }
}

/** A value with no step to describe it (a variable passed in from a calling procedure). */
export function formatPlain(value: unknown, t: I18n["t"]): string {
  if (typeof value === "boolean") return value ? t("answer.yes") : t("answer.no");
  if (Array.isArray(value)) return value.map(String).join("; ");
  return String(value);
}
