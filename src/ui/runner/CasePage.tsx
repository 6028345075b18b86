import { CaseFailure } from "./CaseFailure";
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
