import { pickText } from "../../../engine/index";
import type { TrainingResult } from "../../../store/training/index";
import type { Locale } from "../../shared/i18n/I18nProvider";
import { trainerText } from "../i18n/trainerMessages";

/**
 * Training results as CSV (RFC 4180: comma-separated, CRLF, fields quoted when needed), in the interface language:
 * one row per result, its misses in words joined by " | ". A cell that a spreadsheet would read as a formula (it
 * starts with =, +, - or @) is prefixed with an apostrophe. Pure.
 */
export function resultsCsv(results: readonly TrainingResult[], locale: Locale): string {
  const tr = trainerText(locale);
  const header = [
    tr("csv.when"),
    tr("csv.session"),
    tr("csv.trainee"),
    tr("csv.sop"),
    tr("csv.scenario"),
    tr("csv.kind"),
    tr("csv.percent"),
    tr("csv.earned"),
    tr("csv.possible"),
    tr("csv.misses"),
  ];
  const rows = results.map((r) => [
    r.at,
    r.session,
    r.trainee,
    `${r.sop} ${r.sopVersion}`,
    pickText(r.scenarioTitle, locale) || r.scenario,
    r.unscripted ? tr("results.unscripted") : tr("results.scripted"),
    String(r.percent),
    String(r.earned),
    String(r.possible),
    r.misses.map((m) => pickText(m.text, locale)).join(" | "),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
