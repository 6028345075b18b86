import { useEffect, useRef } from "react";
import { routeHref } from "../shared/useRoute";
import { CaseScreen } from "./CaseScreen";
import { CaseSummaryScreen } from "./CaseSummaryScreen";
import { GroupScreen } from "./GroupScreen";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { useOfficerSettings } from "./OfficerSettings";
import { ReferralSlip } from "./ReferralSlip";
import { useCaseSession } from "./useCaseSession";
import "./runner.css";

/**
 * One case, on its step screen, its summary, one of its referral slips or its group (the people travelling with the
 * person); the case stays loaded between them.
 */
export function CasePage({
  caseId,
  view,
  service,
}: {
  caseId: string;
  view: "step" | "summary" | "slip" | "group";
  service?: string;
}) {
  const { t } = useCaseI18n();
  const [settings] = useOfficerSettings();
  const handle = useCaseSession(caseId, settings.officer);
  const { load } = handle;
  if (load.status === "loading")
    return (
      <p className="loading" role="status">
        {t("case.loading")}
      </p>
    );
  if (load.status === "failed") return <CaseFailure code={load.code} reason={load.reason} />;
  const caseView = handle.view!;
  const publicView = handle.publicView!;
  if (view === "summary") return <CaseSummaryScreen handle={handle} session={load.session} view={caseView} />;
  if (view === "slip" && service)
    return <ReferralSlip handle={handle} session={load.session} view={caseView} service={service} />;
  if (view === "group") return <GroupScreen handle={handle} session={load.session} view={caseView} />;
  return <CaseScreen handle={handle} session={load.session} view={caseView} publicView={publicView} />;
}

function CaseFailure({ code, reason }: { code: string; reason: string }) {
  const { t } = useCaseI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // A station device whose role cannot see every event: the station's case panel shows what it may (issue 13).
  if (code === "withheld") return null;
  const key =
    code === "not-found"
      ? "case.notFound"
      : code === "wrong-sop" || code === "sop-unavailable"
        ? "case.sopUnavailable"
        : "case.loadFailed";
  return (
    <section className="step-card">
      <h1 ref={heading} tabIndex={-1}>
        {t(key)}
      </h1>
      <p className="problem-detail">{reason}</p>
      <a className="button button-primary" href={routeHref({ area: "cases" })}>
        {t("case.backToQueue")}
      </a>
    </section>
  );
}
