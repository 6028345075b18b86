import { benchAnalysis, checkSop, compileSop, generateBenchSop } from "../../src/engine/index";

describe("the analysis benchmark", () => {
  it("measures generated SOPs of growing size beside a graph walk, with the caller's clock", () => {
    let tick = 0;
    const rows = benchAnalysis(
      () => tick++,
      [
        { questions: 2, options: 2 },
        { questions: 4, options: 3 },
      ],
    );
    expect(rows.map((r) => [r.questions, r.options, r.steps])).toEqual([
      [2, 2, 7],
      [4, 3, 11],
    ]);
    // States grow with questions times options; paths as options to the power of questions.
    expect(rows[1].states).toBeGreaterThan(rows[0].states);
    expect(rows.map((r) => r.paths)).toEqual([4, 81]);
    for (const r of rows) expect(r.ratio).toBeGreaterThan(0);
  });

  it("generates SOPs whose invariant the check proves", () => {
    const { sop, catalog } = generateBenchSop(3, 3);
    const report = checkSop(compileSop(sop, { sops: new Map([[sop.id, sop]]), catalog }));
    expect(report.verdicts.map((v) => v.status)).toEqual(["proven"]);
  });
});
