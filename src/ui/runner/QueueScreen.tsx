import { useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useI18n } from "../shared/i18n/I18nProvider";
import { useCaseStore } from "../shared/StoreProvider";
import { useNow } from "../shared/useNow";
import { CaseList } from "./CaseList";
import { NewCasePanel } from "./NewCasePanel";
import { QueueFiltersBar } from "./QueueFiltersBar";
import { DEFAULT_FILTERS, type QueueFilters, toSummaryQuery } from "./queueQuery";

/**
 * The officer's queue: a new case in one tap, then every case on the device, searched, filtered and sorted from the
 * store's in-memory summaries (never by replaying cases), and kept current when another tab writes.
 */
export function QueueScreen() {
  const { t } = useI18n();
  const store = useCaseStore();
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const [filters, setFilters] = useState<QueueFilters>(DEFAULT_FILTERS);
  const deferred = useDeferredValue(filters);
  const revision = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.revision,
  );
  useEffect(() => heading.current?.focus(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks every change to the store's summaries.
  const cases = useMemo(() => store.listSummaries(toSummaryQuery(deferred, now)), [store, deferred, now, revision]);
  return (
    <div className="queue-screen">
      <h1 ref={heading} tabIndex={-1} id="queue-title">
        {t("queue.title")}
      </h1>
      <NewCasePanel />
      <QueueFiltersBar filters={filters} onChange={setFilters} />
      <p className="queue-count" role="status">
        {cases.length === 1 ? t("queue.countOne") : t("queue.count", { count: cases.length })}
      </p>
      {cases.length > 0 ? (
        <CaseList cases={cases} now={now} labelledBy="queue-title" />
      ) : (
        <p className="queue-empty">{store.size === 0 ? t("queue.emptyDevice") : t("queue.emptyFilter")}</p>
      )}
    </div>
  );
}
