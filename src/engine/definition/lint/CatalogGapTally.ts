import type { IssueParamsOf, Subject } from "../issueParams";
import type { CatalogIndex } from "../types";

/**
 * Counts references that cannot be checked because the catalog file that would define them is broken, and reports
 * them once per catalog file, at the first such reference, naming the file as the cause.
 */
export class CatalogGapTally {
  private readonly byFile = new Map<
    string,
    { kind: "service" | "flag"; id: string; pointer: string; subject: Subject; count: number }
  >();

  constructor(private readonly catalog: CatalogIndex) {}

  /** Whether an unknown id is explained by a broken catalog file; if so, it is counted against that file. */
  explains(kind: "service" | "flag", id: string, pointer: string, subject: Subject): boolean {
    const gaps = this.catalog.gaps;
    if (!gaps) return false;
    const file = gaps.broken.get(`${kind}:${id}`) ?? gaps.unreadable[0];
    if (file === undefined) return false;
    const seen = this.byFile.get(file);
    if (seen) seen.count++;
    else this.byFile.set(file, { kind, id, pointer, subject, count: 1 });
    return true;
  }

  /** Reports, once per broken catalog file, how many references it leaves unchecked. */
  report(add: (params: IssueParamsOf["catalog-invalid"], pointer: string) => void): void {
    for (const [catalogFile, first] of this.byFile)
      add({ ...first.subject, catalogFile, kind: first.kind, count: first.count, id: first.id }, first.pointer);
  }
}
