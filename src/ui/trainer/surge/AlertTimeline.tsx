import { ALERT_LEVELS, type AlertDecision, type SopDefinition, type SurgeResult } from "../../../engine/index";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { levelKey, useSurgeText } from "./surgeMessages";

/**
 * The contingency plan's level on each day: a strip of days (each with its number and the level in words, coloured
 * too), the days at each level, and each change with the figures that decided it, named by the SOP's own questions.
 */
export function AlertTimeline({ result, contingency }: { result: SurgeResult; contingency: SopDefinition }) {
  const { s, formatNumber } = useSurgeText();
  const { text } = useI18n();
  const questions = new Map(
    Object.values(contingency.steps).flatMap((step) =>
      step.kind === "question" ? [[step.variable, step] as const] : [],
    ),
  );
  const describe = (alert: AlertDecision) =>
    Object.entries(alert.reason?.values ?? {})
      .map(([variable, value]) => {
        const q = questions.get(variable);
        const shown =
          typeof value === "number"
            ? formatNumber(value)
            : typeof value === "boolean"
              ? s(value ? "yes" : "no")
              : q?.answer.type === "one-of"
                ? text(q.answer.options.find((o) => o.value === value)?.label) || String(value)
                : String(value);
        return `${q ? text(q.title) : variable}: ${shown}`;
      })
      .join(" · ");
  const counts = [...ALERT_LEVELS, "none" as const]
    .filter((level) => result.totals.alertDays[level] > 0)
    .map(
      (level) => `${s(levelKey(level === "none" ? undefined : level))} ${formatNumber(result.totals.alertDays[level])}`,
    );

  return (
    <section className="surge-alerts" aria-labelledby="surge-alerts-title">
      <h3 id="surge-alerts-title">{s("alerts")}</h3>
      <p className="surge-help">{s("alerts.help")}</p>
      <ol className="alert-strip">
        {result.daily.map((d) => {
          const level = s(levelKey(d.alert.level));
          return (
            <li
              key={d.day}
              className={`alert-day alert-${d.alert.level ?? "none"}`}
              title={s("alerts.day", { day: d.day, level })}
            >
              <span className="alert-day-number">{d.day}</span> <span className="alert-day-level">{level}</span>
            </li>
          );
        })}
      </ol>
      <p>{s("alerts.days", { list: counts.join(", ") })}</p>
      <h4>{s("alerts.changes")}</h4>
      <ol className="alert-changes">
        {result.alertChanges.map((change) => {
          const alert = result.daily[change.day - 1].alert;
          const values = describe(alert);
          return (
            <li key={change.day}>
              <span className={`alert-badge alert-${change.to ?? "none"}`}>
                {s("alerts.change", { day: change.day, date: change.date, level: s(levelKey(change.to)) })}
              </span>
              {values ? <span className="alert-why"> {s("alerts.because", { values })}</span> : null}
              {alert.problem ? <span className="alert-why"> {s("alerts.problem")}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
