import { type AnalysisProgress, checkSop, loadLibrary } from "../../src/engine/index";
import { readFixture } from "../engine/readFixture";

const library = loadLibrary(readFixture("../../sop"));

describe("senda check's progress", () => {
  it("never goes quiet for more than a second of the clock while it works through runs, call sites included", () => {
    // A clock that moves 50 ms each time the check reads it: the check reads it while it works.
    let clock = 0;
    const now = () => (clock += 50);
    const said: { at: number; progress: AnalysisProgress }[] = [];
    const report = checkSop(library.compiled.get("uasc")!, {
      control: { now, onProgress: (progress) => said.push({ at: clock, progress }) },
    });
    expect(report.verdicts.every((v) => v.status === "proven")).toBe(true);
    const during = said.filter((s) => s.progress.phase === "invariants");
    expect(during.length).toBeGreaterThan(2);
    const gaps = during.slice(1).map((s, i) => s.at - during[i].at);
    // Between two lines: at most the second the check waits, plus the reads of one step of a run.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1_100);
    expect(clock).toBeGreaterThan(2_000);
  });
});
