import { useI18n } from "./i18n/I18nProvider";

/**
 * The technical text behind a problem (the store's or the engine's own words, in English), folded under "Detalle
 * técnico": the officer reads the message in their language above it, and support can still read what happened.
 * Shows nothing when there is no detail.
 */
export function TechnicalDetail({ detail }: { detail?: string }) {
  const { t } = useI18n();
  if (!detail) return null;
  return (
    <details className="technical-detail">
      <summary>{t("problem.detail")}</summary>
      <p className="problem-detail" lang="en">
        {detail}
      </p>
    </details>
  );
}
