import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { ProblemAlert } from "../../shared/ProblemAlert";
import { useEditorI18n } from "../i18n/useEditorI18n";
import { layoutGraph } from "./layoutGraph";

const WIDTH = 220;
const HEIGHT = 72;

interface StepLike {
  kind?: string;
  title?: Record<string, string>;
  next?: unknown;
  sop?: string;
  tracks?: { id: string; start: string }[];
}

type StepNodeData = {
  title: string;
  kind: string;
  problems: number;
  onPath: boolean;
  selected: boolean;
  procedure?: string;
  openSop(id: string): void;
  openStep(id: string): void;
  id: string;
  labels: { open: string; problems: string; onPath: string };
};

function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  return (
    <div
      className={`graph-node graph-kind-${data.kind} ${data.problems ? "graph-node-bad" : ""} ${data.onPath ? "graph-node-path" : ""} ${data.selected ? "graph-node-selected" : ""}`}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <button type="button" className="graph-node-open" onClick={() => data.openStep(data.id)}>
        <span className="graph-node-title">{data.title}</span>
        <span className="graph-node-kind">
          {data.kind}
          {data.problems ? ` · ${data.labels.problems}` : ""}
          {data.onPath ? ` · ${data.labels.onPath}` : ""}
        </span>
      </button>
      {data.procedure ? (
        <button
          type="button"
          className="graph-node-procedure button-link"
          onClick={() => data.openSop(data.procedure!)}
        >
          {data.labels.open}
        </button>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES = { step: StepNode };

/**
 * The SOP as a graph laid out by ELK (in its Web Worker) and drawn with React Flow: one box per step, one arrow per
 * route; steps with problems and the steps of a selected path (a counterexample) are marked; clicking a step opens
 * it; a procedure step opens the SOP it runs.
 */
export function GraphView({
  steps,
  start,
  problemsByStep,
  path,
  selected,
  openStep,
  openSop,
}: {
  steps: Record<string, StepLike>;
  start?: string;
  problemsByStep: Map<string, number>;
  path: string[];
  selected?: string;
  openStep(id: string): void;
  openSop(id: string): void;
}) {
  const { t, text, maybe } = useEditorI18n();
  const edges = useMemo(() => collectEdges(steps), [steps]);
  const [positions, setPositions] = useState<Map<string, { x: number; y: number }>>();
  const [failed, setFailed] = useState<string>();
  const shape = useMemo(() => JSON.stringify([Object.keys(steps), edges.map((e) => e.id)]), [steps, edges]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: laid out again only when steps or arrows change.
  useEffect(() => {
    let live = true;
    layoutGraph(
      Object.keys(steps).map((id) => ({ id, width: WIDTH, height: HEIGHT })),
      edges.filter((e) => e.target in steps),
    ).then(
      (layout) => live && setPositions(layout.positions),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [shape]);

  const labels = { open: t("graph.openProcedure"), problems: t("graph.hasProblems"), onPath: t("graph.onPath") };
  const nodes: Node<StepNodeData>[] = Object.entries(steps).map(([id, step]) => ({
    id,
    type: "step",
    position: positions?.get(id) ?? { x: 0, y: 0 },
    draggable: false,
    connectable: false,
    data: {
      id,
      title: text(step.title as never) || id,
      kind: (maybe(`enum.kind.${step.kind}`) ?? step.kind ?? "") + (id === start ? ` · ${t("steps.start")}` : ""),
      problems: problemsByStep.get(id) ?? 0,
      onPath: path.includes(id),
      selected: id === selected,
      procedure: step.kind === "procedure" ? step.sop : undefined,
      openSop,
      openStep,
      labels,
    },
  }));
  const flowEdges: Edge[] = edges
    .filter((e) => e.target in steps)
    .map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label,
      markerEnd: { type: MarkerType.ArrowClosed },
      className: path.includes(e.source) && path.includes(e.target) ? "graph-edge-path" : undefined,
    }));
  if (failed) return <ProblemAlert problem={{ text: t("graph.failed"), detail: failed }} />;
  return (
    <div className="graph-view" data-testid="graph-view">
      {positions ? (
        <ReactFlow
          nodes={nodes}
          edges={flowEdges}
          nodeTypes={NODE_TYPES}
          fitView
          fitViewOptions={{ minZoom: 0.6, maxZoom: 1, nodes: topNodes(positions) }}
          minZoom={0.1}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      ) : (
        <p role="status">{t("graph.laying")}</p>
      )}
    </div>
  );
}

/** The steps in the top rows of the layout: the view opens on the start of the procedure, not its middle. */
function topNodes(positions: Map<string, { x: number; y: number }>): { id: string }[] {
  const top = Math.min(...[...positions.values()].map((p) => p.y));
  return [...positions].filter(([, p]) => p.y <= top + 400).map(([id]) => ({ id }));
}

function collectEdges(
  steps: Record<string, StepLike>,
): { id: string; source: string; target: string; label?: string }[] {
  const edges: { id: string; source: string; target: string; label?: string }[] = [];
  for (const [id, step] of Object.entries(steps)) {
    const next = step.next;
    if (typeof next === "string") edges.push({ id: `${id}->${next}`, source: id, target: next });
    else if (Array.isArray(next))
      next.forEach((route: { when?: string; to?: string }, i) => {
        if (typeof route?.to !== "string") return;
        const label = route.when ? (route.when.length > 28 ? `${route.when.slice(0, 27)}…` : route.when) : undefined;
        edges.push({ id: `${id}->${route.to}#${i}`, source: id, target: route.to, label });
      });
    for (const track of step.tracks ?? [])
      if (typeof track?.start === "string")
        edges.push({ id: `${id}=>${track.start}`, source: id, target: track.start, label: track.id });
  }
  return edges;
}
