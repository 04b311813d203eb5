/**
 * Traffic for the graph, from the network's request log and the traffic model (ctx.services 'network' and
 * 'traffic'):
 *  - edges: per (caller -> Service -> pod) counter of the log, as caller -> Service and Service -> pod
 *    edges (caller -> pod when no Service was involved), each with its requests, rate and errors over the
 *    last TRAFFIC_WINDOW_MS of virtual time;
 *  - per-Service stats (rate, error share, p95 latency) over the traffic model's window, for the badge on
 *    the Service node.
 * Both are recomputed once per virtual second (rates change no faster) and sent only when they changed,
 * so quiet frames send nothing.
 */
import type { Cluster } from '../engine/cluster';
import type { WindowStats } from '../engine/traffic/stats';
import type { ServiceTraffic, TrafficEdge } from '../protocol/views';

/** The window (virtual ms) edge rates are measured over; an edge is drawn while it had requests in it. */
export const TRAFFIC_WINDOW_MS = 5000;
/** The window of the Service badge's stats (the same as `lab traffic status`). */
export const SERVICE_STATS_WINDOW_MS = 10_000;

/**
 * An edge whose last request is older than this (virtual ms) is no longer drawn, even with requests left
 * in the window: a pod kube-proxy stopped sending to (it went unready) loses its edge within ~2 s.
 */
export const TRAFFIC_IDLE_MS = 2000;

const WINDOW_SECONDS = TRAFFIC_WINDOW_MS / 1000;

interface EdgeCounter {
  from: string | null;
  service?: string;
  to?: string;
  count: number;
  errors?: number;
  lastAtMs: number;
}

interface NetworkService {
  log?: { edges(): EdgeCounter[] };
}

interface TrafficStatsSource {
  services(): string[];
  stats(service: string, windowMs?: number): WindowStats;
}

/** A log counter's cumulative totals at the last sample, and its per-second increments since. */
interface EdgeHistory {
  count: number;
  errors: number;
  lastAtMs: number;
  /** [virtual second, requests, errors] increments, oldest first, within the window. */
  steps: [number, number, number][];
}

export interface TrafficUpdate {
  /** Set when the edges changed (or on `force`). */
  edges?: TrafficEdge[];
  /** Set when the Service stats changed (or on `force`). */
  services?: ServiceTraffic[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export class TrafficTracker {
  private readonly history = new Map<string, EdgeHistory>();
  /** The virtual second of the last sample; -1 before the first. */
  private sampledSec = -1;
  private edges: TrafficEdge[] = [];
  private services: ServiceTraffic[] = [];
  private edgesKey = '[]';
  private servicesKey = '[]';

  /**
   * What changed since the last call (undefined when nothing did); `force` returns both lists (the
   * snapshot). The first call only takes the log's totals as its baseline, so a restored session does not
   * draw everything it ever carried as one burst.
   */
  collect(cluster: Cluster, force = false): TrafficUpdate | undefined {
    const sec = Math.floor(cluster.clock.now() / 1000);
    let edgesChanged = false;
    let servicesChanged = false;
    if (sec !== this.sampledSec) {
      const first = this.sampledSec < 0;
      this.sampledSec = sec;
      this.sample(cluster, sec, first);
      const edges = this.buildEdges(cluster, sec);
      const edgesKey = JSON.stringify(edges);
      if (edgesKey !== this.edgesKey) {
        this.edges = edges;
        this.edgesKey = edgesKey;
        edgesChanged = true;
      }
      const services = serviceStats(cluster);
      const servicesKey = JSON.stringify(services);
      if (servicesKey !== this.servicesKey) {
        this.services = services;
        this.servicesKey = servicesKey;
        servicesChanged = true;
      }
    }
    if (force) return { edges: this.edges, services: this.services };
    if (!edgesChanged && !servicesChanged) return undefined;
    return {
      ...(edgesChanged ? { edges: this.edges } : {}),
      ...(servicesChanged ? { services: this.services } : {}),
    };
  }

  /** Take the log's cumulative counters and record what each grew by since the last sample. */
  private sample(cluster: Cluster, sec: number, baseline: boolean): void {
    const network = cluster.ctx.services.get('network') as NetworkService | undefined;
    const counters = network?.log && typeof network.log.edges === 'function' ? network.log.edges() : [];
    const seen = new Set<string>();
    for (const e of counters) {
      const key = `${e.from ?? ''}>${e.service ?? ''}>${e.to ?? ''}`;
      seen.add(key);
      const errors = e.errors ?? 0;
      const h = this.history.get(key);
      if (!h) {
        // A counter the log created since the last sample (or one it evicted and re-created) starts at 0.
        const steps: [number, number, number][] = baseline || e.count === 0 ? [] : [[sec, e.count, errors]];
        this.history.set(key, { count: e.count, errors, lastAtMs: e.lastAtMs, steps });
        continue;
      }
      const dn = e.count - h.count;
      if (dn > 0) h.steps.push([sec, dn, Math.max(0, errors - h.errors)]);
      h.count = e.count;
      h.errors = errors;
      h.lastAtMs = e.lastAtMs;
      while (h.steps.length && h.steps[0][0] <= sec - WINDOW_SECONDS) h.steps.shift();
    }
    // Counters the log dropped (it keeps the most recent few thousand) are forgotten here too.
    for (const key of this.history.keys()) if (!seen.has(key)) this.history.delete(key);
  }

  private buildEdges(cluster: Cluster, sec: number): TrafficEdge[] {
    const store = cluster.api.store;
    // Every Service -> pod counter names the same Service: look each name up once per build.
    const uids = new Map<string, string | undefined>();
    const uidOf = (resource: string, key: string | undefined) => {
      if (!key) return undefined;
      const k = `${resource}:${key}`;
      if (uids.has(k)) return uids.get(k);
      const i = key.indexOf('/');
      const uid = store.get(resource, key.slice(0, i), key.slice(i + 1))?.metadata.uid;
      uids.set(k, uid);
      return uid;
    };
    const edges = new Map<string, TrafficEdge>();
    const add = (
      fromUid: string | undefined,
      toUid: string | undefined,
      n: number,
      err: number,
      at: number,
    ) => {
      if (fromUid === undefined || !toUid) return;
      const k = `${fromUid}>${toUid}`;
      const have = edges.get(k);
      if (have) {
        have.count += n;
        have.errors += err;
        have.lastMs = Math.max(have.lastMs, at);
      } else edges.set(k, { fromUid, toUid, count: n, rps: 0, errors: err, lastMs: at });
    };
    for (const [key, h] of this.history) {
      let n = 0;
      let err = 0;
      for (const [s, dn, de] of h.steps) {
        if (s <= sec - WINDOW_SECONDS) continue;
        n += dn;
        err += de;
      }
      if (n === 0 || h.lastAtMs < sec * 1000 - TRAFFIC_IDLE_MS) continue;
      const [from, service, to] = key.split('>');
      const fromUid = from ? uidOf('pods', from) : '';
      const svc = uidOf('services', service);
      const pod = uidOf('pods', to);
      if (from && !fromUid) continue;
      if (svc) {
        // Requests from outside the cluster (load generators) have no caller node: only Service -> pod.
        if (fromUid) add(fromUid, svc, n, err, h.lastAtMs);
        add(svc, pod, n, err, h.lastAtMs);
      } else if (fromUid) add(fromUid, pod, n, err, h.lastAtMs);
    }
    const list = [...edges.values()];
    for (const e of list) e.rps = round1(e.count / WINDOW_SECONDS);
    return list.sort((a, b) => (a.fromUid + a.toUid < b.fromUid + b.toUid ? -1 : 1));
  }
}

/** Stats of every Service that had requests in the badge's window, by Service uid. */
function serviceStats(cluster: Cluster): ServiceTraffic[] {
  const traffic = cluster.ctx.services.get('traffic') as TrafficStatsSource | undefined;
  if (!traffic || typeof traffic.services !== 'function') return [];
  const out: ServiceTraffic[] = [];
  for (const key of traffic.services()) {
    const s = traffic.stats(key, SERVICE_STATS_WINDOW_MS);
    if (s.requests === 0) continue;
    const i = key.indexOf('/');
    const uid = cluster.api.store.get('services', key.slice(0, i), key.slice(i + 1))?.metadata.uid;
    if (!uid) continue;
    out.push({
      uid,
      rps: round1(s.rps),
      errorRate: Math.round(s.errorRate * 1000) / 1000,
      p95Ms: s.p95,
    });
  }
  return out.sort((a, b) => (a.uid < b.uid ? -1 : 1));
}
