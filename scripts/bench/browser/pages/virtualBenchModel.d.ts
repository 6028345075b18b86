// The questionnaire the benchmark pages run, generated at build time by `buildPages.ts`.
declare module "virtual:bench-model" {
  import type { XStateNodeJson } from "../../questionnaire/toXStateConfig";
  export const surveyJson: Record<string, unknown>;
  export const xstateConfig: XStateNodeJson;
}
