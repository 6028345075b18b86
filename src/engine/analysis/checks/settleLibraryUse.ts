import type { CheckReport } from "./types";

/**
 * Settles, across the reports of SOPs checked together (a library), the warnings that a step is never reached or a
 * route never taken. A procedure's step or route can be dead when it runs alone and alive when a caller runs it:
 * a route that reads a referral an earlier procedure made ("already referred") holds only after that procedure. It
 * is dead only when no SOP checked takes it: run alone, or inside any SOP that runs it, with the facts that SOP
 * brings (each report's `used`, from the run of its whole case). A warning about another SOP's step is left to that
 * SOP's own report when it is checked too, so each is said once. Reports are returned anew; a report checked
 * without its callers keeps what it found alone. Pure.
 *
 * @example
 * const reports = settleLibraryUse(library.map((sop) => checkSop(sop)));
 */
export function settleLibraryUse(reports: readonly CheckReport[]): CheckReport[] {
  const used = new Set(reports.flatMap((r) => r.used));
  const checked = new Set(reports.map((r) => r.sop));
  return reports.map((report) => ({
    ...report,
    issues: report.issues.filter((issue) => {
      const unused = issue.unused;
      if (!unused) return true;
      const key = `${unused.sop}:${unused.step}${unused.route === undefined ? "" : `#${unused.route}`}`;
      if (used.has(key)) return false;
      return unused.sop === report.sop || !checked.has(unused.sop);
    }),
  }));
}
