/**
 * The mesh graph drawn with React Flow: dagre positions (layout.ts) for Services, lone workloads and
 * app boxes, versions stacked inside their box. Node objects are rebuilt only when the graph's shape
 * changes (nodes read their numbers from the store); edges carry their numbers and change every second.
 */
import {
  Background,
  Controls,
  type Edge,
  MarkerType,
  type Node,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../ui-store';
import { MeshLayout, memberOffset, SERVICE_H, SERVICE_W, WORKLOAD_H, WORKLOAD_W } from './layout';
import { type MeshEdgeData, meshEdgeTypes } from './MeshEdge';
import { type MeshNodeData, meshNodeTypes } from './MeshNodes';
import type { MeshGraph } from './model';

/** Nodes in reading order (left to right, top to bottom) so Tab walks the graph the way it is drawn. */
function flowNodes(graph: MeshGraph, layout: MeshLayout): Node<MeshNodeData>[] {
  const placed = layout.place(graph);
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const tops = [
    ...graph.groups.map((g) => g.id),
    ...graph.nodes.filter((n) => !graph.groupOf.has(n.id)).map((n) => n.id),
  ]
    .filter((id) => placed.has(id))
    .sort((a, b) => placed.get(a)!.x - placed.get(b)!.x || placed.get(a)!.y - placed.get(b)!.y);
  const out: Node<MeshNodeData>[] = [];
  for (const id of tops) {
    const p = placed.get(id)!;
    const group = groups.get(id);
    if (group) {
      out.push({
        id,
        type: 'meshApp',
        position: { x: p.x, y: p.y },
        width: p.width,
        height: p.height,
        data: { id, app: group.app, versions: group.members.length },
        draggable: false,
        selectable: false,
        focusable: false,
      });
      for (const [i, m] of group.members.entries())
        out.push({
          id: m,
          type: 'meshNode',
          parentId: id,
          extent: 'parent',
          position: memberOffset(i),
          width: WORKLOAD_W,
          height: WORKLOAD_H,
          data: { id: m },
        });
      continue;
    }
    const service = kinds.get(id) === 'service';
    out.push({
      id,
      type: 'meshNode',
      position: { x: p.x, y: p.y },
      width: service ? SERVICE_W : WORKLOAD_W,
      height: service ? SERVICE_H : WORKLOAD_H,
      data: { id },
    });
  }
  return out;
}

export function MeshFlow({ graph, reducedMotion }: { graph: MeshGraph; reducedMotion: boolean }) {
  const { i18n } = useTranslation();
  const namespace = useUi((s) => s.namespace);
  const layoutEpoch = useUi((s) => s.layoutEpoch);
  const fitEpoch = useUi((s) => s.fitEpoch);
  const layout = useRef(new MeshLayout());
  const flow = useRef<ReactFlowInstance<Node<MeshNodeData>, Edge<MeshEdgeData>> | null>(null);
  const resetFor = useRef('');

  const shape = [
    graph.nodes.map((n) => n.id).join(' '),
    graph.groups.map((g) => `${g.id}=${g.members.join(',')}`).join(' '),
    graph.edges.map((e) => `${e.source}>${e.target}`).join(' '),
  ].join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` is the signal to rebuild; the numbers do not move nodes.
  const nodes = useMemo(() => {
    const key = `${namespace}|${layoutEpoch}`;
    if (resetFor.current !== key) {
      layout.current.reset();
      resetFor.current = key;
    }
    return flowNodes(graph, layout.current);
  }, [shape, namespace, layoutEpoch]);

  const edges = useMemo(
    () =>
      graph.edges.map(
        (e): Edge<MeshEdgeData> => ({
          id: `${e.source}>${e.target}`,
          source: e.source,
          target: e.target,
          type: 'mesh',
          data: { edge: e, reducedMotion },
          markerEnd: { type: MarkerType.ArrowClosed, width: 12, height: 12, color: 'var(--edge)' },
        }),
      ),
    [graph.edges, reducedMotion],
  );

  // Keep the whole graph in view when it changes shape, on "Fit view", and when the box it is drawn in
  // changes size (the charts panel opens, a notice goes away).
  const runs = layout.current.runs;
  const box = useRef<HTMLDivElement>(null);
  const fitAll = useCallback(
    () => requestAnimationFrame(() => flow.current?.fitView({ padding: 0.12, duration: 0, maxZoom: 1.2 })),
    [],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when dagre ran again or on request.
  useEffect(() => {
    fitAll();
  }, [runs, fitEpoch, nodes.length]);
  useEffect(() => {
    if (!box.current) return;
    const observer = new ResizeObserver(() => fitAll());
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [fitAll]);

  return (
    <div className="mesh-flow" ref={box}>
      <ReactFlow
        key={i18n.language}
        nodes={nodes}
        edges={edges}
        nodeTypes={meshNodeTypes}
        edgeTypes={meshEdgeTypes}
        onInit={(inst) => {
          flow.current = inst;
        }}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        disableKeyboardA11y
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.12 }} />
      </ReactFlow>
    </div>
  );
}
