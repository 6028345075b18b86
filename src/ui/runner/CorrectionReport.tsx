import type { CaseSession, CaseView } from "../../engine/index";
import { useCaseI18n } from "./i18n/useCaseI18n";

/** What a correction changed: the steps it undid, the flags and referrals it added or removed, where the case is now. */
export interface CorrectionReport {
  step: string;
  dropped: string[];
  flagsAdded: string[];
  flagsRemoved: string[];
  referralsAdded: string[];
  referralsRemoved: string[];
  nowAt: string[];
}

/** Compares the case before and after a correction, as the viewer may see it (hidden facts are left out). */
export function compareViews(before: CaseView, after: CaseView): Omit<CorrectionReport, "step" | "dropped"> {
  const shown = (view: CaseView) => new Set(view.flags.filter((f) => !f.hidden).map((f) => f.id));
  const flagsBefore = shown(before);
  const flagsAfter = shown(after);
  const made = (view: CaseView) =>
    new Set(view.referrals.filter((r) => r.status === "made" && !r.hidden).map((r) => r.service));
  const referralsBefore = made(before);
  const referralsAfter = made(after);
  return {
    flagsAdded: [...flagsAfter].filter((f) => !flagsBefore.has(f)),
    flagsRemoved: [...flagsBefore].filter((f) => !flagsAfter.has(f)),
    referralsAdded: [...referralsAfter].filter((r) => !referralsBefore.has(r)),
    referralsRemoved: [...referralsBefore].filter((r) => !referralsAfter.has(r)),
    nowAt: after.current.map((c) => c.path),
  };
}

/** The report of a correction, shown until dismissed. */
export function CorrectionReportView({
  report,
  session,
  onDismiss,
}: {
  report: CorrectionReport;
  session: CaseSession;
  onDismiss(): void;
}) {
  const { t, text } = useCaseI18n();
  const catalog = session.compiled.catalog;
  const stepTitle = (path: string) => {
    const step = session.compiled.steps.get(path)?.step;
    return (step && "title" in step ? text(step.title) : "") || t("answer.untitled");
  };
  const flag = (id: string) => text(catalog.flags.get(id)?.label) || id;
  const service = (id: string) => text(catalog.services.get(id)?.name) || id;
  const unchanged =
    report.dropped.length +
      report.flagsAdded.length +
      report.flagsRemoved.length +
      report.referralsAdded.length +
      report.referralsRemoved.length ===
    0;
  return (
    <section className="notice notice-info" role="status" aria-labelledby="correction-report">
      <h2 id="correction-report">{t("correction.saved", { step: stepTitle(report.step) })}</h2>
      {unchanged ? <p>{t("correction.noChange")}</p> : null}
      <ul>
        {report.dropped.length > 0 ? (
          <li>{t("correction.dropped", { steps: report.dropped.map(stepTitle).join("; ") })}</li>
        ) : null}
        {report.flagsAdded.length > 0 ? (
          <li>{t("correction.flagsAdded", { flags: report.flagsAdded.map(flag).join("; ") })}</li>
        ) : null}
        {report.flagsRemoved.length > 0 ? (
          <li>{t("correction.flagsRemoved", { flags: report.flagsRemoved.map(flag).join("; ") })}</li>
        ) : null}
        {report.referralsAdded.length > 0 ? (
          <li>{t("correction.referralsAdded", { services: report.referralsAdded.map(service).join("; ") })}</li>
        ) : null}
        {report.referralsRemoved.length > 0 ? (
          <li>{t("correction.referralsRemoved", { services: report.referralsRemoved.map(service).join("; ") })}</li>
        ) : null}
        {report.nowAt.length > 0 ? (
          <li>{t("correction.nowAt", { steps: report.nowAt.map(stepTitle).join("; ") })}</li>
        ) : null}
      </ul>
      <button type="button" className="button button-secondary" onClick={onDismiss}>
        {t("notice.dismiss")}
      </button>
    </section>
  );
}
