import { useI18n } from "../shared/i18n/I18nProvider";
import { TechnicalDetail } from "../shared/TechnicalDetail";
import { describeRefusal } from "./describeRefusal";
import type { CaseNotice } from "./useCaseSession";

/** A problem with saving the case (another tab wrote first, the storage is full), until the officer dismisses it. */
export function CaseNoticeBanner({ notice, onDismiss }: { notice?: CaseNotice; onDismiss(): void }) {
  const { t } = useI18n();
  if (!notice) return null;
  const message =
    notice.kind === "conflict"
      ? t("notice.conflict")
      : notice.kind === "storage-full"
        ? t("notice.storageFull")
        : describeRefusal(notice.code, t);
  return (
    <div className="notice notice-warning" role="alert">
      <p>{message}</p>
      {notice.kind === "store-error" ? <TechnicalDetail detail={notice.reason} /> : null}
      <button type="button" className="button button-secondary" onClick={onDismiss}>
        {t("notice.dismiss")}
      </button>
    </div>
  );
}
