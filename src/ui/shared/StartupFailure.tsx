import { useI18n } from "./i18n/I18nProvider";
import { detailOf } from "./ProblemAlert";
import { TechnicalDetail } from "./TechnicalDetail";

/** What the officer sees when the device's storage cannot be opened: the app cannot keep cases safely. */
export function StartupFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <main className="app-main">
      <h1>{t("startup.title")}</h1>
      <p>{t("startup.help")}</p>
      <TechnicalDetail detail={detailOf(error)} />
    </main>
  );
}
