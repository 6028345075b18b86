import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useSurgeText } from "./surgeMessages";

/** One line of a chart: its name, colour, and a dash pattern so that lines differ without colour too. */
export interface ChartSeries {
  label: string;
  values: ArrayLike<number>;
}

/** Colours with 4.5:1 contrast on white, and dash patterns to tell lines apart without colour. */
const COLOURS = ["#0b4f71", "#b34700", "#5b3f8c", "#1d6b34", "#a3161a", "#6b5b00", "#00707a", "#8a2d6b"];
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 5], [12, 6], [6, 2, 2, 2]];

const styleOf = (i: number) => ({ colour: COLOURS[i % COLOURS.length], dash: DASHES[i % DASHES.length] });

/**
 * A line chart drawn by uPlot on a canvas, sized to its container, with a legend in HTML (names and line styles)
 * and the same data as a table below (`table`) for screen readers and keyboard users.
 */
export function LineChart({
  title,
  x,
  xLabel,
  series,
  table,
}: {
  title: string;
  x: ArrayLike<number>;
  xLabel: string;
  series: ChartSeries[];
  table: ReactNode;
}) {
  const { s } = useSurgeText();
  const holder = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const [width, setWidth] = useState(320);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(element.clientWidth))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const options: uPlot.Options = {
      width,
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [
        { label: xLabel, stroke: "#1b1f23", grid: { stroke: "#e3e8ec" } },
        { stroke: "#1b1f23", grid: { stroke: "#e3e8ec" }, size: 52 },
      ],
      series: [
        {},
        ...series.map((line, i) => ({
          label: line.label,
          stroke: styleOf(i).colour,
          dash: styleOf(i).dash,
          width: 2,
          points: { show: false },
        })),
      ],
    };
    const data = [Array.from(x), ...series.map((line) => Array.from(line.values))] as uPlot.AlignedData;
    const chart = new uPlot(options, data, element);
    return () => chart.destroy();
  }, [width, x, xLabel, series]);

  return (
    <figure className="surge-chart" aria-labelledby={headingId}>
      <figcaption id={headingId} className="surge-chart-title">
        {title}
      </figcaption>
      <div ref={holder} className="surge-chart-canvas" role="img" aria-label={s("chart.describe", { title })} />
      <ul className="surge-legend">
        {series.map((line, i) => (
          <li key={line.label}>
            <svg width="28" height="10" aria-hidden="true" focusable="false">
              <line
                x1="0"
                y1="5"
                x2="28"
                y2="5"
                stroke={styleOf(i).colour}
                strokeWidth="3"
                strokeDasharray={styleOf(i).dash.join(" ") || undefined}
              />
            </svg>{" "}
            {line.label}
          </li>
        ))}
      </ul>
      {table}
    </figure>
  );
}

/** A table of a chart's data behind a disclosure, built only when opened (a year of hours is long). */
export function ChartTable({
  caption,
  note,
  columns,
  rows,
}: {
  caption: string;
  note: string;
  columns: string[];
  rows: () => (string | number)[][];
}) {
  const { s } = useSurgeText();
  const [open, setOpen] = useState(false);
  return (
    <details className="surge-table" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{s("table.show")}</summary>
      {open ? (
        // A region that scrolls must be reachable by keyboard, and named for screen readers.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the table with the arrow keys
        <section className="surge-table-scroll" tabIndex={0} aria-label={caption}>
          <table>
            <caption>
              {caption}. {note}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows().map((row) => (
                <tr key={String(row[0])}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={columns[i]} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={columns[i]}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </details>
  );
}
