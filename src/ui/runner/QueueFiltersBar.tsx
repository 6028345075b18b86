import { useId } from "react";
import { useI18n } from "../shared/i18n/I18nProvider";
import { getQueueCatalog } from "../shared/shippedLibrary";
import type { QueueFilters } from "./queueQuery";

/** Search, filters (flag, status, deadline) and sort for the queue. */
export function QueueFiltersBar({ filters, onChange }: { filters: QueueFilters; onChange(next: QueueFilters): void }) {
  const { t, text } = useI18n();
  const id = useId();
  // The queue is a public surface: only public flags are listed, so only they can be filtered on.
  const flags = [...getQueueCatalog().flags.values()]
    .filter((f) => f.sensitivity === "public")
    .sort((a, b) => (a.priority ?? 5) - (b.priority ?? 5) || text(a.label).localeCompare(text(b.label)));
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <search className="queue-filters" aria-label={t("queue.filters")}>
      <div className="field field-wide">
        <label htmlFor={`${id}-text`}>{t("queue.search")}</label>
        <input
          id={`${id}-text`}
          type="search"
          className="answer-input"
          value={filters.text}
          placeholder={t("queue.searchHint")}
          onChange={(e) => set("text", e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-flag`}>{t("queue.flag")}</label>
        <select id={`${id}-flag`} value={filters.flag} onChange={(e) => set("flag", e.target.value)}>
          <option value="">{t("queue.anyFlag")}</option>
          {flags.map((flag) => (
            <option key={flag.id} value={flag.id}>
              {text(flag.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("queue.status")}</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(e) => set("status", e.target.value as QueueFilters["status"])}
        >
          <option value="open">{t("queue.statusOpen")}</option>
          <option value="active">{t("status.active")}</option>
          <option value="stuck">{t("status.stuck")}</option>
          <option value="paused">{t("status.paused")}</option>
          <option value="pending">{t("status.pending")}</option>
          <option value="finished">{t("status.finished")}</option>
          <option value="closed">{t("status.closed")}</option>
          <option value="all">{t("queue.statusAll")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-deadline`}>{t("queue.deadline")}</label>
        <select
          id={`${id}-deadline`}
          value={filters.deadline}
          onChange={(e) => set("deadline", e.target.value as QueueFilters["deadline"])}
        >
          <option value="any">{t("queue.deadlineAny")}</option>
          <option value="overdue">{t("queue.deadlineOverdue")}</option>
          <option value="6">{t("queue.deadlineWithin", { hours: 6 })}</option>
          <option value="24">{t("queue.deadlineWithin", { hours: 24 })}</option>
          <option value="72">{t("queue.deadlineWithin", { hours: 72 })}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t("queue.sort")}</label>
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(e) => set("sort", e.target.value as QueueFilters["sort"])}
        >
          <option value="urgency">{t("queue.sortUrgency")}</option>
          <option value="recent">{t("queue.sortRecent")}</option>
        </select>
      </div>
    </search>
  );
}
