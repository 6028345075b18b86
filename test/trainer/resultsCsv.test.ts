import type { TrainingResult } from "../../src/store/training/index";
import { resultsCsv } from "../../src/ui/trainer/results/resultsCsv";

const result = (over: Partial<TrainingResult>): TrainingResult => ({
  kind: "training-result",
  at: "2024-03-01T10:00:00.000Z",
  session: "Grupo 3",
  trainee: "Ana",
  sop: "trafficking",
  sopVersion: "1.0.0",
  scenario: "trafficking-woman-22",
  scenarioTitle: { es: "La misma mujer decide denunciar", en: "The same woman chooses to report" },
  unscripted: false,
  percent: 21,
  earned: 5,
  possible: 24,
  misses: [],
  ...over,
});

describe("the results CSV", () => {
  it("has a header in the interface language and one row per result, misses in words", () => {
    const csv = resultsCsv(
      [
        result({
          misses: [
            {
              kind: "missed-flag",
              subject: "trafficking-indicators",
              text: {
                es: "No se marcó la alerta «Indicios de trata de personas».",
                en: "The flag “Trafficking indicators” was not raised.",
              },
            },
            {
              kind: "wrong-outcome",
              subject: "outcome",
              text: { es: "El caso terminó cerrado.", en: "The case ended closed." },
            },
          ],
        }),
        result({ trainee: "Luis", unscripted: true, percent: 100, earned: 9, possible: 9 }),
      ],
      "en",
    );
    expect(csv.split("\r\n")).toEqual([
      "date,session,trainee,procedure,scenario,kind,score_percent,points,points_possible,to_review",
      "2024-03-01T10:00:00.000Z,Grupo 3,Ana,trafficking 1.0.0,The same woman chooses to report,scenario,21,5,24,The flag “Trafficking indicators” was not raised. | The case ended closed.",
      "2024-03-01T10:00:00.000Z,Grupo 3,Luis,trafficking 1.0.0,The same woman chooses to report,unscripted,100,9,9,",
      "",
    ]);
  });

  it("quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula", () => {
    const csv = resultsCsv([result({ trainee: '=HYPERLINK("x")', session: "Grupo 3, tarde\nsala B" })], "es");
    const row = csv.split("\r\n").slice(1).join("\r\n");
    expect(row).toContain('"Grupo 3, tarde\nsala B"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.startsWith("fecha,sesion,participante,")).toBe(true);
  });
});
