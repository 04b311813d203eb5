/**
 * The mesh graph as drawn: the worker's nodes and edges filtered by namespace, versioned workloads of one
 * app grouped in an app box (Kiali's versioned-app graph), and the wording shared by the graph, its
 * accessible names and the table alternative. Pure functions; React Flow objects are built in MeshView.
 */
import type { MeshEdgeView, MeshNodeView, MeshState } from '../../protocol/messages';

export interface AppGroup {
  /** `app:ns/app` */
  id: string;
  namespace: string;
  app: string;
  /** Member node ids, by version. */
  members: string[];
}

export interface MeshGraph {
  nodes: MeshNodeView[];
  edges: MeshEdgeView[];
  groups: AppGroup[];
  /** node id -> its group id */
  groupOf: Map<string, string>;
}

/** What the namespace filter keeps: edges touching the namespace, their ends, and its own nodes. */
export function meshGraph(state: MeshState | undefined, namespace: string): MeshGraph {
  if (!state) return { nodes: [], edges: [], groups: [], groupOf: new Map() };
  const byId = new Map(state.nodes.map((n) => [n.id, n]));
  const inNs = (id: string) => !namespace || byId.get(id)?.namespace === namespace;
  const edges = state.edges.filter(
    (e) => byId.has(e.source) && byId.has(e.target) && (inNs(e.source) || inNs(e.target)),
  );
  const keep = new Set<string>();
  for (const e of edges) {
    keep.add(e.source);
    keep.add(e.target);
  }
  const nodes = state.nodes.filter((n) => keep.has(n.id) || inNs(n.id));
  const apps = new Map<string, MeshNodeView[]>();
  for (const n of nodes) {
    if (n.kind !== 'workload' || !n.app || !n.version) continue;
    const key = `app:${n.namespace}/${n.app}`;
    apps.set(key, [...(apps.get(key) ?? []), n]);
  }
  const groups: AppGroup[] = [];
  const groupOf = new Map<string, string>();
  for (const [id, members] of apps) {
    // One version alone needs no box.
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => compareVersions(a.version!, b.version!));
    groups.push({
      id,
      namespace: sorted[0].namespace,
      app: sorted[0].app!,
      members: sorted.map((m) => m.id),
    });
    for (const m of sorted) groupOf.set(m.id, id);
  }
  groups.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { nodes, edges, groups, groupOf };
}

/** v1 < v2 < v10 (numeric parts compared as numbers). */
function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** `12.3`, `0.4`, `120`: one decimal below 100 rps. */
export function formatRps(rps: number): string {
  return rps >= 100 ? String(Math.round(rps)) : String(Math.round(rps * 10) / 10);
}

/** `0%`, `2.5%`, `100%` */
export function formatPercent(p: number): string {
  return `${p >= 10 ? Math.round(p) : Math.round(p * 10) / 10}%`;
}

/** `8 ms`, `1.6 ms`, `1250 ms` */
export function formatMs(ms: number): string {
  return `${ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10} ms`;
}

/** The edge label: `12.3 rps · 0% · 8 ms` (rate, errors, p95). */
export function edgeLabel(e: MeshEdgeView): string {
  return `${formatRps(e.rps)} rps · ${formatPercent(e.errorPercent)} · ${formatMs(e.p95)}`;
}

/** What a node is called on screen: `reviews-v2` (the version shown apart when grouped), `unknown`. */
export function displayName(n: MeshNodeView): string {
  return n.name;
}

/** How an edge's errors look: none, some (warn), many (error: at least 10%). */
export function errorTone(errorPercent: number): 'ok' | 'warn' | 'error' {
  return errorPercent >= 10 ? 'error' : errorPercent > 0 ? 'warn' : 'ok';
}

/** Moving dots on an edge: more for more traffic (1 at a trickle, 8 from ~100 rps), none when idle. */
export function dotCount(rps: number): number {
  if (rps <= 0) return 0;
  return Math.max(1, Math.min(8, Math.round(1 + Math.log2(1 + rps) * 1.05)));
}

/** How many of `dots` are red: the error share, at least one when there are any errors. */
export function redDots(dots: number, errorPercent: number): number {
  if (errorPercent <= 0 || dots === 0) return 0;
  return Math.max(1, Math.round((dots * errorPercent) / 100));
}

/** Stroke width for an edge: thicker with more traffic (also what reduced motion leaves to show rate). */
export function edgeWidth(rps: number): number {
  return Math.round((1.5 + Math.min(4, Math.log10(1 + rps) * 2)) * 10) / 10;
}
