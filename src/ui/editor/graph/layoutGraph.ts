import ELK from "elkjs/lib/elk-api.js";

/** A step to place, with its size. */
export interface GraphNodeInput {
  id: string;
  width: number;
  height: number;
}

/** Where each step goes and how each edge bends. */
export interface GraphLayout {
  positions: Map<string, { x: number; y: number }>;
}

let elk: InstanceType<typeof ELK> | undefined;

/** Lays the SOP's steps out top to bottom with ELK's layered algorithm, in ELK's Web Worker. */
export async function layoutGraph(
  nodes: GraphNodeInput[],
  edges: { id: string; source: string; target: string }[],
): Promise<GraphLayout> {
  elk ??= new ELK({
    workerFactory: () => new Worker(new URL("./elkWorker.ts", import.meta.url), { type: "module", name: "senda-elk" }),
  });
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.layered.spacing.nodeNodeBetweenLayers": "48",
      "elk.spacing.nodeNode": "32",
      "elk.edgeRouting": "ORTHOGONAL",
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return { positions: new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }])) };
}
