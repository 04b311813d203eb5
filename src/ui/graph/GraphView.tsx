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
import { useCallback, useDeferredValue, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';
import { useAfterPaint } from './after-paint';
import { StableLayout } from './layout';
import { buildGraph, type NodeData, trafficEdges } from './model';
import { nodeTypes } from './nodes';
import { openshiftNodeTypes } from './openshift-nodes';
import { usePulse, watchPulses } from './openshift-pulse';
import { edgeTypes } from './TrafficEdge';

/**
 * The new node list, reusing the current (measured) Node object wherever nothing React Flow draws
 * changed, and the current array itself when no node changed. React Flow keeps its internal node (and its
 * measurement) only for the identical object: handing it freshly built nodes would re-create and
 * re-measure all 1,000 of them on every structural change.
 */
function mergeNodes(current: Node[], next: Node[]): Node[] {
  const byId = new Map(current.map((n) => [n.id, n]));
  let changed = current.length !== next.length;
  const out = next.map((n, i) => {
    const p = byId.get(n.id);
    const keep = p && sameNode(p, n) ? p : n;
    if (keep !== current[i]) changed = true;
    return keep;
  });
  return changed ? out : current;
}

/** Keep the previous Edge object when nothing React Flow draws changed, so it skips re-rendering it. */
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
    (a.data as NodeData).uid === (b.data as NodeData).uid &&
    samePods((a.data as NodeData).pods, (b.data as NodeData).pods)
  );
}

/** A machine's inline pods (large clusters) are the same list in the same slots. */
function samePods(a: NodeData['pods'], b: NodeData['pods']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((p, i) => p.uid === b[i].uid && p.x === b[i].x && p.y === b[i].y);
}

const allNodeTypes = { ...nodeTypes, ...openshiftNodeTypes };

/** How often a large graph's node list may be rebuilt during a burst of structural changes. */
const LARGE_REBUILD_INTERVAL_MS = 250;

function sameEdge(a: Edge, b: Edge): boolean {
  return (
    a.className === b.className &&
    a.source === b.source &&
    a.target === b.target &&
    a.label === b.label &&
    a.data?.rps === b.data?.rps &&
    a.data?.errors === b.data?.errors &&
    a.data?.count === b.data?.count
  );
}

export function GraphView() {
  const { t, i18n } = useTranslation();
  const [pinEpoch, setPinEpoch] = useState(0);
  // After paint: a diff first commits and paints the few node components whose objects changed (their
  // status shows at once); the rebuild of the node and edge lists (a thousand pods: tens of ms) follows in
  // its own task, as an interruptible transition.
  // Past 200 pods (drawn inside their machines), a rollout changes the structure every frame: rebuild the
  // node list at most four times a second then. The first change after a quiet spell still shows at once.
  const large = useRef(false);
  const structure = useAfterPaint(
    useLab((s) => s.structure),
    large.current ? LARGE_REBUILD_INTERVAL_MS : 0,
  );
  const traffic = useDeferredValue(useLab((s) => s.traffic));
  const namespace = useUi((s) => s.namespace);
  const layoutEpoch = useUi((s) => s.layoutEpoch);
  const fitEpoch = useUi((s) => s.fitEpoch);
  // The build chain's pulse (openshift-pulse.ts) restyles the edges between pulsing nodes.
  const pulseEpoch = usePulse((s) => s.epoch);
  useEffect(() => watchPulses(), []);
  const layout = useRef(new StableLayout());
  const lastFilter = useRef<string | null>(null);
  const lastEpoch = useRef(layoutEpoch);
  /** The nodes React Flow has (measured ones after its first pass); see mergeNodes. */
  const nodesRef = useRef<Node[]>([]);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const prevEdges = useRef(new Map<string, Edge>());
  const flow = useRef<ReactFlowInstance | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` is the signal to rebuild.
  const base = useMemo(() => {
    if (lastFilter.current !== namespace || lastEpoch.current !== layoutEpoch) {
      layout.current.reset();
      lastFilter.current = namespace;
      lastEpoch.current = layoutEpoch;
    }
    const g = buildGraph(useLab.getState().objects, namespace, layout.current, [], usePulse.getState().nodes);
    const nodes = mergeNodes(nodesRef.current, g.nodes);
    nodesRef.current = nodes;
    large.current = g.podMachine !== undefined;
    return { nodes, edges: g.edges, visible: g.visible, podMachine: g.podMachine };
  }, [structure, namespace, layoutEpoch, pinEpoch, pulseEpoch]);

  // Traffic edges change every simulated second while requests flow: only they are rebuilt then.
  const graph = useMemo(() => {
    const all = [
      ...base.edges,
      ...trafficEdges(useLab.getState().objects, base.visible, traffic, base.podMachine),
    ];
    const edges = reuse(prevEdges.current, all, sameEdge);
    prevEdges.current = new Map(edges.map((e) => [e.id, e]));
    return { nodes: base.nodes, edges };
  }, [base, traffic]);

  // The roving tab stop must sit on a node that exists.
  useEffect(() => {
    const { active } = useUi.getState();
    const objects = useLab.getState().objects;
    if (active && objects.has(active) && graph.nodes.some((n) => (n.data as NodeData).uid === active)) return;
    const first = graph.nodes.find((n) => (n.data as NodeData).uid);
    useUi.setState({ active: first ? (first.data as NodeData).uid : undefined });
  }, [graph.nodes]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    nodesRef.current = applyNodeChanges(changes, nodesRef.current);
    redraw();
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
        nodes={nodesRef.current}
        edges={graph.edges}
        nodeTypes={allNodeTypes}
        edgeTypes={edgeTypes}
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
