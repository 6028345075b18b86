import {
  type Answer,
  type CatalogIndex,
  emptyCatalog,
  type SopDefinition,
  type SopLibrary,
  type Step,
} from "../../src/engine/index";

type Next = Extract<Step, { kind: "instruction" }>["next"];
type Covers = Extract<Answer, { type: "consent" }>["covers"];

/** A text in both locales. */
export const t = (en: string, es = `${en} (es)`) => ({ es, en });

/** A schema-valid SOP around the given steps; the first step is the start unless `start` says otherwise. */
export function makeSop(
  id: string,
  steps: Record<string, Step>,
  extra: Partial<Omit<SopDefinition, "steps">> = {},
): SopDefinition {
  return {
    id,
    version: "1.0.0",
    title: t(id),
    owner: "Senda test suite",
    legalBasis: [],
    start: Object.keys(steps)[0],
    steps,
    ...extra,
  };
}

/** The few step shapes tests need, with both locales everywhere. */
export const step = {
  instruction: (next: Next): Step => ({
    kind: "instruction",
    title: t("Do"),
    next,
  }),
  yesNo: (variable: string, next: Next, extra: object = {}): Step => ({
    kind: "question",
    title: t(variable),
    say: t(`${variable}?`),
    variable,
    answer: { type: "yes-no" },
    next,
    ...extra,
  }),
  number: (variable: string, next: Next, extra: object = {}): Step => ({
    kind: "question",
    title: t(variable),
    say: t(`${variable}?`),
    variable,
    answer: { type: "number", min: 0, max: 120 },
    next,
    ...extra,
  }),
  consent: (variable: string, covers: Covers, next: Next): Step => ({
    kind: "question",
    title: t("Consent"),
    say: t("Do you agree?"),
    variable,
    answer: { type: "consent", covers },
    next,
  }),
  end: (outcome: "closed" | "referred" | "escalated" | "transferred" = "closed"): Step => ({ kind: "end", outcome }),
};

/** A library of the given SOPs over a catalog (empty by default). */
export function makeLibrary(sops: SopDefinition[], catalog?: CatalogIndex): SopLibrary {
  return {
    sops: new Map(sops.map((s) => [s.id, s])),
    catalog: catalog ?? emptyCatalog(),
  };
}

/** A catalog of one restricted protection service, "support" (IOM), for tests of referrals. */
export function supportCatalog(): CatalogIndex {
  const c = emptyCatalog();
  c.services.set("support", {
    id: "support",
    name: t("Support"),
    agency: "IOM",
    accepts: [],
    kind: "protection",
    confidentiality: "restricted",
  });
  return c;
}
