import type { BenchSection } from "./types";

const sections = new Map<string, BenchSection>();

/**
 * Adds a section to `npm run bench`. Another issue's figures (surge simulation, replication) go in a module of
 * their own that calls this at import, imported once from `scripts/bench/sections/index.ts`.
 *
 * @example
 * registerBenchSection({ id: "surge", title: "Surge simulation", order: 60, method: "…", run: async (ctx) => ({ … }) });
 */
export function registerBenchSection(section: BenchSection): void {
  if (sections.has(section.id)) throw new Error(`a bench section "${section.id}" is already registered`);
  sections.set(section.id, section);
}

/** Every registered section, in report order. */
export function listBenchSections(): BenchSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
