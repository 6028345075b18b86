import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type CompiledSop, compileSop, loadLibrary, type SopDefinition } from "../../src/engine/index";
import { readFixture } from "../engine/readFixture";

/** The analysis fixtures (test/fixtures/analysis), loaded; fails loudly if they are not clean. */
export function loadAnalysisFixtures() {
  const loaded = loadLibrary(readFixture("analysis"));
  const errors = loaded.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new Error(errors.map((i) => `${i.file} ${i.code} ${i.message}`).join("\n"));
  return loaded;
}

/** One compiled analysis fixture. */
export function analysisFixture(id: string): CompiledSop {
  const compiled = loadAnalysisFixtures().compiled.get(id);
  if (!compiled) throw new Error(`no compiled fixture "${id}"`);
  return compiled;
}

/**
 * Version 1.1.0 of the branching fixture, made from 1.0.0 for the diff tests: children of 16 and 17 are no longer
 * referred to SENNIAF (every "age < 18" becomes "age < 16").
 */
export function branchingV2Definition(): SopDefinition {
  const text = readFileSync(resolve(import.meta.dirname, "../fixtures/analysis/branching.sop.json"), "utf8");
  const sop = JSON.parse(text.replaceAll("age < 18", "age < 16")) as SopDefinition;
  return {
    ...sop,
    version: "1.1.0",
    notes: { en: "Children of 16 and 17 are no longer referred.", es: "Versión 1.1.0." },
  };
}

/** Version 1.1.0 of the branching fixture, compiled. */
export function branchingV2(): CompiledSop {
  return compileWithFixtureCatalog(branchingV2Definition());
}

/** Compiles an SOP object (lint is not run: for SOPs built to break a rule lint would refuse) with the catalog. */
export function compileWithFixtureCatalog(sop: SopDefinition, others: SopDefinition[] = []): CompiledSop {
  const library = loadAnalysisFixtures().library;
  const sops = new Map(library.sops);
  for (const other of others) sops.set(other.id, other);
  return compileSop(sop, { sops, catalog: library.catalog });
}

/** A text in the two languages every SOP needs, the same words in both (test SOPs only). */
export const text = (en: string) => ({ es: en, en });

/** What every small test SOP carries besides its id, title, start and steps. */
export const sopBase = {
  $schema: "../../../schemas/sop.schema.json",
  version: "1.0.0",
  owner: "Senda test suite",
  legalBasis: [],
  notes: text("Test."),
};

/** An end step with its outcome. */
export const end = (outcome: string) => ({ kind: "end", outcome });
