import { useI18n } from "./i18n/I18nProvider";

/** What the officer sees when the device's storage cannot be opened: the app cannot keep cases safely. */
export function StartupFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <main className="app-main">
      <h1>{t("startup.title")}</h1>
      <p>{t("startup.help")}</p>
      <p className="problem-detail">{error instanceof Error ? error.message : String(error)}</p>
    </main>
  );
}
