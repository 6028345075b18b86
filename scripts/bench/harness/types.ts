/** What every section of the benchmark is given: the options of the run, a log line writer, and the sizes. */
export interface BenchContext {
  /** Questionnaire sizes to measure (default 50, 500, 5,000). */
  sizes: readonly number[];
  /** How many timed runs a figure is the median of (fewer where one run takes seconds). */
  runs: number;
  /** A shorter run: fewer open sessions, no SurveyJS session at 5,000 questions, fewer browser steps. */
  quick: boolean;
  /** Progress for the person waiting (standard error); never part of the results. */
  log(line: string): void;
}

/**
 * One section of `npm run bench`: a group of figures measured together (the questionnaire in four systems, the
 * engine alone, the store, the browser, and whatever other issues add). Sections register themselves in
 * `registry.ts`; the report prints them in `order`.
 */
export interface BenchSection {
  id: string;
  title: string;
  /** Lower first. Built-in sections use 10–90; add others after them. */
  order: number;
  /** How the figures are measured, in a paragraph or two of Markdown, for BENCHMARKS.md. */
  method: string;
  /** Whether the section runs by default (a section that needs Chromium may say why it cannot). */
  available?(): { ok: true } | { ok: false; why: string };
  run(context: BenchContext): Promise<SectionResult>;
}

/** What a section measured: tables for people, targets checked, and the raw figures for `--json`. */
export interface SectionResult {
  tables: BenchTable[];
  targets?: TargetResult[];
  notes?: string[];
  /** The figures as numbers, for `--json` and for later comparison. */
  data: unknown;
}

export interface BenchTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Right-align every column but the first (figures); default true. */
  numeric?: boolean;
}

/** One target of the issue, the figure it is judged on, and whether it is met (undefined: not measured). */
export interface TargetResult {
  target: string;
  measured: string;
  met: boolean | undefined;
}
