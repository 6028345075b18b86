import { LOCALES, type Locale, useI18n } from "./i18n/I18nProvider";
import { useOnline } from "./useOnline";
import { type Route, routeHref } from "./useRoute";

/** The top bar: the three areas, the language switch and the offline indicator. Hidden when printing. */
export function AppHeader({ route }: { route: Route }) {
  const { t, locale, setLocale } = useI18n();
  const online = useOnline();
  const area = route.area === "case" ? "cases" : route.area;
  const links = [
    { area: "cases", label: t("nav.cases") },
    { area: "edit", label: t("nav.edit") },
    { area: "train", label: t("nav.train") },
  ] as const;
  return (
    <header className="app-header no-print">
      <div className="app-brand">
        <span className="app-name">Senda</span>
        {!online ? (
          <span className="offline" role="status">
            {t("app.offline")}
          </span>
        ) : null}
      </div>
      <fieldset className="locale-switch">
        <legend className="visually-hidden">{t("app.language")}</legend>
        {LOCALES.map((l: Locale) => (
          <button
            key={l}
            type="button"
            lang={l}
            className="locale-button"
            aria-pressed={locale === l}
            onClick={() => setLocale(l)}
          >
            {l === "es" ? "Español" : "English"}
          </button>
        ))}
      </fieldset>
      <nav aria-label={t("nav.label")}>
        <ul className="nav-list">
          {links.map((link) => (
            <li key={link.area}>
              <a
                href={routeHref({ area: link.area })}
                className="nav-link"
                aria-current={area === link.area ? "page" : undefined}
              >
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
