/** Hand-written types beside the generated ones; they never restate what a schema says. */
import type { Catalog, Category, Flag, Role, Service, Site, UrgencyTimes } from "./generated/catalog";
import type { Scenario } from "./generated/scenario";
import type { SopDefinition, Step } from "./generated/sop";

export type { CaseEvent, CaseOpened, Value as AnswerValue } from "./generated/case-event";
export type { Catalog, Category, Flag, Forbid, Level, Role, Service, Site, UrgencyTimes } from "./generated/catalog";
export type { Action as ScenarioAction, Expect as ScenarioExpect, Scenario } from "./generated/scenario";

/** An officer's action at a step (not on the case as a whole): what analysis explores and counterexamples hold. */
export type StepAction = import("./generated/scenario").Action & { step: string };
export type {
  Answer,
  Effect,
  EndStep,
  Expectation,
  Invariant,
  QuestionStep,
  Route,
  SopDefinition,
  Step,
} from "./generated/sop";

/** A locale map: `{ es: "…", en: "…" }`. */
export type Text = Record<string, string>;

export type StepKind = Step["kind"];

/** The kinds of document a library holds. */
export type DocumentKind = "sop" | "catalog" | "scenario";

/** The catalog merged from every catalog file, indexed by id. */
export interface CatalogIndex {
  services: Map<string, Service>;
  flags: Map<string, Flag>;
  sites: Map<string, Site>;
  roles: Map<string, Role>;
  /** How soon a referral of each urgency is due, catalog-wide (a service's `due` overrides it). */
  urgencies: Required<UrgencyTimes>;
  /** The sensitive-data categories, with the level their answers are kept at. */
  categories: Map<string, Category>;
  /** The languages every text read aloud must exist in besides Spanish and English; none when absent. */
  interviewLanguages?: string[];
  /** What the catalog could not say because a catalog file is broken; absent when every file is sound. */
  gaps?: CatalogGaps;
}

/** The parts of a catalog lost to broken files, so a reference to them is blamed on the file, not on the SOP. */
export interface CatalogGaps {
  /** The file of each entry that failed its schema, by `kind:id` (`service:senniaf`). */
  broken: Map<string, string>;
  /** Catalog files that are not JSON at all: any id may have been in them. */
  unreadable: string[];
}

/** The urgencies of a referral, most urgent first. */
export type Urgency = "immediate" | "urgent" | "routine";

/** Every SOP (by id) and the catalog: what a compiler needs to resolve procedures and references. */
export interface SopLibrary {
  sops: Map<string, SopDefinition>;
  catalog: CatalogIndex;
  /** SOPs whose file is in the library but has errors, so they could not be loaded: the file, by SOP id. */
  unloaded?: Map<string, string>;
  /** SOPs whose id is not their file's name (`uasc.sop.json` holding "uasc-v2"): the id, by the file's name. */
  renamed?: Map<string, string>;
}

/** A loaded file: its value, or nothing when it could not be trusted. */
export interface Loaded<T> {
  file: string;
  value?: T;
}

export type { Catalog as CatalogFile, Scenario as ScenarioFile };
