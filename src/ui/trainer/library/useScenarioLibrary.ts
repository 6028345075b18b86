import { sopIndex, sopLoaders } from "virtual:senda-sops";
import { useEffect, useState } from "react";
import type { CompiledSop, Scenario, SopDefinition } from "../../../engine/index";
import { loadCompiledSop } from "../../shared/loadCompiledSop";
import { describeScenario, type ScenarioFacets } from "./describeScenario";

// Scenarios are the trainer's alone, so they live in this lazy chunk.
const loaded = import.meta.glob<Scenario>("/sop/scenarios/*.scenario.json", { eager: true, import: "default" });

/** Every shipped scenario, by SOP then id. */
export const SCENARIOS: readonly Scenario[] = Object.values(loaded).sort(
  (a, b) => a.sop.localeCompare(b.sop) || a.id.localeCompare(b.id),
);

/** A shipped scenario by id. */
export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

let facetsLoading: Promise<Map<string, ScenarioFacets>> | undefined;

/**
 * What each scenario teaches and how hard it is (`describeScenario`), read once the shipped SOP definitions (their
 * own chunks) have loaded.
 */
export function useScenarioFacets(): Map<string, ScenarioFacets> | undefined {
  const [facets, setFacets] = useState<Map<string, ScenarioFacets>>();
  useEffect(() => {
    let live = true;
    facetsLoading ??= Promise.all(sopIndex.map((e) => sopLoaders[e.id]())).then((definitions) => {
      const byId = new Map<string, SopDefinition>(definitions.map((d) => [d.id, d]));
      return new Map(SCENARIOS.map((s) => [s.id, describeScenario(s, byId)]));
    });
    facetsLoading.then(
      (found) => live && setFacets(found),
      () => {
        facetsLoading = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return facets;
}

/** A shipped SOP, compiled, for the trainer's screens: the versions the scenarios (and CI) are written against. */
export function useCompiledSop(id: string | undefined): { compiled?: CompiledSop; problem?: string } {
  const [state, setState] = useState<{ id?: string; compiled?: CompiledSop; problem?: string }>({});
  useEffect(() => {
    if (!id) return;
    let live = true;
    loadCompiledSop(id).then(
      (compiled) => live && setState({ id, compiled }),
      (error: unknown) => live && setState({ id, problem: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return state.id === id ? state : {};
}
