/**
 * The live cluster graph (React Flow). Rebuilds its node list only when the mirror's structure changes
 * (objects added/removed, links changed); status changes reach the node components directly.
 */
import {
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type Node,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';
import { StableLayout } from './layout';
import { buildGraph, type NodeData } from './model';
import { nodeTypes } from './nodes';

/** Keep the previous Node/Edge object when nothing React Flow draws changed, so it skips re-rendering it. */
function reuse<T extends { id: string }>(
  prev: Map<string, T>,
  next: T[],
  same: (a: T, b: T) => boolean,
): T[] {
  return next.map((n) => {
    const p = prev.get(n.id);
    return p && same(p, n) ? p : n;
  });
}

function sameNode(a: Node, b: Node): boolean {
  return (
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.parentId === b.parentId &&
    a.width === b.width &&
    a.height === b.height &&
    (a.data as NodeData).uid === (b.data as NodeData).uid
  );
}

function sameEdge(a: Edge, b: Edge): boolean {
  return a.source === b.source && a.target === b.target && a.label === b.label;
}

export function GraphView() {
  const { t, i18n } = useTranslation();
  const [pinEpoch, setPinEpoch] = useState(0);
  const structure = useLab((s) => s.structure);
  const traffic = useLab((s) => s.traffic);
  const namespace = useUi((s) => s.namespace);
  const layoutEpoch = useUi((s) => s.layoutEpoch);
  const fitEpoch = useUi((s) => s.fitEpoch);
  const layout = useRef(new StableLayout());
  const lastFilter = useRef<string | null>(null);
  const lastEpoch = useRef(layoutEpoch);
  const prevNodes = useRef(new Map<string, Node>());
  const prevEdges = useRef(new Map<string, Edge>());
  const flow = useRef<ReactFlowInstance | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` is the signal to rebuild.
  const graph = useMemo(() => {
    if (lastFilter.current !== namespace || lastEpoch.current !== layoutEpoch) {
      layout.current.reset();
      lastFilter.current = namespace;
      lastEpoch.current = layoutEpoch;
    }
    const g = buildGraph(useLab.getState().objects, namespace, layout.current, traffic);
    const nodes = reuse(prevNodes.current, g.nodes, sameNode);
    const edges = reuse(prevEdges.current, g.edges, sameEdge);
    prevNodes.current = new Map(nodes.map((n) => [n.id, n]));
    prevEdges.current = new Map(edges.map((e) => [e.id, e]));
    return { nodes, edges };
  }, [structure, namespace, traffic, layoutEpoch, pinEpoch]);

  const [nodes, setNodes] = useState<Node[]>(graph.nodes);
  useEffect(() => setNodes(graph.nodes), [graph.nodes]);

  // The roving tab stop must sit on a node that exists.
  useEffect(() => {
    const { active } = useUi.getState();
    const objects = useLab.getState().objects;
    if (active && objects.has(active) && graph.nodes.some((n) => (n.data as NodeData).uid === active)) return;
    const first = graph.nodes.find((n) => (n.data as NodeData).uid);
    useUi.setState({ active: first ? (first.data as NodeData).uid : undefined });
  }, [graph.nodes]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, []);

  const onNodeDragStop = useCallback((_: unknown, node: Node) => {
    const key = node.type === 'machine' ? node.id : (node.data as NodeData).uid;
    layout.current.pin(key, { ...node.position });
    // A machine's pods are separate nodes: redraw them inside the box where it was dropped.
    if (node.type === 'machine') setPinEpoch((n) => n + 1);
  }, []);

  // Keep everything in view as the cluster grows, until the learner pans or zooms themselves; the
  // filter change and "Fit view" bring auto-fit back.
  const userMoved = useRef(false);
  const fittedFor = useRef('');
  useEffect(() => {
    const key = `${namespace}|${fitEpoch}`;
    if (fittedFor.current !== key) userMoved.current = false;
    if (!flow.current || graph.nodes.length === 0 || userMoved.current) return;
    fittedFor.current = key;
    requestAnimationFrame(() => flow.current?.fitView({ padding: 0.08, duration: 0, maxZoom: 1.2 }));
  }, [graph.nodes, namespace, fitEpoch]);

  return (
    <section className="graph" data-graph-root aria-label={t('graph.label')}>
      <ReactFlow
        key={i18n.language}
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onInit={(inst) => {
          flow.current = inst;
        }}
        onMoveStart={(event) => {
          // Only a real pointer or wheel gesture counts; fitView's own moves have no event.
          if (event) userMoved.current = true;
        }}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        disableKeyboardA11y
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.1 }} />
      </ReactFlow>
    </section>
  );
}
