import { memo, useSyncExternalStore } from "react";
import { useCaseI18n } from "./i18n/useCaseI18n";
import type { SaveTracker } from "./saveTracker";

/**
 * Says whether every change the officer made is stored on the device: "Saving…" while a write is in flight, "Saved"
 * once it committed (the acknowledgement: what it shows survives a closed or killed tab). It subscribes to the
 * tracker alone, so a commit re-renders this line and nothing else. Not a live region: the officer is not
 * interrupted at every answer; a failed write is announced by the case's notice.
 */
export const SaveIndicator = memo(SaveIndicatorBody);

function SaveIndicatorBody({ tracker }: { tracker: SaveTracker }) {
  const { t } = useCaseI18n();
  const state = useSyncExternalStore(tracker.subscribe, tracker.get);
  return (
    <p className={`save-state save-state-${state}`} data-state={state}>
      {state === "saving" ? t("case.saving") : state === "saved" ? t("case.saved") : t("case.saveFailed")}
    </p>
  );
}
