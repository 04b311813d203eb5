/**
 * The upstream cluster of one destination (host + subset), as Envoy keeps it: endpoints filtered by the
 * subset's labels, the load balancer (ROUND_ROBIN, RANDOM, LEAST_REQUEST), connection-pool limits
 * (overflow -> 503 UO) and outlier detection (consecutive 5xx eject a pod for baseEjectionTime x times
 * ejected, at most maxEjectionPercent of the cluster).
 */
import type { StoredObject } from '../api/types';
import type { Rng } from '../sim/rng';

export interface TrafficPolicy {
  loadBalancer?: { simple?: string };
  connectionPool?: {
    tcp?: { maxConnections?: number };
    http?: { http1MaxPendingRequests?: number; http2MaxRequests?: number; maxRequestsPerConnection?: number };
  };
  outlierDetection?: {
    consecutive5xxErrors?: number;
    consecutiveGatewayErrors?: number;
    baseEjectionTime?: string;
    maxEjectionPercent?: number;
  };
  tls?: { mode?: string };
}

/** `30s`, `1m`, `500ms`, `1.5s` in ms. */
export function durationMs(d: string | undefined, fallback: number): number {
  if (!d) return fallback;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d.trim());
  if (!m) return fallback;
  const n = Number(m[1]);
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']);
}

/** The subset's policy overrides the rule's, field by field at the top level (as istiod merges them). */
export function mergePolicy(
  base: TrafficPolicy | undefined,
  subset: TrafficPolicy | undefined,
): TrafficPolicy {
  return { ...(base ?? {}), ...(subset ?? {}) };
}

interface HostHealth {
  consecutive5xx: number;
  consecutiveGateway: number;
  ejections: number;
  ejectedUntilMs: number;
}

/** Per-cluster state: round-robin cursor, active request ends (for limits), per-pod health and load. */
class ClusterState {
  cursor = 0;
  activeEnds: number[] = [];
  readonly health = new Map<string, HostHealth>();
  /** Per pod, when each of its requests in flight ends: LEAST_REQUEST's "active requests". */
  readonly inFlight = new Map<string, number[]>();

  active(pod: string, nowMs: number): number {
    const ends = this.inFlight.get(pod);
    if (!ends) return 0;
    const live = ends.filter((end) => end > nowMs);
    if (live.length === 0) this.inFlight.delete(pod);
    else if (live.length !== ends.length) this.inFlight.set(pod, live);
    return live.length;
  }
}

export type Endpoint = [pod: StoredObject, port: number];

export class Upstreams {
  private readonly clusters = new Map<string, ClusterState>();

  constructor(private readonly rng: Rng) {}

  private state(key: string): ClusterState {
    let s = this.clusters.get(key);
    if (!s) {
      s = new ClusterState();
      this.clusters.set(key, s);
    }
    return s;
  }

  /** Pods currently ejected from a cluster (for `istioctl x describe` and tests). */
  ejected(key: string, nowMs: number): string[] {
    const s = this.clusters.get(key);
    if (!s) return [];
    return [...s.health.entries()].filter(([, h]) => h.ejectedUntilMs > nowMs).map(([k]) => k);
  }

  /** Whether the pool is full at `nowMs` (requests in flight beyond the configured limits). */
  overflow(key: string, policy: TrafficPolicy, nowMs: number): boolean {
    const pool = policy.connectionPool;
    if (!pool) return false;
    const s = this.state(key);
    s.activeEnds = s.activeEnds.filter((end) => end > nowMs);
    const conns = pool.tcp?.maxConnections ?? Number.POSITIVE_INFINITY;
    const pending = pool.http?.http1MaxPendingRequests ?? Number.POSITIVE_INFINITY;
    const maxRequests = pool.http?.http2MaxRequests ?? Number.POSITIVE_INFINITY;
    const limit = Math.min(conns + pending, maxRequests);
    return s.activeEnds.length >= limit;
  }

  /** Pick an endpoint among the healthy ones; undefined when none is left. */
  pick(key: string, endpoints: Endpoint[], policy: TrafficPolicy, nowMs: number): Endpoint | undefined {
    const s = this.state(key);
    let healthy =
      s.health.size === 0
        ? endpoints
        : endpoints.filter(([p]) => (s.health.get(podKey(p))?.ejectedUntilMs ?? 0) <= nowMs);
    // Envoy's panic threshold: with every host ejected it balances over all of them again.
    if (healthy.length === 0) healthy = endpoints;
    if (healthy.length === 0) return undefined;
    const lb = policy.loadBalancer?.simple ?? 'LEAST_REQUEST';
    if (lb === 'ROUND_ROBIN') return healthy[s.cursor++ % healthy.length];
    if (lb === 'RANDOM' || healthy.length === 1) return this.rng.pick(healthy);
    // LEAST_REQUEST: of two random choices, the one with fewer requests in flight (Envoy's power of two
    // choices): equal pods share evenly, a pod that answers slowly (or hangs) gets fewer.
    const a = this.rng.pick(healthy);
    const b = this.rng.pick(healthy);
    return s.active(podKey(a[0]), nowMs) <= s.active(podKey(b[0]), nowMs) ? a : b;
  }

  /** Account for one finished attempt: load, in-flight time, outlier detection. */
  observe(
    key: string,
    pod: StoredObject,
    status: number | 'failed',
    latencyMs: number,
    policy: TrafficPolicy,
    nowMs: number,
    clusterSize: number,
  ): void {
    const s = this.state(key);
    const k = podKey(pod);
    s.active(k, nowMs);
    const ends = s.inFlight.get(k);
    if (ends) ends.push(nowMs + Math.max(1, latencyMs));
    else s.inFlight.set(k, [nowMs + Math.max(1, latencyMs)]);
    if (policy.connectionPool) s.activeEnds.push(nowMs + Math.max(1, latencyMs));
    const od = policy.outlierDetection;
    if (!od) return;
    let h = s.health.get(k);
    if (!h) {
      h = { consecutive5xx: 0, consecutiveGateway: 0, ejections: 0, ejectedUntilMs: 0 };
      s.health.set(k, h);
    }
    const is5xx = status === 'failed' || status >= 500;
    const isGateway = status === 'failed' || status === 502 || status === 503 || status === 504;
    h.consecutive5xx = is5xx ? h.consecutive5xx + 1 : 0;
    h.consecutiveGateway = isGateway ? h.consecutiveGateway + 1 : 0;
    const limit5xx = od.consecutive5xxErrors ?? 5;
    const limitGw = od.consecutiveGatewayErrors;
    const tripped =
      (limit5xx > 0 && h.consecutive5xx >= limit5xx) ||
      (limitGw !== undefined && limitGw > 0 && h.consecutiveGateway >= limitGw);
    if (!tripped || h.ejectedUntilMs > nowMs) return;
    const ejectedNow = [...s.health.values()].filter((x) => x.ejectedUntilMs > nowMs).length;
    const maxPercent = od.maxEjectionPercent ?? 10;
    // Envoy ejects while the ejected share is below the maximum (so one host of three at 10%).
    if (clusterSize === 0 || (ejectedNow / clusterSize) * 100 >= maxPercent) return;
    h.ejections++;
    h.ejectedUntilMs = nowMs + durationMs(od.baseEjectionTime, 30_000) * h.ejections;
    h.consecutive5xx = 0;
    h.consecutiveGateway = 0;
  }
}

export function podKey(p: StoredObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}
