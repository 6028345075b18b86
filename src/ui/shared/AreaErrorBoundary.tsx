import { Component, type ReactNode } from "react";
import { useI18n } from "./i18n/I18nProvider";

interface State {
  error?: Error;
}

/**
 * Catches what a lazy area throws while loading or rendering (a chunk missing after an update, with no network to
 * fetch the new one) and offers a reload, instead of leaving the officer with a blank page. Saved cases are safe.
 */
export class AreaErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render() {
    return this.state.error ? <AreaFailure error={this.state.error} /> : this.props.children;
  }
}

function AreaFailure({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <section className="step-card" role="alert">
      <h1>{t("app.areaFailed")}</h1>
      <p>{t("app.areaFailedHelp")}</p>
      <p className="problem-detail">{error.message}</p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        {t("app.reload")}
      </button>
    </section>
  );
}
