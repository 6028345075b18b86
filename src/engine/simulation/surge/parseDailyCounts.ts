/** Daily counts read from a CSV file, with the dates when the file gives them. */
export interface DailyCounts {
  counts: number[];
  /** The first field of each row when rows have two or more fields (a date, as written). */
  labels: string[];
  /** Problems, each on its 1-based line. */
  problems: { line: number; kind: "not-a-count" | "no-counts"; value?: string; message: string }[];
}

/**
 * Reads daily arrival counts from CSV text: one day per line, `date,count` or just `count` (the count is the last
 * field; commas, semicolons or tabs separate fields), an optional header line, blank lines and `#` comments skipped.
 * Pure: the caller reads the file.
 */
export function parseDailyCounts(text: string): DailyCounts {
  const out: DailyCounts = { counts: [], labels: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let seenData = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/[,;\t]/).map((f) =>
      f
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim(),
    );
    const last = fields[fields.length - 1];
    const isNumber = /^[+-]?\d+(\.\d+)?$/.test(last);
    if (!seenData && !isNumber) {
      seenData = true; // a header
      continue;
    }
    seenData = true;
    const value = Number(last);
    if (!isNumber || !Number.isInteger(value) || value < 0 || value > 100_000) {
      out.problems.push({
        line: i + 1,
        kind: "not-a-count",
        value: last,
        message: `the count "${last}" is not a whole number of people from 0 to 100,000`,
      });
      continue;
    }
    out.counts.push(value);
    out.labels.push(fields.length > 1 ? fields[0] : "");
  }
  if (out.counts.length === 0 && out.problems.length === 0)
    out.problems.push({
      line: 1,
      kind: "no-counts",
      message: "the file has no daily counts: write one day per line, like 2024-03-01,850",
    });
  return out;
}
