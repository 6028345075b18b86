import { TechnicalDetail } from "./TechnicalDetail";

/** A problem as the screen shows it: a sentence in the reader's language, and the technical text behind it if any. */
export interface ShownProblem {
  text: string;
  /** The store's, the engine's or the browser's own words (English), shown folded, for support. */
  detail?: string;
}

/** The technical text of anything thrown: its name and message, or the value as a string. */
export function detailOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Shows a problem as an alert: the reader's sentence first, the technical detail folded under it. */
export function ProblemAlert({ problem }: { problem: ShownProblem | string }) {
  const { text, detail } = typeof problem === "string" ? { text: problem, detail: undefined } : problem;
  return (
    <div className="problem" role="alert">
      <p>{text}</p>
      <TechnicalDetail detail={detail} />
    </div>
  );
}
