/**
 * Traffic edges for the graph from the network's request log (ctx.services 'network'): per-edge counters
 * (caller -> Service -> pod) seen in the last few seconds of virtual time, as caller -> Service and
 * Service -> pod edges (caller -> pod when no Service was involved). Returns undefined when nothing
 * changed since the last call, so quiet frames send nothing.
 */
import type { Cluster } from '../engine/cluster';
import type { TrafficEdge } from '../protocol/views';

/** How long (virtual ms) an edge stays drawn after its last request. */
export const TRAFFIC_WINDOW_MS = 5000;

interface EdgeCounter {
  from: string | null;
  service?: string;
  to?: string;
  count: number;
  lastAtMs: number;
}

interface NetworkService {
  log?: { edges(): EdgeCounter[] };
}

export class TrafficTracker {
  private lastKey = '';

  /** The current edges, or undefined when they are the same as last time (unless `force`). */
  collect(cluster: Cluster, force = false): TrafficEdge[] | undefined {
    const network = cluster.ctx.services.get('network') as NetworkService | undefined;
    if (!network?.log || typeof network.log.edges !== 'function') return force ? [] : undefined;
    const since = cluster.clock.now() - TRAFFIC_WINDOW_MS;
    const store = cluster.api.store;
    const uidOf = (resource: string, key: string | null | undefined) => {
      if (!key) return undefined;
      const i = key.indexOf('/');
      return store.get(resource, key.slice(0, i), key.slice(i + 1))?.metadata.uid;
    };
    const edges = new Map<string, TrafficEdge>();
    const add = (fromUid: string | undefined, toUid: string | undefined, e: EdgeCounter) => {
      if (!fromUid || !toUid) return;
      const k = `${fromUid}>${toUid}`;
      const have = edges.get(k);
      if (have) {
        have.count += e.count;
        have.lastMs = Math.max(have.lastMs, e.lastAtMs);
      } else edges.set(k, { fromUid, toUid, count: e.count, lastMs: e.lastAtMs });
    };
    for (const e of network.log.edges()) {
      if (e.lastAtMs < since) continue;
      const from = uidOf('pods', e.from);
      const svc = uidOf('services', e.service);
      const to = uidOf('pods', e.to);
      if (svc) {
        add(from, svc, e);
        add(svc, to, e);
      } else add(from, to, e);
    }
    const list = [...edges.values()].sort((a, b) => (a.fromUid + a.toUid < b.fromUid + b.toUid ? -1 : 1));
    const key = JSON.stringify(list);
    if (!force && key === this.lastKey) return undefined;
    this.lastKey = key;
    return list;
  }
}
