import { useMemo } from "react";
import type { SopDefinition, SurgeResult } from "../../../engine/index";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { getShippedCatalog } from "../../shared/shippedCatalog";
import { AlertTimeline } from "./AlertTimeline";
import { type ChartSeries, ChartTable, LineChart } from "./LineChart";
import { useSurgeText } from "./surgeMessages";

/** Up to this many days, the hourly charts' tables have one row per hour; beyond, one per day. */
const HOURLY_TABLE_DAYS = 7;

/** What a surge simulation measured: a summary, charts with their data tables, desks, personas, and alert levels. */
export function SurgeResults({
  result,
  elapsedMs,
  contingency,
  scenarioTitle,
}: {
  result: SurgeResult;
  elapsedMs: number;
  contingency: SopDefinition;
  scenarioTitle(id: string): string;
}) {
  const { s, formatNumber } = useSurgeText();
  const { text } = useI18n();
  const catalog = getShippedCatalog();
  const deskNames = useMemo(() => result.desks.map((d) => text(d.title) || d.id), [result, text]);
  const serviceNames = useMemo(
    () => result.services.map((id) => text(catalog.services.get(id)?.name) || id),
    [result, text, catalog],
  );
  const deskName = (i: number) => deskNames[i];
  const minutes = (m: number) => formatNumber(Math.round(m * 10) / 10);

  const hours = useMemo(() => Float64Array.from({ length: result.hours }, (_, h) => h), [result]);
  const days = useMemo(() => Float64Array.from(result.daily, (d) => d.day), [result]);
  const queueSeries = useMemo<ChartSeries[]>(
    () => result.desks.map((_, i) => ({ label: deskNames[i], values: result.hourly.queue[i] })),
    [result, deskNames],
  );
  const occupancySeries = useMemo<ChartSeries[]>(
    () => [
      { label: s("chart.onSite"), values: result.hourly.occupancyMax },
      { label: s("chart.capacity"), values: new Float64Array(result.hours).fill(result.capacity) },
    ],
    [result, s],
  );
  const waitSeries = useMemo<ChartSeries[]>(
    () => [
      { label: s("chart.mean"), values: result.daily.map((d) => d.wait.mean) },
      { label: "p50", values: result.daily.map((d) => d.wait.p50) },
      { label: "p90", values: result.daily.map((d) => d.wait.p90) },
      { label: "p95", values: result.daily.map((d) => d.wait.p95) },
    ],
    [result, s],
  );
  const referralSeries = useMemo<ChartSeries[]>(
    () => result.services.map((_, i) => ({ label: serviceNames[i], values: result.daily.map((d) => d.referrals[i]) })),
    [result, serviceNames],
  );

  const hourlyRows = (values: (h: number) => (string | number)[], perDay: (d: number) => (string | number)[]) => () =>
    result.days <= HOURLY_TABLE_DAYS
      ? Array.from({ length: result.hours }, (_, h) => [h, ...values(h)])
      : result.daily.map((d) => [d.day, ...perDay(d.day - 1)]);
  const dayHours = (d: number) => Array.from({ length: Math.min(24, result.hours - d * 24) }, (_, i) => d * 24 + i);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const hourly = result.days <= HOURLY_TABLE_DAYS;
  const t = result.totals;

  return (
    <section className="surge-results" aria-labelledby="surge-results-title">
      <h2 id="surge-results-title" tabIndex={-1}>
        {s("results")}
      </h2>
      <p>
        {s("summary", {
          days: s("daysCount", { count: result.days }),
          arrivals: formatNumber(t.arrivals),
          handled: formatNumber(t.handled),
          unfinished: formatNumber(t.unfinished),
          mean: minutes(t.wait.mean),
          p50: minutes(t.wait.p50),
          p90: minutes(t.wait.p90),
          p95: minutes(t.wait.p95),
        })}{" "}
        <span className="surge-muted">{s("elapsed", { seconds: formatNumber(Math.round(elapsedMs / 100) / 10) })}</span>
      </p>

      <AlertTimeline result={result} contingency={contingency} />

      <LineChart
        title={s("chart.queue")}
        x={hours}
        xLabel={s("chart.hours")}
        series={queueSeries}
        table={
          <ChartTable
            caption={s("chart.queue")}
            note={s(hourly ? "table.hourly" : "table.daily")}
            columns={[
              s(hourly ? "table.hour" : "table.day"),
              ...result.desks.flatMap((_, i) =>
                hourly
                  ? [deskName(i)]
                  : [s("table.meanOf", { name: deskName(i) }), s("table.maxOf", { name: deskName(i) })],
              ),
            ]}
            rows={hourlyRows(
              (h) => result.desks.map((_, i) => minutes(result.hourly.queue[i][h])),
              (d) =>
                result.desks.flatMap((_, i) => [
                  minutes(mean(dayHours(d).map((h) => result.hourly.queue[i][h]))),
                  Math.max(0, ...dayHours(d).map((h) => result.hourly.queueMax[i][h])),
                ]),
            )}
          />
        }
      />

      <LineChart
        title={s("chart.occupancy")}
        x={hours}
        xLabel={s("chart.hours")}
        series={occupancySeries}
        table={
          <ChartTable
            caption={s("chart.occupancy")}
            note={s(hourly ? "table.hourly" : "table.daily")}
            columns={[
              s(hourly ? "table.hour" : "table.day"),
              hourly ? s("chart.onSite") : s("table.meanOf", { name: s("chart.onSite") }),
              ...(hourly ? [] : [s("table.maxOf", { name: s("chart.onSite") })]),
              s("chart.capacity"),
            ]}
            rows={hourlyRows(
              (h) => [result.hourly.occupancyMax[h], result.capacity],
              (d) => [
                minutes(mean(dayHours(d).map((h) => result.hourly.occupancy[h]))),
                result.daily[d].occupancyPeak,
                result.capacity,
              ],
            )}
          />
        }
      />

      <LineChart
        title={s("chart.wait")}
        x={days}
        xLabel={s("chart.day")}
        series={waitSeries}
        table={
          <ChartTable
            caption={s("chart.wait")}
            note=""
            columns={[
              s("table.day"),
              s("table.date"),
              s("table.arrivals"),
              s("table.handled"),
              s("chart.mean"),
              "p50",
              "p90",
              "p95",
            ]}
            rows={() =>
              result.daily.map((d) => [
                d.day,
                d.label || d.date,
                d.arrivals,
                d.handled,
                minutes(d.wait.mean),
                minutes(d.wait.p50),
                minutes(d.wait.p90),
                minutes(d.wait.p95),
              ])
            }
          />
        }
      />

      {result.services.length ? (
        <LineChart
          title={s("chart.referrals")}
          x={days}
          xLabel={s("chart.day")}
          series={referralSeries}
          table={
            <ChartTable
              caption={s("chart.referrals")}
              note=""
              columns={[s("table.day"), ...serviceNames]}
              rows={() => result.daily.map((d) => [d.day, ...d.referrals])}
            />
          }
        />
      ) : null}

      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the table with the arrow keys */}
      <section className="surge-table-scroll" tabIndex={0} aria-label={s("desks.results")}>
        <table>
          <caption>{s("desks.results")}</caption>
          <thead>
            <tr>
              <th scope="col">{s("desks.results")}</th>
              <th scope="col">{s("desks.busy")}</th>
              <th scope="col">{s("desks.queue")}</th>
              <th scope="col">{s("desks.wait")}</th>
              <th scope="col">{s("desks.p95")}</th>
            </tr>
          </thead>
          <tbody>
            {result.desks.map((d, i) => (
              <tr key={d.id}>
                <th scope="row">{deskName(i)}</th>
                <td>{formatNumber(Math.round(d.utilisation * 1000) / 10)} %</td>
                <td>{minutes(d.meanQueue)}</td>
                <td>{minutes(d.wait.mean)}</td>
                <td>{minutes(d.wait.p95)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <h3>{s("personas.results")}</h3>
      <ul className="surge-personas">
        {result.personas.map((p) => (
          <li key={p.id}>
            <strong>{formatNumber(Math.round(p.share * 1000) / 10)} %</strong> {scenarioTitle(p.id)}:{" "}
            {s("personas.minutes", { count: Math.round(p.minutes * 10) / 10 })}
            {p.visits.length
              ? ` (${p.visits.map((v) => `${deskName(result.desks.findIndex((d) => d.id === v.desk))} ${minutes(v.minutes)}`).join(" → ")})`
              : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
