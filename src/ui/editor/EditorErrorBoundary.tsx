import type { ReactNode } from "react";
import { AreaErrorBoundary } from "../shared/AreaErrorBoundary";
import { TechnicalDetail } from "../shared/TechnicalDetail";
import { useEditorI18n } from "./i18n/useEditorI18n";

/**
 * Catches a crash anywhere in the editor of one SOP. The draft is safe: every change was saved to the device's
 * library as it was made, so reopening the editor brings it back; the message says what happened, in the
 * interface language, with the technical detail below.
 */
export function EditorErrorBoundary({ children, resetKey }: { children: ReactNode; resetKey: string }) {
  return (
    <AreaErrorBoundary resetKey={resetKey} fallback={(error, retry) => <EditorFailure error={error} retry={retry} />}>
      {children}
    </AreaErrorBoundary>
  );
}

function EditorFailure({ error, retry }: { error: Error; retry(): void }) {
  const { t } = useEditorI18n();
  return (
    <section className="step-card" role="alert">
      <h1>{t("crash.title")}</h1>
      <p>{t("crash.draftSafe")}</p>
      <TechnicalDetail detail={error.message} />
      <button type="button" className="button button-primary" onClick={retry}>
        {t("crash.reopen")}
      </button>{" "}
      <a className="button button-secondary" href="#/edit">
        {t("library.back")}
      </a>
    </section>
  );
}
