/**
 * Views -> React Flow nodes and edges, a pure function of the mirror, the namespace filter, the stable
 * layout and the traffic log. Node `data` holds only the uid: each node component reads its own object
 * from the store, so a status change re-renders one node and never rebuilds this graph.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ObjectView, TrafficEdge } from '../../protocol/views';
import { OBJECT_H, OBJECT_W, POD_H, POD_W, type StableLayout, UNSCHEDULED } from './layout';
import { addOpenShiftEdges, imageStreamTagViews, type TagNodeView, tagAnchors } from './openshift-model';

export interface GraphData {
  nodes: Node[];
  edges: Edge[];
  /** Ids of the drawn objects (trafficEdges draws only between these). */
  visible: ReadonlySet<string>;
  /** Large clusters (pods inside machines): each pod's machine node id. */
  podMachine?: ReadonlyMap<string, string>;
}

/** A pod drawn inside its machine's node (large clusters), at its slot relative to the machine box. */
export interface InlinePod {
  uid: string;
  x: number;
  y: number;
}

export interface NodeData extends Record<string, unknown> {
  uid: string;
  /** Machines of a large cluster: the pods drawn inside them (see AGGREGATE_EDGES_ABOVE). */
  pods?: InlinePod[];
  /** Machines: the node name (or UNSCHEDULED). */
  machine?: string;
  /** ImageStreamTag nodes (uid is the ImageStream's): the tag. */
  tag?: string;
}

const ROW_KINDS = new Set([
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'Ingress',
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'ReplicaSet',
  'Job',
  'BuildConfig',
  'Build',
  'DeploymentConfig',
  'ReplicationController',
  'Route',
]);

/** Node component per kind (ObjectNode for the rest); see nodes.tsx. */
const NODE_TYPES: Record<string, string> = {
  BuildConfig: 'buildconfig',
  Build: 'build',
  ImageStreamTag: 'istag',
  Route: 'route',
};

/**
 * Above this many visible pods, owner, Service and traffic edges are drawn once per machine (with a
 * count) instead of once per pod: thousands of edges cost more than they tell. Pods are then drawn inside
 * their machine's node rather than as nodes of their own, so React Flow tracks a few dozen nodes, not
 * a thousand (its per-node store subscriptions made every change of the node list cost tens of ms).
 */
export const AGGREGATE_EDGES_ABOVE = 200;

export function machineId(key: string): string {
  return `machine:${key}`;
}

/** Whether a Service's selector picks a pod (an empty selector picks none, as for Endpoints). */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

export function buildGraph(
  objects: ReadonlyMap<string, ObjectView>,
  namespace: string,
  layout: StableLayout,
  traffic: readonly TrafficEdge[] = [],
  /** Node ids of the build chain that just changed (openshift-pulse.ts): edges between two pulse. */
  pulsing: ReadonlySet<string> = new Set(),
): GraphData {
  const machines: ObjectView[] = [];
  const rowObjects: ObjectView[] = [];
  const pods: ObjectView[] = [];
  // Every namespace's: a shown BuildConfig may build on another namespace's (shared) image.
  const streams: ObjectView[] = [];
  for (const o of objects.values()) {
    if (o.kind === 'Node') machines.push(o);
    else if (o.kind === 'ImageStream') streams.push(o);
    else if (namespace && o.namespace !== namespace) continue;
    else if (o.kind === 'Pod') pods.push(o);
    else if (ROW_KINDS.has(o.kind)) rowObjects.push(o);
  }
  const tagViews = streams.length > 0 ? imageStreamTagViews(streams, namespace, rowObjects) : [];
  rowObjects.push(...tagViews);
  // Control plane first, then workers by name: the order `kubectl get nodes` shows.
  machines.sort((a, b) => (a.role === b.role ? cmp(a.name, b.name) : a.role === 'control-plane' ? -1 : 1));
  rowObjects.sort(byNamespaceAndName);
  pods.sort(byNamespaceAndName);
  const { boxes, positions, podParents } = layout.place(
    machines.map((m) => m.name),
    rowObjects,
    pods,
    objects,
    tagViews.length > 0 ? tagAnchors(rowObjects, tagViews) : undefined,
  );

  const nodes: Node[] = [];
  const machineUid = new Map(machines.map((m) => [m.name, m.uid]));
  const inline = pods.length > AGGREGATE_EDGES_ABOVE;
  const inlinePods = new Map<string, InlinePod[]>();
  if (inline) {
    for (const p of pods) {
      const key = podParents.get(p.uid) ?? UNSCHEDULED;
      const rel = positions.get(p.uid)!;
      const list = inlinePods.get(key);
      const item = { uid: p.uid, x: rel.x, y: rel.y };
      if (list) list.push(item);
      else inlinePods.set(key, [item]);
    }
  }
  for (const [key, box] of boxes) {
    nodes.push({
      id: machineId(key),
      type: 'machine',
      position: { x: box.x, y: box.y },
      data: {
        uid: machineUid.get(key) ?? '',
        machine: key,
        ...(inline ? { pods: inlinePods.get(key) ?? [] } : {}),
      } satisfies NodeData,
      style: { width: box.width, height: box.height },
      width: box.width,
      height: box.height,
      selectable: false,
      focusable: false,
      // Behind the pods drawn inside it (they are separate nodes, not children).
      zIndex: -1,
    });
  }
  for (const o of rowObjects) {
    const tag = o.kind === 'ImageStreamTag' ? (o as TagNodeView) : undefined;
    nodes.push({
      id: o.uid,
      type: NODE_TYPES[o.kind] ?? 'object',
      position: positions.get(o.uid)!,
      data: tag ? ({ uid: tag.streamUid, tag: tag.tag } satisfies NodeData) : { uid: o.uid },
      width: OBJECT_W,
      height: OBJECT_H,
      focusable: false,
    });
  }
  // Pods are top-level nodes placed inside their machine's box (not React Flow sub-flows), so a
  // machine growing by a row never touches the pods already drawn.
  for (const p of inline ? [] : pods) {
    const key = podParents.get(p.uid) ?? UNSCHEDULED;
    const box = boxes.get(key)!;
    const rel = positions.get(p.uid)!;
    nodes.push({
      id: p.uid,
      type: 'pod',
      position: { x: box.x + rel.x, y: box.y + rel.y },
      draggable: false,
      focusable: false,
      width: POD_W,
      height: POD_H,
      zIndex: 1,
      data: { uid: p.uid, machine: key } satisfies NodeData,
    });
  }

  const visible = new Set<string>([...rowObjects, ...pods].map((o) => o.uid));
  const edges: Edge[] = [];
  const aggregate = pods.length > AGGREGATE_EDGES_ABOVE;
  const bundles = new Map<string, Edge & { count: number }>();
  const add = (source: string, target: string, kind: string, extra: Partial<Edge> = {}) => {
    if (!visible.has(source) || !visible.has(target)) return;
    const targetPod = aggregate ? objects.get(target) : undefined;
    if (targetPod?.kind === 'Pod') {
      const box = machineId(podParents.get(target) ?? UNSCHEDULED);
      const id = `${kind}:${source}>${box}`;
      const b = bundles.get(id);
      if (b) b.count++;
      else bundles.set(id, { id, source, target: box, className: `edge-${kind}`, count: 1 });
      return;
    }
    const pulse = pulsing.has(source) && pulsing.has(target) ? ' pulse' : '';
    edges.push({
      id: `${kind}:${source}>${target}`,
      source,
      target,
      className: `edge-${kind}${pulse}`,
      ...extra,
    });
  };
  for (const o of [...rowObjects, ...pods]) if (o.ownerUid) add(o.ownerUid, o.uid, 'owner');

  const byNsName = new Map<string, ObjectView>();
  for (const o of rowObjects) byNsName.set(`${o.kind}/${o.namespace}/${o.name}`, o);
  const services = rowObjects.filter((o) => o.kind === 'Service');
  for (const svc of services) {
    for (const p of pods) {
      // Services send traffic to ready pods only: unready or terminating pods get no edge.
      if (p.namespace === svc.namespace && p.podReady && !p.terminating && selects(svc.selector, p.labels)) {
        add(svc.uid, p.uid, 'service');
      }
    }
  }
  for (const ing of rowObjects) {
    if (ing.kind !== 'Ingress') continue;
    for (const name of ing.backends ?? []) {
      const svc = byNsName.get(`Service/${ing.namespace}/${name}`);
      if (svc) add(ing.uid, svc.uid, 'ingress');
    }
  }
  addOpenShiftEdges(rowObjects, add);
  for (const p of pods) {
    for (const ref of p.uses ?? []) {
      // Every pod mounts kube-root-ca.crt (the service account token volume): an edge to each is noise.
      if (ref.kind === 'ConfigMap' && ref.name === 'kube-root-ca.crt') continue;
      const src = byNsName.get(`${ref.kind}/${p.namespace}/${ref.name}`);
      if (src) add(src.uid, p.uid, 'uses');
    }
  }
  for (const { count, ...edge } of bundles.values()) edges.push({ ...edge, type: 'bundle', data: { count } });
  const podMachine = inline
    ? new Map(pods.map((p) => [p.uid, machineId(podParents.get(p.uid) ?? UNSCHEDULED)]))
    : undefined;
  edges.push(...trafficEdges(objects, visible, traffic, podMachine));
  return { nodes, edges, visible, ...(podMachine ? { podMachine } : {}) };
}

/**
 * Edges for the requests seen in the traffic window, between drawn objects. Separate from the rest of
 * the graph because traffic changes every simulated second while requests flow: the page redraws these
 * few edges without rebuilding a thousand pod nodes.
 */
export function trafficEdges(
  objects: ReadonlyMap<string, ObjectView>,
  visible: ReadonlySet<string>,
  traffic: readonly TrafficEdge[],
  /** When pods are drawn inside machines: a pod's end of an edge is its machine (rates summed). */
  podMachine?: ReadonlyMap<string, string>,
): Edge[] {
  const edges: Edge[] = [];
  const merged = new Map<string, Edge & { data: { rps: number; errors: number; count: number } }>();
  for (const t of traffic) {
    if (!t.fromUid || !visible.has(t.fromUid) || !visible.has(t.toUid)) continue;
    // kube-proxy sends only to ready endpoints: a pod that left its Service's endpoints loses the
    // Service's traffic edge with its Service edge, not when the traffic window has run out.
    const to = objects.get(t.toUid);
    if (objects.get(t.fromUid)?.kind === 'Service' && to?.kind === 'Pod' && (!to.podReady || to.terminating))
      continue;
    const source = podMachine?.get(t.fromUid) ?? t.fromUid;
    const target = podMachine?.get(t.toUid) ?? t.toUid;
    const id = `traffic:${source}>${target}`;
    const have = merged.get(id);
    if (have) {
      have.data = {
        rps: have.data.rps + t.rps,
        errors: have.data.errors + t.errors,
        count: have.data.count + t.count,
      };
      continue;
    }
    const edge = {
      id,
      source,
      target,
      className: 'edge-traffic',
      type: 'traffic',
      data: { rps: t.rps, errors: t.errors, count: t.count },
    };
    merged.set(id, edge);
    edges.push(edge);
  }
  return edges;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By namespace, then name (no concatenated key per comparison: a thousand pods sort on every rebuild). */
function byNamespaceAndName(a: ObjectView, b: ObjectView): number {
  return a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace);
}
