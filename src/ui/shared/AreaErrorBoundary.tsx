import { Component, type ReactNode } from "react";
import { useI18n } from "./i18n/I18nProvider";
import { detailOf } from "./ProblemAlert";
import { TechnicalDetail } from "./TechnicalDetail";

interface State {
  error?: Error;
}

interface Props {
  children: ReactNode;
  /** A new key (another route) clears the error. */
  resetKey: string;
  /** What to show instead; by default, a reload offered to the officer. */
  fallback?: (error: Error, retry: () => void) => ReactNode;
}

/**
 * Catches what an area throws while loading or rendering (a chunk missing after an update, with no network to
 * fetch the new one; a crash in the editor) and shows what happened with a way on, instead of leaving a blank
 * page. Saved cases and drafts are safe: they were written as they were made.
 */
export class AreaErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const retry = () => this.setState({ error: undefined });
    return this.props.fallback ? this.props.fallback(error, retry) : <AreaFailure error={error} />;
  }
}

function AreaFailure({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <section className="step-card" role="alert">
      <h1>{t("app.areaFailed")}</h1>
      <p>{t("app.areaFailedHelp")}</p>
      <TechnicalDetail detail={detailOf(error)} />
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        {t("app.reload")}
      </button>
    </section>
  );
}
