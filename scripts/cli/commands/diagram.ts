import { type CompiledSop, type MachineConfigJson, REQUIRED_LOCALES } from "../../../src/engine/index";
import { allowFlags, allowPositionals, type Command, UsageError } from "../command";
import { loadOneSop } from "./loadOneSop";

export const diagram: Command = {
  name: "diagram",
  summary: "print an SOP as a Mermaid state diagram",
  usage: `senda diagram <file.sop.json> [--locale es|en]

Prints a Mermaid stateDiagram-v2 of the compiled SOP: steps as states labelled with their titles, routes with
their conditions, procedures and parallel tracks as nested states. Paste it into any Mermaid viewer.`,
  run(args, io) {
    allowFlags(args, ["locale"]);
    allowPositionals(args, 1, "one SOP file");
    const locale = args.options.get("locale") ?? "en";
    if (!(REQUIRED_LOCALES as readonly string[]).includes(locale))
      throw new UsageError(`--locale must be one of ${REQUIRED_LOCALES.join(", ")}; got "${locale}"`);
    const compiled = loadOneSop(args.positional[0], io.cwd);
    io.out(toMermaid(compiled, locale));
    return 0;
  },
};

/** Renders the compiled statechart as Mermaid text. */
export function toMermaid(compiled: CompiledSop, locale: string): string {
  const lines = ["stateDiagram-v2"];
  const nodeId = (key: string) => key.replace(/[^A-Za-z0-9_]/g, "_");
  const label = (key: string) => {
    const path = compiled.stepByStateKey.get(key);
    const step = path ? compiled.steps.get(path)?.step : undefined;
    const title =
      step && "title" in step && step.title ? (step.title[locale] ?? Object.values(step.title)[0]) : undefined;
    const name = title ?? key.split(".").pop()!;
    return `${name} (${step?.kind ?? "route"})`.replace(/"/g, "'");
  };
  const trackTitle = (key: string, track: string) => {
    const path = compiled.stepByStateKey.get(key);
    const step = path ? compiled.steps.get(path)?.step : undefined;
    const title = step?.kind === "parallel" ? step.tracks.find((t) => t.id === track)?.title : undefined;
    return (title ? (title[locale] ?? Object.values(title)[0]) : track).replace(/"/g, "'");
  };
  const walk = (node: MachineConfigJson, prefix: string, indent: string) => {
    const states = node.states ?? {};
    if (node.initial) lines.push(`${indent}[*] --> ${nodeId(`${prefix}${node.initial}`)}`);
    for (const [key, child] of Object.entries(states)) {
      const full = `${prefix}${key}`;
      const id = nodeId(full);
      const isRoute = key.endsWith("~next");
      if (child.states) {
        lines.push(`${indent}state "${label(full)}" as ${id} {`);
        if (child.type === "parallel") {
          const tracks = Object.entries(child.states);
          tracks.forEach(([track, region], i) => {
            lines.push(`${indent}  state "${trackTitle(full, track)}" as ${nodeId(`${full}.${track}`)} {`);
            walk(region, `${full}.${track}.`, `${indent}    `);
            lines.push(`${indent}  }`);
            if (i < tracks.length - 1) lines.push(`${indent}  --`);
          });
        } else walk(child, `${full}.`, `${indent}  `);
        lines.push(`${indent}}`);
      } else if (isRoute) lines.push(`${indent}state ${id} <<choice>>`);
      else lines.push(`${indent}state "${label(full)}" as ${id}`);
      if (child.type === "final" || child.entry?.some((a) => a.type === "reachEnd"))
        lines.push(`${indent}${id} --> [*]`);
      const transitions = [
        ...Object.values(child.on ?? {}).flat(),
        ...(child.always ? [child.always].flat() : []),
        ...(child.onDone ? [child.onDone] : []),
      ];
      const drawn = new Set<string>();
      for (const t of transitions) {
        if (!t.target || drawn.has(t.target)) continue;
        drawn.add(t.target);
        const condition = t.guard?.type === "routeHolds" ? conditionOf(compiled, t.guard.params) : undefined;
        lines.push(
          `${indent}${id} --> ${nodeId(`${prefix}${t.target}`)}${condition ? ` : ${condition.replace(/[:;]/g, " ")}` : ""}`,
        );
      }
    }
  };
  walk(compiled.config, "", "  ");
  return lines.join("\n");
}

function conditionOf(compiled: CompiledSop, params: Record<string, string | number> | undefined): string | undefined {
  if (!params) return undefined;
  const step = compiled.steps.get(String(params.path))?.step;
  if (!step || step.kind === "end" || typeof step.next === "string") return undefined;
  return step.next[Number(params.index)]?.when;
}
